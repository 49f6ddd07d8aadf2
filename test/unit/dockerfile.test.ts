import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractDockerfile } from '../../src/core/extract/dockerfile';
import { findLaunch, toInvocation } from '../../src/core/launch';
import type { ExtractContext, ExtractResult, FileKind, Invocation, Span, Word } from '../../src/core/types';

function fixtureDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'test', 'fixtures', 'dockerfile');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(process.cwd(), 'test', 'fixtures', 'dockerfile');
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(fixtureDir(), name), 'utf8');
}

/**
 * Stand-in for the shell extractor: splits the script into words (quotes, `\`-newline, comments) and
 * commands (newlines, `;`, `&&`), keeping each character's document offset through the word.
 */
function stubShellWord(calls: Word[]) {
  return async (word: Word, fileKind: FileKind): Promise<ExtractResult> => {
    calls.push(word);
    const s = word.text;
    const commands: Word[][] = [[]];
    let cur: { text: string; offsets: number[]; start: number } | null = null;
    const flush = (endIndex: number) => {
      if (!cur) return;
      const offsets = [...cur.offsets, word.offsets[endIndex] ?? word.span.end];
      (commands[commands.length - 1] as Word[]).push({
        text: cur.text,
        offsets,
        span: { start: word.offsets[cur.start] as number, end: word.offsets[endIndex] ?? word.span.end },
      });
      cur = null;
    };
    let i = 0;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '\\' && s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (c === ' ' || c === '\t') {
        flush(i);
        i++;
        continue;
      }
      if (c === '\n' || c === ';') {
        flush(i);
        commands.push([]);
        i++;
        continue;
      }
      if (c === '#' && !cur) {
        while (i < s.length && s[i] !== '\n') i++;
        continue;
      }
      if (c === '&' && s[i + 1] === '&') {
        flush(i);
        commands.push([]);
        i += 2;
        continue;
      }
      cur ??= { text: '', offsets: [], start: i };
      if (c === '"' || c === "'") {
        const close = s.indexOf(c, i + 1);
        const end = close < 0 ? s.length : close;
        for (let k = i + 1; k < end; k++) {
          cur.text += s[k];
          cur.offsets.push(word.offsets[k] as number);
        }
        i = end + 1;
        continue;
      }
      cur.text += c;
      cur.offsets.push(word.offsets[i] as number);
      i++;
    }
    flush(s.length);
    const invocations: Invocation[] = [];
    for (const cmd of commands) {
      const m = findLaunch(cmd);
      if (m) invocations.push(toInvocation(m, fileKind));
    }
    return { invocations, issues: [] };
  };
}

function context(calls: Word[] = []): ExtractContext {
  return { fileName: 'Dockerfile', extractShellWord: stubShellWord(calls) };
}

const slice = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);

/** Each arg's text, and the document text at its span and at the spans of its characters. */
function checkWords(text: string, words: Word[]) {
  for (const w of words) {
    assert.equal(w.offsets.length, w.text.length + 1, `offsets of ${w.text}`);
    for (let k = 0; k < w.offsets.length - 1; k++) {
      assert.ok((w.offsets[k] as number) >= w.span.start && (w.offsets[k] as number) < w.span.end, `offset ${k} of ${w.text}`);
    }
  }
}

test('FROM vllm/vllm-openai:v0.9.2 + exec CMD: image-entrypoint args with exact spans', async () => {
  const text = fixture('basic.Dockerfile');
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  const inv = r.invocations[0] as Invocation;
  assert.equal(inv.form, 'image-entrypoint');
  assert.equal(inv.fileKind, 'dockerfile');
  assert.equal(inv.engine, 'vllm');
  assert.deepEqual(inv.args.map((a) => a.text), ['--model', 'm', '--tensor-parallel-size', '2']);
  assert.deepEqual(inv.args.map((a) => slice(text, a.span)), ['"--model"', '"m"', '"--tensor-parallel-size"', '"2"']);
  checkWords(text, inv.args);
  const tp = inv.args[2] as Word;
  assert.equal(text.slice(tp.offsets[0], (tp.offsets[tp.text.length] as number)), '--tensor-parallel-size');
  assert.equal(inv.image?.name, 'vllm/vllm-openai');
  assert.equal(inv.image?.tag, 'v0.9.2');
  assert.equal(slice(text, inv.image?.span), 'vllm/vllm-openai:v0.9.2');
  assert.equal(slice(text, inv.image?.tagSpan), 'v0.9.2');
  assert.equal(inv.redundantLauncher, undefined);
  assert.equal(slice(text, inv.span), 'CMD ["--model","m","--tensor-parallel-size","2"]');
  assert.deepEqual(r.issues, []);
});

test('ARG TAG default substituted into FROM (fromDefault, tag span on ${TAG})', async () => {
  const text = fixture('arg-tag.Dockerfile');
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  const image = r.invocations[0]?.image;
  assert.equal(image?.name, 'docker.io/vllm/vllm-openai');
  assert.equal(image?.tag, 'v0.8.5');
  assert.equal(image?.unknownTag, undefined);
  assert.equal(slice(text, image?.tagSpan), '${TAG}');
  assert.equal(slice(text, image?.span), '${REGISTRY}/vllm/vllm-openai:${TAG}');
  assert.deepEqual(r.invocations[0]?.args.map((a) => a.text), ['--model', 'Qwen/Qwen2.5-1.5B-Instruct', '--gpu-memory-utilization', '0.85']);

  // `$TAG` without braces, and a default given in the reference itself.
  const t2 = 'ARG TAG=v0.7.3\nFROM vllm/vllm-openai:$TAG\nCMD ["m"]\n';
  const i2 = (await extractDockerfile(t2, context())).invocations[0];
  assert.equal(i2?.image?.tag, 'v0.7.3');
  assert.equal(slice(t2, i2?.image?.tagSpan), '$TAG');
  const t3 = 'ARG TAG\nFROM vllm/vllm-openai:${TAG:-v0.9.0}\nCMD ["m"]\n';
  assert.equal((await extractDockerfile(t3, context())).invocations[0]?.image?.tag, 'v0.9.0');
  // A quoted default and an ARG default built from another ARG.
  const t4 = 'ARG V="0.9.1"\nARG TAG=v${V}\nFROM vllm/vllm-openai:${TAG}\nCMD ["m"]\n';
  assert.equal((await extractDockerfile(t4, context())).invocations[0]?.image?.tag, 'v0.9.1');
});

test('ARG without default: tag unknown, still the vLLM image', async () => {
  const text = 'ARG TAG\nFROM vllm/vllm-openai:${TAG}\nCMD ["--model", "m"]\n';
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  const image = r.invocations[0]?.image;
  assert.equal(image?.name, 'vllm/vllm-openai');
  assert.equal(image?.unknownTag, true);
  assert.equal(r.invocations[0]?.form, 'image-entrypoint');
  // An ARG declared inside a stage does not apply to FROM lines (Docker semantics).
  const t2 = 'FROM vllm/vllm-openai:${TAG}\nARG TAG=v1\nCMD ["m"]\n';
  assert.equal((await extractDockerfile(t2, context())).invocations[0]?.image?.unknownTag, true);
});

test('ENTRYPOINT override to the api_server module (exec form) + CMD across continuation lines', async () => {
  const text = fixture('api-server.Dockerfile');
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  const inv = r.invocations[0] as Invocation;
  assert.equal(inv.form, 'api-server-module');
  assert.equal(slice(text, inv.launcherSpan), '"python3", "-m", "vllm.entrypoints.openai.api_server"');
  assert.deepEqual(inv.args.map((a) => a.text), ['--model', 'meta-llama/Llama-3.1-8B-Instruct', '--max-model-len', '8192']);
  assert.deepEqual(inv.args.map((a) => slice(text, a.span)), ['"--model"', '"meta-llama/Llama-3.1-8B-Instruct"', '"--max-model-len"', '"8192"']);
  assert.equal(inv.image?.tag, 'v0.6.3');
  assert.equal(inv.redundantLauncher, undefined);
});

test('shell-form CMD with continuation lines goes to the shell extractor with exact offsets', async () => {
  const text = fixture('shell-cmd.Dockerfile');
  const calls: Word[] = [];
  const r = await extractDockerfile(text, context(calls));
  assert.equal(calls.length, 1);
  const word = calls[0] as Word;
  // Docker removes `\`-newline and the comment line inside the continued instruction.
  assert.equal(word.text, 'vllm serve Qwen/Qwen2.5-7B-Instruct     --tensor-parallel-size 2     --max-model-len 8192');
  assert.equal(word.offsets.length, word.text.length + 1);
  for (let k = 0; k < word.text.length; k++) assert.equal(text[word.offsets[k] as number], word.text[k], `char ${k}`);
  assert.equal(r.invocations.length, 1);
  const inv = r.invocations[0] as Invocation;
  assert.equal(inv.form, 'vllm-serve');
  assert.equal(inv.fileKind, 'dockerfile');
  assert.deepEqual(inv.args.map((a) => a.text), ['Qwen/Qwen2.5-7B-Instruct', '--tensor-parallel-size', '2', '--max-model-len', '8192']);
  assert.deepEqual(inv.args.map((a) => slice(text, a.span)), ['Qwen/Qwen2.5-7B-Instruct', '--tensor-parallel-size', '2', '--max-model-len', '8192']);
  assert.equal(slice(text, inv.launcherSpan), 'vllm serve');
  assert.equal(inv.image?.name, 'nvidia/cuda');
  assert.deepEqual(inv.env?.map((e) => [e.name, e.value, slice(text, e.nameSpan), slice(text, e.valueSpan)]), [['HF_HOME', '/models', 'HF_HOME', '/models']]);
});

test('shell-form ENTRYPOINT ignores CMD; RUN pip install vllm is not a launch', async () => {
  const text = 'FROM python:3.12\nRUN pip install vllm\nENTRYPOINT vllm serve m --port 8000\nCMD ["--ignored"]\n';
  const calls: Word[] = [];
  const r = await extractDockerfile(text, context(calls));
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.text, 'vllm serve m --port 8000');
  assert.deepEqual(r.invocations[0]?.args.map((a) => a.text), ['m', '--port', '8000']);
});

test('shell-form CMD on the vLLM image: the command it means to run is still linted', async () => {
  // Docker runs `vllm serve /bin/sh -c "…"` here; the flags written are linted all the same.
  const text = 'FROM vllm/vllm-openai:v0.9.2\nCMD vllm serve m --max-model-len 4096\n';
  const calls: Word[] = [];
  const r = await extractDockerfile(text, context(calls));
  assert.equal(calls.length, 1);
  assert.equal(r.invocations[0]?.form, 'vllm-serve');
  assert.equal(r.invocations[0]?.image?.tag, 'v0.9.2');
  assert.deepEqual(r.invocations[0]?.args.map((a) => slice(text, a.span)), ['m', '--max-model-len', '4096']);
  const sh = 'FROM vllm/vllm-openai:v0.9.2\nCMD ["sh", "-c", "vllm serve m --port $PORT"]\n';
  const r2 = await extractDockerfile(sh, context());
  assert.equal(r2.invocations[0]?.form, 'vllm-serve');
  assert.equal(slice(sh, r2.invocations[0]?.launcherSpan), 'vllm serve');
});

test('multi-stage: builder stage ignored, one invocation for the final stage', async () => {
  const text = fixture('multi-stage.Dockerfile');
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  const inv = r.invocations[0] as Invocation;
  assert.equal(inv.form, 'image-entrypoint');
  assert.equal(inv.image?.tag, 'v0.10.0');
  assert.deepEqual(inv.args.map((a) => a.text), ['--model', 'mistralai/Mistral-7B-Instruct-v0.3', '--enable-prefix-caching']);
  assert.deepEqual(inv.env?.map((e) => e.name), ['VLLM_LOGGING_LEVEL']);
});

test('stages inherit image, ENTRYPOINT and CMD; ENTRYPOINT resets an inherited CMD', async () => {
  const inherit = 'FROM vllm/vllm-openai:v0.9.2 AS base\nCMD ["--model", "m"]\n\nFROM base AS final\nENV A=1\n';
  const r1 = await extractDockerfile(inherit, context());
  assert.equal(r1.invocations.length, 1, 'the inherited launch is reported once');
  assert.equal(r1.invocations[0]?.form, 'image-entrypoint');
  assert.equal(slice(inherit, r1.invocations[0]?.image?.tagSpan), 'v0.9.2');

  const reset = 'FROM vllm/vllm-openai:v0.9.2 AS base\nCMD ["--model", "m"]\nFROM base\nENTRYPOINT ["vllm", "serve"]\n';
  const r2 = await extractDockerfile(reset, context());
  // The base stage's own launch stays (a `--target base` build); the final stage runs `vllm serve` without the CMD.
  assert.equal(r2.invocations.length, 2);
  const last = r2.invocations[1] as Invocation;
  assert.equal(last.form, 'vllm-serve');
  assert.deepEqual(last.args, []);

  const sameStage = 'FROM vllm/vllm-openai:v0.9.2\nCMD ["m", "--tp", "2"]\nENTRYPOINT ["vllm", "serve"]\n';
  const r3 = await extractDockerfile(sameStage, context());
  assert.equal(r3.invocations.length, 1);
  assert.deepEqual(r3.invocations[0]?.args.map((a) => a.text), ['m', '--tp', '2'], 'a CMD set in the same stage is kept');

  const emptyEntrypoint = 'FROM vllm/vllm-openai:v0.9.2\nENTRYPOINT []\nCMD ["vllm", "serve", "m"]\n';
  const r4 = await extractDockerfile(emptyEntrypoint, context());
  assert.equal(r4.invocations[0]?.form, 'vllm-serve');
  assert.equal(r4.invocations[0]?.redundantLauncher, undefined);
  assert.deepEqual(r4.invocations[0]?.args.map((a) => a.text), ['m']);
});

test('CMD repeating `vllm serve` with the vLLM image: redundantLauncher', async () => {
  const text = fixture('redundant.Dockerfile');
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  const inv = r.invocations[0] as Invocation;
  assert.equal(inv.form, 'image-entrypoint');
  assert.equal(slice(text, inv.redundantLauncher), '"vllm", "serve"');
  assert.deepEqual(inv.args.map((a) => a.text), ['facebook/opt-125m', '--port', '8000']);
  assert.equal(inv.image?.tag, 'latest');

  const serveOnly = 'FROM vllm/vllm-openai\nCMD ["serve", "m"]\n';
  const r2 = await extractDockerfile(serveOnly, context());
  assert.equal(slice(serveOnly, r2.invocations[0]?.redundantLauncher), '"serve"');
  assert.equal(r2.invocations[0]?.image?.tag, undefined);
});

test('a non-vLLM Dockerfile gives nothing', async () => {
  const r = await extractDockerfile(fixture('not-vllm.Dockerfile'), context());
  assert.deepEqual(r, { invocations: [], issues: [] });
  const r2 = await extractDockerfile('FROM vllm/vllm-openai:v0.9.2\nRUN pip install foo\n', context());
  assert.equal(r2.invocations.length, 0, 'no CMD: the model comes from `docker run`');
});

test('JSON escapes map to their source characters', async () => {
  const text = 'FROM vllm/vllm-openai:v0.9.2\nCMD ["--chat-template", "{{ \\"x\\" }}\\n", "caf\\u00e9"]\n';
  const r = await extractDockerfile(text, context());
  const args = r.invocations[0]?.args as Word[];
  assert.deepEqual(args.map((a) => a.text), ['--chat-template', '{{ "x" }}\n', 'café']);
  const tpl = args[1] as Word;
  assert.equal(slice(text, tpl.span), '"{{ \\"x\\" }}\\n"');
  assert.equal(text.slice(tpl.offsets[3], (tpl.offsets[3] as number) + 2), '\\"');
  const cafe = args[2] as Word;
  assert.equal(text.slice(cafe.offsets[3], (cafe.offsets[3] as number) + 6), '\\u00e9');
});

test('single-quoted "JSON" is shell form, as in Docker', async () => {
  const text = "FROM vllm/vllm-openai:v0.9.2\nCMD ['--model', 'm']\n";
  const calls: Word[] = [];
  const r = await extractDockerfile(text, context(calls));
  // `/bin/sh -c "['--model', 'm']"` behind the image's ENTRYPOINT: no vLLM launcher in the text.
  assert.equal(calls.length, 0);
  assert.equal(r.invocations.length, 0);
});

test('bash -c wrappers in exec form, and a custom entrypoint wrapper', async () => {
  const text = 'FROM vllm/vllm-openai:v0.9.2\nENTRYPOINT ["/bin/bash", "-c", "vllm serve m --tp 2"]\n';
  const calls: Word[] = [];
  const r = await extractDockerfile(text, context(calls));
  assert.equal(calls[0]?.text, 'vllm serve m --tp 2');
  assert.deepEqual(r.invocations[0]?.args.map((a) => slice(text, a.span)), ['m', '--tp', '2']);

  const tini = 'FROM ubuntu\nENTRYPOINT ["tini", "--"]\nCMD ["vllm", "serve", "m"]\n';
  const r2 = await extractDockerfile(tini, context());
  assert.equal(r2.invocations[0]?.form, 'vllm-serve');
  assert.equal(r2.invocations[0]?.image?.name, 'ubuntu');

  const script = 'FROM vllm/vllm-openai:v0.9.2\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["--model", "m"]\n';
  assert.equal((await extractDockerfile(script, context())).invocations.length, 0);
});

test('CRLF Dockerfile and the escape directive', async () => {
  const text = 'FROM vllm/vllm-openai:v0.9.2\r\nCMD ["--model", \\\r\n  "m"]\r\n';
  const r = await extractDockerfile(text, context());
  assert.deepEqual(r.invocations[0]?.args.map((a) => slice(text, a.span)), ['"--model"', '"m"']);
  assert.equal(slice(text, r.invocations[0]?.image?.tagSpan), 'v0.9.2');

  const win = '# escape=`\nFROM python:3.12\nCMD vllm serve m `\n  --port 1\n';
  const calls: Word[] = [];
  await extractDockerfile(win, context(calls));
  assert.equal(calls[0]?.text, 'vllm serve m   --port 1');
});

test('RUN with a vLLM launcher is extracted', async () => {
  const text = 'FROM python:3.12\nRUN vllm serve m --help\n';
  const r = await extractDockerfile(text, context());
  assert.equal(r.invocations.length, 1);
  assert.equal(r.invocations[0]?.fileKind, 'dockerfile');
});

test('never throws on junk', async () => {
  const inputs = [
    '',
    '\u0000\u0001\u00ff junk [[[\n\n\\',
    'FROM',
    'CMD ["a"',
    'FROM vllm/vllm-openai\nCMD ["--model", \n',
    'FROM vllm/vllm-openai:${\nCMD ["x"]',
    'FROM ${A:?err}\nCMD vllm serve',
    'ENTRYPOINT\nCMD\nFROM\nFROM x AS\nFROM x AS x\nFROM x\n',
    'FROM vllm/vllm-openai\nCMD ["\\ud800", "\\x"]\n',
    'FROM x\nRUN <<EOF\nvllm serve m\nEOF\n',
    Array.from({ length: 5000 }, (_, i) => String.fromCharCode(i % 300)).join(''),
  ];
  for (const t of inputs) {
    const r = await extractDockerfile(t, context());
    assert.ok(Array.isArray(r.invocations));
  }
  const throwing: ExtractContext = { fileName: 'Dockerfile', extractShellWord: async () => { throw new Error('boom'); } };
  assert.deepEqual(await extractDockerfile('FROM x\nCMD vllm serve m\n', throwing), { invocations: [], issues: [] });
});
