import type { Rule } from './types';
import { valueSpan } from '../text';
import { lastValue } from '../args';
import { replaceWordText } from '../fixes';

/** check_server_args: the served model name must not contain ':' (reserved for `base:adapter` LoRA names). */
export const sglangServedModelNameColon: Rule = {
  meta: {
    id: 'sglang-served-model-name-colon',
    severity: 'error',
    summary: "SGLang --served-model-name with ':': reserved for LoRA adapter names, SGLang refuses to start.",
    fixable: true,
    engines: ['sglang'],
  },
  check(ctx) {
    const word = lastValue(ctx.parsed, '--served-model-name');
    if (!word || word.unknown || !word.text.includes(':')) return;
    const fixed = word.text.replace(/:/g, '-');
    ctx.report({
      span: valueSpan(word),
      message: `--served-model-name "${word.text}" contains ':', which SGLang reserves for addressing a LoRA adapter as "model:adapter"; check_server_args stops the server at startup.`,
      fixes: [{ title: `Use "${fixed}"`, edits: [replaceWordText(word, fixed)], preferred: true }],
    });
  },
};
