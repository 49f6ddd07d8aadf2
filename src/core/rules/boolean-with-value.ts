import type { Rule } from './types';
import { removeWords, replaceSpan } from '../fixes';
import type { SpanFix } from '../types';
import { atLeast, parseVersion, type Version } from '../version';

/** First release line we treat as BooleanOptionalAction-only (the v0.7 StoreBoolean era is exempt). */
const BOOLEAN_OPTIONAL_SINCE = parseVersion('0.8.0') as Version;

const FALSE_WORD = /^(false|no|off|0)$/i;

/**
 * Boolean flags are BooleanOptionalAction (`--x` / `--no-x`) or store_true: they take no value.
 * `--enforce-eager false` leaves a stray `false` and argparse fails (engine-facts.md §1).
 */
export const booleanWithValue: Rule = {
  meta: {
    id: 'boolean-with-value',
    severity: 'error',
    summary: 'A boolean flag given a value (`--enforce-eager false`): the engines\' switches (argparse BooleanOptionalAction/store_true, click is_flag) take none.',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    // V0-era releases (v0.7) used a StoreBoolean action that accepted `--flag False` (engine-facts.md §1).
    if (ctx.flags.engine === 'vllm' && !atLeast(ctx.version.version, BOOLEAN_OPTIONAL_SINCE)) return;
    // LLM-API YAML booleans are pydantic fields, which take yes/no/true/false strings too.
    if (ctx.flags.options.nameStyle === 'yaml-keys') return;
    const click = ctx.flags.options.nameStyle === 'click';
    const label = ctx.flags.label;
    for (const flag of ctx.parsed.flags) {
      const spec = flag.spec;
      if (!spec || spec.type !== 'bool' || flag.dottedKey !== undefined) continue;
      const stray = flag.strayBooleanValue;
      const inline = flag.inline ? flag.values[0] : undefined;
      const value = stray ?? inline;
      if (!value || value.unknown) continue;
      const wantsFalse = FALSE_WORD.test(value.text);
      const fixes: SpanFix[] = [];
      const valueSpan = inline ? { start: flag.nameSpan.end, end: flag.word.span.end } : value.span;
      if (!wantsFalse || flag.negated) {
        fixes.push({
          title: `Write ${flag.display} without a value`,
          edits: inline ? [replaceSpan(valueSpan, '')] : removeWords(ctx.text, [value]),
          preferred: true,
        });
      } else if (spec.boolStyle === 'optional') {
        const negatedName = `--no-${spec.name.slice(2)}`;
        fixes.push({
          title: `Write ${negatedName}`,
          edits: [replaceSpan(flag.nameSpan, negatedName), ...(inline ? [replaceSpan(valueSpan, '')] : removeWords(ctx.text, [value]))],
          preferred: true,
        });
      } else {
        fixes.push({ title: `Remove ${flag.display} (it is off by default)`, edits: removeWords(ctx.text, [flag.word, value]), preferred: true });
      }
      const how =
        spec.boolStyle === 'optional'
          ? `write ${spec.name} to turn it on or --no-${spec.name.slice(2)} to turn it off`
          : `write ${spec.name} to turn it on, or leave it out`;
      const failure = click
        ? inline
          ? `click stops with "Option '${flag.written}' does not take a value"`
          : `"${value.text}" is left over and ${label} stops with "Got unexpected extra argument"`
        : inline
          ? `argparse stops with "ignored explicit argument '${value.text}'"`
          : `"${value.text}" is left over and ${label} stops with "unrecognized arguments"`;
      ctx.report({
        span: { start: flag.nameSpan.start, end: value.span.end },
        message: `${flag.display} is a boolean flag and takes no value; ${failure}. ${how[0]!.toUpperCase()}${how.slice(1)}.`,
        fixes,
      });
    }
  },
};
