import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractMarkdown, findFencedBlocks, infoLanguage, stripPrompts } from '../../src/core/extract/markdown';
import { literalWord } from '../../src/core/text';
import type { ExtractContext, ExtractResult, FileKind, Invocation, Word } from '../../src/core/types';

function fixture(name: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'test', 'fixtures', 'markdown', name);
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
    dir = path.dirname(dir);
  }
  return fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'markdown', name), 'utf8');
}

const ctx: ExtractContext = {
  fileName: 'README.md',
  extractShellWord: async () => ({ invocations: [], issues: [] }),
};

interface Call {
  kind: FileKind;
  blockText: string;
  info: string;
}

/** Returns one invocation per block whose args are the block's non-space tokens, at block offsets. */
function stub(calls: Call[]) {
  return async (kind: FileKind, blockText: string, info: string): Promise<ExtractResult> => {
    calls.push({ kind, blockText, info });
    const args: Word[] = [];
    for (const m of blockText.matchAll(/\S+/g)) args.push(literalWord(m[0], m.index as number));
    const inv: Invocation = {
      engine: 'vllm',
      form: 'vllm-serve',
      fileKind: kind,
      args,
      span: { start: 0, end: blockText.length },
    };
    return { invocations: [inv], issues: [{ ruleId: 'test', span: { start: 0, end: 1 }, message: 'x' }] };
  };
}

/** The document text at each arg's span. */
const argTexts = (text: string, inv: Invocation | undefined) => (inv?.args ?? []).map((a) => text.slice(a.span.start, a.span.end));

test('readme fixture: each block goes to the right extractor, spans land in the document', async () => {
  const text = fixture('readme.md');
  const calls: Call[] = [];
  const r = await extractMarkdown(text, ctx, stub(calls));
  assert.deepEqual(
    calls.map((c) => [c.kind, c.info]),
    [
      ['shell', 'bash'],
      ['compose', 'yaml'],
      ['kubernetes', 'yml'],
      ['shell', 'console'],
      ['shell', 'sh'],
      ['shell', 'shell'],
      ['shell', 'bash'],
    ],
  );
  for (const c of calls) assert.ok(text.includes(c.blockText.trim().split('\n')[0]?.trim() ?? '\u0000'), 'block text comes from the document');

  const [bash, compose, k8s, consoleBlock, tilde, listed, quoted] = r.invocations;
  assert.deepEqual(argTexts(text, bash), ['vllm', 'serve', 'Qwen/Qwen2.5-7B-Instruct', '\\', '--tensor-parallel-size', '2']);
  assert.equal(text.slice(bash!.span.start, bash!.span.end), 'vllm serve Qwen/Qwen2.5-7B-Instruct \\\n  --tensor-parallel-size 2\n');
  // Every arg's text is what the document holds at its span.
  for (const inv of r.invocations) {
    for (const a of inv.args) {
      assert.equal(text.slice(a.span.start, a.span.end), a.text);
      assert.equal(text.slice(a.offsets[0], (a.offsets[0] as number) + a.text.length), a.text);
    }
  }
  assert.ok(argTexts(text, compose).includes('vllm/vllm-openai:v0.9.2'));
  assert.ok(argTexts(text, k8s).includes('Deployment'));
  // The console block: prompts removed, output lines dropped, the continuation line kept.
  assert.deepEqual(argTexts(text, consoleBlock), [
    'vllm', 'serve', 'm', '--port', '8000',
    'curl', 'localhost:8000/v1/models', '\\', '-H', "'Authorization:", "Bearer", "x'",
  ]);
  assert.deepEqual(argTexts(text, tilde), ['vllm', 'serve', 'tilde-model']);
  assert.deepEqual(argTexts(text, listed), ['vllm', 'serve', 'listed-model']);
  assert.deepEqual(argTexts(text, quoted), ['vllm', 'serve', 'quoted-model']);
  // Issues are shifted too.
  assert.equal(r.issues.length, 7);
  assert.equal(r.issues[0]?.span.start, bash!.span.start);
});

test('console block text keeps its length and line structure', () => {
  const block = '$ vllm serve m \\\n>   --tp 2\nINFO ready\n# vllm serve root\n% ls\nuser@box:~$ echo hi\n';
  const out = stripPrompts(block, 'console');
  assert.equal(out.length, block.length);
  assert.equal(out.split('\n').length, block.split('\n').length);
  assert.equal(out, '  vllm serve m \\\n    --tp 2\n          \n  vllm serve root\n  ls\n            echo hi\n');
  // `auto` (bash blocks): only when the block starts with a `$ ` prompt, and `#` stays a comment.
  assert.equal(stripPrompts('vllm serve m\n# comment\n', 'auto'), 'vllm serve m\n# comment\n');
  assert.equal(stripPrompts('$ vllm serve m\n# comment\noutput\n', 'auto'), '  vllm serve m\n         \n      \n');
  // No prompts at all: a console block is read as a script.
  assert.equal(stripPrompts('vllm serve m\n', 'console'), 'vllm serve m\n');
});

test('yaml block mapped back exactly (check text.slice of a shifted span)', async () => {
  const text = 'Intro\n\n```yaml\nservices:\n  vllm:\n    command: --model m\n```\n';
  const calls: Call[] = [];
  const r = await extractMarkdown(text, ctx, stub(calls));
  assert.equal(calls[0]?.kind, 'compose');
  assert.equal(calls[0]?.blockText, 'services:\n  vllm:\n    command: --model m\n');
  const m = r.invocations[0]?.args.find((a) => a.text === 'm') as Word;
  assert.equal(text.slice(m.span.start, m.span.end), 'm');
  assert.equal(m.span.start, text.indexOf('--model m') + '--model '.length);
  // Plain YAML (maybe a vLLM config) is passed as 'yaml'; the caller decides.
  const calls2: Call[] = [];
  await extractMarkdown('```yml\nmodel: m\ntensor-parallel-size: 2\n```\n', ctx, stub(calls2));
  assert.equal(calls2[0]?.kind, 'yaml');
});

test('~~~ fences, longer fences and info-string attributes', async () => {
  const text = '~~~ {.bash .numberLines}\nvllm serve a\n~~~\n\n`````Dockerfile title="x"\nFROM vllm/vllm-openai\n```\nstill inside\n`````\n~~~makefile\nserve:\n\tvllm serve m\n~~~\n';
  const calls: Call[] = [];
  const r = await extractMarkdown(text, ctx, stub(calls));
  assert.deepEqual(calls.map((c) => c.kind), ['shell', 'dockerfile', 'makefile']);
  assert.equal(calls[1]?.blockText, 'FROM vllm/vllm-openai\n```\nstill inside\n');
  assert.deepEqual(argTexts(text, r.invocations[0]), ['vllm', 'serve', 'a']);
  assert.equal(infoLanguage('{.bash .numberLines}'), 'bash');
  assert.equal(infoLanguage('language-sh'), 'sh');
  assert.equal(infoLanguage('shell{1,3}'), 'shell');
  assert.equal(infoLanguage('  Dockerfile  '), 'dockerfile');
  const calls2: Call[] = [];
  await extractMarkdown('```docker\nFROM x\n```\n```Dockerfile\nFROM y\n```\n```make\nall:\n```\n```shell-session\n$ vllm serve m\n```\n', ctx, stub(calls2));
  assert.deepEqual(calls2.map((c) => c.kind), ['dockerfile', 'dockerfile', 'makefile', 'shell']);
  assert.equal(calls2[3]?.blockText, '  vllm serve m\n');
});

test('unterminated fence runs to the end of the document', async () => {
  const text = '# T\n\n```bash\nvllm serve m \\\n  --tp 2';
  const calls: Call[] = [];
  const r = await extractMarkdown(text, ctx, stub(calls));
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.blockText, 'vllm serve m \\\n  --tp 2');
  assert.deepEqual(argTexts(text, r.invocations[0]), ['vllm', 'serve', 'm', '\\', '--tp', '2']);
  // A fence on the last line with nothing after it: no block, no crash.
  assert.equal((await extractMarkdown('text\n```bash', ctx, stub([]))).invocations.length, 0);
});

test('CRLF document', async () => {
  const text = 'Run:\r\n\r\n```bash\r\nvllm serve m \\\r\n  --tensor-parallel-size 2\r\n```\r\n\r\n```console\r\n$ vllm serve n\r\nINFO up\r\n```\r\n';
  const calls: Call[] = [];
  const r = await extractMarkdown(text, ctx, stub(calls));
  assert.equal(calls[0]?.blockText, 'vllm serve m \\\r\n  --tensor-parallel-size 2\r\n');
  assert.deepEqual(argTexts(text, r.invocations[0]), ['vllm', 'serve', 'm', '\\', '--tensor-parallel-size', '2']);
  assert.equal(calls[1]?.blockText, '  vllm serve n\r\n       \r\n');
  assert.deepEqual(argTexts(text, r.invocations[1]), ['vllm', 'serve', 'n']);
});

test('blocks in lists and blockquotes: prefixes become spaces', async () => {
  const text = [
    '- step one:',
    '  ```bash',
    '  vllm serve a \\',
    '    --tp 2',
    '  ```',
    '',
    '> > ```sh',
    '> > vllm serve b',
    '> ```',
    'after',
    '',
    '1. ```bash',
    '   vllm serve c',
    '   ```',
    '',
    'A paragraph ends the list.',
    '',
    '    ```bash',
    '    an indented code block, not a fence',
    '    ```',
  ].join('\n');
  const calls: Call[] = [];
  const r = await extractMarkdown(text, ctx, stub(calls));
  assert.equal(calls.length, 3);
  assert.equal(calls[0]?.blockText, '  vllm serve a \\\n    --tp 2\n');
  assert.deepEqual(argTexts(text, r.invocations[0]), ['vllm', 'serve', 'a', '\\', '--tp', '2']);
  // The inner quote ends at `> ```` (only one `>`): the block ends there.
  assert.equal(calls[1]?.blockText, '    vllm serve b\n');
  assert.deepEqual(argTexts(text, r.invocations[1]), ['vllm', 'serve', 'b']);
  assert.deepEqual(argTexts(text, r.invocations[2]), ['vllm', 'serve', 'c']);
});

test('untagged blocks are read as shell only when they launch the engine; other languages are skipped', async () => {
  const calls: Call[] = [];
  await extractMarkdown('```\nvllm serve m\n```\n\n```\nsome output\n```\n\n```text\nvllm serve x\n```\n\n```python\nvllm serve\n```\n', ctx, stub(calls));
  assert.deepEqual(calls.map((c) => [c.kind, c.blockText]), [['shell', 'vllm serve m\n']]);
});

test('inline triple backticks are not fences; empty blocks are skipped', () => {
  assert.equal(findFencedBlocks('Use ```vllm serve``` inline\n').length, 0);
  assert.equal(findFencedBlocks('```bash\n```\n').length, 0);
});

test('never throws', async () => {
  const inputs = ['', '```', '~~~\n', '> ```bash\n> ', '- ```\n-\n', '\u0000\u0001```\u00ff', '```bash\r\r\r```', '````\n```\n'];
  for (const t of inputs) {
    const r = await extractMarkdown(t, ctx, stub([]));
    assert.ok(Array.isArray(r.invocations));
  }
  const r = await extractMarkdown('```bash\nvllm serve m\n```\n```bash\nvllm serve n\n```\n', ctx, async (_k, blockText) => {
    if (blockText.includes(' m')) throw new Error('boom');
    return { invocations: [], issues: [{ ruleId: 'x', span: { start: 0, end: 1 }, message: 'ok' }] };
  });
  assert.equal(r.issues.length, 1, 'a failing block does not stop the others');
  assert.equal(r.issues[0]?.span.start, '```bash\nvllm serve m\n```\n```bash\n'.length);
});
