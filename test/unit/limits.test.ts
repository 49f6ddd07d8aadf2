// Limits and incremental behaviour: the size limit (servelint.maxFileSize → LintOptions.maxLength),
// bounded YAML nesting with results that do not depend on the caller's stack, step (not time)
// budgets, and the tables and parser that load once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/core/lint';
import { sglangFlags, trtllmFlags, vllmFlags } from '../../src/core/facts/flags';
import { gpuTable } from '../../src/core/facts/gpus';
import { modelTable } from '../../src/core/facts/models';
import { vllmEnvs } from '../../src/core/facts/envs';
import { getBashParser, newParseBudget, parseWithBudget } from '../../src/core/extract/treeSitter';
import { MAX_NESTING } from '../../src/core/extract/yamlWords';

test('a document over maxLength gets exactly one info finding and is not linted', async () => {
  const text = 'vllm serve m --bogus 1\n'.repeat(100);
  const small = await analyze(text, { fileName: 'run.sh', maxLength: 1024 });
  assert.deepEqual(
    small.findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.character]),
    [['file-too-large', 'info', 0, 0]],
  );
  assert.match(small.findings[0]!.message, /2,300 characters, more than the limit of 1,024/);
  const linted = await analyze(text, { fileName: 'run.sh', maxLength: text.length });
  assert.ok(linted.findings.some((f) => f.ruleId === 'unknown-flag'), 'at the limit the file is linted');
});

test('YAML nested deeper than MAX_NESTING is left alone, with the same result however deep the caller stack is', async () => {
  const depth = MAX_NESTING + 50;
  const flow = `services: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  const block = `services:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n')} vllm serve m\n`;
  for (const text of [flow, block]) {
    const shallow = JSON.stringify(await analyze(text, { fileName: 'docker-compose.yml' }));
    // The same lint from deep inside a recursion: the composer never gets near the stack limit.
    const deep = async (n: number): Promise<string> => (n === 0 ? JSON.stringify(await analyze(text, { fileName: 'docker-compose.yml' })) : deep(n - 1));
    assert.equal(await deep(2000), shallow);
  }
  const ok = `services: ${'['.repeat(MAX_NESTING - 5)}${']'.repeat(MAX_NESTING - 5)}\n`;
  const r = await analyze(ok, { fileName: 'docker-compose.yml' });
  assert.deepEqual(r.findings.filter((f) => f.ruleId === 'internal-error'), []);
});

test('the shell parse budget is counted in parser steps: the same script is cut at the same place every time', async () => {
  const parser = await getBashParser();
  const script = 'vllm serve m --port 1 && echo "$(( 1 + 2 ))"\n'.repeat(2000);
  assert.equal(parseWithBudget(parser, script, { ...newParseBudget(), parse: 50 }), null, 'a budget far too small gives up');
  const first = newParseBudget();
  const tree = parseWithBudget(parser, script, first);
  assert.ok(tree, 'the normal budget parses a 2,000-line script');
  tree.delete();
  const second = newParseBudget();
  parseWithBudget(parser, script, second)?.delete();
  assert.equal(first.parse, second.parse, 'the same steps every time');
  assert.ok(first.parse < newParseBudget().parse, 'progress callbacks are counted');
});

test('the tree-sitter parser and the facts tables are built once', async () => {
  assert.equal(await getBashParser(), await getBashParser());
  assert.equal(vllmFlags(), vllmFlags());
  assert.equal(sglangFlags(), sglangFlags());
  assert.equal(trtllmFlags('trtllm-build'), trtllmFlags('trtllm-build'));
  assert.equal(gpuTable(), gpuTable());
  assert.equal(modelTable(), modelTable());
  assert.equal(vllmEnvs(), vllmEnvs());
});
