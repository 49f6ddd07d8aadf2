import type { Rule } from './types';
import { valueSpan } from '../text';
import { replaceWordText } from '../fixes';
import { checkModelId } from '../facts/models';
import { isHubId, modelWord } from '../sizing/launch';

/** Family tables in facts/models.ts (complete released sizes, with sources). */
export const unknownModelId: Rule = {
  meta: {
    id: 'unknown-model-id',
    severity: 'warning',
    summary: 'A Hub model id in a known family\'s naming scheme that was never released (e.g. meta-llama/Llama-3.2-70B-Instruct).',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const model = modelWord(ctx.parsed, ctx.invocation.engine);
    if (!isHubId(model)) return;
    const bad = checkModelId(model.text);
    if (!bad) return;
    const sizes = bad.family.sizes.map((s) => `${s.size}${s.tag ?? ''}`).join(', ');
    const suggestion = bad.suggestions.length > 0 ? ` Did you mean ${bad.suggestions.join(' or ')}?` : '';
    ctx.report({
      span: valueSpan(model),
      message: `${model.text} does not exist: ${bad.family.name} was released in ${sizes} only, so the download fails (404 "Repository Not Found").${suggestion}`,
      fixes: bad.suggestions.map((id) => ({ title: `Use ${id}`, edits: [replaceWordText(model, id)] })),
    });
  },
};
