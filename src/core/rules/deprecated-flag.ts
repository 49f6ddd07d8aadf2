import type { Rule } from './types';
import { flagLifecycleFixes } from '../lifecycle';

export const deprecatedFlag: Rule = {
  meta: {
    id: 'deprecated-flag',
    severity: 'warning',
    summary: 'A flag deprecated at the target vLLM version: it still works but will be removed.',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    for (const flag of ctx.parsed.flags) {
      if (!flag.spec || flag.word.unknown) continue;
      const status = ctx.flags.status(flag.spec, ctx.version.version);
      if (status.kind !== 'deprecated') continue;
      const spec = flag.spec;
      const since = status.assumed ? ' (marked so in the v0.11 sources; the first release is not recorded)' : ` since vLLM ${status.from.text}`;
      const removal = spec.removedIn
        ? ` and ${spec.removalScheduled || spec.removedUnverified ? 'is due to be' : 'is'} removed in ${spec.removedIn.text}`
        : '';
      const instead = spec.replacement ? ` Use ${spec.replacement} instead.` : '';
      ctx.report({
        span: flag.nameSpan,
        message: `${flag.display} is deprecated${since}${removal} (target ${ctx.version.version.text}, ${ctx.version.explanation}).${instead}`,
        fixes: flagLifecycleFixes(ctx, flag),
      });
    }
  },
};
