// The zod schemas of the facts tables (src/core/facts/data/*.json and the rows in corrections.ts).
//
// They are the contract of the data, checked in three places: `npm run build` checks every table
// before bundling (scripts/build.mjs runs checkFacts from check.ts) and fails on any problem; the unit
// tests do the same; and unbundled runs (tests, tsc output) validate each table on first use
// (checked.ts). The bundles ship the checked JSON as is and never load zod for it, which keeps the
// extension's first lint and the core's load time down.
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const flagRowSchema = z.object({
  name: z.string().regex(/^(--[a-z0-9][a-z0-9-]*|[a-z_]+)$/),
  aliases: z.array(z.string().regex(/^-{1,2}[A-Za-z0-9][A-Za-z0-9-]*$/)),
  type: z.enum(['int', 'float', 'bool', 'str', 'json', 'choice', 'list']),
  default: z.union([scalar, z.array(scalar), z.record(z.string(), z.unknown())]).nullable(),
  choices: z.array(z.union([z.string(), z.number()])).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  exclusiveMin: z.number().nullable(),
  exclusiveMax: z.number().nullable(),
  deprecated: z.boolean(),
  removedIn: z.string().nullable(),
  since: z.string().nullable(),
  replacement: z.string().nullable(),
  notes: z.string().nullable(),
  boolStyle: z.enum(['optional', 'store_true', 'is_flag', 'yaml']).nullable(),
  deprecatedIn: z.string().nullable(),
  group: z.string().nullable(),
  command: z.string(),
  source: z.string(),
});

export type FlagRow = z.infer<typeof flagRowSchema>;

/**
 * Rows of sglang-flags.json / trtllm-flags.json: the same fields, with each engine's spelling of names
 * (SGLang kebab-case; TensorRT-LLM snake_case options, the positional `MODEL`, dotted YAML keys such as
 * `kv_cache_config.free_gpu_memory_fraction`) and aliases (`--tp_size`, `-c`).
 */
export const engineFlagRowSchema = flagRowSchema.extend({
  name: z.string().regex(/^(--[a-z0-9][a-z0-9_-]*|[A-Za-z_][A-Za-z0-9_]*(\.[a-z0-9_]+)*)$/),
  aliases: z.array(z.string().regex(/^-{1,2}[A-Za-z0-9][A-Za-z0-9_-]*$/)),
});

export const envRowSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  type: z.enum(['str', 'int', 'bool', 'choice', 'float', 'list']),
  default: z.union([scalar, z.array(scalar)]).nullable(),
  choices: z.array(z.union([z.string(), z.number()])).nullable(),
  deprecated: z.boolean(),
  removedIn: z.string().nullable(),
  replacement: z.string().nullable(),
  notes: z.string().nullable(),
  source: z.string(),
});

export type EnvRow = z.infer<typeof envRowSchema>;

export const gpuRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.enum(['nvidia', 'amd', 'intel']),
  memory_gb: z.number().positive(),
  memory_gb_alt: z.number().positive().nullable().optional(),
  memory_gib_usable: z.number().positive().nullable().optional(),
  sources: z.array(z.string()).min(1),
});

export type GpuRow = z.infer<typeof gpuRowSchema>;

const mlaSchema = z.object({ kv_lora_rank: z.number().int().positive(), qk_rope_head_dim: z.number().int().positive() }).passthrough();

export const modelRowSchema = z
  .object({
    id: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    family: z.string(),
    params_total_b: z.number().positive(),
    params_active_b: z.number().positive().nullable().optional(),
    layers: z.number().int().positive(),
    num_attention_heads: z.number().int().positive(),
    num_kv_heads: z.number().int().positive().nullable(),
    head_dim: z.number().int().positive().nullable(),
    max_position_embeddings: z.number().int().positive(),
    context_advertised: z.number().int().positive().nullable().optional(),
    attention: z.string(),
    gated: z.boolean().nullable(),
    mla: mlaSchema.optional(),
    sliding_window: z.number().int().positive().nullable().optional(),
    kv_bytes_per_token_bf16: z.number().int().positive(),
    config_source: z.string(),
    notes: z.string().optional(),
  })
  .passthrough();

export type ModelRow = z.infer<typeof modelRowSchema>;

/** The tables the runtime reads, each with its schema. */
export const FACT_TABLES = {
  'vllm-flags': z.array(flagRowSchema),
  'engine-flags': z.array(engineFlagRowSchema),
  'vllm-envs': z.array(envRowSchema),
  gpus: z.array(gpuRowSchema.passthrough()),
  models: z.array(modelRowSchema),
} as const;

export type FactTable = keyof typeof FACT_TABLES;

/** Validates one table (throws a ZodError on bad data). */
export function parseTable(table: FactTable, raw: unknown): unknown {
  return FACT_TABLES[table].parse(raw);
}
