import type { Rule } from './types';

/**
 * A `# comment` line inside a `\`-continued command ends the command in bash, and so does a
 * backslash followed by a blank: the server starts without the flags on the lines below.
 */
export const brokenContinuation: Rule = {
  meta: {
    id: 'broken-continuation',
    severity: 'warning',
    summary: 'A comment or a blank after `\\` cuts a continued launch command short; later flags are not passed.',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    for (const broken of ctx.invocation.brokenContinuations ?? []) {
      if (broken.kind === 'space-after-backslash') {
        ctx.report({
          span: broken.span,
          message:
            'A blank follows this backslash, so it escapes the blank instead of the line break: the command ends here and the flags on the next lines are not passed to vLLM.',
          fixes: [{ title: 'Remove the blank after the backslash', edits: [{ span: broken.span, newText: '\\' }] }],
        });
      } else {
        ctx.report({
          span: broken.span,
          message:
            'This comment ends the continued command (bash reads the comment up to the line end, backslash included): vLLM starts without the flags below it, and the shell then tries to run them as a command. Move the comment above the command.',
          fixes: [{ title: 'Delete the comment line', edits: [deleteLine(ctx.text, broken.span.start)] }],
        });
      }
    }
  },
};

function deleteLine(text: string, offset: number) {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { span: { start, end: nl < 0 ? text.length : nl + 1 }, newText: '' };
}
