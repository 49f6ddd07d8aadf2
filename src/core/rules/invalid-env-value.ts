import type { Rule } from './types';
import { vllmEnvs } from '../facts/envs';

/** vllm/envs.py: env_with_choices validation, VLLM_PORT parsing (engine-facts §5). */
export const invalidEnvValue: Rule = {
  meta: {
    id: 'invalid-env-value',
    severity: 'error',
    summary: 'A vLLM environment variable with a value vLLM rejects (VLLM_WORKER_MULTIPROC_METHOD not fork/spawn, VLLM_PORT not an integer) or ignores (VLLM_USE_MODELSCOPE=1).',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    const table = vllmEnvs();
    for (const env of ctx.invocation.env ?? []) {
      if (env.unknown || env.value === undefined) continue;
      const value = env.value.trim();
      const at = env.valueSpan ?? env.nameSpan;
      const spec = table.get(env.name);
      if (spec?.type === 'choice' && spec.choices && !spec.choices.map(String).includes(value)) {
        const near = spec.choices.map(String).find((c) => c.toLowerCase() === value.toLowerCase());
        ctx.report({
          span: at,
          message: `${env.name}=${value} is not one of ${spec.choices.join(', ')}: vLLM validates the choice and stops at startup.`,
          fixes: near ? [{ title: `Use ${near}`, edits: [{ span: at, newText: near }] }] : undefined,
        });
        continue;
      }
      if (env.name === 'VLLM_PORT' && value !== '' && !/^\d+$/.test(value)) {
        ctx.report({
          span: at,
          message: /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
            ? `VLLM_PORT=${value} looks like a URI: vLLM raises "VLLM_PORT … appears to be a URI" at startup. VLLM_PORT is vLLM's internal communication port, not the API port (use --port).`
            : `VLLM_PORT=${value} is not an integer: vLLM raises a ValueError at startup. VLLM_PORT is vLLM's internal port, not the API port (use --port).`,
        });
        continue;
      }
      if (env.name === 'VLLM_USE_MODELSCOPE' && /^(1|yes|on)$/i.test(value)) {
        ctx.report({
          span: at,
          severity: 'warning',
          message: `VLLM_USE_MODELSCOPE=${value} does not turn ModelScope on: vLLM only accepts the string "true" (case-insensitive), so models still come from Hugging Face.`,
          fixes: [{ title: 'Use true', edits: [{ span: at, newText: 'true' }] }],
        });
      }
    }
  },
};
