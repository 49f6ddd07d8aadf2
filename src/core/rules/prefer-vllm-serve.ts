import type { Rule } from './types';
import type { SpanEdit } from '../types';
import { removeWords } from '../fixes';

/** The api_server module still works (same parser) but the docs call it deprecated in favour of `vllm serve`. */
export const preferVllmServe: Rule = {
  meta: {
    id: 'prefer-vllm-serve',
    severity: 'info',
    summary: 'Prefer `vllm serve MODEL` over `python -m vllm.entrypoints.openai.api_server --model MODEL`.',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    if (inv.form !== 'api-server-module' || !inv.launcherSpan) return;
    const modelFlag = ctx.parsed.byKey.get('--model')?.at(-1);
    const model = modelFlag?.values[0];
    const edits: SpanEdit[] = [];
    if (modelFlag && model && !model.unknown && !modelFlag.inline) {
      const source = ctx.text.slice(model.span.start, model.span.end);
      edits.push({ span: inv.launcherSpan, newText: `vllm serve ${source}` });
      edits.push(...removeWords(ctx.text, [modelFlag.word, model]));
    } else if (modelFlag && model && modelFlag.inline && !model.unknown) {
      const source = ctx.text.slice(model.span.start, model.span.end);
      edits.push({ span: inv.launcherSpan, newText: `vllm serve ${source}` });
      edits.push(...removeWords(ctx.text, [modelFlag.word]));
    } else {
      edits.push({ span: inv.launcherSpan, newText: 'vllm serve' });
    }
    ctx.report({
      span: inv.launcherSpan,
      message:
        'python -m vllm.entrypoints.openai.api_server is the legacy entry point; `vllm serve MODEL` takes the same flags with the model as its first argument, and newer releases warn about --model.',
      fixes: [{ title: 'Use vllm serve', edits }],
    });
  },
};
