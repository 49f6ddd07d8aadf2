// The evidence the decision guide quotes: every row of shared/reference/decision-evidence.md §3 and §4
// that a reason cites, with its source and date. Reasons never carry a number that is not in one of
// these rows (or in gpus.json / models.json). Dates are ISO 8601, at the precision the evidence gives
// (`2025` for the TensorRT-LLM LICENSE snapshot, `2025-11` for vLLM PR #29402).
import type { EngineId, Reason } from './types';

export interface Source {
  source: string;
  date: string;
}

export const SOURCES = {
  lmsys2024: {
    source: 'LMSYS blog "Achieving Faster Open-Source Llama3 Serving with SGLang (vs. TensorRT-LLM, vLLM)" (SGLang 0.2, vLLM 0.5.2, TRT-LLM r24.06), decision-evidence.md §3 row 1',
    date: '2024-07-25',
  },
  vllm060: {
    source: 'vLLM blog "vLLM v0.6.0: 2.7x Throughput Improvement" (vLLM authors), decision-evidence.md §3 row 2',
    date: '2024-09-05',
  },
  inferenceMax: {
    source: 'SemiAnalysis InferenceMAX v1 (independent, nightly, open source), decision-evidence.md §3 row 3',
    date: '2025-10-09',
  },
  vllmBlackwell: {
    source: 'vLLM blog "SemiAnalysis InferenceMAX: vLLM and NVIDIA Accelerate Blackwell", decision-evidence.md §3 row 4',
    date: '2025-10-09',
  },
  inferenceX2: {
    source: 'SemiAnalysis InferenceX v2, decision-evidence.md §3 row 5',
    date: '2026-02-16',
  },
  gpustack: {
    source: 'GPUStack performance lab, default settings (vLLM 0.10.2–0.13.0, SGLang 0.5.3–0.5.6, TRT-LLM 1.0.0–1.2.0rc5), decision-evidence.md §3 row 6',
    date: '2026-01-06',
  },
  runinfra: {
    source: 'runinfra.ai "vLLM vs SGLang vs TensorRT-LLM benchmark" (vLLM 0.23.0, SGLang 0.5.13, TRT-LLM 1.2.1), decision-evidence.md §3 row 7',
    date: '2026-06-20',
  },
  lmsysEp: {
    source: 'LMSYS large-scale expert-parallelism blog, decision-evidence.md §4 (">1M tokens/s" row)',
    date: '2025-05-05',
  },
  hardware: {
    source: 'gpus.json engine_hardware_support (docs.vllm.ai installation pages; TRT-LLM issue #2279; SemiAnalysis InferenceX recipes, snapshot 2026-08-22), decision-evidence.md §4',
    date: '2026-08-22',
  },
  llmd: {
    source: 'llm-d config_explorer empirical-vllm-memory-results.md (vLLM on H100), decision-evidence.md §1.7 and §2.3',
    date: '2026-04-15',
  },
  license: {
    source: 'NVIDIA/TensorRT-LLM LICENSE at commit 34c654f9 (engine-facts.md §8; decision-evidence.md §4)',
    date: '2025',
  },
  llama32: {
    source: 'Hugging Face "Llama 3.2" launch blog (huggingface/blog/llama32.md); models.json; decision-evidence.md §4',
    date: '2024-09-25',
  },
  disableLogRequests: {
    source: 'vLLM PR #29402 (removal, first in v0.12; deprecated by PR #21739), via kserve PR #4883, ai-dynamo/dynamo PR #4659, triton vllm_backend PR #96; decision-evidence.md §4',
    date: '2025-11',
  },
  blog: {
    source: 'the blog "vLLM vs TensorRT-LLM: 2026 LLM inference engine decision guide", fact-checked in decision-evidence.md §4',
    date: '2026-03-18',
  },
} satisfies Record<string, Source>;

export function reason(src: Source, text: string, correctsBlog?: boolean): Reason {
  const r: Reason = { text, source: src.source, date: src.date };
  if (correctsBlog) r.correctsBlog = true;
  return r;
}

// ---------------------------------------------------------------------------------------------
// GPUStack's default-config ranking (decision-evidence.md §3, the table under row 6): total token
// throughput in tok/s; null = "not supported" in those runs; undefined = not run.

export interface GpustackRow {
  /** Which model ids the row speaks for. */
  model: RegExp;
  label: string;
  /** GPU ids of gpus.json the row was measured on. */
  gpus: string[];
  setup: string;
  tokS: Partial<Record<EngineId, number | null>>;
  /** Latency rows: seconds per request, lower is better. */
  latency?: boolean;
}

export const GPUSTACK: GpustackRow[] = [
  { model: /^openai\/gpt-oss-120b$/i, label: 'gpt-oss-120b', gpus: ['h100-sxm'], setup: 'H100 (2 available)', tokS: { vllm: 6095, sglang: 1814, trtllm: 2140 } },
  { model: /^openai\/gpt-oss-120b$/i, label: 'gpt-oss-120b', gpus: ['a100-sxm-80gb'], setup: '2×A100', tokS: { vllm: 4769, sglang: 690, trtllm: null } },
  { model: /^openai\/gpt-oss-20b$/i, label: 'gpt-oss-20b', gpus: ['h100-sxm'], setup: '1×H100', tokS: { vllm: 16494, sglang: 5627, trtllm: 7676 } },
  { model: /^openai\/gpt-oss-20b$/i, label: 'gpt-oss-20b', gpus: ['a100-sxm-80gb'], setup: 'A100', tokS: { vllm: 9743, sglang: 559, trtllm: null } },
  { model: /^Qwen\/Qwen3-14B(-FP8)?$/i, label: 'Qwen3-14B', gpus: ['h100-sxm'], setup: '1×H100', tokS: { vllm: 6596, sglang: 8425, trtllm: 8315 } },
  { model: /^Qwen\/Qwen3-14B(-FP8)?$/i, label: 'Qwen3-14B', gpus: ['a100-sxm-80gb'], setup: '1×A100', tokS: { vllm: 3922, sglang: 5282, trtllm: 5761 } },
  { model: /^Qwen\/Qwen3-32B(-FP8)?$/i, label: 'Qwen3-32B', gpus: ['h100-sxm'], setup: '1×H100', tokS: { vllm: 2353, sglang: 1691, trtllm: 2660 } },
  { model: /^Qwen\/Qwen3-32B(-FP8)?$/i, label: 'Qwen3-32B', gpus: ['a100-sxm-80gb'], setup: '1×A100', tokS: { vllm: 1731, sglang: 1398, trtllm: 2054 } },
  { model: /^Qwen\/Qwen3-235B-A22B(-FP8)?$/i, label: 'Qwen3-235B-A22B', gpus: ['h100-sxm'], setup: '8×H100', tokS: { vllm: 8425, sglang: 7671 } },
  { model: /^Qwen\/Qwen3-235B-A22B(-FP8)?$/i, label: 'Qwen3-235B-A22B', gpus: ['a100-sxm-80gb'], setup: '8×A100', tokS: { vllm: 3793, sglang: 4635 } },
  { model: /^deepseek-ai\/DeepSeek-R1(-0528)?$/i, label: 'DeepSeek-R1-0528', gpus: ['h200-sxm'], setup: '8×H200', tokS: { vllm: 5483, sglang: 6636, trtllm: 3386 } },
  { model: /^deepseek-ai\/DeepSeek-V3\.2(-Exp)?$/i, label: 'DeepSeek-V3.2', gpus: ['h200-sxm'], setup: '8×H200', tokS: { vllm: 5714, sglang: 3012, trtllm: 1732 } },
  { model: /^(zai-org|THUDM)\/GLM-4\.5-Air(-FP8)?$/i, label: 'GLM-4.5-Air', gpus: ['h100-sxm'], setup: '4×H100', tokS: { vllm: 7910, sglang: 9395, trtllm: null } },
  { model: /^(zai-org|THUDM)\/GLM-4\.5-Air(-FP8)?$/i, label: 'GLM-4.5-Air', gpus: ['a100-sxm-80gb'], setup: '4×A100', tokS: { vllm: 3903, sglang: 6161, trtllm: null } },
  { model: /^(zai-org|THUDM)\/GLM-4\.6(-FP8)?$/i, label: 'GLM-4.6', gpus: ['h100-sxm'], setup: '8×H100', tokS: { vllm: 3168, sglang: 3796, trtllm: null } },
  { model: /^(zai-org|THUDM)\/GLM-4\.6(-FP8)?$/i, label: 'GLM-4.6', gpus: ['h200-sxm'], setup: '8×H200', tokS: { vllm: 6031, sglang: 6979, trtllm: null } },
  { model: /^Qwen\/Qwen3-8B$/i, label: 'Qwen3-8B latency, batch 1', gpus: ['h100-sxm'], setup: '1×H100', tokS: { vllm: 1.68, sglang: 1.61, trtllm: 1.74 }, latency: true },
];

/** Models whose rows show TRT-LLM unsupported or 2–3× behind (decision-evidence.md §3 synthesis: "new or unusual model"). */
export const NEW_OR_UNUSUAL = /^(openai\/gpt-oss-|(zai-org|THUDM)\/GLM-|deepseek-ai\/DeepSeek-V3\.2)/i;

export const ENGINE_NAMES: Record<EngineId, string> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };

export function fmt(n: number): string {
  return n >= 1000 ? n.toLocaleString('en-US') : String(n);
}
