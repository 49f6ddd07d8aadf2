import type { Rule, RuleContext } from './types';
import { closest, editDistance } from '../suggest';
import { atLeast } from '../version';
import { SGLANG_TABLE_BASELINE } from '../facts/flags';
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

/** vLLM (and other engines') names written for SGLang or TensorRT-LLM, with the name they use. */
const NAMES_FOR: Record<'sglang' | 'trtllm', Record<string, { flag: string; from: string }>> = {
  sglang: {
    '--gpu-memory-utilization': { flag: '--mem-fraction-static', from: 'vLLM' },
    '--max-model-len': { flag: '--context-length', from: 'vLLM' },
    '--max-num-seqs': { flag: '--max-running-requests', from: 'vLLM' },
    '--max-num-batched-tokens': { flag: '--chunked-prefill-size', from: 'vLLM' },
    '--gpu_memory_utilization': { flag: '--mem-fraction-static', from: 'vLLM' },
    '--max_model_len': { flag: '--context-length', from: 'vLLM' },
  },
  trtllm: {
    '--max_model_len': { flag: '--max_seq_len', from: 'vLLM' },
    '--max-model-len': { flag: '--max_seq_len', from: 'vLLM' },
    '--gpu_memory_utilization': { flag: '--kv_cache_free_gpu_memory_fraction', from: 'vLLM (a share of total memory; TensorRT-LLM\'s is a share of the memory left free after the weights)' },
    '--gpu-memory-utilization': { flag: '--kv_cache_free_gpu_memory_fraction', from: 'vLLM (a share of total memory; TensorRT-LLM\'s is a share of the memory left free after the weights)' },
    '--max_num_seqs': { flag: '--max_batch_size', from: 'vLLM' },
    '--max-num-seqs': { flag: '--max_batch_size', from: 'vLLM' },
  },
};

/** Spelling of a suggested flag in a config file of an engine that takes keys verbatim (SGLang). */
function spell(canonical: string, written: string, inConfig: boolean, engine: string): string {
  if (engine === 'vllm') return spellFlag(canonical, written, inConfig);
  return inConfig ? canonical.replace(/^--/, '') : canonical;
}

export const unknownFlag: Rule = {
  meta: {
    id: 'unknown-flag',
    severity: 'error',
    summary: 'A flag the engine does not know at the target version (argparse: "unrecognized arguments"; click: "No such option").',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    if (ctx.flags.engine !== 'vllm') {
      checkOtherEngine(ctx);
      return;
    }
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
          fixes: [{ title: `Write ${full}`, edits: [replaceSpan(flag.nameSpan, spellFlag(full, flag.written, inConfig))], preferred: true }],
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
          fixes: [
            {
              title: `Remove ${flag.display}`,
              edits: inConfig ? [deleteLines(ctx.text, flag.word.span.start, flag.word.span.end)] : removeWords(ctx.text, [flag.word]),
              preferred: true,
            },
          ],
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

/** SGLang and TensorRT-LLM: names as written, tables that may miss the newest or plugin flags. */
function checkOtherEngine(ctx: RuleContext): void {
  const version = ctx.version.version;
  const table = ctx.flags;
  const engine = table.engine as 'sglang' | 'trtllm';
  const label = table.label;
  const inConfig = ctx.invocation.form === 'config-file';
  const yamlKeys = table.options.nameStyle === 'yaml-keys';
  const click = table.options.nameStyle === 'click';
  const failure = click ? `${label} stops with "No such option"` : `${label} stops with "unrecognized arguments"`;
  // Below the table's snapshot an unknown SGLang flag may be one a later release removed.
  const older = engine === 'sglang' && !atLeast(version, SGLANG_TABLE_BASELINE);
  for (const flag of ctx.parsed.flags) {
    if (flag.word.unknown || flag.spec) continue;
    const where = ctx.version.explanation;
    if (flag.ambiguous) {
      ctx.report({
        span: flag.nameSpan,
        message: `${flag.display} is ambiguous: argparse matches it against ${flag.ambiguous.slice(0, 4).join(', ')}${flag.ambiguous.length > 4 ? ', …' : ''} and stops with "ambiguous option". Write the flag in full.`,
        fixes: flag.ambiguous.slice(0, 3).map((c) => ({ title: `Change to ${c}`, edits: [replaceSpan(flag.nameSpan, spell(c, flag.written, inConfig, engine))] })),
      });
      continue;
    }
    if (flag.variantOf) {
      if (engine === 'trtllm') continue; // trtllm-dashed-flag reports it, with the engine's reason
      const right = flag.variantOption ?? flag.variantOf.name;
      ctx.report({
        span: flag.nameSpan,
        message: `${flag.display}: SGLang takes option names exactly as defined (no "_" → "-" mapping as in vLLM)${inConfig ? ', and its --config keys become --<key> verbatim' : ''}; write ${spell(right, flag.written, inConfig, engine)}. As written, ${failure}.`,
        fixes: [{ title: `Change to ${spell(right, flag.written, inConfig, engine)}`, edits: [replaceSpan(flag.nameSpan, spell(right, flag.written, inConfig, engine))], preferred: true }],
      });
      continue;
    }
    const known = NAMES_FOR[engine][flag.written];
    const names = table.namesAt(version);
    const candidates = known ? [known.flag] : closest(flag.written, names);
    const near = candidates.filter((c) => editDistance(flag.written, c, 2) <= 2);
    const confident = !older && (known !== undefined || near.length > 0 || table.options.coverage === 'complete');
    if (yamlKeys && !confident) continue; // the LLM API has many more keys than ServeLint knows
    const hint = known
      ? ` ${flag.display} is the ${known.from} name; ${label} calls it ${known.flag}.`
      : candidates.length > 0
        ? ` Did you mean ${candidates.map((c) => spell(c, flag.written, inConfig, engine)).join(', ')}?`
        : '';
    const what = yamlKeys ? `Unknown ${label} key ${flag.display}` : `Unknown ${label} flag ${flag.display}`;
    const message = confident
      ? `${what} (target ${version.text}, ${where}): ${yamlKeys ? 'the LLM API rejects it' : failure}.${hint}`
      : `${flag.display} is not in ${table.options.describedAs}${older ? `, which describes releases after the target ${version.text} (${where})` : ''}. ${
          older ? 'It may be a flag that later releases removed' : 'It may be a newer flag'
        }; if \`--help\` of your ${label} does not list it, ${failure}.${hint}`;
    ctx.report({
      span: flag.nameSpan,
      severity: confident ? 'error' : 'warning',
      message,
      fixes: candidates.map((c, i) => ({
        title: `Change to ${spell(c, flag.written, inConfig, engine)}`,
        edits: [replaceSpan(flag.nameSpan, spell(c, flag.written, inConfig, engine))],
        ...(i === 0 && near.length === 1 ? { preferred: true } : {}),
      })),
    });
  }
}
