import type { Rule } from './types';
import { replaceSpan } from '../fixes';

/**
 * trtllm-serve is click-based and trtllm-build argparse-based; both define their options with
 * underscores (`--max_batch_size`) and neither maps `-` to `_` as vLLM does, so `--max-batch-size`
 * is "No such option" / "unrecognized arguments" (engine-facts.md §8). The few genuinely dashed
 * options (`trtllm-serve disaggregated --metrics-log-interval`) are the other way round.
 */
export const trtllmDashedFlag: Rule = {
  meta: {
    id: 'trtllm-dashed-flag',
    severity: 'error',
    summary: 'A TensorRT-LLM option spelled with dashes instead of underscores (`--max-batch-size` for `--max_batch_size`): the command rejects it.',
    fixable: true,
    engines: ['trtllm'],
  },
  check(ctx) {
    const click = ctx.flags.options.nameStyle === 'click';
    for (const flag of ctx.parsed.flags) {
      const right = flag.variantOption ?? flag.variantOf?.name;
      if (!right || flag.word.unknown) continue;
      const inConfig = ctx.invocation.form === 'config-file';
      const name = inConfig ? right.replace(/^--/, '') : right;
      const dashedWritten = flag.written.slice(2).includes('-');
      const failure = click ? `"No such option: ${flag.written}"` : '"unrecognized arguments"';
      ctx.report({
        span: flag.nameSpan,
        message: dashedWritten
          ? `${flag.display}: ${ctx.flags.label} spells this option with underscores, ${name}, and does not map dashes to underscores as vLLM does; it stops with ${failure}.`
          : `${flag.display}: this ${ctx.flags.label} option is spelled with dashes, ${name}; it stops with ${failure}.`,
        fixes: [{ title: `Change to ${name}`, edits: [replaceSpan(flag.nameSpan, name)], preferred: true }],
      });
    }
  },
};
