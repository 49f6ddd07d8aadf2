// Typed model table from src/core/facts/data/models.json (copied from
// shared/reference; numbers from each model's config.json) and the family tables used to tell a
// model id that does not exist from one we simply do not know.
import type { ModelRow } from './schemas';
import { checkedTable } from './checked';

export type { ModelRow } from './schemas';

// The JSON is required on first use, not imported: the bundles keep it as a string until then (scripts/build.mjs).
const rawModels = (): unknown => require('./data/models.json');

/**
 * How the published checkpoint stores its weights, where that is not BF16. From the rows' notes:
 * DeepSeek-V3/R1 ship block-scaled FP8; gpt-oss ships MXFP4 experts (llm-d measured the loaded size).
 */
const CHECKPOINTS: Record<string, { bytesPerParam?: number; weightsGiB?: number; why: string }> = {
  'deepseek-ai/DeepSeek-V3': { bytesPerParam: 1, why: 'models.json notes: "Weights ship in FP8 (block-scaled)"' },
  'deepseek-ai/DeepSeek-R1': { bytesPerParam: 1, why: 'same architecture and FP8 checkpoint as DeepSeek-V3' },
  'openai/gpt-oss-20b': { weightsGiB: 13.47, why: 'models.json notes: llm-d measured 13.47 GiB of weights in vLLM (MXFP4 experts)' },
  'openai/gpt-oss-120b': { weightsGiB: 64.38, why: 'models.json notes: llm-d measured 64.38 GiB of weights on one H100 (MXFP4 experts)' },
};

export interface ModelSpec {
  id: string;
  family: string;
  paramsB: number;
  layers: number;
  attentionHeads: number;
  /** null for MLA models (the config's num_key_value_heads is not the KV layout). */
  kvHeads: number | null;
  headDim: number | null;
  /** The limit vLLM derives from config.json (`max_position_embeddings`, no rope scaling). */
  maxPositionEmbeddings: number;
  /** The context the model card advertises (with rope scaling), when larger. */
  contextAdvertised?: number;
  gated: boolean | null;
  mla?: { kvLoraRank: number; qkRopeHeadDim: number };
  /** Layers that keep the whole context, and layers that keep only `slidingWindow` tokens. */
  fullLayers: number;
  slidingLayers: number;
  slidingWindow?: number;
  checkpoint: { bytesPerParam: number; weightsGiB?: number };
  source: string;
}

function toSpec(row: ModelRow): ModelSpec {
  const checkpoint = CHECKPOINTS[row.id];
  let fullLayers = row.layers;
  let slidingLayers = 0;
  const window = row.sliding_window ?? undefined;
  if (window && !row.mla && row.num_kv_heads && row.head_dim) {
    // kv_bytes_per_token_bf16 counts only the full-attention layers of hybrid models (gpt-oss, Gemma 3).
    const perLayer = 2 * row.num_kv_heads * row.head_dim * 2;
    const full = Math.round(row.kv_bytes_per_token_bf16 / perLayer);
    if (full > 0 && full < row.layers) {
      fullLayers = full;
      slidingLayers = row.layers - full;
    }
  }
  const spec: ModelSpec = {
    id: row.id,
    family: row.family,
    paramsB: row.params_total_b,
    layers: row.layers,
    attentionHeads: row.num_attention_heads,
    kvHeads: row.mla ? null : row.num_kv_heads,
    headDim: row.head_dim,
    maxPositionEmbeddings: row.max_position_embeddings,
    contextAdvertised: row.context_advertised ?? undefined,
    gated: row.gated,
    fullLayers,
    slidingLayers,
    checkpoint: { bytesPerParam: checkpoint?.bytesPerParam ?? 2, weightsGiB: checkpoint?.weightsGiB },
    source: row.config_source,
  };
  if (row.mla) spec.mla = { kvLoraRank: row.mla.kv_lora_rank, qkRopeHeadDim: row.mla.qk_rope_head_dim };
  if (slidingLayers > 0 && window) spec.slidingWindow = window;
  return spec;
}

let cached: ModelSpec[] | undefined;

export function modelTable(): ModelSpec[] {
  if (!cached) cached = checkedTable<ModelRow[]>('models', (rawModels() as { models: unknown[] }).models).map(toSpec);
  return cached;
}

/** Quantised derivatives published under the same name (`-AWQ`, `-GPTQ-Int4`, `-FP8`), with bytes per parameter. */
const QUANT_SUFFIXES: Array<[RegExp, string, number]> = [
  [/-AWQ$/i, 'awq', 0.5],
  [/-GPTQ-Int4$/i, 'gptq', 0.5],
  [/-GPTQ-Int8$/i, 'gptq', 1],
  [/-FP8(-Dynamic)?$/i, 'fp8', 1],
];

export interface ModelMatch {
  spec: ModelSpec;
  /** Quantisation implied by the id's suffix, with the bytes per parameter it stores. */
  quantization?: { method: string; bytesPerParam: number };
}

/** Lower-cased id → the first row of the table with that id (every launch looks its model up). */
let byLowerId: Map<string, ModelSpec> | undefined;

function modelByLowerId(lower: string): ModelSpec | undefined {
  if (!byLowerId) {
    byLowerId = new Map();
    for (const m of modelTable()) {
      const k = m.id.toLowerCase();
      if (!byLowerId.has(k)) byLowerId.set(k, m);
    }
  }
  return byLowerId.get(lower);
}

/**
 * A model of the table by Hub id (case-insensitive, as the Hub resolves ids): the id itself, its
 * base/instruct twin (same config.json), the old `Meta-Llama-3.1-…` names, or a quantised derivative.
 */
export function findModel(id: string): ModelMatch | undefined {
  const lookup = (name: string): ModelSpec | undefined => {
    const n = name.toLowerCase().replace(/^meta-llama\/meta-llama-3\.([123])-/, 'meta-llama/llama-3.$1-');
    return modelByLowerId(n) ?? modelByLowerId(`${n}-instruct`) ?? modelByLowerId(n.replace(/-base$/, ''));
  };
  const direct = lookup(id);
  if (direct) return { spec: direct };
  for (const [re, method, bytes] of QUANT_SUFFIXES) {
    if (!re.test(id)) continue;
    const base = lookup(id.replace(re, ''));
    if (base) return { spec: base, quantization: { method, bytesPerParam: bytes } };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Families whose complete list of released sizes we hold (docs/rules/unknown-model-id.md lists the sources).

export interface FamilyTable {
  name: string;
  /** Captures the size (`70B`) and an optional variant tag the size requires (`-Vision`, `-A3B`). */
  pattern: RegExp;
  sizes: Array<{ size: string; tag?: string; ids: string[] }>;
  sources: string[];
}

const llama = (prefix: string, sizes: Array<[string, string | undefined, boolean]>): FamilyTable['sizes'] =>
  sizes.map(([size, tag, base]) => {
    const stem = `meta-llama/${prefix}${size}${tag ?? ''}`;
    return { size, tag, ids: base ? [`${stem}-Instruct`, stem] : [`${stem}-Instruct`] };
  });

export const FAMILIES: FamilyTable[] = [
  {
    name: 'Llama 3',
    pattern: /^meta-llama\/Meta-Llama-3-(\d+(?:\.\d+)?B)()(?=-|$)/i,
    sizes: llama('Meta-Llama-3-', [
      ['8B', undefined, true],
      ['70B', undefined, true],
    ]),
    sources: ['Meta Llama 3 model card: "Llama 3 comes in two sizes — 8B and 70B parameters — in pre-trained and instruction tuned variants" (April 18, 2024)'],
  },
  {
    name: 'Llama 3.1',
    pattern: /^meta-llama\/(?:Meta-)?Llama-3\.1-(\d+(?:\.\d+)?B)()(?=-|$)/i,
    sizes: llama('Llama-3.1-', [
      ['8B', undefined, true],
      ['70B', undefined, true],
      ['405B', undefined, true],
    ]),
    sources: ['shared/reference/models.json rows meta-llama/Llama-3.1-{8B,70B,405B}-Instruct; Llama 3.1 model card: "a collection … in 8B, 70B and 405B sizes" (July 23, 2024)'],
  },
  {
    name: 'Llama 3.2',
    pattern: /^meta-llama\/(?:Meta-)?Llama-3\.2-(\d+(?:\.\d+)?B)(-Vision)?(?=-|$)/i,
    sizes: llama('Llama-3.2-', [
      ['1B', undefined, true],
      ['3B', undefined, true],
      ['11B', '-Vision', true],
      ['90B', '-Vision', true],
    ]),
    sources: [
      'shared/reference/models.json note on meta-llama/Llama-3.2-3B-Instruct: "Llama 3.2 text models exist only at 1B and 3B; the 11B and 90B Llama 3.2 models are vision models (Hugging Face \'Llama 3.2\' launch blog). There is no Llama-3.2-70B."',
      'Llama 3.2 launch (September 25, 2024): lightweight 1B and 3B text models, 11B and 90B Vision models (encord.com/blog/lama-3-2-explained; aiwiki.ai/wiki/llama_3_2_vision)',
    ],
  },
  {
    name: 'Llama 3.3',
    pattern: /^meta-llama\/(?:Meta-)?Llama-3\.3-(\d+(?:\.\d+)?B)()(?=-|$)/i,
    sizes: llama('Llama-3.3-', [['70B', undefined, false]]),
    sources: ['shared/reference/models.json row meta-llama/Llama-3.3-70B-Instruct and its note (the 70B to suggest for the non-existent Llama-3.2-70B-Instruct); Llama 3.3 was released as one 70B instruction-tuned model (December 2024)'],
  },
  {
    name: 'Qwen2.5',
    pattern: /^Qwen\/Qwen2\.5-(\d+(?:\.\d+)?B)()(?=-|$)/i,
    sizes: ['0.5B', '1.5B', '3B', '7B', '14B', '32B', '72B'].map((size) => ({ size, ids: [`Qwen/Qwen2.5-${size}-Instruct`, `Qwen/Qwen2.5-${size}`] })),
    sources: [
      'QwenLM/Qwen2.5 README (via deepwiki.com/QwenLM/Qwen2.5): seven sizes 0.5B, 1.5B, 3B, 7B, 14B, 32B, 72B, each as Qwen2.5-{size} and Qwen2.5-{size}-Instruct',
      'aiwiki.ai/wiki/qwen2_5: "seven dense base models and their instruction-tuned counterparts, ranging from 0.5 billion to 72 billion parameters"',
    ],
  },
  {
    name: 'Qwen3',
    pattern: /^Qwen\/Qwen3-(\d+(?:\.\d+)?B)(-A\d+(?:\.\d+)?B)?(?=-|$)/i,
    sizes: [
      ...['0.6B', '1.7B', '4B', '8B', '14B', '32B'].map((size) => ({ size, ids: [`Qwen/Qwen3-${size}`] })),
      { size: '30B', tag: '-A3B', ids: ['Qwen/Qwen3-30B-A3B'] },
      { size: '235B', tag: '-A22B', ids: ['Qwen/Qwen3-235B-A22B'] },
    ],
    sources: [
      'Qwen3 release (April 2025): dense 0.6B, 1.7B, 4B, 8B, 14B, 32B and MoE 30B-A3B, 235B-A22B (microscale.academy/models/qwen3; stable-learn.com/en/qwen3-news "eight models ranging from 0.6B to 235B")',
      'shared/reference/models.json rows Qwen/Qwen3-{8B,32B,30B-A3B,235B-A22B}',
    ],
  },
];

export interface UnknownModelId {
  family: FamilyTable;
  size: string;
  /** Real ids close to the written one, best first. */
  suggestions: string[];
}

function sizeNumber(size: string): number {
  return Number(size.replace(/B$/i, ''));
}

/**
 * A Hub id that follows a known family's naming but names a size (or size/variant pair) that family
 * never released, e.g. `meta-llama/Llama-3.2-70B-Instruct`. Undefined for real ids, other orgs,
 * other families and anything we cannot judge.
 */
export function checkModelId(id: string): UnknownModelId | undefined {
  for (const family of FAMILIES) {
    const m = family.pattern.exec(id);
    if (!m) continue;
    const size = (m[1] as string).toUpperCase();
    const tag = (m[2] ?? '').toLowerCase();
    const released = family.sizes.find((s) => s.size.toUpperCase() === size && (s.tag ?? '').toLowerCase() === tag);
    if (released) return undefined;
    return { family, size, suggestions: suggest(id, size, family) };
  }
  return undefined;
}

function suggest(id: string, size: string, family: FamilyTable): string[] {
  const instruct = /-instruct/i.test(id);
  const pick = (ids: string[]) => (instruct ? ids.find((x) => /-Instruct$/.test(x)) : ids.find((x) => !/-Instruct$/.test(x))) ?? (ids[0] as string);
  const org = id.split('/')[0]?.toLowerCase();
  const out: string[] = [];
  // The same size in a sibling family of the same organisation (Llama-3.2-70B → Llama-3.3-70B, Llama-3.1-70B).
  for (const other of [...FAMILIES].reverse()) {
    if (other === family || other.sizes[0]?.ids[0]?.split('/')[0]?.toLowerCase() !== org) continue;
    for (const s of other.sizes) if (s.size.toUpperCase() === size) out.push(pick(s.ids));
  }
  // The nearest released sizes of the family itself.
  const wanted = sizeNumber(size);
  const nearest = [...family.sizes].sort((a, b) => Math.abs(Math.log(sizeNumber(a.size) / wanted)) - Math.abs(Math.log(sizeNumber(b.size) / wanted)));
  for (const s of nearest.slice(0, 2)) out.push(pick(s.ids));
  return [...new Set(out)].slice(0, 3);
}
