// Settings the core understands. Adapters (CLI flags, VS Code configuration) map onto these.
import { z } from 'zod';

export const ruleLevelSchema = z.enum(['off', 'info', 'warning', 'error']);
export type RuleLevel = z.infer<typeof ruleLevelSchema>;

export const lintSettingsSchema = z.object({
  /** Per-rule override of the severity, or 'off'. */
  rules: z.record(z.string(), ruleLevelSchema).default({}),
  gpuMemoryUtilization: z
    .object({ warnAbove: z.number().gt(0).lte(1).default(0.95) })
    .default({ warnAbove: 0.95 }),
  /** The GPU the configs run on when a file does not say (`H100`, `A100-40GB`, `L4`, `MI300X`, …); empty: unknown. */
  gpu: z.string().max(100).default(''),
});

export type LintSettings = z.infer<typeof lintSettingsSchema>;

export const defaultSettings: LintSettings = lintSettingsSchema.parse({});

/** Validates settings field by field, so one bad value (a typo in a rule level) does not drop the others. */
export function resolveSettings(input: unknown): LintSettings {
  const whole = lintSettingsSchema.safeParse(input ?? {});
  if (whole.success) return whole.data;
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (typeof raw.rules === 'object' && raw.rules !== null) {
    for (const [id, level] of Object.entries(raw.rules)) {
      const parsed = ruleLevelSchema.safeParse(level);
      if (parsed.success) rules[id] = parsed.data;
    }
  }
  const gpu = lintSettingsSchema.shape.gpuMemoryUtilization.safeParse(raw.gpuMemoryUtilization);
  const gpuName = lintSettingsSchema.shape.gpu.safeParse(raw.gpu);
  return {
    rules,
    gpuMemoryUtilization: gpu.success ? gpu.data : defaultSettings.gpuMemoryUtilization,
    gpu: gpuName.success ? gpuName.data : defaultSettings.gpu,
  };
}
