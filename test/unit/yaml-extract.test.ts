// YAML extractors: scalar source maps, shell-like splitting, interpolation, compose, Kubernetes,
// Helm and vLLM config files, and totality on the real-world corpus.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isScalar, visit } from 'yaml';
import type { Scalar } from 'yaml';
import { mapResultThroughWord, wordSubSpan } from '../../src/core/text';
import type { ExtractContext, ExtractResult, FileKind, Invocation, Word } from '../../src/core/types';
import { interpolate, parseYaml, scalarToWord, soleUnknownMark } from '../../src/core/extract/yamlWords';
import { splitShellWords } from '../../src/core/extract/shellwords';
import { extractCompose } from '../../src/core/extract/compose';
import { extractKubernetes } from '../../src/core/extract/kubernetes';
import { extractHelmTemplate, extractHelmValues, isHelmTemplate } from '../../src/core/extract/helm';
import { extractVllmConfig, looksLikeVllmConfig } from '../../src/core/extract/vllmConfig';
import { extractShellScript } from '../../src/core/extract/shell';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures/yaml');
const CORPUS = [join(ROOT, '../shared/corpus'), '/work/shared/corpus'].find((p) => existsSync(p));

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Stub shell extractor: a script that mentions vllm gives one invocation whose single argument is the script word. */
const stubCtx: ExtractContext = {
  fileName: 'test.yaml',
  async extractShellWord(word: Word, fileKind: FileKind): Promise<ExtractResult> {
    if (!/vllm/.test(word.text)) return { invocations: [], issues: [] };
    return { invocations: [{ engine: 'vllm', form: 'vllm-serve', fileKind, args: [word], span: word.span }], issues: [] };
  },
};

/** The real shell extractor, mapped back through the word. */
const realCtx: ExtractContext = {
  fileName: 'test.yaml',
  async extractShellWord(word: Word, fileKind: FileKind): Promise<ExtractResult> {
    return mapResultThroughWord(await extractShellScript(word.text, fileKind), word);
  },
};

/** All scalars of the first document, in source order. */
function scalars(text: string): Scalar[] {
  const out: Scalar[] = [];
  const parsed = parseYaml(text);
  for (const d of parsed.docs) {
    visit(d.doc, {
      Scalar(_k, node) {
        out.push(node);
      },
    });
  }
  return out;
}

/** The scalar that is the value of `key` (first match). */
function valueScalar(text: string, key: string): Scalar {
  const parsed = parseYaml(text);
  let found: Scalar | undefined;
  for (const d of parsed.docs) {
    visit(d.doc, {
      Pair(_k, pair) {
        if (!found && isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) found = pair.value;
      },
    });
  }
  assert.ok(found, `no scalar value for ${key}`);
  return found;
}

/**
 * Every character of the word maps to a source character that is the same character, or (for
 * characters made by folding/escapes) to a line break / backslash / quote; offsets never decrease.
 */
function assertSourceMap(text: string, w: Word): void {
  assert.equal(w.offsets.length, w.text.length + 1, 'offsets length');
  for (let i = 0; i < w.text.length; i++) {
    const o = w.offsets[i] as number;
    const src = text[o];
    const ch = w.text[i];
    if (i > 0) assert.ok(o >= (w.offsets[i - 1] as number), `offsets decrease at ${i}`);
    if (src === ch) continue;
    assert.ok(src === '\n' || src === '\r' || src === '\\' || src === "'" || src === undefined, `char ${i} ${JSON.stringify(ch)} maps to ${JSON.stringify(src)}`);
  }
}

function argTexts(inv: Invocation): string[] {
  return inv.args.map((a) => a.text);
}

function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

// ---------------------------------------------------------------------------------------------

describe('scalarToWord', () => {
  test('plain single line', () => {
    const text = 'k: --max-model-len\n';
    const w = scalarToWord(valueScalar(text, 'k'), text);
    assert.equal(w.text, '--max-model-len');
    assert.deepEqual(w.span, { start: 3, end: 18 });
    assert.equal(slice(text, wordSubSpan(w, 2, 5)), 'max');
    assertSourceMap(text, w);
  });

  test('multi-line plain: a line break folds to a space, a blank line to \\n', () => {
    const text = 'k: vllm serve\n  --port 8000   \n\n  --host x\n';
    const w = scalarToWord(valueScalar(text, 'k'), text);
    assert.equal(w.text, 'vllm serve --port 8000\n--host x');
    assertSourceMap(text, w);
    const space = w.text.indexOf(' --port');
    assert.equal(text[w.offsets[space] as number], '\n', 'folded space points at the line break');
    assert.equal(slice(text, wordSubSpan(w, w.text.indexOf('8000'), w.text.indexOf('8000') + 4)), '8000');
    assert.equal(slice(text, wordSubSpan(w, w.text.indexOf('--host'), w.text.length)), '--host x');
  });

  test("single-quoted with '' and folding", () => {
    const text = "k: 'it''s {\"a\": 1,\n   \"b\": 2}'\n";
    const w = scalarToWord(valueScalar(text, 'k'), text);
    assert.equal(w.text, 'it\'s {"a": 1, "b": 2}');
    assert.deepEqual(w.span, { start: 3, end: text.indexOf("}'") + 2 });
    assertSourceMap(text, w);
    const b = w.text.indexOf('"b"');
    assert.equal(slice(text, wordSubSpan(w, b, b + 3)), '"b"');
  });

  test('double-quoted with escapes, an escaped line break and folding', () => {
    const text = 'k: "a\\tb \\"q\\" \\u00e9\\x41 c\\\n    d\n  e"\n';
    const w = scalarToWord(valueScalar(text, 'k'), text);
    assert.equal(w.text, 'a\tb "q" éA cd e');
    assertSourceMap(text, w);
    // The escape \t maps to its backslash.
    assert.equal(text.slice(w.offsets[1] as number, (w.offsets[1] as number) + 2), '\\t');
    // é comes from \u00e9.
    const e = w.text.indexOf('é');
    assert.equal(text.slice(w.offsets[e] as number, (w.offsets[e] as number) + 6), '\\u00e9');
    // An escape maps to its backslash: `"q"` starts at the backslash of `\"`.
    const q = w.text.indexOf('"q"');
    assert.equal(text.slice(w.offsets[q] as number, (w.offsets[q] as number) + 4), '\\"q\\');
    // "cd": the escaped line break joins without a space; "d e": folding.
    assert.equal(text[w.offsets[w.text.indexOf('d')] as number], 'd');
    assert.equal(text[w.offsets[w.text.lastIndexOf(' ')] as number], '\n');
  });

  test('literal block | keeps line breaks, clip chomping adds one', () => {
    const text = 'cmd: |\n  vllm serve m \\\n    --port 8000\n\n  echo done\n\n';
    const w = scalarToWord(valueScalar(text, 'cmd'), text);
    assert.equal(w.text, 'vllm serve m \\\n  --port 8000\n\necho done\n');
    assertSourceMap(text, w);
    for (const needle of ['vllm serve m', '--port 8000', 'echo done']) {
      const i = w.text.indexOf(needle);
      assert.equal(slice(text, wordSubSpan(w, i, i + needle.length)), needle);
    }
    // More-indented text keeps its extra indentation from the source.
    const indented = w.text.indexOf('  --port');
    assert.equal(slice(text, wordSubSpan(w, indented, indented + 8)), '  --port');
    assert.equal(slice(text, w.span), '|\n  vllm serve m \\\n    --port 8000\n\n  echo done');
  });

  test('literal block chomping: |- strips, |+ keeps', () => {
    const strip = 'a: |-\n  x\n  y\n\n';
    const keep = 'a: |+\n  x\n  y\n\n';
    assert.equal(scalarToWord(valueScalar(strip, 'a'), strip).text, 'x\ny');
    const k = scalarToWord(valueScalar(keep, 'a'), keep);
    assert.equal(k.text, 'x\ny\n\n');
    assertSourceMap(keep, k);
  });

  test('indentation indicator |2', () => {
    const text = 'a: |2\n    x\n  y\n';
    const w = scalarToWord(valueScalar(text, 'a'), text);
    assert.equal(w.text, '  x\ny\n');
    assertSourceMap(text, w);
    assert.equal(slice(text, wordSubSpan(w, 0, 3)), '  x');
  });

  test('folded block > : single breaks fold to spaces, blank lines and more-indented lines keep \\n', () => {
    const text = 'command: >\n  --model m\n  --port 8000\n\n  --x\n    more\n  --y\n';
    const w = scalarToWord(valueScalar(text, 'command'), text);
    assert.equal(w.text, '--model m --port 8000\n--x\n  more\n--y\n');
    assertSourceMap(text, w);
    const sp = w.text.indexOf(' --port');
    assert.equal(text[w.offsets[sp] as number], '\n');
    for (const needle of ['--model m', '--port 8000', '  more', '--y']) {
      const i = w.text.indexOf(needle);
      assert.equal(slice(text, wordSubSpan(w, i, i + needle.length)), needle);
    }
  });

  test('folded >- and CRLF', () => {
    const text = 'c: >-\r\n  --a 1\r\n  --b 2\r\n';
    const w = scalarToWord(valueScalar(text, 'c'), text);
    assert.equal(w.text, '--a 1 --b 2');
    assertSourceMap(text, w);
    assert.equal(text[w.offsets[5] as number], '\r');
    assert.equal(slice(text, wordSubSpan(w, 6, 11)), '--b 2');
  });

  test('every scalar of the fixtures decodes to the value yaml computes', () => {
    for (const f of readdirSync(FIXTURES)) {
      const text = fixture(f);
      for (const s of scalars(text)) {
        const w = scalarToWord(s, text);
        if (typeof s.source === 'string') assert.equal(w.text, s.source, `${f}: ${JSON.stringify(s.source)}`);
        assertSourceMap(text, w);
      }
    }
  });
});

describe('splitShellWords', () => {
  test('quotes, escapes and JSON in single quotes across lines', () => {
    const text = 'c: >\n  --a "x y" --b\\ c\n  --json \'{"k": 1,\n  "j": 2}\' --e=""\n';
    const w = scalarToWord(valueScalar(text, 'c'), text);
    const words = splitShellWords(w);
    assert.deepEqual(
      words.map((x) => x.text),
      ['--a', 'x y', '--b c', '--json', '{"k": 1, "j": 2}', '--e='],
    );
    const json = words[4] as Word;
    assert.equal(slice(text, json.span), '\'{"k": 1,\n  "j": 2}\'');
    assertSourceMap(text, json);
    assert.equal(slice(text, (words[1] as Word).span), '"x y"');
    assert.equal(slice(text, wordSubSpan(words[1] as Word, 0, 3)), 'x y');
    assert.equal(slice(text, (words[2] as Word).span), '--b\\ c');
  });

  test('backslash-newline is a continuation; empty quotes make an empty word', () => {
    const text = 'c: "vllm serve \\\\\\n  m \'\'"\n';
    const w = scalarToWord(valueScalar(text, 'c'), text);
    assert.equal(w.text, 'vllm serve \\\n  m \'\'');
    assert.deepEqual(splitShellWords(w).map((x) => x.text), ['vllm', 'serve', 'm', '']);
  });
});

describe('interpolation', () => {
  test('${GPU:-0.97}: literal default, offsets on the default text', () => {
    const text = 'v: "${GPU:-0.97}"\n';
    const r = interpolate(scalarToWord(valueScalar(text, 'v'), text), 'compose');
    assert.equal(r.word.text, '0.97');
    assert.equal(r.word.fromDefault, true);
    assert.equal(r.word.unknown, undefined);
    assert.equal(slice(text, wordSubSpan(r.word, 0, 4)), '0.97');
  });

  test('${VAR:?err}, ${VAR:+alt}, $VAR and ${VAR} are unknown; $$ is a literal $', () => {
    for (const v of ['${VAR:?need it}', '${VAR?x}', '${VAR:+--flag}', '$VAR', '${VAR}', 'a${B}c']) {
      const w = { text: v, span: { start: 0, end: v.length }, offsets: [...Array(v.length + 1).keys()] };
      const r = interpolate(w, 'compose');
      assert.equal(r.word.unknown, true, v);
      assert.equal(r.word.text, v, 'unknown text is kept as written');
    }
    const w = { text: 'a$$b', span: { start: 0, end: 4 }, offsets: [0, 1, 2, 3, 4] };
    const r = interpolate(w, 'compose');
    assert.equal(r.word.text, 'a$b');
    assert.deepEqual(r.word.offsets, [0, 1, 3, 4]);
  });

  test('nested defaults', () => {
    const mk = (v: string): Word => ({ text: v, span: { start: 0, end: v.length }, offsets: [...Array(v.length + 1).keys()] });
    const a = interpolate(mk('${A:-${B:-x}}'), 'compose');
    assert.equal(a.word.text, 'x');
    assert.equal(a.word.fromDefault, true);
    assert.equal(a.word.offsets[0], 10);
    const b = interpolate(mk('${A:-${B}/m}'), 'compose');
    assert.equal(b.word.unknown, true);
    assert.equal(b.word.text, '${A:-${B}/m}');
  });

  test('a whole-argument-list variable is a sole unknown', () => {
    const v = ' ${VLLM_ARGS} ';
    const r = interpolate({ text: v, span: { start: 0, end: v.length }, offsets: [...Array(v.length + 1).keys()] }, 'compose', { splitContext: true });
    assert.ok(soleUnknownMark(r));
  });
});

// ---------------------------------------------------------------------------------------------

describe('compose', () => {
  test('list command, anchors, <<: merge (map, alias, sequence of aliases) and x- fields', async () => {
    const text = fixture('compose-anchors.yml');
    const r = await extractCompose(text, stubCtx);
    assert.deepEqual(r.issues, []);
    const qwen = r.invocations[0] as Invocation;
    assert.equal(qwen.form, 'image-entrypoint');
    assert.equal(qwen.fileKind, 'compose');
    assert.equal(qwen.image?.name, 'vllm/vllm-openai');
    assert.equal(qwen.image?.tag, 'v0.9.2', 'image tag from ${VLLM_TAG:-v0.9.2}');
    assert.equal(slice(text, qwen.image?.tagSpan as { start: number; end: number }), 'v0.9.2');
    assert.deepEqual(argTexts(qwen), ['--gpu-memory-utilization', '0.97', '--max-model-len', '${MAX_LEN:?need a length}']);
    const gpu = qwen.args[1] as Word;
    assert.equal(gpu.fromDefault, true);
    assert.equal(slice(text, wordSubSpan(gpu, 0, gpu.text.length)), '0.97');
    assert.equal((qwen.args[3] as Word).unknown, true, '${VAR:?err} is unknown');
    assert.equal(slice(text, qwen.span).startsWith('- --gpu-memory-utilization'), true, 'span = the command node (through the alias)');
    assert.deepEqual(qwen.env?.map((e) => [e.name, e.value, e.unknown ?? false]), [
      ['HF_TOKEN', undefined, true],
      ['VLLM_LOGGING_LEVEL', 'INFO', false],
    ]);
    assert.equal(slice(text, qwen.env?.[1]?.valueSpan as { start: number; end: number }), 'INFO');
  });

  test('explicit keys win over merged ones; folded string command; list environment', async () => {
    const text = fixture('compose-anchors.yml');
    const r = await extractCompose(text, stubCtx);
    const llama = r.invocations[1] as Invocation;
    assert.equal(llama.image?.name, 'registry.example.com/vllm/vllm-openai-rocm');
    assert.equal(llama.image?.tag, 'v0.10.0');
    assert.deepEqual(argTexts(llama), [
      'meta-llama/Llama-3.1-8B-Instruct',
      '--tensor-parallel-size',
      '2',
      '--override-generation-config',
      // The second JSON line is more indented: a folded block keeps that line break (YAML semantics).
      '{"temperature": 0.6,\n  "top_p": 0.9}',
      '$HOME',
    ]);
    const json = llama.args[4] as Word;
    assert.equal(slice(text, json.span), '\'{"temperature": 0.6,\n        "top_p": 0.9}\'');
    assert.equal((llama.args[2] as Word).fromDefault, true);
    assert.equal(slice(text, (llama.args[2] as Word).span), '2');
    assert.equal((llama.args[5] as Word).unknown, undefined, '$$ is an escaped literal');
    assert.deepEqual(llama.env?.map((e) => [e.name, e.value, e.unknown ?? false]), [
      ['CUDA_VISIBLE_DEVICES', '0,1', false],
      ['HF_TOKEN', undefined, true],
    ]);
    assert.equal(slice(text, llama.env?.[0]?.nameSpan as { start: number; end: number }), 'CUDA_VISIBLE_DEVICES');
    assert.equal(slice(text, llama.env?.[0]?.valueSpan as { start: number; end: number }), '0,1');
  });

  test('a command repeating vllm serve / serve is flagged as redundantLauncher', async () => {
    const text = fixture('compose-anchors.yml');
    const r = await extractCompose(text, stubCtx);
    const [, , list, str] = r.invocations as Invocation[];
    assert.ok(list && str);
    assert.equal(slice(text, list.redundantLauncher as { start: number; end: number }), '"vllm", "serve"');
    assert.deepEqual(argTexts(list), ['Qwen/Qwen3-8B', '--port', '8000']);
    assert.equal(slice(text, str.redundantLauncher as { start: number; end: number }), 'serve');
    assert.deepEqual(argTexts(str), ['Qwen/Qwen3-8B', '--max-model-len', '4096']);
    assert.equal(r.invocations.length, 4, 'the nginx service gives nothing');
  });

  test('bash -c scripts, entrypoint + command joined, ${VLLM_ARGS} splat, build without image', async () => {
    const text = fixture('compose-shell.yml');
    const r = await extractCompose(text, stubCtx);
    assert.equal(r.invocations.length, 6);
    const [listScript, stringScript, inline, joined, splat, built] = r.invocations as Invocation[];
    // entrypoint ["/bin/bash", "-c"] + command: [|-block]: the block is the script.
    const script = listScript?.args[0] as Word;
    assert.ok(script.text.startsWith('pip install foo && \\\nvllm serve Qwen/Qwen3-8B'));
    assert.equal(listScript?.image?.tag, 'v0.9.2', 'the service image is attached');
    assert.equal(listScript?.fileKind, 'compose');
    const i = script.text.indexOf('vllm serve');
    assert.equal(slice(text, wordSubSpan(script, i, i + 10)), 'vllm serve');
    // entrypoint "/bin/sh -c" + string command: the whole string is the script.
    assert.equal(stringScript?.args[0]?.text, 'vllm serve Qwen/Qwen3-8B --port 8001');
    assert.equal(slice(text, (stringScript?.args[0] as Word).span), '"vllm serve Qwen/Qwen3-8B --port 8001"');
    // bash -c "…" inside one string.
    assert.equal(inline?.args[0]?.text, 'pip install vllm && vllm serve facebook/opt-125m');
    assert.equal(inline?.image?.name, 'python');
    // entrypoint [python3, -m] + command [module, args]
    assert.equal(joined?.form, 'api-server-module');
    assert.deepEqual(argTexts(joined as Invocation), ['--model', 'facebook/opt-125m']);
    assert.equal(slice(text, joined?.launcherSpan as { start: number; end: number }), '"python3", "-m"]\n    command: ["vllm.entrypoints.openai.api_server"');
    // command: ${VLLM_ARGS}
    assert.equal(splat?.args.length, 1);
    assert.equal(splat?.args[0]?.unknown, true);
    assert.equal(splat?.args[0]?.splat, true);
    assert.equal(splat?.incomplete, true);
    // build: . with vllm serve in the command.
    assert.equal(built?.form, 'vllm-serve');
    assert.equal(built?.image, undefined);
    assert.deepEqual(argTexts(built as Invocation), ['facebook/opt-125m', '--max-model-len', '2048']);
  });

  test('extra-args variables in a string command make the launch incomplete; compose v1 layout', async () => {
    const text = [
      'vllm:',
      '  image: vllm/vllm-openai:v0.8.0',
      '  command: >',
      '    --model ${MODEL}',
      '    --port 8000 ${VLLM_EXTRA_ARGS} --x=${Y:-1}',
      '',
    ].join('\n');
    const r = await extractCompose(text, stubCtx);
    assert.equal(r.invocations.length, 1);
    const inv = r.invocations[0] as Invocation;
    assert.deepEqual(argTexts(inv), ['--model', '${MODEL}', '--port', '8000', '${VLLM_EXTRA_ARGS}', '--x=1']);
    assert.equal(inv.args[1]?.unknown, true);
    assert.equal(inv.args[1]?.splat, undefined, 'a model variable is one word');
    assert.equal(inv.args[4]?.splat, true);
    assert.equal(inv.args[5]?.fromDefault, true);
    assert.equal(inv.incomplete, true);
  });

  test('bash -c with the real shell extractor', async () => {
    const text = fixture('compose-shell.yml');
    const r = await extractCompose(text, realCtx);
    const first = r.invocations[0] as Invocation;
    assert.equal(first.form, 'vllm-serve');
    assert.deepEqual(argTexts(first), ['Qwen/Qwen3-8B', '--gpu-memory-utilization', '0.9']);
    assert.equal(slice(text, (first.args[2] as Word).span), '0.9');
    assert.equal(first.image?.tag, 'v0.9.2');
  });

  test('broken YAML: one yaml-syntax issue, small span, other documents still extracted', async () => {
    const text = fixture('broken-compose.yml');
    const r = await extractCompose(text, stubCtx);
    assert.equal(r.issues.length, 1);
    const issue = r.issues[0];
    assert.equal(issue?.ruleId, 'yaml-syntax');
    assert.ok(issue && issue.span.end > issue.span.start && issue.span.end - issue.span.start <= 16);
    assert.ok(r.invocations.some((inv) => argTexts(inv).includes('--max-model-len')), 'second document extracted');
  });
});

describe('kubernetes', () => {
  test('multi-document: Deployment + Service + LeaderWorkerSet + CronJob; $(VAR) substitution', async () => {
    const text = fixture('k8s-multi.yaml');
    const r = await extractKubernetes(text, stubCtx);
    assert.deepEqual(r.issues, []);
    assert.equal(r.invocations.length, 4, 'busybox init container and the Service give nothing');
    const [dep, leader, worker, cron] = r.invocations as Invocation[];
    assert.ok(dep && leader && worker && cron);
    assert.equal(dep.form, 'image-entrypoint');
    assert.equal(dep.fileKind, 'kubernetes');
    assert.deepEqual(argTexts(dep), ['Qwen/Qwen3-8B', '--served-model-name=qwen-Qwen/Qwen3-8B', '--api-key=$(NOT_A_REF)', '--max-model-len', '$(MAX_LEN)']);
    // Substituted characters point at the $(VAR) reference.
    const model = dep.args[0] as Word;
    assert.equal(slice(text, wordSubSpan(model, 0, model.text.length)), '$(MODEL_ID)');
    const served = dep.args[1] as Word;
    assert.equal(slice(text, wordSubSpan(served, 20, served.text.length)), '$(SERVED)');
    assert.equal(served.unknown, undefined);
    assert.equal((dep.args[2] as Word).unknown, undefined, '$$(VAR) is a literal');
    assert.equal((dep.args[4] as Word).unknown, true, 'valueFrom makes $(MAX_LEN) unknown');
    assert.deepEqual(dep.env?.map((e) => [e.name, e.value ?? null, e.unknown ?? false]), [
      ['MODEL_ID', 'Qwen/Qwen3-8B', false],
      ['SERVED', 'qwen-Qwen/Qwen3-8B', false],
      ['MAX_LEN', null, true],
    ]);
    // LeaderWorkerSet leader: bash -c script
    assert.ok((leader.args[0] as Word).text.includes('vllm serve meta-llama/Llama-3.1-70B'));
    assert.equal(leader.image?.tag, 'v0.10.1');
    // worker: command + args joined
    assert.equal(worker.form, 'api-server-module');
    assert.deepEqual(argTexts(worker), ['--model', 'meta-llama/Llama-3.1-70B']);
    // CronJob: args repeating `serve`
    assert.equal(slice(text, cron.redundantLauncher as { start: number; end: number }), 'serve');
    assert.deepEqual(argTexts(cron), ['facebook/opt-125m']);
  });

  test('bash -c in Kubernetes with the real shell extractor', async () => {
    const text = fixture('k8s-multi.yaml');
    const r = await extractKubernetes(text, realCtx);
    const leader = r.invocations.find((inv) => inv.form === 'vllm-serve');
    assert.ok(leader);
    assert.deepEqual(argTexts(leader), ['meta-llama/Llama-3.1-70B', '--tensor-parallel-size', '8', '--pipeline-parallel-size', '2']);
    assert.equal(slice(text, (leader.args[2] as Word).span), '8');
    assert.equal(leader.image?.name, 'vllm/vllm-openai');
  });

  test('a syntax error gives one issue; a Helm template gives none', async () => {
    const broken = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: [unclosed\n';
    const r = await extractKubernetes(broken, stubCtx);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]?.ruleId, 'yaml-syntax');
  });
});

describe('helm', () => {
  test('chart template: no YAML-syntax noise, template words are unknown', async () => {
    const text = fixture('helm-template.yaml');
    assert.equal(isHelmTemplate(text), true);
    for (const r of [await extractHelmTemplate(text, stubCtx), await extractKubernetes(text, stubCtx)]) {
      assert.deepEqual(r.issues, []);
      assert.equal(r.invocations.length, 1);
      const inv = r.invocations[0] as Invocation;
      assert.equal(inv.form, 'image-entrypoint');
      assert.equal(inv.image?.name, 'vllm/vllm-openai');
      assert.equal(inv.image?.unknownTag, true);
      assert.equal(inv.incomplete, true, 'a {{- range }} inside the args');
      assert.deepEqual(argTexts(inv), ['{{ .Values.model | quote }}', '--gpu-memory-utilization', '0.9', '{{ . | quote }}']);
      assert.equal(inv.args[0]?.unknown, true);
      assert.equal(slice(text, (inv.args[0] as Word).span), '{{ .Values.model | quote }}');
    }
  });

  test('corpus 058 template: a shell script with template actions, no issues', async () => {
    if (!CORPUS) return;
    const text = readFileSync(join(CORPUS, '058-helm.yaml'), 'utf8');
    const r = await extractHelmTemplate(text, realCtx);
    assert.deepEqual(r.issues, []);
    const inv = r.invocations[0] as Invocation;
    assert.equal(inv.form, 'vllm-serve');
    assert.ok(argTexts(inv).includes('--temperature'));
    assert.equal(inv.args[0]?.text, '{{ .Values.model.name }}');
    assert.equal(inv.args[0]?.unknown, true);
  });

  test('values: production-stack modelSpec', async () => {
    if (!CORPUS) return;
    const text = readFileSync(join(CORPUS, '056-helm.yaml'), 'utf8');
    const r = await extractHelmValues(text, stubCtx);
    assert.equal(r.invocations.length, 1);
    const inv = r.invocations[0] as Invocation;
    assert.equal(inv.form, 'vllm-serve');
    assert.equal(inv.image?.name, 'vllm/vllm-openai');
    assert.equal(inv.image?.tag, 'v0.8.5');
    assert.deepEqual(argTexts(inv), ['Qwen/Qwen2.5-7B-Instruct', '--dtype', 'half', '--tensor-parallel-size', '2', '--max-model-len', '8192', '--gpu-memory-utilization', '0.9', '--enforce-eager']);
    assert.equal(slice(text, (inv.args[3] as Word).span), 'tensorParallelSize');
    assert.equal(slice(text, (inv.args[4] as Word).span), '2');
    assert.deepEqual(inv.env?.map((e) => [e.name, e.value]), [['VLLM_ENABLE_CUDA_COMPATIBILITY', '1']]);
  });

  test('values: container-like map, vllm-named flag list, and nothing for unknown shapes', async () => {
    const text = [
      'image:',
      '  repository: vllm/vllm-openai',
      '  tag: v0.9.2',
      'args:',
      '  - --model',
      '  - facebook/opt-125m',
      'extraArgs: ["--max-model-len", "2048"]',
      'other:',
      '  vllm:',
      '    extraArgs:',
      '      - --enforce-eager',
      '      - --dtype=half',
      'unrelated:',
      '  image: nginx',
      '  args: ["-g", "daemon off;"]',
      '',
    ].join('\n');
    const r = await extractHelmValues(text, stubCtx);
    assert.deepEqual(r.issues, []);
    assert.equal(r.invocations.length, 2);
    const [root, block] = r.invocations as Invocation[];
    assert.equal(root?.form, 'image-entrypoint');
    assert.equal(root?.image?.tag, 'v0.9.2');
    assert.equal(slice(text, root?.image?.tagSpan as { start: number; end: number }), 'v0.9.2');
    assert.deepEqual(argTexts(root as Invocation), ['--model', 'facebook/opt-125m', '--max-model-len', '2048']);
    assert.equal(root?.incomplete, true, 'a chart may add arguments');
    assert.deepEqual(argTexts(block as Invocation), ['--enforce-eager', '--dtype=half']);
    assert.equal(block?.incomplete, true);
    if (CORPUS) {
      const none = await extractHelmValues(readFileSync(join(CORPUS, '061-helm.yaml'), 'utf8'), stubCtx);
      assert.deepEqual(none, { invocations: [], issues: [] });
    }
  });
});

describe('vllm config', () => {
  test('snake/kebab keys, booleans, lists, nested map, null', () => {
    const text = fixture('vllm-config.yaml');
    const r = extractVllmConfig(text, stubCtx);
    assert.deepEqual(r.issues, []);
    assert.equal(r.invocations.length, 1);
    const inv = r.invocations[0] as Invocation;
    assert.equal(inv.form, 'config-file');
    assert.equal(inv.fileKind, 'vllm-config');
    assert.deepEqual(argTexts(inv), [
      '--model', 'Qwen/Qwen3-8B',
      '--max_model_len', '32768',
      '--gpu-memory-utilization', '0.90',
      '--enable-prefix-caching',
      '--enforce_eager',
      '--trust-remote-code',
      '--served_model_name', 'qwen', 'qwen3',
      '--speculative_config', '{"method":"ngram","num_speculative_tokens":5}',
      '--quantization', 'None',
    ]);
    const byText = (t: string) => inv.args.find((a) => a.text === t) as Word;
    assert.equal(byText('--enable-prefix-caching').yamlBoolean, true);
    assert.equal(byText('--enforce_eager').yamlBoolean, false);
    assert.equal(byText('--trust-remote-code').yamlBoolean, true, 'YAML 1.1 yes is a boolean, as in PyYAML');
    assert.equal(byText('--model').yamlBoolean, undefined);
    // Flag word: span = the key, `--` maps to the key start.
    const flag = byText('--max_model_len');
    assert.equal(slice(text, flag.span), 'max_model_len');
    assert.equal(flag.offsets[0], flag.span.start);
    assert.equal(flag.offsets[1], flag.span.start);
    assert.equal(slice(text, wordSubSpan(flag, 2, flag.text.length)), 'max_model_len');
    assert.equal(slice(text, byText('0.90').span), '0.90');
    const json = byText('{"method":"ngram","num_speculative_tokens":5}');
    assert.ok(slice(text, json.span).startsWith('method: ngram'));
    assert.ok(json.offsets.every((o) => o === json.span.start));
    assert.ok(!argTexts(inv).includes('--cudagraph_capture_sizes'), 'an empty list is dropped');
  });

  test('looksLikeVllmConfig: corpus config yes, client configs no', () => {
    const known = new Set([
      'model', 'quantization', 'dtype', 'gpu-memory-utilization', 'max-model-len', 'kv-cache-dtype',
      'default-chat-template-kwargs', 'enable-auto-tool-choice', 'tool-call-parser', 'host', 'port', 'api-key',
      'served-model-name', 'enable-prefix-caching', 'enforce-eager', 'trust-remote-code', 'speculative-config',
    ]);
    const isKnown = (n: string) => known.has(n.replace(/^--/, ''));
    assert.equal(looksLikeVllmConfig(fixture('vllm-config.yaml'), 'vllm-config.yaml', isKnown), true);
    assert.equal(looksLikeVllmConfig(fixture('vllm-config.yaml'), 'serve.yaml', isKnown), false, 'name must mention vllm');
    assert.equal(looksLikeVllmConfig('model: x\ntemperature: 0.2\nmax_tokens: 10\nport: 1\nhost: h\n', 'vllm.yaml', isKnown), false);
    assert.equal(looksLikeVllmConfig('a: 1\n---\nmodel: x\n', 'vllm.yaml', isKnown), false, 'single document');
    if (CORPUS) {
      assert.equal(looksLikeVllmConfig(readFileSync(join(CORPUS, '052-vllm-config.yaml'), 'utf8'), 'vllm_config.yaml', isKnown), true);
      assert.equal(looksLikeVllmConfig(readFileSync(join(CORPUS, '053-negative.yaml'), 'utf8'), 'configs/vllm.yaml', isKnown), false);
      assert.equal(looksLikeVllmConfig(readFileSync(join(CORPUS, '094-negative.yaml'), 'utf8'), 'config/vllm.yaml', isKnown), false);
    }
  });
});

describe('totality', () => {
  test('every corpus file goes through every YAML extractor without throwing', async () => {
    if (!CORPUS) return;
    const files = readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length > 30);
    for (const f of files) {
      const text: string = readFileSync(join(CORPUS, f), 'utf8');
      for (const run of [
        () => extractCompose(text, realCtx),
        () => extractKubernetes(text, realCtx),
        () => extractHelmValues(text, realCtx),
        () => extractHelmTemplate(text, realCtx),
        async () => extractVllmConfig(text, realCtx),
      ]) {
        const r = await run();
        assert.ok(Array.isArray(r.invocations) && Array.isArray(r.issues), f);
        for (const inv of r.invocations) {
          for (const a of inv.args) {
            assert.ok(a.span.start >= 0 && a.span.end <= text.length && a.span.start <= a.span.end, `${f}: span of ${a.text}`);
            assert.equal(a.offsets.length, a.text.length + 1, `${f}: offsets of ${a.text}`);
          }
        }
      }
      // The corpus is valid YAML except Helm templates: no syntax issues from compose/k8s.
      if (!isHelmTemplate(text)) assert.deepEqual((await extractCompose(text, stubCtx)).issues, [], f);
    }
  });

  test('corpus: compose and k8s launches', async () => {
    if (!CORPUS) return;
    const read = (f: string) => readFileSync(join(CORPUS, f), 'utf8');
    const c017 = await extractCompose(read('017-compose.yml'), stubCtx);
    assert.equal(c017.invocations.length, 1, 'custom image named vllm-… with vLLM flags');
    const c037 = await extractCompose(read('037-compose.yml'), stubCtx);
    assert.equal(c037.invocations[0]?.image?.tag, 'latest');
    assert.equal(c037.invocations[0]?.incomplete, true, '${VLLM_EXTRA_ARGS:-} as a whole word');
    const c020 = await extractCompose(read('020-compose.yml'), stubCtx);
    assert.equal(c020.invocations.length, 1);
    assert.equal(c020.invocations[0]?.form, 'api-server-module');
    assert.equal(c020.invocations[0]?.image?.name, 'vllm/vllm-openai', 'image from a merged x- anchor');
    const k083 = await extractKubernetes(read('083-k8s.yaml'), stubCtx);
    assert.equal(k083.invocations[0]?.args[1]?.text, 'Qwen/Qwen2.5-1.5B-Instruct');
    assert.equal((await extractCompose(read('106-compose.yml'), stubCtx)).invocations.length, 0, '106');
    // SGLang and TensorRT-LLM launches: bash -c behind an entrypoint script, a command list, entrypoint + folded command.
    const engines: Array<[string, string, string, string | undefined]> = [
      ['026-sglang.yml', 'sglang', 'sglang-serve', undefined],
      ['065-sglang.yml', 'sglang', 'sglang-module', undefined],
      ['067-sglang.yml', 'sglang', 'sglang-module', undefined],
      ['107-sglang.yml', 'sglang', 'sglang-module', undefined],
      ['071-trtllm.yml', 'trtllm', 'trtllm-serve', 'trtllm-serve serve'],
      ['073-trtllm.yaml', 'trtllm', 'trtllm-serve', 'trtllm-serve serve'],
    ];
    for (const [f, engine, form, command] of engines) {
      const r = await extractCompose(read(f), realCtx);
      assert.equal(r.invocations.length, 1, f);
      assert.equal(r.invocations[0]?.engine, engine, f);
      assert.equal(r.invocations[0]?.form, form, f);
      assert.equal(r.invocations[0]?.command, command, f);
    }
  });

  test('broken input, binary junk, alias bombs, deep nesting, huge files', async () => {
    const junk = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    bomb.push('services:\n  s:\n    image: vllm/vllm-openai\n    <<: *l\n    command: *l');
    const mapBomb = ['m0: &m0 {a: 1, b: 2}'];
    for (let i = 1; i < 15; i++) mapBomb.push(`m${i}: &m${i} {<<: [${Array(8).fill(`*m${i - 1}`).join(', ')}], k${i}: v}`);
    mapBomb.push('config: *m14');
    let big = 'services:\n';
    for (let i = 0; i < 60_000; i++) big += `  s${i}:\n    image: vllm/vllm-openai:v0.9.${i % 10}\n    command: ["--model", "m${i}", "--port", "8000"]\n`;
    let manyDocs = '';
    for (let i = 0; i < 50_000; i++) manyDocs += '---\napiVersion: v1\nkind: ConfigMap\n';
    manyDocs += '---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.9.2\n      args: [m]\n';
    const inputs = [
      '', '\u0000\u0001\u0002', junk, bomb.join('\n'), mapBomb.join('\n'), '['.repeat(50_000), '- '.repeat(20_000) + 'x',
      'a:\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(i + 1) + 'b:').join('\n'), 'services: {s: {image: "unterminated',
      "command: 'unterminated\n", 'x: |\n\t tab\n', '%YAML 9.9\n---\na: b\n', big, manyDocs,
    ];
    for (const input of inputs) {
      const started = Date.now();
      for (const run of [
        () => extractCompose(input, stubCtx),
        () => extractKubernetes(input, stubCtx),
        () => extractHelmValues(input, stubCtx),
        () => extractHelmTemplate(input, stubCtx),
        async () => extractVllmConfig(input, stubCtx),
        async () => ({ invocations: [], issues: [], ok: looksLikeVllmConfig(input, 'vllm.yaml', () => true) }),
      ]) {
        const r = await run();
        assert.ok(Array.isArray(r.invocations));
        assert.ok(r.issues.length <= 5);
      }
      assert.ok(Date.now() - started < 30_000, `too slow on input of ${input.length} chars`);
    }
    const k = await extractKubernetes(manyDocs, stubCtx);
    assert.equal(k.invocations.length, 1, 'the one vLLM document of a huge stream is still found');
    assert.equal(slice(manyDocs, (k.invocations[0]?.args[0] as Word).span), 'm', 'offsets of a document parsed on its own are shifted back');
  });
});
