import type { Rule } from './types';
import { closest } from '../suggest';
import { deleteLines, removeWords, replaceSpan, spellFlag } from '../fixes';

/** Names other engines use for the same setting (engine-facts.md §7, §8). */
const OTHER_ENGINE_NAMES: Record<string, { flag: string; engine: string }> = {
  '--mem-fraction-static': { flag: '--gpu-memory-utilization', engine: 'SGLang' },
  '--context-length': { flag: '--max-model-len', engine: 'SGLang' },
  '--model-path': { flag: '--model', engine: 'SGLang' },
  '--tp-size': { flag: '--tensor-parallel-size', engine: 'SGLang/TensorRT-LLM' },
  '--tp': { flag: '--tensor-parallel-size', engine: 'SGLang' },
  '--pp-size': { flag: '--pipeline-parallel-size', engine: 'TensorRT-LLM' },
  '--dp-size': { flag: '--data-parallel-size', engine: 'SGLang' },
  '--max-running-requests': { flag: '--max-num-seqs', engine: 'SGLang' },
  '--max-batch-size': { flag: '--max-num-seqs', engine: 'TensorRT-LLM' },
  '--kv-cache-free-gpu-memory-fraction': { flag: '--gpu-memory-utilization', engine: 'TensorRT-LLM' },
};

export const unknownFlag: Rule = {
  meta: {
    id: 'unknown-flag',
    severity: 'error',
    summary: 'A flag vLLM does not know at the target version (argparse stops with "unrecognized arguments").',
    fixable: true,
    engines: ['vllm'],
  },
  check(ctx) {
    const version = ctx.version.version;
    const inConfig = ctx.invocation.form === 'config-file';
    for (const flag of ctx.parsed.flags) {
      if (flag.word.unknown) continue;
      const where = ctx.version.explanation;
      if (flag.spec) {
        if (flag.dottedKey !== undefined && flag.spec.type !== 'json') {
          ctx.report({
            span: flag.nameSpan,
            message: `${flag.display}: only JSON (config) flags take dotted keys; ${flag.spec.name} is of type ${flag.spec.type}.`,
          });
        }
        const status = ctx.flags.status(flag.spec, version);
        if (status.kind === 'not-yet') {
          ctx.report({
            span: flag.nameSpan,
            message: `${flag.display} was added in vLLM ${status.since.text}; the target is ${version.text} (${where}), which rejects it as an unrecognized argument.`,
          });
        }
        continue;
      }
      if (flag.abbreviationOf) {
        const full = flag.abbreviationOf.name;
        ctx.report({
          span: flag.nameSpan,
          severity: 'warning',
          message: `${flag.display} is an abbreviation of ${full}: argparse accepts unique prefixes, but a later flag with the same prefix makes it ambiguous. Write it in full.`,
          fixes: [{ title: `Write ${full}`, edits: [replaceSpan(flag.nameSpan, spellFlag(full, flag.written, inConfig))] }],
        });
        continue;
      }
      const normalized = flag.key;
      const positive = normalized.startsWith('--no-') ? ctx.flags.get(`--${normalized.slice(5)}`) : undefined;
      if (positive && positive.type === 'bool') {
        // A store_true flag has no --no- form: leaving it out is how it stays off.
        ctx.report({
          span: flag.nameSpan,
          message: `${flag.display}: ${positive.name} is a plain switch without a --no- form; leave it out to keep it off.`,
          fixes: [{ title: `Remove ${flag.display}`, edits: inConfig ? [deleteLines(ctx.text, flag.word.span.start, flag.word.span.end)] : removeWords(ctx.text, [flag.word]) }],
        });
        continue;
      }
      const known = OTHER_ENGINE_NAMES[normalized];
      const candidates = known ? [known.flag] : closest(normalized, ctx.flags.namesAt(version));
      const hint = known
        ? ` ${flag.display} is the ${known.engine} name; vLLM calls it ${known.flag}.`
        : candidates.length > 0
          ? ` Did you mean ${candidates.join(', ')}?`
          : '';
      ctx.report({
        span: flag.nameSpan,
        message: `Unknown vLLM flag ${flag.display} at version ${version.text} (${where}).${hint}`,
        fixes: candidates.map((c) => ({ title: `Change to ${c}`, edits: [replaceSpan(flag.nameSpan, spellFlag(c, flag.written, inConfig))] })),
      });
    }
  },
};
