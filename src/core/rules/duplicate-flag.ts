import type { Rule } from './types';
import type { ParsedFlag } from '../args';
import { removeWords, deleteLines } from '../fixes';

/** Options that collect every occurrence (trtllm-serve `--custom_module_dirs`: "Repeatable"). */
const REPEATABLE = new Set(['--custom_module_dirs']);

/** argparse keeps the last occurrence silently, so an earlier one is dead text, or a mistake. */
export const duplicateFlag: Rule = {
  meta: {
    id: 'duplicate-flag',
    severity: 'warning',
    summary: 'The same flag given twice: the last one wins silently.',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const seen = new Map<string, ParsedFlag>();
    for (const flag of ctx.parsed.flags) {
      if (flag.word.unknown) continue;
      // `--compilation-config.mode` and `.level` are different keys; `--x` and `--no-x` are the same setting.
      const id = flag.dottedKey !== undefined ? `${flag.key}.${flag.dottedKey}${flag.append ? '+' : ''}` : flag.key;
      if (flag.append) continue; // `--x.key+ a` appends by design
      if (flag.spec && REPEATABLE.has(flag.spec.name)) continue;
      const first = seen.get(id);
      seen.set(id, flag); // a third occurrence is compared with the second
      if (!first) continue;
      const describe = (f: ParsedFlag) => (f.values[0] ? `${f.display} ${f.values.map((v) => v.text).join(' ')}` : f.display);
      const inConfig = ctx.invocation.form === 'config-file';
      const firstWords = [first.word, ...first.values];
      const end = Math.max(...firstWords.map((w) => w.span.end));
      ctx.report({
        span: flag.nameSpan,
        message:
          flag.written === first.written
            ? `${flag.display} is given more than once; only the last one counts, so "${describe(first)}" is ignored.`
            : `${flag.display} sets the same option as "${describe(first)}" earlier; only the last one counts.`,
        related: [{ span: first.nameSpan, message: 'first given here' }],
        fixes: [
          {
            title: `Remove the earlier ${first.display}`,
            edits: inConfig ? [deleteLines(ctx.text, first.word.span.start, end)] : removeWords(ctx.text, firstWords),
            preferred: true,
          },
        ],
      });
    }
  },
};
