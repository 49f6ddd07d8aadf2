import type { Rule } from './types';
import { valueSpan } from '../text';
import { lastValue } from '../args';
import { parseIntValue } from '../values';

/** scheduler.py: max_num_batched_tokens must be ≥ max_num_seqs (ValueError). */
export const batchedTokensBelowSeqs: Rule = {
  meta: {
    id: 'batched-tokens-below-seqs',
    severity: 'error',
    summary: '--max-num-batched-tokens smaller than --max-num-seqs: vLLM refuses to start.',
    fixable: false,
    engines: ['vllm'],
  },
  check(ctx) {
    // A later `$EXTRA_ARGS` or a --config file may set either value.
    if (ctx.parsed.incomplete) return;
    const tokensWord = lastValue(ctx.parsed, '--max-num-batched-tokens');
    const seqsWord = lastValue(ctx.parsed, '--max-num-seqs');
    // Both must be given: when --max-num-seqs is unset vLLM caps its default at the token budget.
    if (!tokensWord || !seqsWord || tokensWord.unknown || seqsWord.unknown) return;
    const tokens = parseIntValue(tokensWord.text, true);
    const seqs = parseIntValue(seqsWord.text, false);
    if (tokens === undefined || seqs === undefined || tokens >= seqs) return;
    ctx.report({
      span: valueSpan(tokensWord),
      message: `--max-num-batched-tokens ${tokensWord.text} is smaller than --max-num-seqs ${seqsWord.text}: every scheduled sequence needs at least one token of the batch budget, so vLLM raises a ValueError at startup.`,
      related: [{ span: valueSpan(seqsWord), message: '--max-num-seqs is set here' }],
    });
  },
};
