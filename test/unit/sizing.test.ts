// Sizing arithmetic against hand-computed numbers (decision-evidence.md §2), the GPU and model tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesPerParamFor, formatGiB, GiB, kvBytesForSequencePerGpu, kvBytesPerToken, kvShards, memoryFit, weightBytes } from '../../src/core/sizing/memory';
import { findModel, checkModelId, modelTable, FAMILIES } from '../../src/core/facts/models';
import { gpuTable, largestGpu, resolveGpuName, gpuFromComment } from '../../src/core/facts/gpus';

const close = (a: number, b: number, eps = 0.01) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

test('weights: params × bytes (Llama-3.1-8B BF16 ≈ 14.96 GiB; 70B BF16 over TP2 ≈ 65.70 GiB per GPU)', () => {
  close(weightBytes(8.03, 2) / GiB, 14.96);
  close(weightBytes(70.55, 2) / 2 / GiB, 65.7);
  close(weightBytes(671, 1) / GiB, 624.9, 0.1);
});

test('KV per token: 2 × layers × kv_heads × head_dim × bytes; MLA latent; sharding by min(TP, kv_heads)', () => {
  const llama8b = { layers: 32, kvHeads: 8, headDim: 128 };
  assert.equal(kvBytesPerToken(llama8b, 2), 131072);
  assert.equal(kvBytesPerToken({ layers: 64, kvHeads: 8, headDim: 128 }, 2), 262144, 'Qwen3-32B 256 KiB');
  assert.equal(kvBytesPerToken({ layers: 28, kvHeads: 4, headDim: 128 }, 2), 57344, 'Qwen2.5-7B 56 KiB');
  const dsv3 = { layers: 61, kvHeads: null, headDim: null, mla: { kvLoraRank: 512, qkRopeHeadDim: 64 } };
  assert.equal(kvBytesPerToken(dsv3, 2), 70272, 'DeepSeek-V3: 61 × 576 × 2');
  assert.equal(kvShards(dsv3, 8), 1, 'MLA is not sharded by TP');
  assert.equal(kvShards({ layers: 80, kvHeads: 8, headDim: 128 }, 16), 8, 'TP 16 over 8 KV heads replicates');
  assert.equal(kvBytesPerToken(llama8b, 1), 65536, 'FP8 KV halves it');
});

test('KV for one sequence: full layers × n + sliding layers × min(n, window); divided by TP shards and PP', () => {
  const llama8b = { layers: 32, kvHeads: 8, headDim: 128 };
  assert.equal(kvBytesForSequencePerGpu(llama8b, 131072, 2) / GiB, 16);
  assert.equal(kvBytesForSequencePerGpu({ layers: 80, kvHeads: 8, headDim: 128 }, 4096, 2, 2) / GiB, 0.625, '320 KiB/token / TP2 × 4096');
  const gemma = { layers: 62, kvHeads: 16, headDim: 128, fullLayers: 10, slidingLayers: 52, slidingWindow: 1024 };
  assert.equal(kvBytesForSequencePerGpu(gemma, 4096, 2), 2 * 16 * 128 * 2 * (10 * 4096 + 52 * 1024));
  assert.equal(kvBytesForSequencePerGpu({ layers: 32, kvHeads: 8, headDim: 128 }, 1000, 2, 1, 2), 131072 * 1000 / 2, 'PP splits layers');
});

test('memory fit: weights/(TP×PP) + KV of one sequence vs util × memory', () => {
  // Llama-3.1-8B on an L4 (24 GiB, util 0.9): 14.96 + 16 = 30.96 > 21.6.
  const r = memoryFit({ weightBytes: weightBytes(8.03, 2), kvBytesPerGpu: 16 * GiB, tp: 1, pp: 1, gpuBytes: 24 * GiB, utilization: 0.9 });
  assert.equal(r.fits, false);
  close(r.required / GiB, 30.96);
  close(r.available / GiB, 21.6);
  // With --max-model-len 16384 (2 GiB of KV) it fits.
  assert.equal(memoryFit({ weightBytes: weightBytes(8.03, 2), kvBytesPerGpu: 2 * GiB, tp: 1, pp: 1, gpuBytes: 24 * GiB, utilization: 0.9 }).fits, true);
  // Llama-3.x-70B BF16 TP2 on H100: 65.7 GiB of weights + 20 GiB of KV at 131072 tokens > 72 GiB.
  assert.equal(memoryFit({ weightBytes: weightBytes(70.55, 2), kvBytesPerGpu: 20 * GiB, tp: 2, pp: 1, gpuBytes: 80 * GiB, utilization: 0.9 }).fits, false);
  assert.equal(formatGiB(weightBytes(8.03, 2)), '14.96 GiB');
});

test('bytes per parameter from --dtype / --quantization', () => {
  assert.equal(bytesPerParamFor(undefined, undefined, 2), 2);
  assert.equal(bytesPerParamFor('float32', undefined, 2), 4);
  assert.equal(bytesPerParamFor('bfloat16', undefined, 1), 1, 'an FP8 checkpoint stays FP8');
  assert.equal(bytesPerParamFor(undefined, 'fp8', 2), 1);
  assert.equal(bytesPerParamFor(undefined, 'awq_marlin', 2), 0.5);
  assert.equal(bytesPerParamFor(undefined, 'some-new-method', 2), undefined);
});

test('the GPU table validates and names resolve case-insensitively', () => {
  assert.ok(gpuTable().length >= 15);
  assert.equal(largestGpu().memoryGiB, 288);
  const ids = (names: string[]) => names.map((n) => resolveGpuName(n)?.id);
  assert.deepEqual(ids(['H100', 'h100-80gb', 'NVIDIA-H100-80GB-HBM3', 'nvidia-h100-80gb', 'H100 PCIe']), ['h100-sxm', 'h100-sxm', 'h100-sxm', 'h100-sxm', 'h100-pcie']);
  assert.deepEqual(ids(['A100-40GB', 'NVIDIA-A100-SXM4-80GB', 'nvidia-tesla-a100', 'A100']), ['a100-40gb', 'a100-sxm-80gb', 'a100-40gb', 'a100-sxm-80gb']);
  assert.deepEqual(ids(['L4', 'nvidia-l4', 'MI300X', 'RTX-4090', 'NVIDIA-GeForce-RTX-4090', 'H200', 'l40s']), ['l4', 'l4', 'mi300x', 'rtx-4090', 'rtx-4090', 'h200-sxm', 'l40s']);
  assert.deepEqual(ids(['T4', 'H100-NVL', 'V100', '']), [undefined, undefined, undefined, undefined]);
  assert.deepEqual(gpuFromComment('services:\n  # servelint: gpu=H100-80GB\n'), { name: 'H100-80GB', offset: 29 });
  assert.equal(gpuFromComment('x: "servelint: gpu=L4"'), undefined, 'only in a comment');
});

test('the model table validates; lookups follow base/instruct twins, old names and quantised suffixes', () => {
  assert.equal(modelTable().length, 20);
  assert.equal(findModel('meta-llama/Llama-3.1-8B-Instruct')?.spec.layers, 32);
  assert.equal(findModel('meta-llama/llama-3.1-8b-instruct')?.spec.id, 'meta-llama/Llama-3.1-8B-Instruct');
  assert.equal(findModel('meta-llama/Meta-Llama-3.1-70B-Instruct')?.spec.id, 'meta-llama/Llama-3.1-70B-Instruct');
  assert.equal(findModel('meta-llama/Llama-3.1-8B')?.spec.id, 'meta-llama/Llama-3.1-8B-Instruct', 'the base model shares config.json');
  assert.deepEqual(findModel('Qwen/Qwen2.5-7B-Instruct-AWQ')?.quantization, { method: 'awq', bytesPerParam: 0.5 });
  assert.equal(findModel('Qwen/Qwen3-235B-A22B-Instruct-2507'), undefined, '2507 has another config');
  const gemma = findModel('google/gemma-3-27b-it')?.spec;
  assert.deepEqual([gemma?.fullLayers, gemma?.slidingLayers, gemma?.slidingWindow], [10, 52, 1024]);
  const oss = findModel('openai/gpt-oss-20b')?.spec;
  assert.deepEqual([oss?.fullLayers, oss?.slidingLayers, oss?.checkpoint.weightsGiB], [12, 12, 13.47]);
  assert.equal(findModel('deepseek-ai/DeepSeek-V3')?.spec.checkpoint.bytesPerParam, 1);
  assert.equal(findModel('deepseek-ai/DeepSeek-V3')?.spec.kvHeads, null);
});

test('family tables: ids of a known family with a size it never had', () => {
  assert.ok(FAMILIES.every((f) => f.sources.length > 0));
  const bad = checkModelId('meta-llama/Llama-3.2-70B-Instruct');
  assert.equal(bad?.family.name, 'Llama 3.2');
  assert.deepEqual(bad?.suggestions.slice(0, 2), ['meta-llama/Llama-3.3-70B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct']);
  assert.ok(checkModelId('meta-llama/Llama-3.2-11B-Instruct'), 'the 11B is a Vision model');
  assert.ok(checkModelId('meta-llama/Llama-3.2-1B-Vision'), 'the 1B has no Vision variant');
  assert.ok(checkModelId('Qwen/Qwen2.5-8B-Instruct'));
  assert.ok(checkModelId('Qwen/Qwen3-30B'));
  assert.ok(checkModelId('meta-llama/Meta-Llama-3-13B-Instruct'));
  for (const real of [
    'meta-llama/Llama-3.2-1B-Instruct',
    'meta-llama/Llama-3.2-90B-Vision-Instruct',
    'meta-llama/Llama-3.2-1B-Instruct-SpinQuant_INT4_EO8',
    'meta-llama/Meta-Llama-3.1-405B-Instruct-FP8',
    'meta-llama/Llama-3.3-70B-Instruct',
    'meta-llama/Meta-Llama-3-8B-Instruct',
    'Qwen/Qwen2.5-0.5B',
    'Qwen/Qwen2.5-7B-Instruct-1M',
    'Qwen/Qwen2.5-VL-7B-Instruct',
    'Qwen/Qwen2.5-Coder-32B-Instruct',
    'Qwen/Qwen3-0.6B-Base',
    'Qwen/Qwen3-235B-A22B-Thinking-2507',
    'Qwen/Qwen3-Next-80B-A3B-Instruct',
    'Qwen/Qwen3-Embedding-8B',
    'Qwen/Qwen3.5-35B-A3B',
    'mistralai/Mistral-7B-Instruct-v0.3',
    'my-org/Llama-3.2-70B-Instruct',
  ]) {
    assert.equal(checkModelId(real), undefined, real);
  }
});
