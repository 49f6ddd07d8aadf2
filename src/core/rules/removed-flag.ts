import type { Rule } from './types';
import { flagLifecycleFixes } from '../lifecycle';

export const removedFlag: Rule = {
  meta: {
    id: 'removed-flag',
    severity: 'error',
    summary: 'A flag removed in the target engine version: the server stops with "unrecognized arguments".',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    for (const flag of ctx.parsed.flags) {
      if (!flag.spec || flag.word.unknown) continue;
      const status = ctx.flags.status(flag.spec, ctx.version.version);
      if (status.kind !== 'removed') continue;
      const spec = flag.spec;
      const when = spec.removedUnverified
        ? `was ${spec.removedUnverified}`
        : spec.removalScheduled
          ? `is gone from ${ctx.flags.label} ${status.in?.text} on (the removal its deprecation message announced)`
          : `was removed in ${ctx.flags.label} ${status.in?.text}`;
      const instead = spec.replacement ? ` Use ${spec.replacement} instead.` : '';
      ctx.report({
        span: flag.nameSpan,
        message: `${flag.display} ${when}; the target is ${ctx.version.version.text} (${ctx.version.explanation}).${instead}`,
        fixes: flagLifecycleFixes(ctx, flag),
      });
    }
  },
};
