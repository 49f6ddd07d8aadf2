import type { Rule } from './types';
import { booleanState, isPresent } from '../args';

/** cli_args.py validate_parsed_serve_args raises TypeError before the model loads. */
export const toolChoiceNeedsParser: Rule = {
  meta: {
    id: 'tool-choice-needs-parser',
    severity: 'error',
    summary: '--enable-auto-tool-choice without --tool-call-parser: vLLM refuses to start.',
    fixable: false,
    engines: ['vllm'],
  },
  check(ctx) {
    if (ctx.parsed.incomplete) return;
    if (booleanState(ctx.parsed, '--enable-auto-tool-choice') !== true) return;
    if (isPresent(ctx.parsed, '--tool-call-parser')) return;
    const flag = ctx.parsed.byKey.get('--enable-auto-tool-choice')?.at(-1);
    if (!flag) return;
    ctx.report({
      span: flag.nameSpan,
      message:
        '--enable-auto-tool-choice needs --tool-call-parser (for example hermes, llama3_json, mistral, pythonic — the one that matches the model); without it vLLM stops before loading the model.',
    });
  },
};
