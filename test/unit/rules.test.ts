// Each rule on hand-made launches (no extractor involved): what fires, where, with which fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvocation, type RawFinding } from '../../src/core/check';
import { resolveSettings } from '../../src/core/settings';
import { listRules } from '../../src/core/rules/index';
import { invocationOf } from '../helpers';
import type { Invocation, SpanEdit } from '../../src/core/types';

function run(text: string, opts: { form?: Invocation['form']; version?: string; settings?: unknown; mutate?: (i: Invocation) => void } = {}) {
  const inv = invocationOf(text, opts.form ?? 'vllm-serve');
  opts.mutate?.(inv);
  return checkInvocation(inv, { text, vllmVersion: opts.version, settings: resolveSettings(opts.settings) }).findings;
}
const of = (findings: RawFinding[], rule: string) => findings.filter((f) => f.ruleId === rule);
const at = (text: string, f: RawFinding) => text.slice(f.span.start, f.span.end);
function apply(text: string, edits: SpanEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

test('gpu-memory-utilization: error outside (0, 1], warning above the threshold, quiet otherwise', () => {
  for (const bad of ['0', '1.5', '-0.2', '90']) {
    const text = `vllm serve m --gpu-memory-utilization ${bad}`;
    const f = of(run(text), 'gpu-memory-utilization');
    assert.equal(f.length, 1, bad);
    assert.equal(f[0]!.severity, 'error');
    assert.equal(at(text, f[0]!), bad);
  }
  const ninety = of(run('vllm serve m --gpu-memory-utilization 90'), 'gpu-memory-utilization')[0]!;
  assert.equal(apply('vllm serve m --gpu-memory-utilization 90', ninety.fixes![0]!.edits), 'vllm serve m --gpu-memory-utilization 0.9');
  const warn = of(run('vllm serve m --gpu-memory-utilization=0.97'), 'gpu-memory-utilization');
  assert.equal(warn[0]?.severity, 'warning');
  assert.equal(of(run('vllm serve m --gpu-memory-utilization 1'), 'gpu-memory-utilization')[0]?.severity, 'warning');
  assert.equal(of(run('vllm serve m --gpu-memory-utilization 0.95'), 'gpu-memory-utilization').length, 0);
  assert.equal(of(run('vllm serve m --gpu-memory-utilization 0.97', { settings: { gpuMemoryUtilization: { warnAbove: 0.98 } } }), 'gpu-memory-utilization').length, 0);
});

test('gpu-memory-utilization: an interpolated value is never guessed, a literal default is checked', () => {
  const text = 'vllm serve m --gpu-memory-utilization X';
  assert.equal(of(run(text, { mutate: (i) => (i.args[2]!.unknown = true) }), 'gpu-memory-utilization').length, 0);
  const f = of(run('vllm serve m --gpu-memory-utilization 0.97', { mutate: (i) => (i.args[2]!.fromDefault = true) }), 'gpu-memory-utilization');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /default of an interpolated value/);
});

test('unknown-flag: did-you-mean with a fix, other engines\' names, abbreviations, flags newer than the target', () => {
  const text = 'vllm serve m --gpu-memory-utilisation 0.9';
  const f = of(run(text), 'unknown-flag')[0]!;
  assert.equal(at(text, f), '--gpu-memory-utilisation');
  assert.match(f.message, /Did you mean --gpu-memory-utilization/);
  assert.equal(apply(text, f.fixes![0]!.edits), 'vllm serve m --gpu-memory-utilization 0.9');
  assert.match(of(run('vllm serve m --mem-fraction-static 0.8'), 'unknown-flag')[0]!.message, /SGLang name.*--gpu-memory-utilization/);
  const abbrev = of(run('vllm serve m --gpu-memory-util 0.8'), 'unknown-flag')[0]!;
  assert.equal(abbrev.severity, 'warning');
  const newer = of(run('vllm serve m --performance-mode throughput', { version: '0.16.0' }), 'unknown-flag')[0]!;
  assert.match(newer.message, /added in vLLM 0\.17\.0/);
  assert.equal(of(run('vllm serve m --performance-mode throughput', { version: '0.17.0' }), 'unknown-flag').length, 0);
});

test('invalid-value: types, choices, bounds, JSON and missing values', () => {
  const cases: [string, string][] = [
    ['vllm serve m --dtype float8', 'float8'],
    ['vllm serve m --kv-cache-dtype int8', 'int8'],
    ['vllm serve m --tensor-parallel-size 0', '0'],
    ['vllm serve m --block-size 48', '48'],
    ['vllm serve m --max-model-len 8k5', '8k5'],
    ['vllm serve m --max-num-seqs 2.5', '2.5'],
    ["vllm serve m --speculative-config {method:ngram}", '{method:ngram}'],
  ];
  for (const [text, value] of cases) {
    const f = of(run(text), 'invalid-value');
    assert.equal(f.length, 1, text);
    assert.equal(f[0]!.severity, 'error', text);
    assert.equal(at(text, f[0]!), value, text);
  }
  for (const ok of ['--dtype bfloat16', '--max-model-len 32k', '--max-model-len 1K', '--block-size 16', '--kv-cache-dtype fp8', '--seed -1', '--speculative-config {"method":"ngram"}', '--compilation-config.mode 3', '--quantization None']) {
    assert.equal(of(run(`vllm serve m ${ok}`), 'invalid-value').length, 0, ok);
  }
  assert.equal(of(run('vllm serve m --quantization awqq'), 'invalid-value')[0]?.severity, 'warning', 'the quantization list changes per release');
  assert.match(of(run('vllm serve m --max-model-len'), 'invalid-value')[0]!.message, /expects a value/);
});

test('removed-flag / deprecated-flag: 0.9 nothing, 0.11 warning, 0.12 error, each with the replacement and a fix', () => {
  const text = 'vllm serve m --disable-log-requests --port 8000';
  assert.equal(run(text, { version: '0.9.2' }).filter((f) => /flag$/.test(f.ruleId)).length, 0);
  const dep = of(run(text, { version: '0.11.0' }), 'deprecated-flag');
  assert.equal(dep.length, 1);
  assert.equal(dep[0]!.severity, 'warning');
  assert.match(dep[0]!.message, /--enable-log-requests/);
  const rem = of(run(text, { version: '0.12.0' }), 'removed-flag');
  assert.equal(rem.length, 1);
  assert.equal(rem[0]!.severity, 'error');
  assert.equal(at(text, rem[0]!), '--disable-log-requests');
  assert.equal(apply(text, rem[0]!.fixes![0]!.edits), 'vllm serve m --port 8000');
  const renamed = 'vllm serve m --guided-decoding-backend xgrammar';
  const r = of(run(renamed, { version: '0.12.0' }), 'removed-flag')[0]!;
  assert.equal(apply(renamed, r.fixes![0]!.edits), 'vllm serve m --structured-outputs-config.backend xgrammar');
});

test('boolean-with-value: error with a fix to --x or --no-x', () => {
  const text = 'vllm serve m --enforce-eager false --port 1';
  const f = of(run(text), 'boolean-with-value')[0]!;
  assert.equal(at(text, f), '--enforce-eager false');
  assert.equal(apply(text, f.fixes![0]!.edits), 'vllm serve m --no-enforce-eager --port 1');
  const yes = 'vllm serve m --trust-remote-code=yes';
  assert.equal(apply(yes, of(run(yes), 'boolean-with-value')[0]!.fixes![0]!.edits), 'vllm serve m --trust-remote-code');
  assert.equal(of(run('vllm serve m --enforce-eager --trust-remote-code'), 'boolean-with-value').length, 0);
});

test('duplicate-flag: warning on the second occurrence with the first as related information', () => {
  const text = 'vllm serve m --max-model-len 4096 --port 1 --max_model_len 8192';
  const f = of(run(text), 'duplicate-flag');
  assert.equal(f.length, 1);
  assert.equal(at(text, f[0]!), '--max_model_len');
  assert.equal(text.slice(f[0]!.related![0]!.span.start, f[0]!.related![0]!.span.end), '--max-model-len');
  assert.equal(of(run('vllm serve m --compilation-config.mode 3 --compilation-config.level 1'), 'duplicate-flag').length, 0);
});

test('relations vLLM enforces', () => {
  assert.equal(of(run('vllm serve m --enable-auto-tool-choice'), 'tool-choice-needs-parser').length, 1);
  assert.equal(of(run('vllm serve m --enable-auto-tool-choice --tool-call-parser hermes'), 'tool-choice-needs-parser').length, 0);
  const t = 'vllm serve m --max-num-batched-tokens 128 --max-num-seqs 256';
  const b = of(run(t), 'batched-tokens-below-seqs');
  assert.equal(b.length, 1);
  assert.equal(at(t, b[0]!), '128');
  assert.equal(of(run('vllm serve m --max-num-batched-tokens 128'), 'batched-tokens-below-seqs').length, 0);
  assert.equal(of(run('vllm serve m --max-num-batched-tokens 2k --max-num-seqs 256'), 'batched-tokens-below-seqs').length, 0);
  const l = 'vllm serve m --enable-log-outputs';
  const lf = of(run(l), 'log-outputs-needs-log-requests')[0]!;
  assert.equal(apply(l, lf.fixes![0]!.edits), 'vllm serve m --enable-log-outputs --enable-log-requests');
  assert.equal(of(run('vllm serve m --enable-log-outputs --enable-log-requests'), 'log-outputs-needs-log-requests').length, 0);
  // An unknown argument list keeps relation rules quiet.
  assert.equal(of(run('vllm serve m --enable-auto-tool-choice X', { mutate: (i) => Object.assign(i.args[2]!, { splat: true, unknown: true }) }), 'tool-choice-needs-parser').length, 0);
});

test('prefer-vllm-serve: info with a fix that moves the model into place', () => {
  const text = 'python -m vllm.entrypoints.openai.api_server --model org/m --port 8000';
  const f = of(run(text, { form: 'api-server-module' }), 'prefer-vllm-serve')[0]!;
  assert.equal(f.severity, 'info');
  assert.equal(apply(text, f.fixes![0]!.edits), 'vllm serve org/m --port 8000');
});

test('unexpected-argument: a second positional, or any positional to the api_server module', () => {
  const text = 'vllm serve m extra --port 1';
  const f = of(run(text), 'unexpected-argument');
  assert.equal(f.length, 1);
  assert.equal(at(text, f[0]!), 'extra');
  assert.equal(of(run('python -m vllm.entrypoints.openai.api_server m', { form: 'api-server-module' }), 'unexpected-argument').length, 1);
});

test('rule severities can be overridden or turned off', () => {
  assert.equal(of(run('vllm serve m --gpu-memory-utilization 2', { settings: { rules: { 'gpu-memory-utilization': 'off' } } }), 'gpu-memory-utilization').length, 0);
});

test('every rule has an id, summary and a docs page', async () => {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  for (const meta of listRules()) {
    assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(meta.summary.length > 10);
    assert.ok(existsSync(join(__dirname, '..', '..', '..', 'docs', 'rules', `${meta.id}.md`)), `docs/rules/${meta.id}.md`);
  }
});

test('gpu-memory-utilization: an out-of-range value can be reset to the default, never automatically', () => {
  const text = 'vllm serve m --gpu-memory-utilization 1.5';
  const f = of(run(text), 'gpu-memory-utilization')[0]!;
  assert.deepEqual(f.fixes!.map((x) => x.title), ["Use 0.9 (vLLM's default)"]);
  assert.equal(f.fixes![0]!.preferred, undefined);
  assert.equal(apply(text, f.fixes![0]!.edits), 'vllm serve m --gpu-memory-utilization 0.9');
});

test('removed-flag: no rename fix between JSON flags of different shapes (--rope-scaling → --hf-overrides)', () => {
  const text = 'vllm serve m --rope-scaling {"rope_type":"yarn","factor":4.0}';
  const f = of(run(text, { version: '0.17.0' }), 'removed-flag')[0]!;
  assert.ok(f, 'removed at 0.17.0');
  assert.ok(!f.fixes?.some((x) => x.title.startsWith('Replace with')), JSON.stringify(f.fixes?.map((x) => x.title)));
});
