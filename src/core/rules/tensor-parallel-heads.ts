import type { Rule } from './types';
import { valueSpan } from '../text';
import { findModel } from '../facts/models';
import { isHubId, modelWord, parallelSize } from '../sizing/launch';

/** engine-facts §2: ModelConfig.verify_with_parallel_config — num_attention_heads % tp == 0, else ValueError. */
export const tensorParallelHeads: Rule = {
  meta: {
    id: 'tensor-parallel-heads',
    severity: 'error',
    summary: "--tensor-parallel-size does not divide the model's attention heads: vLLM refuses to start.",
    fixable: false,
    engines: ['vllm'],
  },
  check(ctx) {
    const model = modelWord(ctx.parsed, ctx.invocation.engine);
    if (!isHubId(model)) return;
    const found = findModel(model.text);
    const tp = parallelSize(ctx.parsed, ctx.invocation.engine, 'tp');
    if (!found || !tp?.word || !tp.flag || tp.value <= 1) return;
    const heads = found.spec.attentionHeads;
    if (heads % tp.value === 0) return;
    const divisors = [1, 2, 4, 8, 16, 32, 64].filter((d) => heads % d === 0 && d <= heads);
    ctx.report({
      span: valueSpan(tp.word),
      message: `${model.text} has ${heads} attention heads, which ${tp.flag.display} ${tp.value} does not divide: vLLM raises "Total number of attention heads (${heads}) must be divisible by tensor parallel size (${tp.value})". Use ${divisors.filter((d) => d > 1).join(', ') || '1'}${found.spec.source ? ` (heads from ${found.spec.source})` : ''}.`,
    });
  },
};
