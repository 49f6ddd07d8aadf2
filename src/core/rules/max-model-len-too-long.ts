import type { Rule } from './types';
import { valueSpan } from '../text';
import { isPresent } from '../args';
import { findModel } from '../facts/models';
import { envValue, intSetting, isHubId, modelWord } from '../sizing/launch';

/** engine-facts §2: max_model_len above the derived limit → ValueError unless VLLM_ALLOW_LONG_MAX_MODEL_LEN=1. */
export const maxModelLenTooLong: Rule = {
  meta: {
    id: 'max-model-len-too-long',
    severity: 'error',
    summary: "--max-model-len above the model's context (max_position_embeddings) without VLLM_ALLOW_LONG_MAX_MODEL_LEN=1: vLLM refuses to start.",
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const model = modelWord(ctx.parsed, inv.engine);
    if (!isHubId(model)) return;
    const found = findModel(model.text);
    if (!found) return;
    const len = intSetting(ctx.parsed, inv.engine, 'max-model-len', true);
    if (!len) return;
    const limit = found.spec.maxPositionEmbeddings;
    if (len.value <= limit) return;
    // Rope scaling given on the command line raises the derived limit; an unknown argv may give it.
    if (ctx.parsed.incomplete || isPresent(ctx.parsed, '--hf-overrides') || isPresent(ctx.parsed, '--rope-scaling')) return;
    const allow = envValue(inv, 'VLLM_ALLOW_LONG_MAX_MODEL_LEN');
    if (allow && (allow.unknown || /^(1|true)$/i.test((allow.value ?? '').trim()))) return;
    const advertised = found.spec.contextAdvertised && found.spec.contextAdvertised > limit ? ` The model card advertises ${found.spec.contextAdvertised} with YaRN rope scaling, which has to be configured (--hf-overrides with rope_scaling).` : '';
    ctx.report({
      span: valueSpan(len.word),
      message: `${len.flag.display} ${len.word.text} (${len.value} tokens) is more than ${model.text}'s max_position_embeddings of ${limit}: vLLM raises "User-specified max_model_len (${len.value}) is greater than the derived max_model_len (${limit})" unless VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 (which risks NaNs and CUDA errors).${advertised}`,
      fixes: [{ title: `Use ${limit}`, edits: [{ span: valueSpan(len.word), newText: String(limit) }] }],
    });
  },
};
