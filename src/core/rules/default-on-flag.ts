import type { Rule } from './types';
import { removeWords, deleteLines } from '../fixes';
import { parseVersion, atLeast, type Version } from '../version';

/**
 * Flags that turn on what vLLM's V1 engine already does by default for generative models
 * (engine-facts.md §2 "Defaults that depend on context" and §9.3). Guides that say "turn them on"
 * are from the V0 era.
 */
const DEFAULT_ON: Record<string, { since: Version; what: string }> = {
  '--enable-prefix-caching': { since: parseVersion('0.8.0') as Version, what: 'prefix caching' },
  '--enable-chunked-prefill': { since: parseVersion('0.8.0') as Version, what: 'chunked prefill' },
};

export const defaultOnFlag: Rule = {
  meta: {
    id: 'default-on-flag',
    severity: 'info',
    summary: 'A flag that turns on what vLLM already does by default (prefix caching, chunked prefill in V1).',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    for (const flag of ctx.parsed.flags) {
      const known = flag.spec ? DEFAULT_ON[flag.spec.name] : undefined;
      if (!known || flag.negated || flag.yamlBoolean === false || flag.strayBooleanValue || flag.inline) continue;
      if (!atLeast(ctx.version.version, known.since)) continue;
      const inConfig = ctx.invocation.form === 'config-file';
      ctx.report({
        span: flag.nameSpan,
        message: `${flag.display} is redundant: since vLLM ${known.since.text} (V1 engine) ${known.what} is on by default for generative models. To turn it off, write --no-${flag.spec!.name.slice(2)}.`,
        fixes: [
          {
            title: `Remove ${flag.display}`,
            edits: inConfig ? [deleteLines(ctx.text, flag.word.span.start, flag.word.span.end)] : removeWords(ctx.text, [flag.word]),
            preferred: true,
          },
        ],
      });
    }
  },
};
