// Fixes for deprecated and removed flags, shared by the two rules.
import type { ParsedFlag } from './args';
import type { RuleContext } from './rules/types';
import type { SpanFix } from './types';
import { deleteLines, removeWords, replaceSpan, spellFlag } from './fixes';

/** Replacement texts that mean "just drop the flag" (the behaviour is now the default, or another flag alone does it). */
const DROP_HINT = /default|alone/i;

export function flagLifecycleFixes(ctx: RuleContext, flag: ParsedFlag): SpanFix[] {
  const spec = flag.spec;
  if (!spec) return [];
  const fixes: SpanFix[] = [];
  const inConfig = ctx.invocation.form === 'config-file';
  if (spec.replacementFlag && !flag.negated && renameKeepsMeaning(ctx, spec.type, spec.replacementFlag)) {
    const name = spellFlag(spec.replacementFlag, flag.written, inConfig);
    fixes.push({ title: `Replace with ${name}`, edits: [replaceSpan(flag.nameSpan, name)], preferred: true });
  }
  if (!spec.replacement || DROP_HINT.test(spec.replacement)) {
    const words = [flag.word, ...flag.values];
    if (flag.strayBooleanValue) words.push(flag.strayBooleanValue);
    const end = Math.max(...words.map((w) => w.span.end));
    const edits = inConfig ? [deleteLines(ctx.text, flag.word.span.start, end)] : removeWords(ctx.text, dedupe(words));
    fixes.push({ title: `Remove ${flag.display}`, edits, preferred: fixes.length === 0 });
  }
  return fixes;
}

/**
 * A plain rename is only right when the new flag takes the same kind of value: a dotted JSON key
 * (`--structured-outputs-config.backend`) takes the old flag's value, a plain flag must have the same
 * type. `--speculative-model X` → `--speculative-config X` would not mean the same thing.
 */
function renameKeepsMeaning(ctx: RuleContext, type: string, replacement: string): boolean {
  const dot = replacement.indexOf('.');
  if (dot >= 0) return type !== 'bool' && ctx.flags.get(replacement.slice(0, dot))?.type === 'json';
  const target = ctx.flags.get(replacement);
  // `--hf-overrides` is a bag of Hugging Face config keys: `--rope-scaling {…}` belongs under its
  // `rope_scaling` key, so keeping the value as it is would change its meaning.
  if (replacement === '--hf-overrides') return false;
  return target !== undefined && target.type === type && ctx.flags.status(target, ctx.version.version).kind !== 'removed';
}

function dedupe<T extends { span: { start: number } }>(items: T[]): T[] {
  const seen = new Set<number>();
  return items.filter((i) => (seen.has(i.span.start) ? false : (seen.add(i.span.start), true)));
}
