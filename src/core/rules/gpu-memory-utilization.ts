import type { Rule } from './types';
import type { SpanFix } from '../types';
import { valueSpan } from '../text';
import { parseFloatValue } from '../values';
import { replaceWordText } from '../fixes';

/** vLLM enforces (0, 1] (CacheConfig, pydantic gt=0 le=1); above the threshold is our own heuristic. */
export const gpuMemoryUtilization: Rule = {
  meta: {
    id: 'gpu-memory-utilization',
    severity: 'error',
    summary: '--gpu-memory-utilization must be in (0, 1]; values close to 1 leave no headroom.',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    // argparse keeps the last occurrence (duplicate-flag reports the others).
    const flag = ctx.parsed.byKey.get('--gpu-memory-utilization')?.at(-1);
    const word = flag?.values[0];
    if (!flag || !word || word.unknown || flag.dottedKey !== undefined) return;
    const value = parseFloatValue(word.text);
    if (value === undefined) return; // invalid-value reports a non-number
    const suffix = word.fromDefault ? ' (the default of an interpolated value)' : '';
    if (value <= 0 || value > 1) {
      const fixes: SpanFix[] = [];
      if (value >= 10 && value < 100) {
        // 85 or 90 is a percentage written as a whole number.
        const fraction = String(Number((value / 100).toFixed(4)));
        fixes.push({ title: `Use ${fraction} (${word.text}% as a fraction)`, edits: [replaceWordText(word, fraction)] });
      }
      fixes.push({ title: "Use 0.9 (vLLM's default)", edits: [replaceWordText(word, '0.9')] });
      ctx.report({
        span: valueSpan(word),
        severity: 'error',
        message: `${flag.display} ${word.text}${suffix} is outside (0, 1]: it is the fraction of each GPU's total memory vLLM may use, so the server refuses to start.`,
        fixes,
      });
      return;
    }
    const warnAbove = ctx.settings.gpuMemoryUtilization.warnAbove;
    // With --kv-cache-memory-bytes the fraction is ignored, so a high one costs nothing.
    if (value <= warnAbove || ctx.parsed.byKey.has('--kv-cache-memory-bytes')) return;
    ctx.report({
      span: valueSpan(word),
      severity: 'warning',
      message: `${flag.display} ${word.text}${suffix} is above ${warnAbove}: it leaves ${((1 - value) * 100).toFixed(0)}% of the GPU for the CUDA context, other processes and fragmentation, and startup often fails with out-of-memory. vLLM's default is 0.9.`,
      fixes: [{ title: `Use ${warnAbove}`, edits: [replaceWordText(word, String(warnAbove))] }],
    });
  },
};
