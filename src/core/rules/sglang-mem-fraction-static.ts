import type { Rule } from './types';
import type { SpanFix } from '../types';
import { valueSpan } from '../text';
import { parseFloatValue } from '../values';
import { replaceWordText } from '../fixes';

/**
 * SGLang's --mem-fraction-static: the share of each GPU's total memory for weights and the KV pool.
 * server_args.py has no range check (engine-facts.md §7, §9.10): a value outside (0, 1) is accepted
 * and the server fails later, while sizing the memory pool. Above the threshold is our heuristic.
 */
export const sglangMemFractionStatic: Rule = {
  meta: {
    id: 'sglang-mem-fraction-static',
    severity: 'error',
    summary: 'SGLang --mem-fraction-static outside (0, 1) fails at runtime; close to 1 leaves no room for activations and CUDA graphs.',
    fixable: true,
    engines: ['sglang'],
  },
  check(ctx) {
    const flag = ctx.parsed.byKey.get('--mem-fraction-static')?.at(-1);
    const word = flag?.values[0];
    if (!flag || !word || word.unknown) return;
    const value = parseFloatValue(word.text);
    if (value === undefined) return; // invalid-value reports a non-number
    const suffix = word.fromDefault ? ' (the default of an interpolated value)' : '';
    if (value <= 0 || value >= 1) {
      const fixes: SpanFix[] = [];
      if (value >= 10 && value < 100) {
        const fraction = String(Number((value / 100).toFixed(4)));
        fixes.push({ title: `Use ${fraction} (${word.text}% as a fraction)`, edits: [replaceWordText(word, fraction)], preferred: true });
      }
      ctx.report({
        span: valueSpan(word),
        severity: 'error',
        message: `${flag.display} ${word.text}${suffix} is outside (0, 1): it is the share of each GPU's total memory for the weights and the KV cache pool. SGLang does not check the range when it parses the flag; the server fails later, while sizing the memory pool.`,
        fixes,
      });
      return;
    }
    const warnAbove = ctx.settings.gpuMemoryUtilization.warnAbove;
    if (value <= warnAbove) return;
    ctx.report({
      span: valueSpan(word),
      severity: 'warning',
      message: `${flag.display} ${word.text}${suffix} is above ${warnAbove}: only ${((1 - value) * 100).toFixed(0)}% of the GPU is left for activations, CUDA graphs and the CUDA context, and SGLang often runs out of memory at startup or under load. When unset, SGLang computes a value from the GPU's memory.`,
      fixes: [{ title: `Use ${warnAbove}`, edits: [replaceWordText(word, String(warnAbove))] }],
    });
  },
};
