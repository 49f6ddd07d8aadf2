// Settings the core understands. Adapters (CLI flags, VS Code configuration) map onto these.
// Validated by hand (no zod on the lint path: the core loads on the editor's first lint).

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

const RULE_LEVELS: ReadonlySet<string> = new Set<RuleLevel>(['off', 'info', 'warning', 'error']);

export interface LintSettings {
  /** Per-rule override of the severity, or 'off'. */
  rules: Record<string, RuleLevel>;
  /** Warn when `--gpu-memory-utilization` is above this fraction, in (0, 1]. */
  gpuMemoryUtilization: { warnAbove: number };
  /** The GPU the configs run on when a file does not say (`H100`, `A100-40GB`, `L4`, `MI300X`, …); empty: unknown. At most 100 characters. */
  gpu: string;
}

const DEFAULT_WARN_ABOVE = 0.95;

export const defaultSettings: LintSettings = { rules: {}, gpuMemoryUtilization: { warnAbove: DEFAULT_WARN_ABOVE }, gpu: '' };

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && RULE_LEVELS.has(value);
}

/** `{warnAbove}` with a number in (0, 1] (missing: the default), or undefined when invalid. */
function gpuMemoryUtilizationOf(value: unknown): LintSettings['gpuMemoryUtilization'] | undefined {
  if (value === undefined) return { warnAbove: DEFAULT_WARN_ABOVE };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const warnAbove = (value as Record<string, unknown>).warnAbove;
  if (warnAbove === undefined) return { warnAbove: DEFAULT_WARN_ABOVE };
  return typeof warnAbove === 'number' && Number.isFinite(warnAbove) && warnAbove > 0 && warnAbove <= 1 ? { warnAbove } : undefined;
}

/** Validates settings field by field, so one bad value (a typo in a rule level) does not drop the others. */
export function resolveSettings(input: unknown): LintSettings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (typeof raw.rules === 'object' && raw.rules !== null) {
    for (const [id, level] of Object.entries(raw.rules)) {
      if (isRuleLevel(level)) rules[id] = level;
    }
  }
  const gpu = raw.gpu === undefined ? '' : typeof raw.gpu === 'string' && raw.gpu.length <= 100 ? raw.gpu : defaultSettings.gpu;
  return {
    rules,
    gpuMemoryUtilization: gpuMemoryUtilizationOf(raw.gpuMemoryUtilization) ?? { ...defaultSettings.gpuMemoryUtilization },
    gpu,
  };
}
