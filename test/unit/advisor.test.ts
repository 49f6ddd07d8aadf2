// The decision guide's logic: the blog's decision paths answered from the evidence, the benchmark rows of
// decision-evidence.md §3, hardware exclusions, sizing against hand computation (§2.6), corrections.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  benchmarkCommand,
  listGpus,
  listModels,
  quickQuestions,
  recommend,
  recommendationSchema,
  type AdvisorInput,
  type Recommendation,
} from '../../src/core/advisor/index';

const GiB = 2 ** 30;
const ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function rec(input: AdvisorInput): Recommendation {
  const r = recommend(input);
  recommendationSchema.parse(r);
  return r;
}

/** Every reason anywhere in a recommendation cites a source and a date. */
function assertCited(r: Recommendation): void {
  const all = [...r.reasons, ...r.blogCorrections, ...r.alternatives.flatMap((a) => a.reasons)];
  assert.ok(all.length > 0);
  for (const reason of all) {
    assert.ok(reason.source.length > 10, `no source: ${reason.text}`);
    assert.match(reason.date, ISO, `bad date on: ${reason.text}`);
  }
}

describe('the blog quick mode: its decision paths answered from evidence', () => {
  const questions = quickQuestions();
  const q = (id: string) => {
    const found = questions.find((x) => x.id === id);
    assert.ok(found, id);
    return found;
  };

  test('four questions, each with the blog answer and a dated correction', () => {
    assert.deepEqual(
      questions.map((x) => x.id),
      ['fast-launch', 'hardware', 'budget', 'scale'],
    );
    for (const x of questions) {
      assert.equal(x.correction.correctsBlog, true);
      assert.match(x.correction.date, ISO);
      assert.ok(x.options.length >= 2);
    }
  });

  test('need it fast → vLLM, for the evidence\'s reason (model coverage), not the engine build', () => {
    const days = q('fast-launch').options[0]?.input;
    const r = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', ...days });
    assert.equal(r.engine, 'vllm');
    assert.ok(r.reasons.some((x) => /solid default/.test(x.text) && x.date === '2026-01-06'));
    assert.ok(r.blogCorrections.some((x) => /engine build/.test(x.text) && x.correctsBlog));
    assertCited(r);
  });

  test('H100/A100 → TensorRT-LLM is not a blanket rule: the winner follows the model (GPUStack)', () => {
    const h100 = { gpu: q('hardware').options.find((o) => o.input.gpu === 'H100')?.input.gpu ?? '' };
    const a100 = { gpu: q('hardware').options.find((o) => o.input.gpu === 'A100-80GB')?.input.gpu ?? '' };
    assert.equal(rec({ model: 'Qwen/Qwen3-32B', objective: 'throughput', ...h100 }).engine, 'trtllm');
    assert.equal(rec({ model: 'openai/gpt-oss-120b', gpuCount: 2, objective: 'throughput', ...h100 }).engine, 'vllm');
    assert.equal(rec({ model: 'Qwen/Qwen3-235B-A22B', gpuCount: 8, objective: 'throughput', ...a100 }).engine, 'sglang');
    const r = rec({ model: 'openai/gpt-oss-20b', objective: 'throughput', ...a100 });
    assert.ok(r.blogCorrections.some((x) => /H100\/A100 → TensorRT-LLM/.test(x.text) && /no hardware FP8/.test(x.text)));
  });

  test('budget → throughput per GPU; the blog\'s "budget → vLLM" is corrected with InferenceMAX', () => {
    const budget = q('budget').options[0]?.input;
    assert.deepEqual(budget, { objective: 'throughput' });
    const r = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', ...budget });
    assert.equal(r.engine, 'vllm'); // runinfra 2026-06-20: highest saturated throughput, lowest $/token at FP8
    assert.ok(r.reasons.some((x) => /5,333 tok\/s/.test(x.text) && x.date === '2026-06-20'));
    const c = r.blogCorrections.find((x) => /Budget sensitive/.test(x.text));
    assert.ok(c);
    assert.equal(c.date, '2025-10-09');
  });

  test('>1M tokens/s → no fixed threshold: TensorRT-LLM+Dynamo on GB200 for DeepSeek-class MoE, not on Hopper', () => {
    const scale = q('scale').options[0]?.input;
    assert.ok((scale?.requestsPerSecond ?? 0) * (1024 + 512) > 1e6);
    const rack = rec({ model: 'deepseek-ai/DeepSeek-R1', gpu: 'GB200', gpuCount: 72, ...scale });
    assert.equal(rack.engine, 'trtllm');
    assert.ok(rack.reasons.some((x) => /Dynamo/.test(x.text) && x.date === '2026-02-16'));
    assert.ok(rack.blogCorrections.some((x) => />1M tokens\/s/.test(x.text)));
    const hopper = rec({ model: 'deepseek-ai/DeepSeek-R1', gpu: 'H200', gpuCount: 16, ...scale });
    assert.notEqual(hopper.engine, 'trtllm');
  });
});

describe('the benchmark evidence of decision-evidence.md §3', () => {
  // GPUStack default-config rows (throughput): the measured winner on the measured GPU.
  const rows: Array<[AdvisorInput, string]> = [
    [{ model: 'openai/gpt-oss-120b', gpu: 'H100', gpuCount: 2 }, 'vllm'],
    [{ model: 'openai/gpt-oss-120b', gpu: 'A100', gpuCount: 2 }, 'vllm'],
    [{ model: 'openai/gpt-oss-20b', gpu: 'H100', gpuCount: 1 }, 'vllm'],
    [{ model: 'openai/gpt-oss-20b', gpu: 'A100', gpuCount: 1 }, 'vllm'],
    [{ model: 'Qwen/Qwen3-14B', parametersB: 14.8, gpu: 'A100', gpuCount: 1 }, 'trtllm'],
    [{ model: 'Qwen/Qwen3-32B', gpu: 'H100', gpuCount: 1 }, 'trtllm'],
    [{ model: 'Qwen/Qwen3-32B', gpu: 'A100', gpuCount: 1 }, 'trtllm'],
    [{ model: 'Qwen/Qwen3-235B-A22B', gpu: 'H100', gpuCount: 8 }, 'vllm'],
    [{ model: 'Qwen/Qwen3-235B-A22B', gpu: 'A100', gpuCount: 8 }, 'sglang'],
    [{ model: 'deepseek-ai/DeepSeek-R1', gpu: 'H200', gpuCount: 8 }, 'sglang'],
    [{ model: 'deepseek-ai/DeepSeek-V3.2', parametersB: 671, gpu: 'H200', gpuCount: 8 }, 'vllm'],
    [{ model: 'zai-org/GLM-4.5-Air', parametersB: 106, gpu: 'H100', gpuCount: 4 }, 'sglang'],
    [{ model: 'zai-org/GLM-4.5-Air', parametersB: 106, gpu: 'A100', gpuCount: 4 }, 'sglang'],
    [{ model: 'zai-org/GLM-4.6', parametersB: 355, gpu: 'H200', gpuCount: 8 }, 'sglang'],
  ];
  for (const [input, winner] of rows) {
    test(`GPUStack: ${input.model} on ${input.gpuCount}×${input.gpu} → ${winner}`, () => {
      const r = rec({ ...input, objective: 'throughput' });
      assert.equal(r.engine, winner);
      assert.ok(r.reasons.some((x) => x.text.startsWith('GPUStack measured') && x.date === '2026-01-06'));
      assertCited(r);
    });
  }

  test('GPUStack: "not supported" rows push TensorRT-LLM down (gpt-oss on A100, GLM)', () => {
    const r = rec({ model: 'openai/gpt-oss-20b', gpu: 'A100', objective: 'throughput' });
    const trt = r.alternatives.find((a) => a.engine === 'trtllm');
    assert.ok(trt && trt.score < 30);
    assert.ok(trt.reasons.some((x) => /did not support/.test(x.text)));
  });

  test('GPUStack latency row: Qwen3-8B batch 1 → SGLang', () => {
    assert.equal(rec({ model: 'Qwen/Qwen3-8B', gpu: 'H100', objective: 'latency' }).engine, 'sglang');
  });

  test('runinfra (2026-06-20), Llama-3.1-8B on 1×H100: TensorRT-LLM for latency, vLLM for throughput', () => {
    const latency = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', objective: 'latency' });
    assert.equal(latency.engine, 'trtllm');
    assert.ok(latency.reasons.some((x) => /235 ms vs vLLM 514 ms/.test(x.text)));
    const throughput = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', objective: 'throughput' });
    assert.equal(throughput.engine, 'vllm');
  });

  test('no engine wins everywhere across the evidence cases', () => {
    const winners = new Set(rows.map(([input]) => rec({ ...input, objective: 'throughput' }).engine));
    assert.deepEqual([...winners].sort(), ['sglang', 'trtllm', 'vllm']);
  });

  test('InferenceMAX (2025-10-09): gpt-oss on H200 → vLLM ahead of TensorRT-LLM', () => {
    const r = rec({ model: 'openai/gpt-oss-120b', gpu: 'H200', objective: 'throughput' });
    assert.equal(r.engine, 'vllm');
    assert.ok(r.reasons.some((x) => /true open source vLLM/.test(x.text) && x.date === '2025-10-09'));
  });

  test('InferenceMAX: single-node B200 TensorRT-LLM for DeepSeek-R1 at high interactivity', () => {
    const r = rec({ model: 'deepseek-ai/DeepSeek-R1', gpu: 'B200', gpuCount: 8, objective: 'latency' });
    assert.ok(r.engine === 'trtllm' || r.alternatives.find((a) => a.engine === 'trtllm')?.reasons.some((x) => /above about 90 tok\/s\/user/.test(x.text)));
  });
});

describe('hardware: NVIDIA-only engines are never recommended elsewhere', () => {
  for (const gpu of ['MI300X', 'MI325X', 'MI355X', 'Gaudi3']) {
    for (const model of ['meta-llama/Llama-3.1-8B-Instruct', 'deepseek-ai/DeepSeek-R1', 'openai/gpt-oss-120b', 'Qwen/Qwen3-32B']) {
      test(`${model} on ${gpu}: TensorRT-LLM excluded with the reason`, () => {
        for (const objective of ['latency', 'throughput', 'balanced'] as const) {
          const r = rec({ model, gpu, gpuCount: 8, objective, timeToProduction: 'months' });
          assert.notEqual(r.engine, 'trtllm');
          const trt = r.alternatives.find((a) => a.engine === 'trtllm');
          assert.ok(trt?.excluded && /NVIDIA GPUs only/.test(trt.excluded));
          assert.equal(trt.score, 0);
          assert.ok(trt.reasons.some((x) => x.date === '2026-08-22'));
          assertCited(r);
        }
      });
    }
  }

  test('AMD: vLLM by default, SGLang for DeepSeek-class MoE', () => {
    assert.equal(rec({ model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'MI300X' }).engine, 'vllm');
    assert.equal(rec({ model: 'deepseek-ai/DeepSeek-R1', gpu: 'MI300X', gpuCount: 8 }).engine, 'sglang');
  });

  test('Intel Gaudi: vLLM only (SGLang excluded too)', () => {
    const r = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'Gaudi3' });
    assert.equal(r.engine, 'vllm');
    assert.ok(r.alternatives.every((a) => a.excluded));
  });

  test('FP8 checkpoint on A100 (no FP8): TensorRT-LLM excluded', () => {
    const r = rec({ model: 'Qwen/Qwen2.5-7B-Instruct-FP8', gpu: 'A100' });
    assert.ok(r.alternatives.find((a) => a.engine === 'trtllm')?.excluded?.includes('FP8'));
  });

  test('the license correction on AMD says why TensorRT-LLM is out (hardware, not license)', () => {
    const r = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'MI300X' });
    const lic = r.blogCorrections.find((x) => /Apache-2.0/.test(x.text));
    assert.ok(lic && /NVIDIA GPUs only/.test(lic.text));
    assert.equal(lic.date, '2025');
  });

  test('listGpus carries the engines of engine_hardware_support', () => {
    const gpus = listGpus();
    assert.deepEqual(gpus.find((g) => g.id === 'mi300x')?.engines, ['vllm', 'sglang']);
    assert.deepEqual(gpus.find((g) => g.id === 'gaudi3')?.engines, ['vllm']);
    assert.deepEqual(gpus.find((g) => g.id === 'h100-sxm')?.engines, ['vllm', 'sglang', 'trtllm']);
    assert.equal(listModels().length, 20);
  });
});

describe('sizing against hand computation (decision-evidence.md §2)', () => {
  test('Llama-3.1-8B on 1×H100, 4k-token requests: §2.6 worked check (≈51.4 GiB KV before CUDA graphs, ≈100 sequences)', () => {
    const s = rec({ model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', inputLen: 3584, outputLen: 512 }).sizing;
    const weights = (8.03e9 * 2) / GiB; // 14.957
    // util × usable − weights − Llama activations − non-torch (TP1), then the 1 GiB CUDA-graph margin.
    const beforeGraphs = 0.9 * 79.18 - weights - 4.8 - 0.15;
    assert.ok(Math.abs(beforeGraphs - 51.38) < 0.1); // llm-d measured 51.38
    const pool = beforeGraphs - 1.0;
    assert.equal(s.weightsGiB, Math.round(weights * 100) / 100);
    assert.equal(s.kvCacheBytesPerToken, 2 * 32 * 8 * 128 * 2); // 128 KiB
    assert.equal(s.perGpu.kvCacheGiB, Math.round(pool * 100) / 100);
    assert.equal(s.concurrentSequences, Math.floor(pool / ((4096 * 131072) / GiB)));
    assert.equal(s.concurrentSequences, 100); // §2.6: "about 102" without the CUDA-graph margin
    assert.equal(s.tensorParallelSize, 1);
    assert.equal(s.fits, true);
    assert.equal(s.gpuMemoryGiB, 79.18);
  });

  test('Llama-3.x-70B BF16: not on 2×H100 (TP4 needed), TP2 on H200 (§2.6)', () => {
    const two = rec({ model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'H100', gpuCount: 2 }).sizing;
    assert.equal(two.fits, false);
    assert.equal(two.concurrentSequences, 0);
    assert.ok(two.notes.some((n) => /^Does not fit/.test(n)));
    assert.equal(rec({ model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'H100', gpuCount: 4 }).sizing.tensorParallelSize, 4);
    const h200 = rec({ model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'H200', gpuCount: 2 }).sizing;
    assert.equal(h200.tensorParallelSize, 2);
    assert.equal(h200.fits, true);
  });

  test('Llama-3.3-70B FP8 on 2×H100: not TP1 (no room for KV, §1.7), TP2 with 32.85 GiB of weights per GPU', () => {
    const s = rec({ model: 'meta-llama/Llama-3.3-70B-Instruct-FP8', gpu: 'H100', gpuCount: 2 }).sizing;
    assert.equal(s.tensorParallelSize, 2);
    assert.equal(s.perGpu.weightsGiB, Math.round((70.55e9 / 2 / GiB) * 100) / 100);
    const pool = 0.9 * 79.18 - 70.55e9 / 2 / GiB - 4.8 - 0.55 - 1.0;
    assert.equal(s.perGpu.kvCacheGiB, Math.round(pool * 100) / 100);
    // 160 KiB per token per GPU (KV heads split over TP 2).
    assert.equal(s.concurrentSequences, Math.floor(pool / ((1536 * 163840) / GiB)));
  });

  test('DeepSeek MLA: 61 × 576 × 2 bytes per token, not split by TP', () => {
    const s = rec({ model: 'deepseek-ai/DeepSeek-R1', gpu: 'H200', gpuCount: 8 }).sizing;
    assert.equal(s.kvCacheBytesPerToken, 61 * 576 * 2);
    assert.equal(s.weightsGiB, Math.round((671e9 / GiB) * 100) / 100); // FP8 checkpoint
    assert.equal(s.tensorParallelSize, 8);
  });

  test('a model that does not fit anywhere here: fits false with the numbers', () => {
    const s = rec({ model: 'meta-llama/Llama-3.1-405B-Instruct', gpu: 'L4', gpuCount: 1 }).sizing;
    assert.equal(s.fits, false);
    assert.equal(s.concurrentSequences, 0);
    const note = s.notes.find((n) => n.startsWith('Does not fit'));
    assert.ok(note && /NVIDIA L4 24GB/.test(note) && /GiB/.test(note));
    assert.ok(s.perGpu.weightsGiB > s.gpuMemoryGiB);
  });

  test('a model outside models.json with parametersB: weights from the count, KV from the nearest table model', () => {
    const s = rec({ model: 'acme/Frontier-13B-Instruct', parametersB: 13, gpu: 'L40S' }).sizing;
    assert.equal(s.weightsGiB, Math.round(((13e9 * 2) / GiB) * 100) / 100);
    assert.ok(s.notes.some((n) => /borrowed from/.test(n)));
    assert.equal(s.gpuMemoryGiB, 44.99); // gpus.json memory_gib_usable
    assert.equal(s.fits, true);
  });

  test('a model outside models.json without parametersB: a clear error', () => {
    assert.throws(() => recommend({ model: 'acme/Frontier-13B-Instruct', gpu: 'H100' }), /not in ServeLint's model table.*parametersB/);
  });

  test('an unknown GPU: a clear error listing the known ones (TPUs explained)', () => {
    assert.throws(() => recommend({ model: 'Qwen/Qwen3-8B', gpu: 'V100' }), /Unknown GPU "V100".*Known: h100-sxm/);
    assert.throws(() => recommend({ model: 'Qwen/Qwen3-8B', gpu: 'TPU-v5e' }), /TPUs are not in the table/);
  });

  test('invalid input is rejected by the schema', () => {
    assert.throws(() => recommend({ model: 'Qwen/Qwen3-8B', gpu: 'H100', gpuCount: 0 }), /Invalid advisor input: gpuCount/);
  });

  test('TP is the smallest power of two that fits and divides the attention heads (Qwen2.5-7B: 28 heads)', () => {
    const s = rec({ model: 'Qwen/Qwen2.5-7B-Instruct', gpu: 'L4', gpuCount: 8, concurrency: 100000 }).sizing;
    assert.ok([1, 2, 4].includes(s.tensorParallelSize));
    assert.equal(28 % s.tensorParallelSize, 0);
    assert.ok(s.notes.some((n) => /fewer than the 100000 wanted/.test(n)));
    const need = rec({ model: 'Qwen/Qwen3-32B', gpu: 'L40S', gpuCount: 8 }).sizing;
    assert.equal(need.tensorParallelSize, 2); // 61 GiB of BF16 weights: not on one 45 GiB L40S
  });

  test('multi-node: TP inside a node, pipeline stages across nodes', () => {
    const s = rec({ model: 'meta-llama/Llama-3.1-405B-Instruct', gpu: 'H100', gpuCount: 16, deployment: 'multi-node' }).sizing;
    assert.equal(s.tensorParallelSize, 8);
    assert.equal(s.pipelineParallelSize, 2);
    assert.equal(s.fits, true);
  });

  test('perGpu adds up to the GPU memory when it fits', () => {
    const s = rec({ model: 'Qwen/Qwen3-8B', gpu: 'A100-40GB' }).sizing;
    assert.ok(Math.abs(s.perGpu.weightsGiB + s.perGpu.kvCacheGiB + s.perGpu.headroomGiB - s.gpuMemoryGiB) < 0.02);
  });
});

describe('blog corrections and the benchmark command', () => {
  test('meta-llama/Llama-3.2-70B-Instruct does not exist: corrected, sized as Llama-3.3-70B', () => {
    const r = rec({ model: 'meta-llama/Llama-3.2-70B-Instruct', gpu: 'H100', gpuCount: 4 });
    const c = r.blogCorrections.find((x) => /does not exist/.test(x.text));
    assert.ok(c && c.correctsBlog);
    assert.equal(c.date, '2024-09-25');
    assert.ok(r.sizing.notes.some((n) => /sized as meta-llama\/Llama-3\.3-70B-Instruct/.test(n)));
    assert.match(r.benchmarkCommand, /Llama-3\.3-70B-Instruct/);
  });

  test('--disable-log-requests (removed in 0.12) is corrected when vLLM is recommended', () => {
    const r = rec({ model: 'openai/gpt-oss-120b', gpu: 'H100', gpuCount: 2 });
    assert.equal(r.engine, 'vllm');
    const c = r.blogCorrections.find((x) => /--disable-log-requests/.test(x.text));
    assert.ok(c && /0\.12/.test(c.text));
    assert.equal(c.date, '2025-11');
  });

  test('"15–30% faster" is corrected on NVIDIA with GPUStack, InferenceMAX and runinfra', () => {
    const r = rec({ model: 'Qwen/Qwen3-8B', gpu: 'H100' });
    const dates = r.blogCorrections.filter((x) => /15–30%|faster/.test(x.text)).map((x) => x.date);
    assert.deepEqual(dates.sort(), ['2025-10-09', '2026-01-06', '2026-06-20']);
  });

  test('benchmark commands, per engine, with the input lengths', () => {
    assert.equal(
      benchmarkCommand('vllm', 'Qwen/Qwen3-8B', 1000, 200, 8),
      'vllm bench serve --model Qwen/Qwen3-8B --port 8000 --dataset-name random --random-input-len 1000 --random-output-len 200 --num-prompts 40 --max-concurrency 8',
    );
    assert.match(benchmarkCommand('sglang', 'Qwen/Qwen3-8B', 1000, 200, 8), /^python -m sglang\.bench_serving --backend sglang --port 30000 .*--random-input-len 1000/);
    assert.match(benchmarkCommand('trtllm', 'Qwen/Qwen3-8B', 1000, 200, 8), /^python -m tensorrt_llm\.serve\.scripts\.benchmark_serving --model Qwen\/Qwen3-8B --backend openai .*--random-ids/);
    const r = rec({ model: 'Qwen/Qwen3-8B', gpu: 'H100', inputLen: 2048, outputLen: 256, concurrency: 16 });
    assert.match(r.benchmarkCommand, /--random-input-len 2048 --random-output-len 256 --num-prompts 80 --max-concurrency 16/);
  });

  test('alternatives hold the other two engines, best first', () => {
    const r = rec({ model: 'Qwen/Qwen3-8B', gpu: 'H100' });
    assert.equal(r.alternatives.length, 2);
    assert.ok(!r.alternatives.some((a) => a.engine === r.engine));
    assert.ok((r.score ?? 0) >= (r.alternatives[0]?.score ?? 0));
    assert.ok((r.alternatives[0]?.score ?? 0) >= (r.alternatives[1]?.score ?? 0));
  });
});
