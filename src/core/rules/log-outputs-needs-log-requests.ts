import type { Rule } from './types';
import { booleanState } from '../args';

/** cli_args.py: --enable-log-outputs is only valid with --enable-log-requests. */
export const logOutputsNeedsLogRequests: Rule = {
  meta: {
    id: 'log-outputs-needs-log-requests',
    severity: 'error',
    summary: '--enable-log-outputs without --enable-log-requests: vLLM refuses to start.',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    if (ctx.parsed.incomplete) return;
    if (booleanState(ctx.parsed, '--enable-log-outputs') !== true) return;
    if (booleanState(ctx.parsed, '--enable-log-requests') === true) return;
    const flag = ctx.parsed.byKey.get('--enable-log-outputs')?.at(-1);
    if (!flag) return;
    const inConfig = ctx.invocation.form === 'config-file';
    // Insert the missing flag right after this one, in the same style.
    const insertAt = flag.word.span.end;
    const lineStart = ctx.text.lastIndexOf('\n', flag.word.span.start - 1) + 1;
    const indent = /^[ \t]*(- )?/.exec(ctx.text.slice(lineStart, flag.word.span.start))?.[0] ?? '';
    const onOwnLine = ctx.text.slice(lineStart, flag.word.span.start).trim() === '' || /^[ \t]*- $/.test(indent);
    let newText: string;
    if (inConfig) newText = `\n${indent}${flag.written.includes('_') ? 'enable_log_requests' : 'enable-log-requests'}: true`;
    else if (onOwnLine && indent.includes('- ')) newText = `\n${indent}--enable-log-requests`;
    else newText = ' --enable-log-requests';
    ctx.report({
      span: flag.nameSpan,
      message: '--enable-log-outputs only works together with --enable-log-requests (request logging is off by default); vLLM stops at startup.',
      fixes: [
        {
          title: 'Add --enable-log-requests',
          preferred: true,
          edits: [{ span: { start: inConfig ? lineEnd(ctx.text, insertAt) : insertAt, end: inConfig ? lineEnd(ctx.text, insertAt) : insertAt }, newText }],
        },
      ],
    });
  },
};

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}
