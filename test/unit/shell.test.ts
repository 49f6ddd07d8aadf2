import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { extractShell, extractShellScript, extractShellWord, preprocessShellText } from '../../src/core/extract/shell';
import { extractMakefile } from '../../src/core/extract/makefile';
import { getBashParser } from '../../src/core/extract/treeSitter';
import type { ExtractContext, ExtractResult, Invocation, Span, Word } from '../../src/core/types';

const ctx: ExtractContext = {
  fileName: 'serve.sh',
  extractShellWord: async (word, fileKind) => {
    const r = await extractShellScript(word.text, fileKind);
    return r;
  },
};

async function extract(text: string): Promise<ExtractResult> {
  return extractShell(text, ctx);
}

async function one(text: string): Promise<Invocation> {
  const r = await extract(text);
  assert.equal(r.invocations.length, 1, `expected one invocation in ${JSON.stringify(text)}`);
  return r.invocations[0] as Invocation;
}

const slice = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);
const texts = (inv: Invocation) => inv.args.map((w) => w.text);

/**
 * Every character of the word maps to the same character in the source, except the characters
 * listed in `except` (index → expected source character, for escape sequences).
 */
function assertOffsets(text: string, w: Word, except: Record<number, string> = {}): void {
  assert.equal(w.offsets.length, w.text.length + 1, `offsets length of ${w.text}`);
  for (let i = 0; i < w.text.length; i++) {
    const o = w.offsets[i] as number;
    const expected = except[i] ?? w.text[i];
    assert.equal(text[o], expected, `char ${i} of ${JSON.stringify(w.text)} maps to ${o} (${JSON.stringify(text[o])})`);
    assert.ok(o >= w.span.start && o < w.span.end, `offset ${o} inside the word's span`);
  }
  const last = w.offsets[w.text.length] as number;
  assert.ok(last >= w.span.start && last <= w.span.end, 'end offset inside the span');
}

function arg(inv: Invocation, t: string): Word {
  const w = inv.args.find((a) => a.text === t);
  assert.ok(w, `argument ${t} in ${JSON.stringify(texts(inv))}`);
  return w;
}

// ---------------------------------------------------------------------------------------------

test('tree-sitter parser is initialised once', async () => {
  const [a, b] = await Promise.all([getBashParser(), getBashParser()]);
  assert.equal(a, b);
  assert.equal(await getBashParser(), a);
});

test('vllm serve with the positional model', async () => {
  const text = 'vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size 2\n';
  const inv = await one(text);
  assert.equal(inv.engine, 'vllm');
  assert.equal(inv.form, 'vllm-serve');
  assert.equal(inv.fileKind, 'shell');
  assert.equal(slice(text, inv.launcherSpan), 'vllm serve');
  assert.deepEqual(texts(inv), ['meta-llama/Llama-3.1-8B-Instruct', '--tensor-parallel-size', '2']);
  assert.equal(slice(text, inv.span), text.trimEnd());
  for (const w of inv.args) {
    assert.equal(slice(text, w.span), w.text);
    assertOffsets(text, w);
  }
  assert.equal(inv.incomplete, undefined);
});

test('python3 -m vllm.entrypoints.openai.api_server --model …', async () => {
  const text = 'python3 -m vllm.entrypoints.openai.api_server --model Qwen/Qwen2.5-7B --port 8000';
  const inv = await one(text);
  assert.equal(inv.form, 'api-server-module');
  assert.equal(slice(text, inv.launcherSpan), 'python3 -m vllm.entrypoints.openai.api_server');
  assert.deepEqual(texts(inv), ['--model', 'Qwen/Qwen2.5-7B', '--port', '8000']);
});

test('--flag=value stays one word', async () => {
  const text = 'vllm serve m --max-model-len=8192 --served-model-name="my model"';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--max-model-len=8192', '--served-model-name=my model']);
  const w = arg(inv, '--served-model-name=my model');
  assert.equal(slice(text, w.span), '--served-model-name="my model"');
  assertOffsets(text, w);
  assert.equal(text.slice(w.offsets[20], (w.offsets[27] as number) + 1), 'my model');
});

test('exact spans and offsets inside quotes, escapes and ANSI-C strings', async () => {
  const text = `vllm serve "my model" --a 'x y' --b a\\ b --c "q\\"r\\\\s\\$t" --d $'t\\tu' --e é😀z`;
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['my model', '--a', 'x y', '--b', 'a b', '--c', 'q"r\\s$t', '--d', 't\tu', '--e', 'é😀z']);
  const model = arg(inv, 'my model');
  assert.equal(slice(text, model.span), '"my model"');
  assert.deepEqual(model.offsets, [12, 13, 14, 15, 16, 17, 18, 19, 20]);
  assertOffsets(text, model);
  assertOffsets(text, arg(inv, 'x y'));
  const escaped = arg(inv, 'a b');
  assert.equal(slice(text, escaped.span), 'a\\ b');
  assertOffsets(text, escaped);
  const dq = arg(inv, 'q"r\\s$t');
  assert.equal(slice(text, dq.span), '"q\\"r\\\\s\\$t"');
  assertOffsets(text, dq);
  const ansi = arg(inv, 't\tu');
  assert.equal(slice(text, ansi.span), "$'t\\tu'");
  assertOffsets(text, ansi, { 1: '\\' });
  const emoji = arg(inv, 'é😀z');
  assertOffsets(text, emoji);
  assert.equal(emoji.offsets[emoji.text.length], emoji.span.end);
});

test('exec, nohup … &, env A=1, VAR=x prefixes: env captured', async () => {
  const text = [
    'exec vllm serve a',
    'nohup vllm serve b --port 8001 > server.log 2>&1 &',
    'env A=1 HF_HOME=/data vllm serve c',
    'CUDA_VISIBLE_DEVICES=0,1 vllm serve d --tensor-parallel-size 2',
    'CUDA_VISIBLE_DEVICES=2 nohup vllm serve e &',
  ].join('\n');
  const r = await extract(text);
  assert.equal(r.invocations.length, 5);
  const [a, b, c, d, e] = r.invocations as [Invocation, Invocation, Invocation, Invocation, Invocation];
  assert.deepEqual(texts(a), ['a']);
  assert.deepEqual(texts(b), ['b', '--port', '8001']);
  assert.equal(slice(text, b.span), 'nohup vllm serve b --port 8001');
  assert.deepEqual(c.env?.map((x) => [x.name, x.value]), [['A', '1'], ['HF_HOME', '/data']]);
  assert.deepEqual(texts(c), ['c']);
  const cuda = d.env?.[0];
  assert.equal(cuda?.name, 'CUDA_VISIBLE_DEVICES');
  assert.equal(cuda?.value, '0,1');
  assert.equal(slice(text, cuda?.nameSpan), 'CUDA_VISIBLE_DEVICES');
  assert.equal(slice(text, cuda?.valueSpan), '0,1');
  assert.equal(slice(text, d.span), 'CUDA_VISIBLE_DEVICES=0,1 vllm serve d --tensor-parallel-size 2');
  assert.deepEqual(e.env?.map((x) => [x.name, x.value]), [['CUDA_VISIBLE_DEVICES', '2']]);
  assert.deepEqual(texts(e), ['e']);
});

test('srun with options', async () => {
  const text = 'srun -N 1 --gres=gpu:4 --ntasks-per-node 1 vllm serve m --tensor-parallel-size 4';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--tensor-parallel-size', '4']);
  assert.equal(slice(text, inv.launcherSpan), 'vllm serve');
});

test('docker run … vllm/vllm-openai:tag ARGS: image, tag span, image-entrypoint', async () => {
  const text = 'docker run --gpus all -p 8000:8000 -e HF_TOKEN=x vllm/vllm-openai:v0.9.2 --model m';
  const inv = await one(text);
  assert.equal(inv.form, 'image-entrypoint');
  assert.equal(inv.image?.name, 'vllm/vllm-openai');
  assert.equal(inv.image?.tag, 'v0.9.2');
  assert.equal(slice(text, inv.image?.span), 'vllm/vllm-openai:v0.9.2');
  assert.equal(slice(text, inv.image?.tagSpan), 'v0.9.2');
  assert.deepEqual(texts(inv), ['--model', 'm']);
  assert.deepEqual(inv.env?.map((e) => [e.name, e.value]), [['HF_TOKEN', 'x']]);
  assert.equal(slice(text, inv.span), text);
});

test('multi-line continuations', async () => {
  const text = [
    '#!/bin/bash',
    'set -euo pipefail',
    'vllm serve Qwen/Qwen3-8B \\',
    '  --tensor-parallel-size 2 \\',
    '\t--gpu-memory-utilization 0.9 \\',
    '  --max-model-len 32768',
    'echo done',
  ].join('\n');
  const inv = await one(text);
  assert.deepEqual(texts(inv), [
    'Qwen/Qwen3-8B', '--tensor-parallel-size', '2', '--gpu-memory-utilization', '0.9', '--max-model-len', '32768',
  ]);
  for (const w of inv.args) assert.equal(slice(text, w.span), w.text);
  assert.ok(slice(text, inv.span)?.startsWith('vllm serve Qwen/Qwen3-8B \\\n'));
  assert.ok(slice(text, inv.span)?.endsWith('--max-model-len 32768'));
  assert.equal(inv.brokenContinuations, undefined);
});

test('CRLF files', async () => {
  const text = 'vllm serve m \\\r\n  --port 8000 \\\r\n  --served-model-name "a b"\r\necho ok\r\n';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--port', '8000', '--served-model-name', 'a b']);
  for (const w of inv.args) assertOffsets(text, w);
  assert.equal(slice(text, arg(inv, 'a b').span), '"a b"');
  assert.equal(inv.brokenContinuations, undefined);
  // Same length, so offsets stay valid.
  assert.equal(preprocessShellText(text).length, text.length);
});

test('a comment inside a continuation: recorded, orphaned arguments appended', async () => {
  const text = [
    'vllm serve m \\',
    '  --port 8000 \\',
    '  # --quantization awq \\',
    '  --max-model-len 4096 \\',
    '  --enable-prefix-caching',
    'echo next',
  ].join('\n');
  const r = await extract(text);
  assert.equal(r.invocations.length, 1);
  const inv = r.invocations[0] as Invocation;
  assert.deepEqual(texts(inv), ['m', '--port', '8000', '--max-model-len', '4096', '--enable-prefix-caching']);
  assert.deepEqual(inv.brokenContinuations?.map((b) => [b.kind, slice(text, b.span)]), [
    ['comment-in-continuation', '# --quantization awq \\'],
  ]);
  assert.ok(slice(text, inv.span)?.endsWith('--enable-prefix-caching'));
  for (const w of inv.args) assertOffsets(text, w);
});

test('a trailing comment after an argument ends the command too', async () => {
  const text = 'vllm serve m \\\n  --port 8000  # the port \\\n  --dtype bfloat16\n';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--port', '8000', '--dtype', 'bfloat16']);
  assert.deepEqual(inv.brokenContinuations?.map((b) => [b.kind, slice(text, b.span)]), [
    ['comment-in-continuation', '# the port \\'],
  ]);
});

test('backslash followed by spaces: recorded, orphaned arguments appended (also --flag=value lines)', async () => {
  const text = 'nohup vllm serve m \\ \t\n  --port=8000 \\\n  --dtype half \\  \n  --seed 1 > log 2>&1 &\n';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--port=8000', '--dtype', 'half', '--seed', '1']);
  assert.deepEqual(inv.brokenContinuations?.map((b) => [b.kind, slice(text, b.span)]), [
    ['space-after-backslash', '\\ \t'],
    ['space-after-backslash', '\\  '],
  ]);
  assert.equal(slice(text, inv.span), text.slice(0, text.indexOf(' > log')));
});

test('no broken continuation when the next command is a real command', async () => {
  const text = 'vllm serve m --port 8000 # comment\necho --flag\n';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--port', '8000']);
  assert.equal(inv.brokenContinuations, undefined);
});

test('${GPU_UTIL:-0.97}: default substituted, fromDefault, offsets on the default', async () => {
  const text = 'vllm serve ${MODEL:-Qwen/Qwen3-8B} --gpu-memory-utilization ${GPU_UTIL:-0.97} --port "${PORT-8000}" --x ${A:-${B:-7}}';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['Qwen/Qwen3-8B', '--gpu-memory-utilization', '0.97', '--port', '8000', '--x', '7']);
  const util = arg(inv, '0.97');
  assert.equal(util.fromDefault, true);
  assert.equal(util.unknown, undefined);
  assert.equal(slice(text, util.span), '${GPU_UTIL:-0.97}');
  assertOffsets(text, util);
  assert.equal(text.slice(util.offsets[0], util.offsets[4]), '0.97');
  assertOffsets(text, arg(inv, '8000'));
  assert.equal(arg(inv, '8000').fromDefault, true);
  assert.equal(arg(inv, '7').fromDefault, true);
  assert.equal(inv.incomplete, undefined);
});

test('"$ARGS" is one unknown word, $ARGS / ${ARGS} / "$@" may be many (splat)', async () => {
  const text =
    'vllm serve $MODEL "$ARGS" $ARGS ${EXTRA} "$@" $* --x=$(cat f) --y `hostname` ${FLAG:+--enforce-eager} --z "${MUST:?set it}" ${OPTS:-} "${arr[@]}" --p $PORT';
  const inv = await one(text);
  const [model, quoted, bare, braced, all, star, sub, , tick, alt, , must, empty, arr, , port] = inv.args as Word[];
  const flags = (w: Word | undefined) => [w?.text, w?.unknown, w?.splat];
  assert.deepEqual(flags(model), ['$MODEL', true, undefined]);
  assert.deepEqual(flags(quoted), ['$ARGS', true, undefined]);
  assert.equal(slice(text, quoted?.span), '"$ARGS"');
  assertOffsets(text, quoted as Word);
  assert.deepEqual(flags(bare), ['$ARGS', true, true]);
  assert.deepEqual(flags(braced), ['${EXTRA}', true, true]);
  assert.deepEqual(flags(all), ['$@', true, true]);
  assert.deepEqual(flags(star), ['$*', true, true]);
  assert.deepEqual(flags(sub), ['--x=$(cat f)', true, undefined]);
  assert.deepEqual(flags(tick), ['`hostname`', true, undefined]);
  assert.deepEqual(flags(alt), ['${FLAG:+--enforce-eager}', true, true]);
  assert.deepEqual(flags(must), ['${MUST:?set it}', true, undefined]);
  assert.deepEqual(flags(empty), ['${OPTS:-}', true, true]);
  assert.deepEqual(flags(arr), ['${arr[@]}', true, true]);
  assert.deepEqual(flags(port), ['$PORT', true, undefined]);
  assert.equal(inv.incomplete, true);
  const plain = await one('vllm serve $MODEL --port "$PORT"');
  assert.equal(plain.incomplete, undefined);
});

test('JSON argument in single quotes spanning lines', async () => {
  const text = `vllm serve m \\\n  --speculative-config '{"method": "ngram",\n "num_speculative_tokens": 5}' \\\n  --port 8000\n`;
  const inv = await one(text);
  const json = inv.args[2] as Word;
  assert.equal(json.text, '{"method": "ngram",\n "num_speculative_tokens": 5}');
  assert.deepEqual(JSON.parse(json.text), { method: 'ngram', num_speculative_tokens: 5 });
  assert.equal(slice(text, json.span), `'${json.text}'`);
  assertOffsets(text, json);
  assert.deepEqual(texts(inv).slice(3), ['--port', '8000']);
});

test('bash -c "…" is extracted with spans mapped to the document', async () => {
  const text = 'docker exec x true\nbash -c "vllm serve m --tp 2 --served-model-name \\"a b\\""\n';
  const inv = await one(text);
  assert.equal(inv.form, 'vllm-serve');
  assert.deepEqual(texts(inv), ['m', '--tp', '2', '--served-model-name', 'a b']);
  assert.equal(slice(text, inv.launcherSpan), 'vllm serve');
  assert.equal(slice(text, inv.args[1]?.span), '--tp');
  assert.equal(slice(text, inv.args[2]?.span), '2');
  for (const w of inv.args) assertOffsets(text, w);
  assert.equal(slice(text, inv.span), 'vllm serve m --tp 2 --served-model-name \\"a b\\"');
});

test('extractShellWord maps a script held in a word back to the document', async () => {
  const doc = 'command: ["bash", "-c", "vllm serve m --port 8000"]';
  const start = doc.indexOf('vllm serve');
  const script = 'vllm serve m --port 8000';
  const word: Word = { text: script, span: { start: start - 1, end: start + script.length + 1 }, offsets: [] };
  for (let i = 0; i <= script.length; i++) word.offsets.push(start + i);
  const r = await extractShellWord(word, 'compose');
  const inv = r.invocations[0] as Invocation;
  assert.equal(inv.fileKind, 'compose');
  assert.equal(slice(doc, inv.launcherSpan), 'vllm serve');
  for (const w of inv.args) {
    assert.equal(slice(doc, w.span), w.text);
    assertOffsets(doc, w);
  }
});

test('sh -c, bash -lc, /bin/bash -c, nested twice, env before the shell', async () => {
  const text = [
    "sh -c 'exec vllm serve a --port 1'",
    'HF_HOME=/x /bin/bash -lc "vllm serve b"',
    `bash -c "sh -c 'vllm serve c --gpu-memory-utilization \${U:-0.8}'"`,
    'docker run --rm --entrypoint /bin/bash vllm/vllm-openai:v0.8.5 -c "vllm serve d"',
  ].join('\n');
  const r = await extract(text);
  assert.deepEqual(r.invocations.map((i) => i.args[0]?.text), ['a', 'b', 'c', 'd']);
  const [a, b, c, d] = r.invocations as [Invocation, Invocation, Invocation, Invocation];
  assert.equal(slice(text, a.args[0]?.span), 'a');
  assert.deepEqual(b.env?.map((e) => [e.name, e.value, slice(text, e.valueSpan)]), [['HF_HOME', '/x', '/x']]);
  const util = c.args[2] as Word;
  assert.equal(util.text, '0.8');
  assert.equal(util.fromDefault, true);
  assert.equal(slice(text, util.span), '0.8');
  assertOffsets(text, util);
  assert.equal(d.image?.tag, 'v0.8.5');
  assert.equal(slice(text, d.image?.tagSpan), 'v0.8.5');
});

test('heredoc fed to bash', async () => {
  const text = "bash <<'EOF'\nvllm serve m --port 8000\nEOF\n";
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--port', '8000']);
  assert.equal(slice(text, inv.args[1]?.span), '--port');
});

test('commands inside functions, if/for/while bodies, pipelines, lists and subshells', async () => {
  const text = [
    'start() {',
    '  local model=$1',
    '  vllm serve "$model" --port 1 | tee log',
    '}',
    'if [ -n "$X" ]; then',
    '  vllm serve b && echo ok',
    'else',
    '  ( cd /tmp; vllm serve c ) || exit 1',
    'fi',
    'for i in 1 2; do vllm serve d; done',
    'while true; do timeout 1h vllm serve e; done',
    'PID=$(vllm serve f & echo $!)',
  ].join('\n');
  const r = await extract(text);
  assert.deepEqual(r.invocations.map((i) => i.args[0]?.text), ['$model', 'b', 'c', 'd', 'e', 'f']);
  assert.equal(r.invocations[0]?.args[0]?.unknown, true);
  assert.equal(r.invocations[0]?.args[0]?.splat, undefined);
});

test('echo, pip install vllm, vllm --version and vllm bench produce nothing', async () => {
  const text = [
    'echo vllm serve x',
    'pip install vllm==0.9.2',
    'vllm --version',
    'vllm bench serve --model m',
    'printf "vllm serve %s" m',
    '# vllm serve commented',
    'cat <<EOF\nvllm serve inside-cat\nEOF',
  ].join('\n');
  assert.deepEqual((await extract(text)).invocations, []);
});

test('Windows ^ continuations in console snippets', async () => {
  const text = 'vllm serve m ^\r\n  --port 8000 ^\r\n  --dtype auto\r\n';
  const inv = await one(text);
  assert.deepEqual(texts(inv), ['m', '--port', '8000', '--dtype', 'auto']);
  assert.equal(slice(text, inv.args[3]?.span), '--dtype');
});

test('Makefile recipe with $$HOME and $(MODEL)', async () => {
  const text = [
    'MODEL ?= Qwen/Qwen3-8B',
    'PORT := 8000',
    '.PHONY: serve',
    '',
    'serve: deps ## start the server',
    '\t@echo starting',
    '\t-HF_HOME=$$HOME/.cache vllm serve $(MODEL) \\',
    '\t\t--port ${PORT} \\',
    '\t\t--download-dir "$$HOME/models" \\',
    "\t\t--chat-template '$(if $(T),$(T),x)' \\",
    '\t\t--max-model-len 4096',
    '',
    'bench: ; vllm serve m2 --seed 1',
  ].join('\n');
  const r = await extractMakefile(text, { ...ctx, fileName: 'Makefile' });
  assert.equal(r.invocations.length, 2);
  const [inv, inline] = r.invocations as [Invocation, Invocation];
  assert.equal(inv.fileKind, 'makefile');
  assert.deepEqual(texts(inv), [
    '$(MODEL)', '--port', '${PORT}', '--download-dir', '$HOME/models', '--chat-template', '$(if $(T),$(T),x)',
    '--max-model-len', '4096',
  ]);
  const model = inv.args[0] as Word;
  assert.equal(model.unknown, true);
  assert.equal(slice(text, model.span), '$(MODEL)');
  const dir = arg(inv, '$HOME/models');
  assert.equal(dir.unknown, true);
  assert.equal(slice(text, dir.span), '"$$HOME/models"');
  assert.equal(text.slice(dir.offsets[1], (dir.offsets[dir.text.length - 1] as number) + 1), 'HOME/models');
  assert.equal(arg(inv, '$(if $(T),$(T),x)').unknown, true);
  const len = arg(inv, '4096');
  assert.equal(slice(text, len.span), '4096');
  assert.equal(len.unknown, undefined);
  assert.deepEqual(inv.env?.map((e) => [e.name, e.unknown]), [['HF_HOME', true]]);
  assert.equal(slice(text, inv.launcherSpan), 'vllm serve');
  assert.deepEqual(texts(inline), ['m2', '--seed', '1']);
  assert.equal(slice(text, inline.args[0]?.span), 'm2');
});

test('garbage input does not throw', async () => {
  const junk = randomBytes(200_000).toString('latin1');
  await extract(junk);
  await extract(`${junk}\nvllm serve m\n${junk}`);
  await extract('vllm serve "unterminated \\\n $(( ${ `' + '\u0000\ud800'.repeat(100));
  await extract('vllm serve ' + '$('.repeat(2000));
  await extractMakefile(`x:\n\tvllm serve ${'$('.repeat(1000)}\n${junk}`, ctx);
  const r = await extract('vllm serve m --port 1 ; ) ) fi done }}}\nvllm serve n');
  assert.ok(Array.isArray(r.invocations));
});

test('a 5 MB script does not throw or hang', async () => {
  const chunk = 'CUDA_VISIBLE_DEVICES=0 vllm serve m --x ${A:-1} "$B" | tee log && echo "$x"\nif true; then foo; fi\n';
  const big = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
  const t0 = Date.now();
  const r = await extract(big);
  assert.ok(Array.isArray(r.invocations));
  assert.ok(Date.now() - t0 < 20_000, 'bounded');
  // The parser is still usable afterwards.
  assert.equal((await one('vllm serve after')).args[0]?.text, 'after');
});
