// Sizing for the decision guide: which model, which accelerator, how much memory per GPU, which
// tensor-parallel size. Arithmetic from sizing/memory.ts (decision-evidence.md §2); the budget is
// vLLM's (§2.3: util × memory − weights/GPU − activation peak − non-torch memory) with llm-d's measured
// constants (§1.7), the only ones validated against vLLM logs.
import { z } from 'zod';
import rawGpus from '../facts/data/gpus.json';
import { resolveGpuName, type GpuSpec } from '../facts/gpus';
import { gpuRowSchema } from '../facts/schemas';
import { checkModelId, findModel, modelTable, type ModelSpec } from '../facts/models';
import { GiB, kvBytesForSequencePerGpu, kvBytesPerToken, weightBytes, type KvShape } from '../sizing/memory';
import type { Sizing } from './types';

// ---------------------------------------------------------------------------------------------
// Accelerators

export interface Accelerator {
  spec: GpuSpec;
  id: string;
  name: string;
  vendor: 'nvidia' | 'amd' | 'intel';
  /**
   * GiB the advisor counts on: the usable figure where the table has one, else the smaller of the
   * table's figures read as GiB (B200: 180, not 192), so "fits" errs on the safe side.
   */
  memoryGiB: number;
  fp8: boolean;
  fp4: boolean;
  arch: string;
  interconnect: string;
  /** No NVLink/Infinity Fabric: TP goes over PCIe. */
  pcieOnly: boolean;
  /** GPUs in one node (one NVLink/IF domain server, one NVL72 compute tray). */
  gpusPerNode: number;
}

const extraSchema = gpuRowSchema.extend({
  arch: z.string(),
  fp8_support: z.boolean().nullable(),
  fp4_support: z.boolean().nullable(),
  interconnect: z.string(),
});

/** Usable memory measured under CUDA where the evidence has it (decision-evidence.md §1.7 and §2.6: "H100 79.18 GiB"). */
const MEASURED_USABLE_GIB: Record<string, number> = { 'h100-sxm': 79.18 };

let accelerators: Accelerator[] | undefined;

export function acceleratorTable(): Accelerator[] {
  if (!accelerators) {
    const rows = z.array(extraSchema.passthrough()).parse((rawGpus as { gpus: unknown[] }).gpus);
    accelerators = rows.map((r) => {
      const spec = resolveGpuName(r.id) as GpuSpec;
      const memoryGiB = MEASURED_USABLE_GIB[r.id] ?? r.memory_gib_usable ?? Math.min(r.memory_gb, r.memory_gb_alt ?? r.memory_gb);
      // gpus.json interconnect: "8 GPUs per node" / "8 GPUs"; NVL72 racks: "4 GPUs per compute tray".
      const tray = /(\d+) GPUs per compute tray/.exec(r.interconnect);
      const gpusPerNode = tray ? Number(tray[1]) : /nvl72/.test(r.id) ? 4 : 8;
      return {
        spec,
        id: r.id,
        name: r.name,
        vendor: r.vendor,
        memoryGiB,
        fp8: r.fp8_support === true,
        fp4: r.fp4_support === true,
        arch: r.arch,
        interconnect: r.interconnect,
        pcieOnly: /^PCIe/i.test(r.interconnect) && !/NVLink|Infinity/i.test(r.interconnect.replace(/(no|without) NVLink/i, '')),
        gpusPerNode,
      };
    });
  }
  return accelerators;
}

/** Resolves a GPU name as people write it; throws a clear Error for names outside gpus.json. */
export function resolveAccelerator(name: string): Accelerator {
  const spec = resolveGpuName(name);
  const found = spec ? acceleratorTable().find((a) => a.id === spec.id) : undefined;
  if (found) return found;
  const known = acceleratorTable()
    .map((a) => a.id)
    .join(', ');
  const tpu = /tpu/i.test(name)
    ? ' Google TPUs are not in the table; of the three engines only vLLM runs on them, through a hardware plugin (gpus.json engine_hardware_support).'
    : '';
  throw new Error(`Unknown GPU "${name}": not in ServeLint's accelerator table (gpus.json).${tpu} Known: ${known}.`);
}

// ---------------------------------------------------------------------------------------------
// Models

export type Precision = 'bf16' | 'fp8' | 'int4' | 'mxfp4';

export interface ModelInfo {
  /** The id to write into configs (the suggestion when the written id does not exist). */
  id: string;
  /** The id as the user wrote it. */
  written: string;
  /** Set when `written` is an id that does not exist (Llama-3.2-70B) and `id` is the real model it was sized as. */
  substitutedFor?: string;
  spec?: ModelSpec;
  family: string;
  paramsB: number;
  precision: Precision;
  weightsBytes: number;
  weightsHow: string;
  kv: KvShape;
  /** When KV per token is borrowed from a table model of similar size (model outside the table). */
  kvProxy?: string;
  attentionHeads?: number;
  maxContext?: number;
  moe: boolean;
  mla: boolean;
  gated: boolean | null;
  /** llm-d's measured activation peak for this kind of model, GiB (decision-evidence.md §1.7). */
  activationGiB: number;
  activationHow: string;
}

const QUANT_PRECISION: Record<string, Precision> = { fp8: 'fp8', awq: 'int4', gptq: 'int4' };

function precisionOfId(id: string): { precision: Precision; bytes: number } {
  if (/-FP8(-Dynamic)?$/i.test(id)) return { precision: 'fp8', bytes: 1 };
  if (/-(AWQ|GPTQ-Int4)$/i.test(id)) return { precision: 'int4', bytes: 0.5 };
  if (/-GPTQ-Int8$/i.test(id)) return { precision: 'fp8', bytes: 1 };
  return { precision: 'bf16', bytes: 2 };
}

/** llm-d's measured activation peaks (decision-evidence.md §1.7): Llama ≈4.8, Qwen2/3 ≈5.6, MoE ≈7.4, multimodal ≈2.1–2.5 GiB. */
function activationFor(family: string, moe: boolean, known: boolean): { gib: number; how: string } {
  if (moe) return { gib: 7.4, how: 'MoE activation peak ≈7.4 GiB (llm-d, gpt-oss)' };
  if (/gemma/i.test(family)) return { gib: 2.5, how: 'multimodal activation peak ≈2.1–2.5 GiB (llm-d), upper value' };
  if (/qwen/i.test(family)) return { gib: 5.6, how: 'Qwen2/3 activation peak ≈5.6 GiB (llm-d)' };
  if (/llama|mistral/i.test(family) && known) return { gib: 4.8, how: 'Llama activation peak ≈4.8 GiB (llm-d; Mistral shares the Llama architecture)' };
  return { gib: 5.6, how: 'activation peak of an unmeasured family: the larger dense figure, ≈5.6 GiB (llm-d, Qwen2/3)' };
}

function fromSpec(spec: ModelSpec, written: string, quant?: { method: string; bytesPerParam: number }): Omit<ModelInfo, 'id' | 'written'> {
  const moe = /moe/i.test(spec.family);
  let precision: Precision = 'bf16';
  let weightsBytes: number;
  let weightsHow: string;
  if (quant) {
    precision = QUANT_PRECISION[quant.method] ?? 'bf16';
    weightsBytes = weightBytes(spec.paramsB, quant.bytesPerParam);
    weightsHow = `${spec.paramsB}B parameters × ${quant.bytesPerParam} byte (${quant.method.toUpperCase()} checkpoint)`;
  } else if (spec.checkpoint.weightsGiB !== undefined) {
    precision = 'mxfp4';
    weightsBytes = spec.checkpoint.weightsGiB * GiB;
    weightsHow = `${spec.checkpoint.weightsGiB} GiB as loaded by vLLM (MXFP4 experts, llm-d measurement in models.json)`;
  } else {
    precision = spec.checkpoint.bytesPerParam === 1 ? 'fp8' : 'bf16';
    weightsBytes = weightBytes(spec.paramsB, spec.checkpoint.bytesPerParam);
    weightsHow = `${spec.paramsB}B parameters × ${spec.checkpoint.bytesPerParam} byte${spec.checkpoint.bytesPerParam === 1 ? ' (FP8 checkpoint)' : 's (BF16)'}`;
  }
  void written;
  const act = activationFor(spec.family, moe || spec.mla !== undefined, true);
  return {
    spec,
    family: spec.family,
    paramsB: spec.paramsB,
    precision,
    weightsBytes,
    weightsHow,
    kv: spec,
    attentionHeads: spec.attentionHeads,
    maxContext: spec.maxPositionEmbeddings,
    moe: moe || spec.mla !== undefined,
    mla: spec.mla !== undefined,
    gated: spec.gated,
    activationGiB: act.gib,
    activationHow: act.how,
  };
}

/**
 * The model: a row of models.json (also its quantised derivatives), a nonexistent id of a known
 * family (sized as the real model it is confused with), or any id with `parametersB`.
 */
export function resolveModel(id: string, parametersB?: number): ModelInfo {
  const found = findModel(id);
  if (found) return { id, written: id, ...fromSpec(found.spec, id, found.quantization) };
  const bad = checkModelId(id);
  if (bad) {
    for (const s of bad.suggestions) {
      const real = findModel(s);
      if (real) return { id: s, written: id, substitutedFor: id, ...fromSpec(real.spec, s, real.quantization) };
    }
  }
  if (parametersB === undefined) {
    throw new Error(
      `Model "${id}" is not in ServeLint's model table (models.json)${bad ? ` and ${bad.family.name} has no ${bad.size} model` : ''}: give its size in billions of parameters (parametersB, --parameters-b), e.g. --parameters-b 14.`,
    );
  }
  const { precision, bytes } = precisionOfId(id);
  // KV per token needs config.json (layers, KV heads, head_dim); borrow it from the dense table
  // model nearest in size, and say so.
  const dense = modelTable().filter((m) => !m.mla && m.slidingLayers === 0 && !/moe/i.test(m.family));
  const proxy = dense.reduce((a, b) => (Math.abs(Math.log(b.paramsB / parametersB)) < Math.abs(Math.log(a.paramsB / parametersB)) ? b : a));
  const act = activationFor('unknown', false, false);
  return {
    id,
    written: id,
    family: 'unknown',
    paramsB: parametersB,
    precision,
    weightsBytes: weightBytes(parametersB, bytes),
    weightsHow: `${parametersB}B parameters (given) × ${bytes} byte${bytes === 1 ? '' : 's'}${precision === 'bf16' ? ' (BF16 assumed)' : ''}`,
    kv: { layers: proxy.layers, kvHeads: proxy.kvHeads, headDim: proxy.headDim },
    kvProxy: proxy.id,
    moe: false,
    mla: false,
    gated: null,
    activationGiB: act.gib,
    activationHow: act.how,
  };
}

// ---------------------------------------------------------------------------------------------
// Budget

/** vLLM's default --gpu-memory-utilization (decision-evidence.md §2.3). */
export const UTILIZATION = 0.9;
/** llm-d: non-torch memory 0.13–0.15 GiB at TP=1, ≈0.55 GiB at TP≥2 (upper values). */
function nonTorchGiB(tp: number): number {
  return tp >= 2 ? 0.55 : 0.15;
}

/**
 * llm-d: the CUDA-graph delta is −0.9 to +1.0 GiB; the upper value is kept free so that "fits" does not
 * hang on a few hundred MiB (Llama-3.3-70B-FP8 at TP1 measured no room for KV cache, §1.7).
 */
export const CUDA_GRAPH_GIB = 1.0;

const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface Layout {
  tp: number;
  pp: number;
  /** Copies of the TP×PP group the GPUs hold. */
  replicas: number;
  weightsPerGpuGiB: number;
  kvPoolGiB: number;
  kvPerSequenceGiB: number;
  perReplica: number;
}

export function layout(model: ModelInfo, gpu: Accelerator, gpuCount: number, tokens: number, tp: number, pp: number): Layout {
  const weightsPerGpuGiB = model.weightsBytes / (tp * pp) / GiB;
  const kvPoolGiB = UTILIZATION * gpu.memoryGiB - weightsPerGpuGiB - model.activationGiB - nonTorchGiB(tp) - CUDA_GRAPH_GIB;
  const kvPerSequenceGiB = kvBytesForSequencePerGpu(model.kv, tokens, 2, tp, pp) / GiB;
  const perReplica = kvPoolGiB > 0 ? Math.floor(kvPoolGiB / kvPerSequenceGiB) : 0;
  return { tp, pp, replicas: Math.max(1, Math.floor(gpuCount / (tp * pp))), weightsPerGpuGiB, kvPoolGiB, kvPerSequenceGiB, perReplica };
}

/** TP candidates: powers of two up to the GPUs of one node (and the count), dividing the attention heads. */
export function tpCandidates(model: ModelInfo, gpu: Accelerator, gpuCount: number): number[] {
  const out: number[] = [];
  for (let tp = 1; tp <= Math.min(gpuCount, gpu.gpusPerNode); tp *= 2) {
    if (model.attentionHeads === undefined || model.attentionHeads % tp === 0) out.push(tp);
  }
  return out;
}

export interface SizingInput {
  gpuCount: number;
  inputLen: number;
  outputLen: number;
  concurrency?: number;
}

export interface SizingResult {
  sizing: Sizing;
  layout: Layout;
  model: ModelInfo;
  gpu: Accelerator;
  multiNode: boolean;
}

/**
 * The smallest power-of-two TP (≤ gpuCount, within a node, dividing the heads) whose KV pool holds
 * the wanted concurrency (or one sequence); beyond one node, pipeline stages across nodes.
 */
export function computeSizing(model: ModelInfo, gpu: Accelerator, input: SizingInput): SizingResult {
  const tokens = input.inputLen + input.outputLen;
  const need = input.concurrency ?? 1;
  const options: Layout[] = [];
  const tps = tpCandidates(model, gpu, input.gpuCount);
  for (const tp of tps) options.push(layout(model, gpu, input.gpuCount, tokens, tp, 1));
  const maxTp = tps[tps.length - 1] ?? 1;
  for (let pp = 2; maxTp * pp <= input.gpuCount; pp *= 2) options.push(layout(model, gpu, input.gpuCount, tokens, maxTp, pp));
  const total = (l: Layout) => l.perReplica * l.replicas;
  const chosen =
    options.find((l) => l.perReplica >= 1 && total(l) >= need) ??
    options.find((l) => l.perReplica >= 1) ??
    (options[options.length - 1] as Layout);
  const fitsMemory = chosen.perReplica >= 1;
  const fitsContext = model.maxContext === undefined || tokens <= model.maxContext;
  const fits = fitsMemory && fitsContext;
  const multiNode = chosen.tp * chosen.pp > gpu.gpusPerNode;

  const notes: string[] = [];
  const gib = (x: number) => `${round2(x)} GiB`;
  if (model.substitutedFor) notes.push(`${model.substitutedFor} does not exist; sized as ${model.id}.`);
  notes.push(`Weights: ${model.weightsHow} = ${gib(model.weightsBytes / GiB)}${chosen.tp * chosen.pp > 1 ? `, ${gib(chosen.weightsPerGpuGiB)} per GPU over TP ${chosen.tp}${chosen.pp > 1 ? ` × PP ${chosen.pp}` : ''}` : ''}.`);
  const kvPerToken = kvBytesPerToken(model.kv, 2);
  notes.push(
    model.kvProxy
      ? `KV cache per token: ${Math.round(kvPerToken / 1024)} KiB (BF16), borrowed from ${model.kvProxy}, the table model nearest in size: read the model's config.json (layers, num_key_value_heads, head_dim) for the exact figure.`
      : `KV cache per token: ${Math.round(kvPerToken / 1024)} KiB in BF16 (${model.mla ? 'MLA latent, not split by TP' : '2 × layers × KV heads × head_dim × 2 bytes'}${model.kv.slidingLayers ? `; ${model.kv.slidingLayers} sliding-window layers keep at most ${model.kv.slidingWindow} tokens` : ''}); FP8 KV (--kv-cache-dtype fp8) halves it.`,
  );
  notes.push(
    `KV budget per GPU (vLLM semantics): ${UTILIZATION} × ${gpu.memoryGiB} GiB − ${gib(chosen.weightsPerGpuGiB)} weights − ${model.activationGiB} GiB activations (${model.activationHow}) − ${nonTorchGiB(chosen.tp)} GiB non-torch − ${CUDA_GRAPH_GIB} GiB CUDA graphs (llm-d) = ${gib(chosen.kvPoolGiB)}; one ${tokens}-token sequence needs ${gib(chosen.kvPerSequenceGiB)} per GPU.`,
  );
  if (chosen.replicas > 1) notes.push(`${input.gpuCount} GPUs hold ${chosen.replicas} replicas of TP ${chosen.tp}${chosen.pp > 1 ? ` × PP ${chosen.pp}` : ''}: ${chosen.perReplica} sequences each.`);
  const unused = input.gpuCount - chosen.replicas * chosen.tp * chosen.pp;
  if (unused > 0 && fitsMemory) notes.push(`${unused} of the ${input.gpuCount} GPUs are left over by this layout.`);
  if (!fitsMemory) {
    const over = chosen.weightsPerGpuGiB + model.activationGiB + nonTorchGiB(chosen.tp) + CUDA_GRAPH_GIB + chosen.kvPerSequenceGiB - UTILIZATION * gpu.memoryGiB;
    notes.push(
      `Does not fit: even at TP ${chosen.tp}${chosen.pp > 1 ? ` × PP ${chosen.pp}` : ''} on ${input.gpuCount} × ${gpu.name}, weights, activations and one ${tokens}-token sequence exceed ${UTILIZATION} × ${gpu.memoryGiB} GiB per GPU by ${gib(over)}. Use more or larger GPUs, an FP8/INT4 checkpoint, or shorter sequences.`,
    );
  }
  if (!fitsContext) notes.push(`inputLen + outputLen = ${tokens} tokens exceeds the model's context of ${model.maxContext} tokens (config.json max_position_embeddings).`);
  if (input.concurrency !== undefined && fitsMemory && total(chosen) < input.concurrency) {
    notes.push(`Only ${total(chosen)} concurrent ${tokens}-token sequences fit, fewer than the ${input.concurrency} wanted: add GPUs or use FP8 KV cache.`);
  }
  const vllmCap = gpu.memoryGiB >= 70 && !/^a100/.test(gpu.id) ? 1024 : 256;
  if (chosen.perReplica > vllmCap) notes.push(`vLLM's scheduler caps concurrency at max_num_seqs, by default ${vllmCap} on this GPU (decision-evidence.md §2.4).`);
  if (gpu.pcieOnly && chosen.tp > 2) notes.push(`${gpu.name} has no NVLink: TP ${chosen.tp} goes over PCIe; prefer data parallel over TP > 2 where the model fits (decision-evidence.md §5).`);
  if (model.attentionHeads === undefined) notes.push("TP must divide the model's attention heads: check num_attention_heads in its config.json.");
  if (multiNode) notes.push(`TP ${chosen.tp} × PP ${chosen.pp} spans ${Math.ceil((chosen.tp * chosen.pp) / gpu.gpusPerNode)} nodes of ${gpu.gpusPerNode} GPUs: pipeline stages across nodes, tensor parallel inside each.`);
  notes.push('SGLang (--mem-fraction-static) and TensorRT-LLM (free_gpu_memory_fraction, a share of memory still free after the weights) budget differently; the numbers are estimates to confirm with the benchmark command.');

  const weights = round2(chosen.weightsPerGpuGiB);
  const kv = round2(Math.max(0, chosen.kvPoolGiB));
  const sizing: Sizing = {
    gpu: gpu.name,
    gpuMemoryGiB: gpu.memoryGiB,
    gpuCount: input.gpuCount,
    weightsGiB: round2(model.weightsBytes / GiB),
    kvCacheBytesPerToken: kvPerToken,
    concurrentSequences: fits ? total(chosen) : 0,
    perGpu: { weightsGiB: weights, kvCacheGiB: kv, headroomGiB: round2(Math.max(0, gpu.memoryGiB - weights - kv)) },
    fits,
    tensorParallelSize: chosen.tp,
    notes,
  };
  if (chosen.pp > 1) sizing.pipelineParallelSize = chosen.pp;
  return { sizing, layout: chosen, model, gpu, multiNode };
}
