import type { Rule } from './types';
import { valueSpan } from '../text';
import { removeWords } from '../fixes';

/** argparse rejects words that are neither a flag, a flag value nor the one positional model. */
export const unexpectedArgument: Rule = {
  meta: {
    id: 'unexpected-argument',
    severity: 'error',
    summary: 'A word that is neither a flag, a flag value nor the model: the engine stops with "unrecognized arguments".',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    if (inv.form === 'config-file') return;
    const strays = ctx.parsed.positionals.filter((w) => !w.unknown && !w.splat);
    // `vllm serve` (and the image entrypoint) and `trtllm-serve [serve|grpc]` take one positional model;
    // the api_server module, SGLang (--model-path), trtllm-build and `trtllm-serve disaggregated` none.
    const none = ['api-server-module', 'sglang-module', 'sglang-serve', 'trtllm-build'].includes(inv.form) || inv.command === 'trtllm-serve disaggregated';
    const allowed = none ? 0 : 1;
    const label = ctx.flags.label;
    const failure = ctx.flags.options.nameStyle === 'click' ? `${label} stops with "Got unexpected extra argument"` : `${label} stops with "unrecognized arguments"`;
    const extra = strays.slice(allowed);
    if (ctx.parsed.positionals.some((w) => w.unknown || w.splat)) return; // positions are uncertain
    for (const word of extra) {
      const model = ctx.parsed.model?.word;
      const why =
        inv.form === 'api-server-module'
          ? 'the api_server module takes no positional arguments (pass the model with --model)'
          : inv.engine === 'sglang'
            ? 'SGLang takes no positional arguments (pass the model with --model-path)'
            : inv.form === 'trtllm-build'
              ? 'trtllm-build takes no positional arguments (pass the checkpoint with --checkpoint_dir)'
              : none
                ? `${label} takes no positional arguments`
          : model && model !== word
            ? `the model is already given as "${model.text}"`
            : 'it is not a flag or a flag value';
      ctx.report({
        span: valueSpan(word),
        message: `Unexpected argument "${word.text}": ${why}, so ${failure}.`,
        fixes: [{ title: `Remove "${word.text}"`, edits: removeWords(ctx.text, [word]) }],
      });
    }
  },
};
