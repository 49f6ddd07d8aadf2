import type { Rule } from './types';
import { removeWords } from '../fixes';
import { literalWord } from '../text';
import type { Span, SpanEdit } from '../types';

/**
 * The vllm/vllm-openai image's ENTRYPOINT already runs the server, so a command that starts with
 * `serve` or `vllm serve` is passed on as arguments: "unrecognized arguments: serve".
 */
export const redundantServeCommand: Rule = {
  meta: {
    id: 'redundant-serve-command',
    severity: 'error',
    summary: 'A container command repeats the vllm/vllm-openai ENTRYPOINT (`serve …` / `vllm serve …`).',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    if (!inv.redundantLauncher) return;
    const written = ctx.text
      .slice(inv.redundantLauncher.start, inv.redundantLauncher.end)
      .replace(/["'\[\],]|^\s*-\s/gm, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const model = ctx.parsed.positionals[0];
    const where = inv.fileKind === 'kubernetes' ? 'args' : inv.fileKind === 'dockerfile' ? 'CMD' : 'command';
    ctx.report({
      span: inv.redundantLauncher,
      message: `The ${inv.image?.name ?? 'vllm/vllm-openai'} image's ENTRYPOINT already starts the server (\`vllm serve\`; the api_server module in images before mid-2025); "${written}" in ${where} is passed to it as arguments and the server stops with "unrecognized arguments". Start ${where} with ${model ? 'the model' : 'the flags'}.`,
      fixes: [{ title: `Remove "${written}"`, edits: removeLauncher(ctx.text, inv.redundantLauncher), preferred: true }],
    });
  },
};


function removeLauncher(text: string, span: Span): SpanEdit[] {
  // The launcher may be one string word or several list items; remove each token where it stands.
  const words = [];
  const re = /[^\s"',\[\]]+/g;
  const slice = text.slice(span.start, span.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) words.push(literalWord(m[0], span.start + m.index));
  // Quoted list items: take the quotes too.
  const widened = words.map((w) => {
    const before = text[w.span.start - 1];
    const after = text[w.span.end];
    if ((before === '"' || before === "'") && after === before) return { ...w, span: { start: w.span.start - 1, end: w.span.end + 1 } };
    return w;
  });
  return removeWords(text, widened);
}
