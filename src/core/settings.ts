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
});

export type LintSettings = z.infer<typeof lintSettingsSchema>;

export const defaultSettings: LintSettings = lintSettingsSchema.parse({});

export function resolveSettings(input: unknown): LintSettings {
  const parsed = lintSettingsSchema.safeParse(input ?? {});
  return parsed.success ? parsed.data : defaultSettings;
}
