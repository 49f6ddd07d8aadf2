// The real-world corpus (../shared/corpus, configs from public repositories): never an exception,
// no findings on client configs, and no flood of findings anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../src/core/lint';

const corpus = resolve(process.env.SERVELINT_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'));
/** More findings than this on one real file would drown its author. */
const MAX_FINDINGS_PER_FILE = 12;

test('the corpus is there', () => {
  assert.ok(existsSync(corpus), `corpus not found at ${corpus}; set SERVELINT_CORPUS to its folder`);
});

const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

for (const file of files) {
  test(`corpus ${file}`, async () => {
    const text = readFileSync(join(corpus, file), 'utf8');
    const result = await analyze(text, { fileName: join(corpus, file) });
    const internal = result.findings.filter((f) => f.ruleId === 'internal-error');
    assert.deepEqual(internal.map((f) => f.message), [], 'no internal errors');
    for (const f of result.findings) {
      const lines = text.split(/\r\n|\r|\n/);
      assert.ok(f.range.start.line < lines.length && f.range.end.line < lines.length, `${f.ruleId} range inside the file`);
    }
    if (file.includes('negative')) {
      assert.equal(result.findings.length, 0, 'a client config gets no findings');
      assert.equal(result.kind === 'vllm-config', false, 'a client config is not a server config');
    }
    assert.ok(result.findings.length <= MAX_FINDINGS_PER_FILE, `${result.findings.length} findings`);
  });
}
