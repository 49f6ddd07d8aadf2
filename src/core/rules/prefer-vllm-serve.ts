import type { Rule } from './types';
import type { SpanEdit } from '../types';
import { removeWords } from '../fixes';
import { literalWord } from '../text';

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
    const source = ctx.text.slice(inv.launcherSpan.start, inv.launcherSpan.end);
    const edits: SpanEdit[] = [];
    const modelFlag = ctx.parsed.byKey.get('--model')?.at(-1);
    const model = modelFlag?.values[0];
    if (/^[^\s"',\[\]]+( +[^\s"',\[\]]+)*$/.test(source)) {
      // A plain command line: `python3 -m … --model M` becomes `vllm serve M`.
      if (modelFlag && model && !model.unknown) {
        edits.push({ span: inv.launcherSpan, newText: `vllm serve ${ctx.text.slice(model.span.start, model.span.end)}` });
        edits.push(...removeWords(ctx.text, modelFlag.inline ? [modelFlag.word] : [modelFlag.word, model]));
      } else {
        edits.push({ span: inv.launcherSpan, newText: 'vllm serve' });
      }
    } else {
      // Separate argv items (a YAML list, a JSON array): rewrite token by token, keep --model.
      const tokens: ReturnType<typeof literalWord>[] = [];
      const re = /[^\s"',\[\]]+/g;
      for (let m = re.exec(source); m; m = re.exec(source)) {
        if (m[0] !== '-') tokens.push(literalWord(m[0], inv.launcherSpan.start + m.index)); // '-' is a YAML list marker
      }
      const python = tokens[0];
      const module = tokens[tokens.length - 1];
      const dashM = tokens.filter((t) => t !== python && t !== module);
      if (python && module && python !== module) {
        edits.push({ span: python.span, newText: 'vllm' }, { span: module.span, newText: 'serve' });
        edits.push(...removeWords(ctx.text, dashM.map((t) => widenToQuotes(ctx.text, t))));
      }
    }
    ctx.report({
      span: inv.launcherSpan,
      message:
        'python -m vllm.entrypoints.openai.api_server is the legacy entry point; `vllm serve MODEL` takes the same flags with the model as its first argument, and newer releases warn about --model.',
      fixes: edits.length > 0 ? [{ title: 'Use vllm serve', edits, preferred: true }] : [],
    });
  },
};

function widenToQuotes<T extends { span: { start: number; end: number } }>(text: string, w: T): T {
  const before = text[w.span.start - 1];
  if ((before === '"' || before === "'") && text[w.span.end] === before) {
    return { ...w, span: { start: w.span.start - 1, end: w.span.end + 1 } };
  }
  return w;
}
