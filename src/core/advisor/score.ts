// Engine scoring from the evidence (decision-evidence.md §3 and §5). Every engine starts at 50; each
// rule that applies moves a score and adds the reason with its source and date. No rule ranks an
// engine first everywhere: the per-model GPUStack rows, the per-objective runinfra/LMSYS rows and the
// per-hardware InferenceMAX/InferenceX rows point different ways.
import type { AdvisorInputResolved, EngineId, Reason } from './types';
import { ENGINE_NAMES, GPUSTACK, NEW_OR_UNUSUAL, SOURCES, fmt, reason, type GpustackRow } from './evidence';
import type { Accelerator, ModelInfo, SizingResult } from './sizing';

export interface EngineState {
  engine: EngineId;
  score: number;
  reasons: Reason[];
  excluded?: string;
}

export interface ScoreContext {
  input: AdvisorInputResolved;
  model: ModelInfo;
  gpu: Accelerator;
  sized: SizingResult;
  /** requestsPerSecond × (inputLen + outputLen), when a request rate is given. */
  tokensPerSecond?: number;
}

export const ENGINES: EngineId[] = ['vllm', 'sglang', 'trtllm'];
/** Tie-break: the simplest path first (GPUStack: vLLM "a solid default"). */
const TIE_ORDER: Record<EngineId, number> = { vllm: 0, sglang: 1, trtllm: 2 };

const HOPPER = /^(h100|h200)/;
const BLACKWELL = /^(b200|b300|gb200|gb300|rtx-pro-6000)/;
const RACK = /^(gb200|gb300)/;

/** The GPUStack row's GPU compared with ours: exact id, same part in another form factor/size, or another NVIDIA GPU. */
function gpuMatch(row: GpustackRow, gpu: Accelerator): { weight: number; how: string } | undefined {
  if (gpu.vendor !== 'nvidia') return undefined;
  if (row.gpus.includes(gpu.id)) return { weight: 30, how: '' };
  const family = (id: string) => id.replace(/-(sxm|pcie).*$|-\d+gb$/, '');
  if (row.gpus.some((g) => family(g) === family(gpu.id))) return { weight: 18, how: ` (measured on the SXM ${row.gpus[0]?.replace(/-.*/, '').toUpperCase()}; your ${gpu.name} differs in bandwidth or memory)` };
  return { weight: 10, how: ` (measured on ${row.setup}, not on your ${gpu.name})` };
}

export function scoreEngines(ctx: ScoreContext): EngineState[] {
  const { input, model, gpu } = ctx;
  const states = new Map<EngineId, EngineState>(ENGINES.map((e) => [e, { engine: e, score: 50, reasons: [] }]));
  const st = (e: EngineId) => states.get(e) as EngineState;
  const add = (e: EngineId, delta: number, r: Reason) => {
    const s = st(e);
    s.score += delta;
    s.reasons.push(r);
  };
  const exclude = (e: EngineId, why: string, r: Reason) => {
    const s = st(e);
    s.excluded = why;
    s.reasons.push(r);
  };
  const objective = input.objective;
  const w = { latency: objective === 'latency' ? 1 : objective === 'balanced' ? 0.5 : 0, throughput: objective === 'throughput' ? 1 : objective === 'balanced' ? 0.5 : 0 };
  const ids = [model.written, model.id];
  const dense = !model.moe;

  // 1. Hardware (gpus.json engine_hardware_support).
  if (gpu.vendor !== 'nvidia') {
    const why = `TensorRT-LLM runs on NVIDIA GPUs only (x86_64 and ARM/Grace hosts); the ${gpu.name} is ${gpu.vendor === 'amd' ? 'an AMD' : 'an Intel'} accelerator.`;
    exclude('trtllm', why, reason(SOURCES.hardware, `${why} The blog's "vLLM supports AMD/Intel, TRT-LLM does not" holds.`));
  }
  if (gpu.vendor === 'intel') {
    const why = `SGLang supports NVIDIA, AMD ROCm and Intel Xeon CPUs, not Intel Gaudi; vLLM runs on the ${gpu.name} through the vllm-gaudi hardware plugin.`;
    exclude('sglang', why, reason(SOURCES.hardware, why));
    add('vllm', 10, reason(SOURCES.hardware, `Intel Gaudi → vLLM with the vllm-gaudi plugin, the one engine of the three that supports it.`));
  }
  if (gpu.vendor === 'amd') {
    add('vllm', model.moe ? 6 : 10, reason(SOURCES.inferenceMax, `AMD → vLLM by default: InferenceMAX found MI300X+vLLM strong at low interactivity on Llama 3.3 70B (memory capacity, TP1), and MI325X+vLLM beat H200+TensorRT-LLM on gpt-oss-120b above 135 tok/s/user.`));
    add(
      'sglang',
      model.moe ? 12 : 5,
      reason(
        SOURCES.inferenceX2,
        `SGLang runs on ROCm${model.moe ? ' and is the AMD choice for DeepSeek/MoE models (InferenceMAX ran DeepSeek-R1 with SGLang)' : ''}: MI355X+SGLang (MoRI) was competitive with B200+SGLang on FP8 disaggregated serving; AMD recommends SGLang+MoRI for disaggregated serving.`,
      ),
    );
  }
  if (gpu.vendor === 'nvidia' && (model.precision === 'fp8') && !gpu.fp8) {
    const why = `${model.id} is an FP8 checkpoint and TensorRT-LLM's FP8 needs Ada/Hopper or newer; the ${gpu.name} (${gpu.arch}) has no FP8 tensor cores.`;
    exclude('trtllm', why, reason(SOURCES.hardware, why));
    for (const e of ['vllm', 'sglang'] as const) {
      add(e, 0, reason(SOURCES.hardware, `On the ${gpu.name} an FP8 checkpoint runs weight-only/dequantized (slower) where the engine supports it at all (gpus.json notes); a BF16 or INT4 checkpoint may serve better.`));
    }
  }

  // 2. GPUStack's per-model rows (default settings).
  const rows = GPUSTACK.filter((r) => ids.some((id) => r.model.test(id)));
  const matched = rows
    .map((r) => ({ row: r, match: gpuMatch(r, gpu) }))
    .filter((x): x is { row: GpustackRow; match: { weight: number; how: string } } => x.match !== undefined);
  // The best-matching rows only (an exact H100 row beats an A100 row for an H100).
  const best = Math.max(0, ...matched.map((m) => m.match.weight));
  for (const { row, match } of matched.filter((m) => m.match.weight === best)) {
    const values = Object.entries(row.tokS) as Array<[EngineId, number | null]>;
    const all = values.map(([e, v]) => `${ENGINE_NAMES[e]} ${v === null ? 'not supported' : row.latency ? `${v} s/req` : fmt(v)}`).join(', ');
    const numbers = values.filter(([, v]) => v !== null).map(([, v]) => v as number);
    let weight = match.weight;
    if (row.latency) weight *= w.latency;
    if (weight === 0) continue;
    const top = row.latency ? Math.min(...numbers) : Math.max(...numbers);
    for (const [e, v] of values) {
      const head = `GPUStack measured ${row.label} on ${row.setup} at default settings${match.how}: ${all}${row.latency ? '' : ' tok/s total throughput'}`;
      if (v === null) {
        add(e, -weight, reason(SOURCES.gpustack, `${head}. ${ENGINE_NAMES[e]} did not support this model in those runs.`));
        continue;
      }
      const rel = row.latency ? top / v : v / top;
      const tail = rel >= 0.999 ? `${ENGINE_NAMES[e]} led.` : `${ENGINE_NAMES[e]} reached ${Math.round(rel * 100)}% of the best.`;
      const extra = row.latency && e === 'sglang' ? ' Tuned with FP8 and EAGLE3 speculative decoding, SGLang got to 0.62 s.' : '';
      add(e, Math.round(weight * rel * 10) / 10, reason(SOURCES.gpustack, `${head}. ${tail}${extra}`));
    }
  }
  // Measured rows for this very model outweigh the rules generalised from other models below.
  const specific = best >= 18;
  if (matched.length === 0 && rows.length > 0 && gpu.vendor !== 'nvidia') {
    // Rows exist for this model on NVIDIA only: quote them as context, without weight.
    const r = rows[0] as GpustackRow;
    add('vllm', 0, reason(SOURCES.gpustack, `GPUStack's ${r.label} numbers were measured on NVIDIA ${r.setup}; nothing comparable is published for the ${gpu.name}.`));
  }

  // 3. New or unusual models (gpt-oss, GLM, DeepSeek-V3.2): TRT-LLM unsupported or 2–3× slower.
  if (ids.some((id) => NEW_OR_UNUSUAL.test(id)) && !st('trtllm').excluded) {
    add('trtllm', -10, reason(SOURCES.gpustack, `For new or unusual models TensorRT-LLM was "not supported" or 2–3× slower than vLLM in GPUStack's runs (gpt-oss-120b/20b, DeepSeek-V3.2; unsupported on GLM-4.5-Air/4.6); GPUStack calls it "slower to support new models".`));
    if (/gpt-oss/i.test(model.id) && /^h200/.test(gpu.id)) {
      add('vllm', 10, reason(SOURCES.inferenceMax, `InferenceMAX: for gpt-oss-120b on H200, "true open source vLLM … is faster than 'mostly' open source TRT-LLM".`));
    }
  }

  // 4. Large MoE / MLA models.
  if (model.moe && model.paramsB >= 100 && gpu.vendor === 'nvidia') {
    if (RACK.test(gpu.id) || (BLACKWELL.test(gpu.id) && (input.deployment === 'multi-node' || ctx.sized.multiNode))) {
      add('trtllm', 15, reason(SOURCES.inferenceX2, `At rack scale (GB200/GB300 NVL72, B200) with disaggregated prefill, wide expert parallelism and FP4, Dynamo+TensorRT-LLM led InferenceX v2 on DeepSeek-R1; SGLang came next.`));
      add('sglang', 8, reason(SOURCES.inferenceX2, `SGLang was next to Dynamo+TensorRT-LLM at rack scale for DeepSeek-R1 (disaggregated, wide EP), and B200 SGLang throughput per GPU doubled in places between Oct 2025 and Feb 2026.`));
    } else if ((HOPPER.test(gpu.id) || /^a100/.test(gpu.id)) && !specific) {
      const r = `Large MoE/MLA models (DeepSeek-R1/V3, Qwen3-235B) on one 8-GPU node: SGLang and vLLM trade places by model in GPUStack's runs (Qwen3-235B 8×H100: vLLM 8,425 vs SGLang 7,671; 8×A100: SGLang 4,635 vs vLLM 3,793; DeepSeek-R1-0528 8×H200: SGLang 6,636, vLLM 5,483, TRT-LLM 3,386 tok/s). GPUStack: SGLang "stands out … for large FP8 MoE models on Hopper".`;
      add('sglang', 8, reason(SOURCES.gpustack, r));
      add('vllm', 6, reason(SOURCES.gpustack, r));
    }
    if (/deepseek-(r1|v3)/i.test(model.id) && /^(b200|b300)$/.test(gpu.id) && w.latency > 0) {
      add('trtllm', 10 * w.latency, reason(SOURCES.inferenceMax, `InferenceMAX, DeepSeek-R1 FP4: single-node B200 TensorRT-LLM had the best TCO above about 90 tok/s/user (high interactivity).`));
    }
  }
  if (model.moe && w.throughput > 0 && gpu.vendor === 'nvidia' && !(model.paramsB >= 100)) {
    const r = 'Throughput on MoE models → vLLM or SGLang (decision-evidence.md §5 step 4, from the GPUStack rows: vLLM led on gpt-oss, SGLang on GLM-4.5-Air/4.6).';
    add('vllm', 5 * w.throughput, reason(SOURCES.gpustack, r));
    add('sglang', 5 * w.throughput, reason(SOURCES.gpustack, r));
  }

  // 5. Dense models on NVIDIA: latency vs throughput (runinfra row 7, LMSYS row 1, GPUStack rows).
  if (dense && gpu.vendor === 'nvidia' && !specific) {
    // Weight by how close the measured model is: runinfra measured Llama-3.1-8B, GPUStack's dense rows are Qwen3.
    const exact = ids.some((id) => /^meta-llama\/(Meta-)?Llama-3\.1-8B/i.test(id)) && /^(h100|l40s)/.test(gpu.id);
    const llama = /llama|mistral/i.test(model.family);
    const kR = exact ? 1 : llama ? 0.75 : 0.5;
    const kG = /qwen3/i.test(model.family) ? 0.75 : 0.5;
    const scope = exact ? '' : ` (measured on Llama-3.1-8B; ${llama ? 'same family' : 'a dense model of another family'} here)`;
    if (w.latency > 0) {
      add('trtllm', 12 * kR * w.latency, reason(SOURCES.runinfra, `Latency: TensorRT-LLM had the lowest TTFT at moderate load, 235 ms vs vLLM 514 ms at concurrency 32 on 1×H100${scope}.`));
      add('sglang', 8 * kG * w.latency, reason(SOURCES.gpustack, `Latency: GPUStack found SGLang strongest for speculative decoding (Qwen3-8B batch 1: SGLang 1.61 s/req vs vLLM 1.68, TRT-LLM 1.74; 0.62 s tuned with FP8 + EAGLE3).`));
      add('trtllm', 0, reason(SOURCES.gpustack, `Caveat: TensorRT-LLM was the slowest of the three in GPUStack's Qwen3-8B batch-1 latency test (1.74 s/req).`));
      if (llama && model.paramsB >= 60) {
        add('trtllm', 4 * w.latency, reason(SOURCES.lmsys2024, `LMSYS (SGLang authors, 2024): TensorRT-LLM had the best online latency on Llama-3 70B BF16.`));
      }
    }
    if (w.throughput > 0) {
      add('vllm', 12 * kR * w.throughput, reason(SOURCES.runinfra, `Throughput: vLLM had the highest saturated throughput (5,333 tok/s on 1×H100) and the lowest $/token at FP8${scope}.`));
      add('sglang', 10 * kR * w.throughput, reason(SOURCES.runinfra, `Throughput: SGLang was within a few % of vLLM${scope}.`));
      if (HOPPER.test(gpu.id) || BLACKWELL.test(gpu.id)) {
        add('trtllm', 8 * kG * w.throughput, reason(SOURCES.gpustack, `Throughput on Hopper/Blackwell: TensorRT-LLM led on dense Qwen3-32B at default settings (+13% over vLLM on H100, +19% on A100) and on Qwen3-14B on A100 (decision-evidence.md §5 step 4: "TRT-LLM for supported dense models on Hopper/Blackwell").`));
      }
    }
    if (/^l40s/.test(gpu.id)) add('vllm', 0, reason(SOURCES.runinfra, `The L40S cost about 2× per token compared with an H100 in the same benchmark.`));
  }

  // 6. Time to production: `days` favours the simplest path.
  if (input.timeToProduction === 'days') {
    add('vllm', 10, reason(SOURCES.gpustack, `Needed in days: vLLM has "the widest and most timely model support and is a solid default" (GPUStack). TensorRT-LLM no longer needs an engine build (trtllm-serve loads Hub checkpoints directly), so the remaining difference is model coverage and hardware breadth.`));
    if (!st('trtllm').excluded) add('trtllm', -5, reason(SOURCES.gpustack, `GPUStack: TensorRT-LLM is "more vendor-coupled and slower to support new models".`));
  }

  // 7. Scale beyond 1M tokens/s.
  if (ctx.tokensPerSecond !== undefined && ctx.tokensPerSecond > 1e6) {
    const at = `${fmt(Math.round(ctx.tokensPerSecond))} tok/s`;
    if (gpu.vendor === 'nvidia' && BLACKWELL.test(gpu.id) && model.moe) {
      add('trtllm', 10, reason(SOURCES.inferenceX2, `At ${at} the deciding factors are disaggregated prefill/decode, wide expert parallelism, FP4 and rack-scale NVLink: Dynamo+TensorRT-LLM currently leads on GB200/GB300 for DeepSeek-class MoE.`));
    }
    add('sglang', 6, reason(SOURCES.lmsysEp, `At ${at}, SGLang also runs large-scale expert parallelism and disaggregated serving; there is no evidence for a fixed engine threshold.`));
  }

  const out = [...states.values()];
  for (const s of out) {
    s.score = s.excluded ? 0 : Math.max(1, Math.min(100, Math.round(s.score)));
  }
  out.sort((a, b) => (a.excluded ? 1 : 0) - (b.excluded ? 1 : 0) || b.score - a.score || TIE_ORDER[a.engine] - TIE_ORDER[b.engine]);
  return out;
}
