// Config files of SGLang (`--config`, kebab-case keys used verbatim) and TensorRT-LLM
// (`trtllm-serve --config` / `--extra_llm_api_options`: LLM-API arguments, snake_case and nested):
// extraction and recognition by name and content (engine-facts.md §7, §8).
import { isMap, isScalar, isSeq } from 'yaml';
import type { ExtractContext, ExtractResult, Invocation, Span, Word } from '../types';
import { mapEntries, nodeSpan, nodeToJS, parseYaml, scalarToWord, seqItems, syntheticWord, yamlSyntaxIssues } from './yamlWords';
import type { MapEntry, YamlContext } from './yamlWords';
import { extractVllmConfig, looksLikeVllmConfig } from './vllmConfig';

/** How deep nested LLM-API mappings are flattened into dotted keys. */
const MAX_DEPTH = 4;

function anchoredWord(text: string, span: Span): Word {
  return { text, span: { ...span }, offsets: new Array<number>(text.length + 1).fill(span.start) };
}

/** A `--a.b.c` flag word for a nested key; the span is the innermost key as written. */
function dottedFlagWord(path: string[], keyNode: unknown, text: string): Word {
  const span = nodeSpan(keyNode) ?? { start: 0, end: 0 };
  const name = `--${path.join('.')}`;
  if (isScalar(keyNode) && path.length === 1) {
    const k = scalarToWord(keyNode, text);
    const start = k.offsets[0] ?? k.span.start;
    return { text: `--${k.text}`, span: k.span, offsets: [start, start, ...k.offsets] };
  }
  return syntheticWord(name, span);
}

function valueWords(v: unknown, yctx: YamlContext, text: string, flag: Word): Word[] {
  if (isScalar(v)) {
    if (v.value === null) return [anchoredWord('None', nodeSpan(v) ?? { start: flag.span.end, end: flag.span.end })];
    return [scalarToWord(v, text)];
  }
  if (isSeq(v)) {
    return seqItems(v, yctx).map((item) =>
      isScalar(item) && item.value !== null ? scalarToWord(item, text) : anchoredWord(JSON.stringify(nodeToJS(item, yctx)) ?? 'null', nodeSpan(item) ?? flag.span),
    );
  }
  let json = '{}';
  try {
    json = JSON.stringify(nodeToJS(v, yctx)) ?? 'null';
  } catch {
    // keep {}
  }
  return [anchoredWord(json, nodeSpan(v) ?? flag.span)];
}

function flatten(entries: MapEntry[], path: string[], yctx: YamlContext, text: string, out: Word[], depth: number): void {
  for (const e of entries) {
    const keyPath = [...path, e.key];
    const v = e.value;
    if (isMap(v) && depth < MAX_DEPTH) {
      flatten(mapEntries(v, yctx), keyPath, yctx, text, out, depth + 1);
      continue;
    }
    const flag = dottedFlagWord(keyPath, e.keyNode, text);
    if (isScalar(v) && typeof v.value === 'boolean') {
      out.push({ ...flag, yamlBoolean: v.value });
      continue;
    }
    out.push(flag, ...valueWords(v, yctx, text, flag));
  }
}

/**
 * The settings of a trtllm-serve `--config` / `--extra_llm_api_options` YAML as ONE invocation of form
 * `config-file`: each leaf key is a flag word `--<dotted.path>` (span = the key as written).
 */
export function extractTrtllmConfig(text: string, _ctx?: ExtractContext): ExtractResult {
  const result: ExtractResult = { invocations: [], issues: [] };
  try {
    // PyYAML safe_load, like vLLM's: YAML 1.1 booleans.
    const parsed = parseYaml(text, { version: '1.1', keepChunk: () => true, reuse: true });
    result.issues.push(...yamlSyntaxIssues(parsed, text, 1));
    const d = parsed.docs.find((x) => isMap(x.doc.contents));
    if (!d) return result;
    const args: Word[] = [];
    flatten(mapEntries(d.doc.contents, d.ctx), [], d.ctx, text, args, 0);
    const span = nodeSpan(d.doc.contents) ?? { start: 0, end: text.length };
    const inv: Invocation = { engine: 'trtllm', form: 'config-file', fileKind: 'trtllm-config', command: 'trtllm-llm-api-yaml', args, span };
    result.invocations.push(inv);
  } catch {
    // total
  }
  return result;
}

export function extractSglangConfig(text: string, ctx?: ExtractContext): ExtractResult {
  // Same reading as vLLM's (YAML 1.1 booleans, lists expand, mappings become JSON), keys verbatim.
  return extractVllmConfig(text, ctx, 'sglang');
}

function lastParts(fileName: string): string[] {
  return fileName.replace(/\\/g, '/').split('/').filter(Boolean).slice(-2);
}

/** Top-level LLM-API keys that only a TensorRT-LLM config has (the `*_config` sections are mappings). */
const TRTLLM_SECTIONS = new Set(['kv_cache_config', 'cuda_graph_config', 'moe_config', 'scheduler_config', 'pytorch_backend_config', 'speculative_config', 'build_config']);
const TRTLLM_SCALARS = new Set(['enable_attention_dp', 'stream_interval', 'print_iter_log', 'enable_chunked_prefill', 'attn_backend', 'disable_overlap_scheduler', 'enable_iter_perf_stats', 'max_batch_size', 'max_num_tokens', 'max_seq_len', 'backend', 'tensor_parallel_size', 'moe_expert_parallel_size']);

/**
 * Is this a trtllm-serve `--config` / `--extra_llm_api_options` file? Its name or folder mentions
 * TensorRT-LLM (`trtllm`, `tensorrt`, `llm-api`, `llm_api`), it is one mapping, at least one of its
 * keys is an LLM-API section held as a mapping (`kv_cache_config: {…}`, `cuda_graph_config: {…}`), and
 * every top-level key is snake_case.
 */
export function looksLikeTrtllmConfig(text: string, fileName: string): boolean {
  try {
    if (!lastParts(fileName).some((p) => /trtllm|tensorrt|llm[-_]?api/i.test(p)) || text.length > 200_000) return false;
    const parsed = parseYaml(text, { version: '1.1', keepChunk: () => true, reuse: true });
    const docs = parsed.docs.filter((d) => d.doc.contents !== null && d.doc.contents !== undefined);
    if (docs.length !== 1) return false;
    const d = docs[0] as (typeof docs)[number];
    if (d.errors.length > 0 || !isMap(d.doc.contents)) return false;
    const entries = mapEntries(d.doc.contents, d.ctx);
    if (entries.length === 0 || !entries.every((e) => /^[a-z][a-z0-9_]*$/.test(e.key))) return false;
    const sections = entries.filter((e) => TRTLLM_SECTIONS.has(e.key) && isMap(e.value)).length;
    const known = entries.filter((e) => TRTLLM_SECTIONS.has(e.key) || TRTLLM_SCALARS.has(e.key)).length;
    return sections >= 1 && known * 2 >= entries.length;
  } catch {
    return false;
  }
}

/**
 * Is this an SGLang `--config` file? Its name or folder mentions sglang, and more than half its keys
 * are SGLang flags (kebab-case as SGLang needs them, or snake_case spellings of them, which are
 * reported). Client configs fail the same tests as for vLLM.
 */
export function looksLikeSglangConfig(text: string, fileName: string, isKnownFlag: (name: string) => boolean): boolean {
  if (!lastParts(fileName).some((p) => /sglang/i.test(p))) return false;
  // Reuse the vLLM heuristics (single mapping, no client keys, majority of known keys) with a name that passes its check.
  return looksLikeVllmConfig(text, 'vllm/config.yaml', (name) => isKnownFlag(name) || isKnownFlag(name.replace(/_/g, '-')));
}
