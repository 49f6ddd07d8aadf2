// Pure sizing arithmetic (decision-evidence.md §2): weights, KV cache per token and per sequence
// (grouped KV heads, MLA latent, sliding-window layers), and the per-GPU budget. Bytes everywhere;
// GiB = 2^30 bytes. No I/O, no tables: the callers pass numbers.

export const GiB = 2 ** 30;

/** Weights in bytes: parameters (billions) × bytes per parameter (MoE counts every expert). */
export function weightBytes(paramsB: number, bytesPerParam: number): number {
  return paramsB * 1e9 * bytesPerParam;
}

export interface KvShape {
  layers: number;
  /** Grouped KV heads; null for MLA. */
  kvHeads: number | null;
  headDim: number | null;
  /** MLA latent: kv_lora_rank + qk_rope_head_dim elements per layer per token. */
  mla?: { kvLoraRank: number; qkRopeHeadDim: number };
  /** Layers that keep the whole context (default: all). */
  fullLayers?: number;
  /** Layers that keep only the last `slidingWindow` tokens. */
  slidingLayers?: number;
  slidingWindow?: number;
}

/** KV bytes one token adds in one full-attention layer, for the whole model (no parallelism). */
export function kvBytesPerTokenPerLayer(shape: KvShape, bytesPerElement: number): number {
  if (shape.mla) return (shape.mla.kvLoraRank + shape.mla.qkRopeHeadDim) * bytesPerElement;
  if (!shape.kvHeads || !shape.headDim) throw new Error('kvHeads and headDim are needed without MLA');
  return 2 * shape.kvHeads * shape.headDim * bytesPerElement;
}

/** KV bytes per token with every layer counted: 2 × layers × kv_heads × head_dim × bytes (GQA), layers × 576 × bytes (DeepSeek MLA). */
export function kvBytesPerToken(shape: KvShape, bytesPerElement: number): number {
  return shape.layers * kvBytesPerTokenPerLayer(shape, bytesPerElement);
}

/** How many ways TP splits the KV cache: min(TP, kv_heads) for GQA (heads are replicated beyond that), 1 for MLA. */
export function kvShards(shape: KvShape, tp: number): number {
  if (shape.mla || !shape.kvHeads) return 1;
  return Math.max(1, Math.min(tp, shape.kvHeads));
}

/**
 * KV bytes on one GPU for one sequence of `tokens` tokens: full layers hold every token, sliding-window
 * layers at most `slidingWindow`; TP shards the heads, PP splits the layers.
 */
export function kvBytesForSequencePerGpu(shape: KvShape, tokens: number, bytesPerElement: number, tp = 1, pp = 1): number {
  const perLayer = kvBytesPerTokenPerLayer(shape, bytesPerElement);
  const sliding = shape.slidingLayers ?? 0;
  const full = shape.fullLayers ?? shape.layers - sliding;
  const windowTokens = shape.slidingWindow ? Math.min(tokens, shape.slidingWindow) : tokens;
  const total = perLayer * (full * tokens + sliding * windowTokens);
  return total / kvShards(shape, tp) / Math.max(1, pp);
}

export interface FitInput {
  /** Weights of the whole model in bytes. */
  weightBytes: number;
  /** KV of one max-length sequence on one GPU, in bytes. */
  kvBytesPerGpu: number;
  tp: number;
  pp: number;
  /** GPU memory in bytes. */
  gpuBytes: number;
  /** Fraction of the GPU's memory the engine may use (vLLM --gpu-memory-utilization, default 0.9). */
  utilization: number;
}

export interface FitResult {
  weightsPerGpu: number;
  kvPerGpu: number;
  required: number;
  available: number;
  fits: boolean;
}

/**
 * Does one GPU hold its share of the weights plus the KV cache of one full-length sequence within
 * utilization × memory? Activations, CUDA graphs and the CUDA context are left out, so a "no" is
 * certain and a "yes" is not a guarantee.
 */
export function memoryFit(input: FitInput): FitResult {
  const weightsPerGpu = input.weightBytes / Math.max(1, input.tp * input.pp);
  const required = weightsPerGpu + input.kvBytesPerGpu;
  const available = input.utilization * input.gpuBytes;
  return { weightsPerGpu, kvPerGpu: input.kvBytesPerGpu, required, available, fits: required <= available };
}

/** `14.96 GiB`. */
export function formatGiB(bytes: number): string {
  const g = bytes / GiB;
  return `${g >= 100 ? g.toFixed(1) : g.toFixed(2)} GiB`;
}

/** Bytes per weight for a vLLM `--dtype` / `--quantization` pair; undefined when we cannot say. */
export function bytesPerParamFor(dtype: string | undefined, quantization: string | undefined, checkpointBytes: number): number | undefined {
  if (quantization) {
    const q = quantization.toLowerCase();
    if (/^(fp8|ptpc_fp8|fbgemm_fp8|modelopt|experts_int8|int8|w8a8)/.test(q)) return Math.min(1, checkpointBytes);
    if (/^(awq|awq_marlin|gptq|gptq_marlin|marlin|bitsandbytes|gguf|mxfp4|nvfp4|modelopt_fp4|compressed-tensors)/.test(q)) {
      // 4-bit formats (compressed-tensors may be 8-bit: count the smaller size so a warning stays certain).
      return 0.5;
    }
    return undefined;
  }
  if (!dtype || dtype === 'auto') return checkpointBytes;
  if (dtype === 'float32' || dtype === 'float') return checkpointBytes >= 2 ? 4 : undefined;
  if (dtype === 'half' || dtype === 'float16' || dtype === 'bfloat16') return checkpointBytes >= 2 ? 2 : checkpointBytes;
  return undefined;
}

/** Bytes per KV element for `--kv-cache-dtype` (auto follows the model dtype). */
export function kvBytesPerElementFor(kvCacheDtype: string | undefined, modelDtypeBytes: number): number {
  if (kvCacheDtype && /^fp8/.test(kvCacheDtype)) return 1;
  if (kvCacheDtype && /^(bfloat16|float16|half|bf16)$/.test(kvCacheDtype)) return 2;
  // auto: the activation dtype (BF16 for FP8/4-bit checkpoints too).
  return modelDtypeBytes >= 4 ? 4 : 2;
}
