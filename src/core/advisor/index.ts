// The decision guide: recommend(input) → engine, alternatives, reasons with sources and dates, sizing,
// the benchmark command and the blog's corrections; generateConfig(request) → a launch config that
// lints clean. Pure (no I/O, no vscode): the CLI prints it, the webview shows it.
import { advisorInputSchema, type AdvisorInput, type EngineId, type GeneratedConfig, type GenerateRequest, type GpuChoice, type ModelChoice, type QuickQuestion, type Reason, type Recommendation } from './types';
import { engineIdSchema, targetSchema } from './types';
import { SOURCES, reason, fmt } from './evidence';
import { acceleratorTable, computeSizing, resolveAccelerator, resolveModel } from './sizing';
import { scoreEngines } from './score';
import { generate } from './generate';
import { modelTable } from '../facts/models';

export * from './types';
export { expandSnippet, escapeSnippet } from './generate';

/** Ports the generated configs and the benchmark commands use (engine defaults: engine-facts §2, §7, §8). */
const PORT: Record<EngineId, number> = { vllm: 8000, sglang: 30000, trtllm: 8000 };

/**
 * The command that measures the recommendation on one's own hardware, with the input's lengths
 * (decision-evidence.md §5 step 6): `vllm bench serve`, `python -m sglang.bench_serving`, and for
 * trtllm-serve the serving benchmark of TensorRT-LLM's "Run benchmarking with trtllm-serve" docs.
 * Concurrency: the wanted one, else what the KV cache holds (at most 256); five prompts per slot.
 */
export function benchmarkCommand(engine: EngineId, model: string, inputLen: number, outputLen: number, concurrency: number): string {
  const c = Math.max(1, Math.round(concurrency));
  const common = `--dataset-name random --random-input-len ${inputLen} --random-output-len ${outputLen} --num-prompts ${c * 5} --max-concurrency ${c}`;
  if (engine === 'vllm') return `vllm bench serve --model ${model} --port ${PORT.vllm} ${common}`;
  if (engine === 'sglang') return `python -m sglang.bench_serving --backend sglang --port ${PORT.sglang} ${common}`;
  return `python -m tensorrt_llm.serve.scripts.benchmark_serving --model ${model} --backend openai --port ${PORT.trtllm} ${common.replace('--dataset-name random', '--dataset-name random --random-ids')}`;
}

export function recommend(raw: AdvisorInput): Recommendation {
  const parsed = advisorInputSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Invalid advisor input${first ? `: ${first.path.join('.') || 'input'}: ${first.message}` : ''}.`);
  }
  const input = parsed.data;
  const gpu = resolveAccelerator(input.gpu);
  const model = resolveModel(input.model, input.parametersB);
  const tokens = input.inputLen + input.outputLen;
  const sized = computeSizing(model, gpu, { gpuCount: input.gpuCount, inputLen: input.inputLen, outputLen: input.outputLen, concurrency: input.concurrency });
  const tokensPerSecond = input.requestsPerSecond !== undefined ? input.requestsPerSecond * tokens : undefined;
  const ranked = scoreEngines({ input, model, gpu, sized, tokensPerSecond });
  const winner = ranked[0] as (typeof ranked)[number];

  const reasons: Reason[] = [
    reason(
      SOURCES.gpustack,
      'No engine wins everywhere: in GPUStack\'s per-model runs vLLM, SGLang and TensorRT-LLM each won some cases and lost others by 2–17×, so this is a recommendation for this model × GPU × objective, to confirm with the benchmark command.',
    ),
    ...winner.reasons.filter((r) => !/^Caveat/.test(r.text)),
  ];
  if (input.timeToProduction === 'months') {
    reasons.push(reason(SOURCES.gpustack, 'With time to tune, tuning often matters more than the engine: gpt-oss-120b on H100 went from 6,095 tok/s (1 GPU, defaults) to 16,042 tok/s on 2 GPUs with TP2 and --async-scheduling (+31.6% per GPU).'));
  }

  const corrections: Reason[] = [];
  if (model.substitutedFor && /Llama-3\.2-70B/i.test(model.substitutedFor)) {
    corrections.push(reason(SOURCES.llama32, `${model.substitutedFor} does not exist: Llama 3.2 is 1B and 3B text plus 11B and 90B vision. Sized as ${model.id} (or use meta-llama/Llama-3.1-70B-Instruct).`, true));
  }
  corrections.push(
    reason(
      SOURCES.license,
      `TensorRT-LLM is Apache-2.0, not "NVIDIA proprietary": the repository LICENSE says so (bundled parts under BSD-3/MIT/Apache).${gpu.vendor === 'nvidia' ? '' : ` It is left out here because it runs on NVIDIA GPUs only, not because of its license.`}`,
      true,
    ),
  );
  if (gpu.vendor === 'nvidia') {
    corrections.push(
      reason(
        SOURCES.gpustack,
        `"TensorRT-LLM 15–30% higher throughput on H100" is not a general rule: it held for some dense models at default settings (Qwen3-32B: +13% on H100, +19% on A100), but TensorRT-LLM was 2–3× slower than vLLM on gpt-oss-120b/20b and DeepSeek-V3.2 and unsupported on GLM-4.5-Air/4.6.`,
        true,
      ),
    );
    corrections.push(reason(SOURCES.inferenceMax, 'InferenceMAX v1 also had vLLM ahead of TensorRT-LLM on H200 for gpt-oss-120b, against the blog\'s "15–30% faster".', true));
    corrections.push(reason(SOURCES.runinfra, 'On Llama-3.1-8B (1×H100) TensorRT-LLM led on TTFT (235 ms vs 514 ms at concurrency 32) but vLLM on saturated throughput (5,333 tok/s): "faster" depends on the metric.', true));
  }
  if (/^(h100|a100)/.test(gpu.id)) {
    corrections.push(reason(SOURCES.gpustack, `"NVIDIA H100/A100 → TensorRT-LLM" is not a blanket rule: the winner changed with the model (vLLM on gpt-oss, SGLang on GLM and Qwen3-235B on A100, TensorRT-LLM on Qwen3-32B)${/^a100/.test(gpu.id) ? '; the A100 has no hardware FP8, and TensorRT-LLM did not run gpt-oss on A100 at all' : ''}.`, true));
  }
  if (input.timeToProduction === 'days') {
    corrections.push(reason(SOURCES.gpustack, '"Need fast launch → vLLM" is right for another reason: TensorRT-LLM no longer needs an engine build (the TensorRT backend is removed; trtllm-serve loads Hub checkpoints directly, TRT-LLM "Migration Guide: TensorRT Backend Removed"). vLLM\'s real advantages are day-0 model coverage and hardware breadth.', true));
  }
  if (input.objective === 'throughput') {
    corrections.push(reason(SOURCES.inferenceMax, '"Budget sensitive → vLLM" is misleading: all three engines are free Apache-2.0 software; cost is tokens/s per GPU at your latency target, and its winner changes with GPU, model and interactivity (MI325X+vLLM beat H200+TensorRT-LLM on $/token above 135 tok/s/user for gpt-oss).', true));
  }
  if (tokensPerSecond !== undefined && tokensPerSecond > 1e6) {
    corrections.push(reason(SOURCES.inferenceX2, `">1M tokens/s → TensorRT-LLM" has no evidence as a fixed threshold (${fmt(Math.round(tokensPerSecond))} tok/s here): at that scale disaggregated prefill/decode, wide expert parallelism, FP4 and rack-scale NVLink decide (Dynamo, llm-d); Dynamo+TensorRT-LLM leads on GB200/GB300 for DeepSeek-class MoE, and SGLang also runs large-scale EP and disaggregation.`, true));
  }
  if (winner.engine === 'vllm') {
    corrections.push(reason(SOURCES.disableLogRequests, 'The blog\'s vLLM command passes --disable-log-requests: deprecated, then removed in vLLM 0.12 (request logging is off by default); on 0.12 and later vLLM exits with "unrecognized arguments". Leave it out.', true));
  }

  const concurrency = input.concurrency ?? Math.min(256, Math.max(1, sized.sizing.concurrentSequences));
  return {
    engine: winner.engine,
    score: winner.score,
    alternatives: ranked.slice(1).map((s) => ({ engine: s.engine, score: s.score, reasons: s.reasons, ...(s.excluded ? { excluded: s.excluded } : {}) })),
    reasons,
    sizing: sized.sizing,
    benchmarkCommand: benchmarkCommand(winner.engine, model.id, input.inputLen, input.outputLen, concurrency),
    blogCorrections: corrections,
  };
}

export function generateConfig(req: GenerateRequest): GeneratedConfig {
  const engine = engineIdSchema.safeParse(req.engine);
  if (!engine.success) throw new Error(`Unknown engine "${String(req.engine)}" (expected vllm, sglang or trtllm).`);
  const target = targetSchema.safeParse(req.target);
  if (!target.success) throw new Error(`Unknown target "${String(req.target)}" (expected compose, shell, kubernetes or engine-yaml).`);
  return generate(req);
}

/** The accelerators the guide knows, with the engines that run on each (gpus.json engine_hardware_support). */
export function listGpus(): GpuChoice[] {
  return acceleratorTable().map((a) => ({
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    memoryGiB: a.memoryGiB,
    engines: a.vendor === 'nvidia' ? ['vllm', 'sglang', 'trtllm'] : a.vendor === 'amd' ? ['vllm', 'sglang'] : ['vllm'],
  }));
}

/** The models of models.json (others work with parametersB). */
export function listModels(): ModelChoice[] {
  return modelTable().map((m) => ({ id: m.id, family: m.family, parametersB: m.paramsB, gated: m.gated, maxContext: m.maxPositionEmbeddings }));
}

/**
 * The blog's quick mode: its four questions, each answer as the AdvisorInput fields it sets, and what
 * the evidence says about the blog's answer (decision-evidence.md §4).
 */
export function quickQuestions(): QuickQuestion[] {
  // >1M tokens/s at the default 1024 + 512 tokens per request.
  const rpsForMillion = Math.ceil(1_000_001 / (1024 + 512));
  return [
    {
      id: 'fast-launch',
      question: 'Do you need it in production within days?',
      blogAnswer: 'Need fast launch → vLLM',
      options: [
        { label: 'Yes, within days', input: { timeToProduction: 'days' } },
        { label: 'Within weeks', input: { timeToProduction: 'weeks' } },
        { label: 'We have months to tune', input: { timeToProduction: 'months' } },
      ],
      correction: reason(SOURCES.gpustack, 'Partly true, for another reason: TensorRT-LLM no longer needs an engine build (trtllm-serve loads Hub checkpoints directly); vLLM\'s real advantages are day-0 model coverage and hardware breadth ("a solid default", GPUStack).', true),
    },
    {
      id: 'hardware',
      question: 'Which accelerators will it run on?',
      blogAnswer: 'NVIDIA H100/A100 → TensorRT-LLM; AMD/Intel → vLLM',
      options: [
        { label: 'NVIDIA H100', input: { gpu: 'H100' } },
        { label: 'NVIDIA A100 80GB', input: { gpu: 'A100-80GB' } },
        { label: 'NVIDIA H200', input: { gpu: 'H200' } },
        { label: 'NVIDIA L4 / L40S (PCIe)', input: { gpu: 'L40S' } },
        { label: 'AMD MI300X', input: { gpu: 'MI300X' } },
        { label: 'Intel Gaudi 3', input: { gpu: 'Gaudi3' } },
      ],
      correction: reason(SOURCES.gpustack, '"H100/A100 → TensorRT-LLM" is not a blanket rule: on H100/A100 the winner changed with the model (vLLM on gpt-oss, SGLang on GLM, TensorRT-LLM on Qwen3-32B). "AMD/Intel → vLLM, not TensorRT-LLM" holds: TensorRT-LLM is NVIDIA-only.', true),
    },
    {
      id: 'budget',
      question: 'Is cost per token the main constraint?',
      blogAnswer: 'Budget sensitive → vLLM',
      options: [
        { label: 'Yes: maximise throughput per GPU', input: { objective: 'throughput' } },
        { label: 'No: latency first', input: { objective: 'latency' } },
        { label: 'Both matter', input: { objective: 'balanced' } },
      ],
      correction: reason(SOURCES.inferenceMax, 'Misleading: all three engines are free Apache-2.0 software; cost is tokens/s per GPU at the SLO, and its winner changes with GPU, model and interactivity (MI325X+vLLM beat H200+TensorRT-LLM above 135 tok/s/user for gpt-oss).', true),
    },
    {
      id: 'scale',
      question: 'Will it serve more than 1 million tokens per second?',
      blogAnswer: '>1M tokens/s → TensorRT-LLM',
      options: [
        { label: 'Yes (multi-node)', input: { requestsPerSecond: rpsForMillion, deployment: 'multi-node' } },
        { label: 'No', input: {} },
      ],
      correction: reason(SOURCES.inferenceX2, 'No evidence for a fixed threshold: at that scale disaggregated prefill/decode, wide expert parallelism, FP4 and rack-scale NVLink decide; Dynamo+TensorRT-LLM leads on GB200/GB300 for DeepSeek-class MoE, and SGLang also runs large-scale EP and disaggregation.', true),
    },
  ];
}
