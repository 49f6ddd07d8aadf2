// Per-rule fixtures: test/fixtures/rules/<rule-id>/bad.* must give exactly the findings listed in
// bad.<name>.expected (1-based `line:col-endLine:endCol severity`), good.* none of that rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/core/lint';
import { listRules } from '../../src/core/rules/index';

const root = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
/**
 * Rules that no small fixture can show: file-too-large needs a 2 MiB file (lint.test.ts covers it),
 * binary-file is reported by the CLI only (cli.test.ts covers it).
 */
const NO_FIXTURE = new Set(['file-too-large', 'binary-file']);

function describe(f: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: string }): string {
  const r = f.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${f.severity}`;
}

test('every rule has a fixture folder with a bad and a good example', () => {
  for (const meta of listRules()) {
    if (NO_FIXTURE.has(meta.id)) continue;
    const dir = join(root, meta.id);
    assert.ok(existsSync(dir), `test/fixtures/rules/${meta.id}/ is missing`);
    const files = readdirSync(dir);
    assert.ok(files.some((f) => f.startsWith('bad') && !f.endsWith('.expected')), `${meta.id}: no bad.* fixture`);
    assert.ok(files.some((f) => f.startsWith('good')), `${meta.id}: no good.* fixture`);
  }
});

for (const ruleId of existsSync(root) ? readdirSync(root).sort() : []) {
  const dir = join(root, ruleId);
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.expected')) continue;
    // `bad.docker-compose.yml` is linted as `docker-compose.yml`, `bad-2.Dockerfile` as `Dockerfile`.
    const fileName = file.replace(/^(bad|good)(-\w+)?\./, '');
    test(`${ruleId}: ${file}`, async () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const findings = (await lint(text, { fileName: join(dir, fileName) })).filter((f) => f.ruleId === ruleId);
      if (file.startsWith('good')) {
        assert.deepEqual(findings.map((f) => `${describe(f)} ${f.message}`), [], `${file} should give no ${ruleId}`);
        return;
      }
      const expectedPath = join(dir, `${file}.expected`);
      const expected = readFileSync(expectedPath, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
      assert.deepEqual(findings.map(describe), expected);
    });
  }
}
