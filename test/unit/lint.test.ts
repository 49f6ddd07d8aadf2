// lint() end to end: detection, version resolution, suppressions, limits, robustness, the bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lint, analyze } from '../../src/core/lint';
import { listRules } from '../../src/core/rules/index';
import type { Finding } from '../../src/core/types';

const repo = join(__dirname, '..', '..', '..');
const rules = (findings: Finding[]) => findings.map((f) => f.ruleId);
function covered(text: string, f: Finding): string {
  const lines = text.split(/\r?\n/);
  return (lines[f.range.start.line] ?? '').slice(f.range.start.character, f.range.end.line === f.range.start.line ? f.range.end.character : undefined);
}

test('the target version comes from the image tag, then the option, then the newest known', async () => {
  const compose = (tag: string) =>
    `services:\n  vllm:\n    image: vllm/vllm-openai${tag}\n    command: ["Qwen/Qwen2.5-7B-Instruct", "--disable-log-requests"]\n`;
  // Deployment rules (no GPU request, no cache volume, unpinned tags) have their own tests.
  const flagRules = new Set(['deprecated-flag', 'removed-flag']);
  const at = async (tag: string, vllmVersion?: string) =>
    (await lint(compose(tag), { fileName: 'docker-compose.yml', vllmVersion })).filter((f) => flagRules.has(f.ruleId)).map((f) => `${f.ruleId}:${f.severity}`);
  assert.deepEqual(await at(':v0.9.2'), []);
  assert.deepEqual(await at(':v0.11.1'), ['deprecated-flag:warning']);
  assert.deepEqual(await at(':v0.12.0'), ['removed-flag:error']);
  assert.deepEqual(await at(':v0.9.2', '0.12.0'), [], 'the image tag wins over the option');
  assert.deepEqual(await at(':latest', '0.11.0'), ['deprecated-flag:warning'], ':latest defers to the option');
  assert.deepEqual(await at(':latest'), ['removed-flag:error'], ':latest is the newest known');
  assert.deepEqual(await at(''), ['removed-flag:error'], 'untagged is the newest known');
  const r = await analyze(compose(':v0.9.2'), { fileName: 'docker-compose.yml' });
  assert.equal(r.launches?.[0]?.version, '0.9.2');
  assert.match(r.launches?.[0]?.versionSource ?? '', /image tag/);
});

test('suppression comments: next line, whole launch, whole file, Markdown', async () => {
  const sh = '# servelint-disable-next-line gpu-memory-utilization\nvllm serve m --gpu-memory-utilization 0.99\nvllm serve m --gpu-memory-utilization 0.99\n';
  const f = await lint(sh, { fileName: 'run.sh' });
  assert.deepEqual(f.map((x) => x.range.start.line), [2]);
  const multi = '# servelint-disable-next-line unknown-flag\nvllm serve m \\\n  --port 1 \\\n  --bogus-flag 3\n';
  assert.deepEqual(rules(await lint(multi, { fileName: 'run.sh' })), [], 'a comment above a continued command covers it');
  const file = 'vllm serve m --bogus 1 --gpu-memory-utilization 2\n# servelint-disable unknown-flag\n';
  assert.deepEqual(rules(await lint(file, { fileName: 'run.sh' })), ['gpu-memory-utilization']);
  const all = '# servelint-disable\nvllm serve m --bogus 1\n';
  assert.deepEqual(rules(await lint(all, { fileName: 'run.sh' })), []);
  const md = '<!-- servelint-disable unknown-flag -->\n```bash\nvllm serve m --bogus 1\n```\n';
  assert.deepEqual(rules(await lint(md, { fileName: 'README.md' })), []);
  const other = '# servelint-disable-next-line duplicate-flag\nvllm serve m --bogus 1\n';
  assert.deepEqual(rules(await lint(other, { fileName: 'run.sh' })), ['unknown-flag'], 'other rules still report');
});

test('settings: per-rule severity and the gpu threshold', async () => {
  const sh = 'vllm serve m --gpu-memory-utilization 0.97 --bogus 1\n';
  const f = await lint(sh, { fileName: 'run.sh', settings: { rules: { 'unknown-flag': 'info' }, gpuMemoryUtilization: { warnAbove: 0.98 } } });
  assert.deepEqual(f.map((x) => `${x.ruleId}:${x.severity}`), ['unknown-flag:info']);
});

test('Markdown blocks are linted with ranges in the Markdown document', async () => {
  const md = '# Deploy\n\nRun:\n\n```bash\nvllm serve m \\\n  --gpu-memory-utilization 1.5\n```\n\n```yaml\nservices:\n  v:\n    image: vllm/vllm-openai:v0.12.0\n    command: ["m", "--disable-log-requests"]\n```\n';
  const f = await lint(md, { fileName: 'README.md' });
  assert.deepEqual(f.map((x) => [x.ruleId, x.range.start.line, covered(md, x)]), [
    ['gpu-memory-utilization', 6, '1.5'],
    ['removed-flag', 13, '--disable-log-requests'],
  ]);
});

test('exact ranges inside folded compose strings, CRLF shell and a JSON argument', async () => {
  const compose = 'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command: >\n      m --max-model-len 8192\n      --dtype float8\n';
  const c = (await lint(compose, { fileName: 'compose.yaml' })).filter((x) => x.ruleId === 'invalid-value');
  assert.deepEqual(c.map((x) => [x.range.start.line, covered(compose, x)]), [[5, 'float8']]);
  const crlf = 'vllm serve m \\\r\n  --kv-cache-dtype int8 \\\r\n  --speculative-config \'{"method": "ngram",\r\n  "num_speculative_tokens": 5}\'\r\n';
  const s = await lint(crlf, { fileName: 'run.sh' });
  assert.deepEqual(s.map((x) => [x.ruleId, x.range.start.line, covered(crlf, x)]), [['invalid-value', 1, 'int8']]);
});

test('a config file referenced with --config is linted as one; client configs are not', async () => {
  const cfg = 'model: m\ngpu_memory_utilization: 1.2\nmax_model_len: 4096\n';
  assert.deepEqual(rules(await lint(cfg, { fileName: 'serving.yaml', kind: 'vllm-config' })), ['gpu-memory-utilization']);
  assert.deepEqual(rules(await lint(cfg, { fileName: 'vllm.yaml' })), ['gpu-memory-utilization'], 'recognised by name and keys');
  const client = 'llm:\n  provider: vllm\n  base_url: http://localhost:8000/v1\n  model: m\n  temperature: 0.2\n  max_tokens: 512\n';
  assert.deepEqual(await lint(client, { fileName: 'vllm-client.yaml' }), []);
  const r = await analyze('vllm serve --config ./cfg.yaml\n', { fileName: 'run.sh' });
  assert.deepEqual(r.configReferences, ['./cfg.yaml']);
});

test('limits and junk: big files, binary data, broken YAML and half-typed commands never throw', async () => {
  const big = 'x'.repeat(3 * 1024 * 1024);
  assert.deepEqual(rules(await lint(big, { fileName: 'run.sh' })), ['file-too-large']);
  let junk = '';
  for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 65536);
  for (const name of ['run.sh', 'compose.yml', 'Dockerfile', 'README.md', 'k8s.yaml', 'vllm.yaml', 'Makefile']) {
    const found = await lint(junk, { fileName: name });
    assert.deepEqual(found.filter((f) => f.ruleId === 'internal-error'), [], name);
  }
  for (const partial of ['vllm serve', 'vllm serve m --', 'vllm serve m --gpu-memory-utilization', "vllm serve m --x '{", 'vllm serve m \\']) {
    const found = await lint(partial, { fileName: 'run.sh' });
    assert.deepEqual(found.filter((f) => f.ruleId === 'internal-error'), [], partial);
  }
  const broken = 'services:\n  v:\n    image: vllm/vllm-openai\n    command: [m, --x\n  w: {\n';
  assert.ok(rules(await lint(broken, { fileName: 'compose.yml' })).includes('yaml-syntax'));
});

test('every rule fires somewhere in examples/ (except the file-level ones)', async () => {
  const seen = new Set<string>();
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  for (const file of walk(join(repo, 'examples'))) {
    const text = readFileSync(file, 'utf8');
    for (const f of await lint(text, { fileName: file })) seen.add(f.ruleId);
  }
  const fileLevel = new Set(['file-too-large', 'binary-file']);
  const missing = listRules().map((r) => r.id).filter((id) => !fileLevel.has(id) && !seen.has(id));
  assert.deepEqual(missing, []);
  assert.ok(!seen.has('internal-error'));
});

test('dist/core.js is CommonJS and exports lint()', async () => {
  const bundle = join(repo, 'dist', 'core.js');
  assert.ok(existsSync(bundle), 'run `npm run build` first (npm test does)');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(bundle) as { lint: typeof lint; listRules: typeof listRules };
  const f = await core.lint('vllm serve m --gpu-memory-utilization 1.5\n', { fileName: 'x.sh' });
  assert.deepEqual(f.map((x) => [x.ruleId, x.severity, x.range]), [
    ['gpu-memory-utilization', 'error', { start: { line: 0, character: 38 }, end: { line: 0, character: 41 } }],
  ]);
  assert.ok(core.listRules().length >= 16);
});
