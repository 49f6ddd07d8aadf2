import type { Rule } from './types';
import { vllmEnvs } from '../facts/envs';
import { atLeast, parseVersion, type Version } from '../version';

/**
 * When each deprecated variable stopped mattering. From the rows' notes in vllm-envs.json; rows without
 * a release are reported from 0.18.0, from which vLLM logs removed variables as unknown (engine-facts §5).
 */
const SINCE: Record<string, { deprecated: string; ignored?: string; why: string }> = {
  VLLM_ATTENTION_BACKEND: { deprecated: '0.13.0', ignored: '0.14.0', why: 'deprecated by PR #26315 (v0.13.0), removal scheduled for 0.14.0' },
  VLLM_MM_INPUT_CACHE_GIB: { deprecated: '0.11.0', ignored: '0.13.0', why: 'v0.11 warns about it; removal scheduled for 0.13' },
  VLLM_USE_V1: { deprecated: '0.12.0', ignored: '0.12.0', why: 'V1 is the only engine; its use was removed by PR #27798 (Oct 2025)' },
};
const UNKNOWN_FROM = '0.18.0';

export const deprecatedEnvVar: Rule = {
  meta: {
    id: 'deprecated-env-var',
    severity: 'warning',
    summary: 'A vLLM environment variable that is deprecated or no longer read at the target version (VLLM_ATTENTION_BACKEND, VLLM_USE_V1, …).',
    fixable: false,
    engines: ['vllm'],
  },
  check(ctx) {
    const table = vllmEnvs();
    const target = ctx.version.version;
    for (const env of ctx.invocation.env ?? []) {
      const spec = table.get(env.name);
      if (!spec || (!spec.deprecated && !spec.removedIn)) continue;
      const known = SINCE[env.name];
      const deprecatedIn = parseVersion(known?.deprecated ?? UNKNOWN_FROM) as Version;
      if (!atLeast(target, deprecatedIn)) continue;
      const ignoredIn = known?.ignored ? parseVersion(known.ignored) : known ? undefined : deprecatedIn;
      const ignored = ignoredIn !== undefined && atLeast(target, ignoredIn);
      const why = known?.why ?? 'absent from the 2026 list of vLLM environment variables; the first release without it is not recorded';
      const instead = spec.replacement ? ` Use ${spec.replacement} instead.` : '';
      const state = ignored
        ? `is no longer read by vLLM ${ignoredIn!.text}+ (${why}): setting it does nothing${atLeast(target, parseVersion(UNKNOWN_FROM) as Version) ? ', and vLLM logs it as an unknown variable' : ''}`
        : `is deprecated since vLLM ${deprecatedIn.text} (${why}) and will stop working`;
      ctx.report({
        span: env.nameSpan,
        message: `${env.name} ${state} (target ${target.text}, ${ctx.version.explanation}).${instead}`,
      });
    }
  },
};
