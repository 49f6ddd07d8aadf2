import type { Rule } from './types';
import { valueSpan } from '../text';
import { removeWords } from '../fixes';

/** argparse rejects words that are neither a flag, a flag value nor the one positional model. */
export const unexpectedArgument: Rule = {
  meta: {
    id: 'unexpected-argument',
    severity: 'error',
    summary: 'A word that is neither a flag, a flag value nor the model: vLLM stops with "unrecognized arguments".',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    if (inv.form === 'config-file') return;
    const strays = ctx.parsed.positionals.filter((w) => !w.unknown && !w.splat);
    // `vllm serve` (and the image entrypoint) take one positional model; the api_server module takes none.
    const allowed = inv.form === 'api-server-module' ? 0 : 1;
    const extra = strays.slice(allowed);
    if (ctx.parsed.positionals.some((w) => w.unknown || w.splat)) return; // positions are uncertain
    for (const word of extra) {
      const model = ctx.parsed.model?.word;
      const why =
        inv.form === 'api-server-module'
          ? 'the api_server module takes no positional arguments (pass the model with --model)'
          : model && model !== word
            ? `the model is already given as "${model.text}"`
            : 'it is not a flag or a flag value';
      ctx.report({
        span: valueSpan(word),
        message: `Unexpected argument "${word.text}": ${why}, so vLLM stops with "unrecognized arguments".`,
        fixes: [{ title: `Remove "${word.text}"`, edits: removeWords(ctx.text, [word]) }],
      });
    }
  },
};
