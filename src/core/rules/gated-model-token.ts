import type { Rule } from './types';
import { valueSpan } from '../text';
import { findModel } from '../facts/models';
import { deploymentOf, envValue, isHubId, modelWord } from '../sizing/launch';

const TOKEN_VARS = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_TOKEN_PATH'];

/** Gated per models.json; every meta-llama and google/gemma repository on the Hub asks to accept a licence. */
export function isGatedModel(id: string): boolean {
  const known = findModel(id);
  if (known && known.spec.gated !== null) return known.spec.gated;
  return /^meta-llama\//i.test(id) || /^google\/gemma-/i.test(id);
}

export const gatedModelToken: Rule = {
  meta: {
    id: 'gated-model-token',
    severity: 'warning',
    summary: 'A gated Hugging Face model (Llama, Gemma) served from a container that gets no HF_TOKEN (env, env file or secret).',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const dep = deploymentOf(inv);
    if (!dep.container || dep.incomplete || dep.envFiles.length > 0) return;
    const model = modelWord(ctx.parsed, inv.engine);
    if (!isHubId(model) || !isGatedModel(model.text)) return;
    if ((inv.env ?? []).some((e) => TOKEN_VARS.includes(e.name))) return;
    const offline = envValue(inv, 'HF_HUB_OFFLINE') ?? envValue(inv, 'TRANSFORMERS_OFFLINE');
    if (offline && (offline.unknown || /^(1|true|yes|on)$/i.test(offline.value ?? ''))) return;
    ctx.report({
      span: valueSpan(model),
      message: `${model.text} is a gated repository (you must accept its licence on the Hub), but the container gets no HF_TOKEN: the download fails with 401/GatedRepoError unless the cache volume already holds the weights. Pass HF_TOKEN (from an env file or a secret, not inline).`,
    });
  },
};
