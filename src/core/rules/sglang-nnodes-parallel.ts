import type { Rule } from './types';
import type { Word } from '../types';
import { valueSpan } from '../text';
import { lastValue } from '../args';
import { parseIntValue } from '../values';

/** check_server_args: (tp_size × pp_size) must be divisible by nnodes, so each node gets whole ranks. */
export const sglangNnodesParallel: Rule = {
  meta: {
    id: 'sglang-nnodes-parallel',
    severity: 'error',
    summary: 'SGLang --nnodes that does not divide --tp-size × --pp-size: SGLang refuses to start.',
    fixable: false,
    engines: ['sglang'],
  },
  check(ctx) {
    const nnodesWord = lastValue(ctx.parsed, '--nnodes');
    if (!nnodesWord || nnodesWord.unknown) return;
    const nnodes = parseIntValue(nnodesWord.text);
    if (nnodes === undefined || nnodes <= 1) return;
    // An unset size is 1, unless a --config file or a splat may set it.
    const size = (key: string): { value: number; word?: Word } | undefined => {
      const w = lastValue(ctx.parsed, key);
      if (!w) return ctx.parsed.incomplete ? undefined : { value: 1 };
      if (w.unknown) return undefined;
      const v = parseIntValue(w.text);
      return v === undefined ? undefined : { value: v, word: w };
    };
    const tp = size('--tensor-parallel-size');
    const pp = size('--pipeline-parallel-size');
    if (!tp || !pp || tp.value <= 0 || pp.value <= 0) return;
    const world = tp.value * pp.value;
    if (world % nnodes === 0) return;
    const related = [tp, pp]
      .filter((s) => s.word)
      .map((s) => ({ span: valueSpan(s.word as Word), message: 'parallel size set here' }));
    ctx.report({
      span: valueSpan(nnodesWord),
      message: `--nnodes ${nnodesWord.text} does not divide the ${world} GPU ranks of tensor parallel ${tp.value} × pipeline parallel ${pp.value}; SGLang's check_server_args requires (tp × pp) % nnodes == 0 and stops at startup.`,
      related,
    });
  },
};
