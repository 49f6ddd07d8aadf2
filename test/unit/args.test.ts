import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, booleanState, lastValue } from '../../src/core/args';
import { vllmFlags } from '../../src/core/facts/flags';
import { parseVersion, NEWEST_KNOWN_VLLM } from '../../src/core/version';
import { invocationOf } from '../helpers';

const flags = vllmFlags();
const v = (s: string) => parseVersion(s)!;

test('--flag value, --flag=value, underscores and aliases resolve to canonical keys', () => {
  const text = 'vllm serve m --gpu_memory_utilization=0.8 -tp 2 --max-model-len 4k';
  const p = parseArgs(invocationOf(text), flags, NEWEST_KNOWN_VLLM);
  assert.deepEqual(p.flags.map((f) => f.key), ['--gpu-memory-utilization', '--tensor-parallel-size', '--max-model-len']);
  const gpu = p.flags[0]!;
  assert.equal(gpu.inline, true);
  assert.equal(gpu.values[0]!.text, '0.8');
  assert.equal(text.slice(gpu.nameSpan.start, gpu.nameSpan.end), '--gpu_memory_utilization');
  assert.equal(text.slice(gpu.values[0]!.span.start, gpu.values[0]!.span.end), '0.8');
  assert.equal(p.model?.word.text, 'm');
  assert.equal(p.model?.via, 'positional');
});

test('--no-x negates BooleanOptionalAction flags; store_true flags have no --no- form', () => {
  const p = parseArgs(invocationOf('vllm serve m --no-enable-prefix-caching --no-disable-log-stats'), flags, NEWEST_KNOWN_VLLM);
  assert.equal(p.flags[0]!.key, '--enable-prefix-caching');
  assert.equal(p.flags[0]!.negated, true);
  assert.equal(booleanState(p, '--enable-prefix-caching'), false);
  assert.equal(p.flags[1]!.spec, undefined, '--no-disable-log-stats is not a flag');
});

test('-O3 is --optimization-level from 0.12 and --compilation-config before', () => {
  const newer = parseArgs(invocationOf('vllm serve m -O3'), flags, v('0.12.0'));
  assert.equal(newer.flags[0]!.key, '--optimization-level');
  assert.equal(newer.flags[0]!.values[0]!.text, '3');
  const older = parseArgs(invocationOf('vllm serve m -O3'), flags, v('0.11.0'));
  assert.equal(older.flags[0]!.key, '--compilation-config');
});

test('multi-value flags take words up to the next option; dotted JSON keys are kept', () => {
  const p = parseArgs(invocationOf('vllm serve m --served-model-name a b c --compilation-config.mode 3 --x.key+ v'), flags, NEWEST_KNOWN_VLLM);
  assert.deepEqual(p.flags[0]!.values.map((w) => w.text), ['a', 'b', 'c']);
  assert.equal(p.flags[1]!.key, '--compilation-config');
  assert.equal(p.flags[1]!.dottedKey, 'mode');
  assert.equal(p.flags[1]!.values[0]!.text, '3');
  assert.equal(p.flags[2]!.append, true);
});

test('a boolean followed by a boolean-looking word records the stray value instead of a model', () => {
  const p = parseArgs(invocationOf('vllm serve m --enforce-eager false --trust-remote-code'), flags, NEWEST_KNOWN_VLLM);
  assert.equal(p.flags[0]!.strayBooleanValue?.text, 'false');
  assert.deepEqual(p.positionals.map((w) => w.text), ['m']);
});

test('a missing value is noticed; negative numbers are values', () => {
  const p = parseArgs(invocationOf('vllm serve m --max-model-len --seed -1'), flags, NEWEST_KNOWN_VLLM);
  assert.equal(p.flags[0]!.missingValue, true);
  assert.equal(lastValue(p, '--seed')?.text, '-1');
});

test('api_server: the model comes from --model; splats make the parse incomplete', () => {
  const inv = invocationOf('python -m vllm.entrypoints.openai.api_server --model org/m', 'api-server-module');
  const p = parseArgs(inv, flags, NEWEST_KNOWN_VLLM);
  assert.equal(p.model?.via, '--model');
  assert.equal(p.model?.word.text, 'org/m');
  const splat = invocationOf('vllm serve m $ARGS');
  splat.args[1]!.splat = true;
  splat.args[1]!.unknown = true;
  assert.equal(parseArgs(splat, flags, NEWEST_KNOWN_VLLM).incomplete, true);
});

test('a unique prefix is recognised as an abbreviation', () => {
  const p = parseArgs(invocationOf('vllm serve m --gpu-memory-util 0.8'), flags, NEWEST_KNOWN_VLLM);
  assert.equal(p.flags[0]!.spec, undefined);
  assert.equal(p.flags[0]!.abbreviationOf?.name, '--gpu-memory-utilization');
  assert.equal(p.flags[0]!.values[0]!.text, '0.8');
});
