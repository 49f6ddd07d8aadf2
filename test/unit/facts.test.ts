import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vllmFlags, normalizeFlagName } from '../../src/core/facts/flags';
import { parseVersion, compareVersions } from '../../src/core/version';
import { parseIntValue, parseFloatValue } from '../../src/core/values';
import raw from '../../src/core/facts/data/vllm-flags.json';
import { resolveSettings } from '../../src/core/settings';
import { vllmEnvs } from '../../src/core/facts/envs';
import rawEnvs from '../../src/core/facts/data/vllm-envs.json';

const v = (s: string) => parseVersion(s)!;

test('every reference row validates and becomes a spec', () => {
  const table = vllmFlags();
  assert.equal(table.specs.length, (raw as unknown[]).length);
  assert.ok(table.get('--gpu-memory-utilization'));
  assert.equal(table.alias('-tp', v('0.10.0'))?.name, '--tensor-parallel-size');
  assert.equal(table.alias('-q', v('0.10.0'))?.name, '--quantization');
});

test('versions parse from tags and reference strings', () => {
  assert.equal(parseVersion('v0.9.2')?.text, '0.9.2');
  assert.equal(parseVersion('0.10.x')?.text, '0.10.0');
  assert.equal(parseVersion('0.14.0 (scheduled)')?.text, '0.14.0');
  assert.equal(parseVersion('v0.10.1.1')?.text, '0.10.1');
  assert.equal(parseVersion('latest'), undefined);
  assert.ok(compareVersions(v('0.10.0'), v('0.9.2')) > 0);
});

test('lifecycle: deprecated in 0.10, removed in 0.12 (--disable-log-requests)', () => {
  const table = vllmFlags();
  const spec = table.get('--disable-log-requests')!;
  assert.equal(table.status(spec, v('0.9.2')).kind, 'ok');
  assert.equal(table.status(spec, v('0.11.0')).kind, 'deprecated');
  assert.equal(table.status(spec, v('0.12.0')).kind, 'removed');
});

test('lifecycle: flags that appear later are not-yet on older versions', () => {
  const table = vllmFlags();
  const spec = table.get('--performance-mode')!;
  assert.equal(table.status(spec, v('0.16.0')).kind, 'not-yet');
  assert.equal(table.status(spec, v('0.17.0')).kind, 'ok');
});

test('corrections from engine-facts.md are applied and explained', () => {
  const spec = vllmFlags().get('--speculative-model')!;
  assert.equal(spec.removedIn?.text, '0.11.0');
  assert.match(spec.correction ?? '', /engine-facts/);
});

test('names normalise underscores only before the first dot', () => {
  assert.equal(normalizeFlagName('--max_model_len'), '--max-model-len');
  assert.equal(normalizeFlagName('--compilation_config.cudagraph_mode'), '--compilation-config.cudagraph_mode');
});

test('human-readable integers follow vLLM', () => {
  assert.equal(parseIntValue('1k', true), 1000);
  assert.equal(parseIntValue('1K', true), 1024);
  assert.equal(parseIntValue('25.6k', true), 25600);
  assert.equal(parseIntValue('2M', true), 2 * 2 ** 20);
  assert.equal(parseIntValue('1.5K', true), undefined);
  assert.equal(parseIntValue('1k', false), undefined);
  assert.equal(parseFloatValue('0.9'), 0.9);
  assert.equal(parseFloatValue('.9'), 0.9);
  assert.equal(parseFloatValue('90%'), undefined);
});

test('settings are validated field by field', () => {
  const s = resolveSettings({ rules: { 'unknown-flag': 'off', 'duplicate-flag': 'loud' }, gpuMemoryUtilization: { warnAbove: 0.9 } });
  assert.deepEqual(s.rules, { 'unknown-flag': 'off' });
  assert.equal(s.gpuMemoryUtilization.warnAbove, 0.9);
  assert.equal(resolveSettings({ gpuMemoryUtilization: { warnAbove: 7 } }).gpuMemoryUtilization.warnAbove, 0.95);
  assert.deepEqual(resolveSettings(null).rules, {});
});

test('the environment-variable table validates; scheduled removals are marked', () => {
  const envs = vllmEnvs();
  assert.equal(envs.specs.length, (rawEnvs as unknown[]).length);
  const backend = envs.get('VLLM_ATTENTION_BACKEND')!;
  assert.equal(backend.deprecated, true);
  assert.equal(backend.removedIn?.text, '0.14.0');
  assert.equal(backend.removalScheduled, true);
  assert.deepEqual(envs.get('VLLM_WORKER_MULTIPROC_METHOD')?.choices, ['fork', 'spawn']);
});
