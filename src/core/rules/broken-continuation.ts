import type { Rule } from './types';
import type { SpanFix } from '../types';

/**
 * A `# comment` inside a `\`-continued command ends the command in bash, and so does a backslash
 * followed by a blank: the server starts without the flags on the lines below.
 */
export const brokenContinuation: Rule = {
  meta: {
    id: 'broken-continuation',
    severity: 'warning',
    summary: 'A comment or a blank after `\\` cuts a continued launch command short; later flags are not passed.',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const text = ctx.text;
    for (const broken of ctx.invocation.brokenContinuations ?? []) {
      const { start, end } = broken.span;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const nextLine = text.slice(text.indexOf('\n', end) + 1).split('\n', 1)[0] ?? '';
      const continues = /^\s*-/.test(nextLine);
      const fixes: SpanFix[] = [];
      if (broken.kind === 'space-after-backslash') {
        const followedByComment = /^[ \t]*#/.test(text.slice(end));
        if (!followedByComment) {
          fixes.push(
            continues
              ? { title: 'Remove the blank after the backslash', edits: [{ span: broken.span, newText: '\\' }] }
              : { title: 'Remove the stray backslash', edits: [{ span: broken.span, newText: '' }] },
          );
        }
        ctx.report({
          span: broken.span,
          // bash passes the escaped blank as a " " argument, so argparse fails either way.
          severity: 'error',
          message: continues
            ? `A blank follows this backslash, so it escapes the blank instead of the line break: the command ends here, ${ctx.flags.label} receives a stray " " argument ("unrecognized arguments") and the flags on the next lines are not passed.`
            : `A blank follows this backslash, so ${ctx.flags.label} receives a stray " " argument and stops with "unrecognized arguments".`,
          fixes,
        });
        continue;
      }
      if (broken.kind === 'missing-backslash') {
        ctx.report({
          span: broken.span,
          message: `This line has no backslash at its end, so the command ends here: ${ctx.flags.label} starts without the flags on the next lines, and the shell then tries to run "${nextLine.trim().split(/\s+/)[0] ?? ''}" as a command. Add " \\" at the end of the line.`,
          fixes: [{ title: 'Add the missing backslash', edits: [{ span: { start: end, end }, newText: ' \\' }], preferred: true }],
        });
        continue;
      }
      const ownLine = text.slice(lineStart, start).trim() === '';
      if (ownLine) {
        const nl = text.indexOf('\n', start);
        fixes.push({ title: 'Delete the comment line', edits: [{ span: { start: lineStart, end: nl < 0 ? text.length : nl + 1 }, newText: '' }] });
      } else {
        // `--flag value # note \`: keep the flag and the continuation, drop the note.
        const comment = text.slice(start, end);
        let from = start;
        while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
        fixes.push({ title: 'Remove the comment', edits: [{ span: { start: from, end }, newText: comment.trimEnd().endsWith('\\') ? ' \\' : '' }] });
      }
      ctx.report({
        span: broken.span,
        message:
          `This comment ends the continued command (bash reads the comment up to the line end, backslash included): ${ctx.flags.label} starts without the flags below it, and the shell then tries to run them as a command. Move the comment above the command.`,
        fixes,
      });
    }
  },
};
