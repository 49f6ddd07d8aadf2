import type { Rule, RuleContext } from './types';
import { valueSpan } from '../text';
import type { ParsedFlag } from '../args';
import type { FlagSpec } from '../facts/flags';
import type { Word } from '../types';
import { parseFloatValue, parseIntValue, isNoneLiteral, choiceMatches } from '../values';
import { closest, editDistance } from '../suggest';
import { replaceWordText } from '../fixes';

/** Flags whose range a dedicated rule owns, so the range is reported once. */
const RANGE_OWNED_ELSEWHERE = new Set([
  '--gpu-memory-utilization', // gpu-memory-utilization
  '--mem-fraction-static', // sglang-mem-fraction-static
  '--free_gpu_memory_fraction', // trtllm-free-gpu-memory-fraction (serve; alias --kv_cache_free_gpu_memory_fraction)
  '--kv_cache_free_gpu_memory_fraction', // same (grpc)
  '--kv_cache_config.free_gpu_memory_fraction', // same (LLM-API YAML)
]);

function describeBounds(spec: FlagSpec): string {
  const lower = spec.min !== undefined ? `≥ ${spec.min}` : spec.exclusiveMin !== undefined ? `> ${spec.exclusiveMin}` : '';
  const upper = spec.max !== undefined ? `≤ ${spec.max}` : spec.exclusiveMax !== undefined ? `< ${spec.exclusiveMax}` : '';
  return [lower, upper].filter(Boolean).join(' and ');
}

function checkNumber(ctx: RuleContext, flag: ParsedFlag, spec: FlagSpec, word: Word, value: number): void {
  if (RANGE_OWNED_ELSEWHERE.has(spec.name)) return;
  const tooLow =
    (spec.min !== undefined && value < spec.min) || (spec.exclusiveMin !== undefined && value <= spec.exclusiveMin);
  const tooHigh =
    (spec.max !== undefined && value > spec.max) || (spec.exclusiveMax !== undefined && value >= spec.exclusiveMax);
  if (tooLow || tooHigh) {
    ctx.report({
      span: valueSpan(word),
      message: `${flag.display} ${word.text} is out of range: it must be ${describeBounds(spec)}.`,
    });
  }
}

function checkChoice(ctx: RuleContext, flag: ParsedFlag, spec: FlagSpec, word: Word): void {
  const choices = spec.choices;
  if (!choices || choices.length === 0) return;
  const parts = spec.name === '--collect-detailed-traces' ? word.text.split(',') : [word.text];
  if (parts.every((p) => choiceMatches(p, choices))) return;
  const strict = spec.choiceEnforcement === 'error';
  if (spec.choiceEnforcement === 'typo') {
    const near = choices.map(String).filter((c) => editDistance(word.text.toLowerCase(), c.toLowerCase(), 2) <= 2 || c.replace(/[-_]/g, '') === word.text.replace(/[-_]/g, ''));
    if (near.length === 0) return;
    ctx.report({
      span: valueSpan(word),
      severity: 'warning',
      message: `${flag.display} ${word.text} is not among the ${ctx.flags.label} values we know, but close to ${near.slice(0, 3).join(', ')}${/[-_]/.test(word.text) ? ` (${ctx.flags.label} spells these names its own way; vLLM's differ)` : ''}. Newer releases add values, so check the name against your version.`,
      fixes: near.slice(0, 3).map((s, i) => ({ title: `Change to ${s}`, edits: [replaceWordText(word, s)], ...(i === 0 && near.length === 1 ? { preferred: true } : {}) })),
    });
    return;
  }
  const asNumber = Number(word.text);
  const suggestions =
    choices.every((c) => typeof c === 'number') && Number.isFinite(asNumber)
      ? [...(choices as number[])].sort((a, b) => Math.abs(a - asNumber) - Math.abs(b - asNumber) || a - b).slice(0, 2).map(String)
      : closest(word.text, choices.map(String), 3);
  const list = choices.map(String).join(', ');
  ctx.report({
    span: valueSpan(word),
    severity: strict ? 'error' : 'warning',
    message: strict
      ? `${flag.display} ${word.text} is not one of the allowed values: ${list}.`
      : `${flag.display} ${word.text} is not one of the values we know (${list}); newer releases or plugins may add values, so check it exists in your ${ctx.flags.label} version.`,
    fixes: suggestions.map((s) => ({ title: `Change to ${s}`, edits: [replaceWordText(word, s)] })),
  });
}

function checkValue(ctx: RuleContext, flag: ParsedFlag, spec: FlagSpec, word: Word): void {
  if (word.unknown || word.splat) return;
  const text = word.text;
  if (isNoneLiteral(text) && spec.default === null) return; // Optional fields accept None.
  switch (spec.type) {
    case 'int': {
      const value = parseIntValue(text, spec.humanReadableInt);
      if (spec.engine === 'vllm' && spec.name === '--max-model-len' && (text === 'auto' || text === '-1')) return;
      if (value === undefined) {
        const hint = spec.humanReadableInt ? ' (whole numbers, or 1k = 1000, 1K = 1024, 2M = 2·2^20)' : '';
        ctx.report({ span: valueSpan(word), message: `${flag.display} expects an integer${hint}, got "${text}".` });
        return;
      }
      checkNumber(ctx, flag, spec, word, value);
      checkChoice(ctx, flag, spec, word);
      return;
    }
    case 'float': {
      const value = parseFloatValue(text);
      if (value === undefined) {
        ctx.report({ span: valueSpan(word), message: `${flag.display} expects a number, got "${text}".` });
        return;
      }
      checkNumber(ctx, flag, spec, word, value);
      return;
    }
    case 'choice':
    case 'str':
      checkChoice(ctx, flag, spec, word);
      return;
    case 'json': {
      if (flag.dottedKey !== undefined) return;
      const trimmed = text.trim();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          JSON.parse(trimmed);
        } catch (e) {
          ctx.report({
            span: valueSpan(word),
            message: `${flag.display} expects JSON, but this is not valid JSON (${(e as Error).message}).`,
          });
        }
      }
      return;
    }
    default:
      return;
  }
}

export const invalidValue: Rule = {
  meta: {
    id: 'invalid-value',
    severity: 'error',
    summary: 'A flag value of the wrong type, not one of the allowed choices, out of bounds, or missing.',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    for (const flag of ctx.parsed.flags) {
      const spec = flag.spec;
      if (!spec || flag.word.unknown) continue;
      if (ctx.flags.status(spec, ctx.version.version).kind === 'removed') continue; // removed-flag says it all
      if (flag.missingValue) {
        ctx.report({ span: flag.nameSpan, message: `${flag.display} expects a value, but none follows.` });
        continue;
      }
      if (spec.type === 'bool') continue; // boolean-with-value owns booleans
      if (flag.dottedKey !== undefined) continue;
      if (spec.type === 'list') {
        if (flag.values.length === 1 && flag.values[0]?.text === '') {
          ctx.report({ span: flag.values[0].span, message: `${flag.display} expects at least one value.` });
        }
        continue;
      }
      for (const word of flag.values) checkValue(ctx, flag, spec, word);
    }
  },
};
