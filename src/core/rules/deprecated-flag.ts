import type { Rule } from './types';
import { flagLifecycleFixes } from '../lifecycle';

export const deprecatedFlag: Rule = {
  meta: {
    id: 'deprecated-flag',
    severity: 'warning',
    summary: 'A flag deprecated at the target engine version: it still works but will be removed.',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    for (const flag of ctx.parsed.flags) {
      if (!flag.spec || flag.word.unknown) continue;
      const status = ctx.flags.status(flag.spec, ctx.version.version);
      if (status.kind !== 'deprecated') continue;
      const spec = flag.spec;
      const since = status.assumed
        ? ctx.flags.engine === 'sglang'
          ? ' (listed as deprecated in the SGLang docs of 2026; the first release is not recorded)'
          : ctx.flags.engine === 'trtllm'
            ? ` (marked so in ${ctx.flags.label}'s sources of the 1.0 era; the first release is not recorded)`
            : ' (marked so in the v0.11 sources; the first release is not recorded)'
        : ` since ${ctx.flags.label} ${status.from.text}`;
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
