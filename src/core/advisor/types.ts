// The contract of the decision guide (the wizard's logic). Pure data: the core computes it, the CLI
// prints it, the webview shows it. Validated with zod where it crosses a boundary (webview messages,
// CLI --format json).
import { z } from 'zod';

export const engineIdSchema = z.enum(['vllm', 'sglang', 'trtllm']);
export type EngineId = z.infer<typeof engineIdSchema>;

export const objectiveSchema = z.enum(['latency', 'throughput', 'balanced']);
export const targetSchema = z.enum(['compose', 'shell', 'kubernetes', 'engine-yaml']);
export type Target = z.infer<typeof targetSchema>;

export const advisorInputSchema = z.object({
  /** A Hugging Face id. Known models come from models.json; others need `parametersB`. */
  model: z.string().min(1).max(200),
  /** Billions of parameters, for models outside the table (total parameters for MoE). */
  parametersB: z.number().positive().max(10000).optional(),
  /** Accelerator name as people write it: H100, H100-80GB, A100-40GB, L4, MI300X, RTX-4090 (case-insensitive). */
  gpu: z.string().min(1).max(100),
  gpuCount: z.number().int().min(1).max(1024).default(1),
  objective: objectiveSchema.default('balanced'),
  inputLen: z.number().int().positive().max(10_000_000).default(1024),
  outputLen: z.number().int().positive().max(10_000_000).default(512),
  /** Concurrent requests the deployment must hold (or derived from requests/s). */
  concurrency: z.number().int().positive().max(100_000).optional(),
  requestsPerSecond: z.number().positive().max(1_000_000).optional(),
  /** How soon this must run in production: `days` favours the simplest path. */
  timeToProduction: z.enum(['days', 'weeks', 'months']).default('weeks'),
  deployment: z.enum(['compose', 'shell', 'kubernetes', 'multi-node']).default('compose'),
  /** Quick mode = the blog's questions only. */
  mode: z.enum(['quick', 'detailed']).default('detailed'),
});
export type AdvisorInput = z.input<typeof advisorInputSchema>;
export type AdvisorInputResolved = z.output<typeof advisorInputSchema>;

/** A reason always says where its numbers come from and how old they are. */
export const reasonSchema = z.object({
  text: z.string(),
  source: z.string(),
  /** ISO 8601 date of the evidence, at the precision the source gives (YYYY-MM-DD, YYYY-MM or YYYY). */
  date: z.string(),
  /** Corrects a claim of the original blog post (license, nonexistent model, removed flag, "15–30% faster"). */
  correctsBlog: z.boolean().optional(),
});
export type Reason = z.infer<typeof reasonSchema>;

export const sizingSchema = z.object({
  gpu: z.string(),
  gpuMemoryGiB: z.number(),
  gpuCount: z.number(),
  weightsGiB: z.number(),
  kvCacheBytesPerToken: z.number(),
  /** Concurrent sequences of inputLen+outputLen tokens that fit in the KV cache budget. */
  concurrentSequences: z.number(),
  /** GiB for weights, KV cache and headroom per GPU, for the sizing bar. */
  perGpu: z.object({ weightsGiB: z.number(), kvCacheGiB: z.number(), headroomGiB: z.number() }),
  fits: z.boolean(),
  tensorParallelSize: z.number().int(),
  /** Pipeline stages (only when the model needs more than one node: TP inside a node, PP across nodes). */
  pipelineParallelSize: z.number().int().optional(),
  notes: z.array(z.string()),
});
export type Sizing = z.infer<typeof sizingSchema>;

export const engineScoreSchema = z.object({
  engine: engineIdSchema,
  score: z.number(),
  /** Why this engine ranks where it does for this case. */
  reasons: z.array(reasonSchema),
  /** Not usable here at all (e.g. TensorRT-LLM on AMD). */
  excluded: z.string().optional(),
});

export const recommendationSchema = z.object({
  engine: engineIdSchema,
  /** The recommended engine's score (0–100); `alternatives` holds the other engines, best first. */
  score: z.number().optional(),
  alternatives: z.array(engineScoreSchema),
  reasons: z.array(reasonSchema),
  sizing: sizingSchema,
  /** The command that measures it on the user's own hardware. */
  benchmarkCommand: z.string(),
  /** Corrections of the blog's claims that apply to this case. */
  blogCorrections: z.array(reasonSchema),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const generatedConfigSchema = z.object({
  engine: engineIdSchema,
  target: targetSchema,
  /** VS Code language id of the text (dockercompose, shellscript, yaml). */
  languageId: z.string(),
  /** Suggested file name (docker-compose.yml, serve.sh, deployment.yaml, vllm-config.yaml). */
  fileName: z.string(),
  /** Plain text, lints clean with ServeLint. */
  text: z.string(),
  /** The same text as a VS Code snippet with tab stops (${1:…}), `$` escaped elsewhere. */
  snippet: z.string(),
});
export type GeneratedConfig = z.infer<typeof generatedConfigSchema>;

export interface GenerateRequest {
  engine: EngineId;
  target: Target;
  model: string;
  gpu: string;
  gpuCount: number;
  /** Overrides from a recommendation (tensor parallel size, max model len, gpu memory fraction). */
  tensorParallelSize?: number;
  maxModelLen?: number;
  /** `multi-node` (or more GPUs than one node holds) gives a LeaderWorkerSet / multi-node launch. */
  deployment?: AdvisorInput['deployment'];
  /** Billions of parameters, for models outside the table (as in AdvisorInput). */
  parametersB?: number;
}

/** One question of the blog's quick mode, with what the blog answered and what the evidence says. */
export interface QuickQuestion {
  id: 'fast-launch' | 'hardware' | 'budget' | 'scale';
  question: string;
  /** The blog's answer to this branch of its tree. */
  blogAnswer: string;
  /** Answers, each as the AdvisorInput fields it sets. */
  options: Array<{ label: string; input: Partial<AdvisorInput> }>;
  /** What the evidence says about the blog's answer. */
  correction: Reason;
}

export interface GpuChoice {
  /** gpus.json id, accepted as AdvisorInput.gpu. */
  id: string;
  name: string;
  vendor: 'nvidia' | 'amd' | 'intel';
  memoryGiB: number;
  /** Engines that run on it (gpus.json engine_hardware_support). */
  engines: EngineId[];
}

export interface ModelChoice {
  id: string;
  family: string;
  parametersB: number;
  gated: boolean | null;
  maxContext: number;
}
