// `vllm serve --config file.yaml`: each top-level key is a flag (snake_case or kebab-case).
// vLLM reads the file with yaml.safe_load (YAML 1.1: yes/no/on/off are booleans) and turns it into
// argv: `true` → `--key`, `false` → `--no-key` or dropped, lists → `--key v1 v2`, an empty list is
// dropped, mappings → one JSON string, other scalars → str(value).
import { isMap, isScalar, isSeq } from 'yaml';
import type { ExtractContext, ExtractResult, Invocation, Span, Word } from '../types';
import { flagWordFromKey, mapEntries, nodeSpan, nodeToJS, parseYaml, scalarToWord, seqItems, yamlSyntaxIssues } from './yamlWords';
import type { YamlContext } from './yamlWords';

/** Keys that only appear in client configs (OpenAI-style clients of a vLLM server), never in `vllm serve --config`. */
const CLIENT_KEYS = new Set([
  'base_url', 'base-url', 'baseurl', 'api_base', 'api-base', 'openai_api_base', 'openai_base_url', 'endpoint',
  'temperature', 'max_tokens', 'max-tokens', 'max_new_tokens', 'messages', 'top_p', 'top-p', 'presence_penalty',
  'frequency_penalty', 'stop_sequences', 'system_prompt',
]);

/** A word with every offset at `span.start` (a value made from a whole YAML node). */
function nodeAnchoredWord(text: string, span: Span): Word {
  return { text, span: { ...span }, offsets: new Array<number>(text.length + 1).fill(span.start) };
}

function jsonWord(node: unknown, yctx: YamlContext): Word {
  let json: string;
  try {
    json = JSON.stringify(nodeToJS(node, yctx)) ?? 'null';
  } catch {
    json = '{}';
  }
  return nodeAnchoredWord(json, nodeSpan(node) ?? { start: 0, end: 0 });
}

/**
 * The flags of a vLLM config file as ONE invocation (form `config-file`): for each top-level key a
 * flag word `--<key>` (span = the key; `--` maps to the key start) followed by its value words.
 * Booleans give only the flag word, with `yamlBoolean`; the linter turns false into `--no-x` or drops it.
 */
export function extractVllmConfig(text: string, _ctx?: ExtractContext, engine: 'vllm' | 'sglang' = 'vllm'): ExtractResult {
  const result: ExtractResult = { invocations: [], issues: [] };
  try {
    const parsed = parseYaml(text, { version: '1.1', keepChunk: () => true, reuse: true });
    result.issues.push(...yamlSyntaxIssues(parsed, text, 1));
    const d = parsed.docs.find((x) => isMap(x.doc.contents));
    if (!d) return result;
    const yctx = d.ctx;
    const root = d.doc.contents;
    const args: Word[] = [];
    for (const e of mapEntries(root, yctx)) {
      const flag = flagWordFromKey(e.keyNode, text);
      const v = e.value;
      if (isScalar(v)) {
        if (typeof v.value === 'boolean') {
          args.push({ ...flag, yamlBoolean: v.value });
          continue;
        }
        if (v.value === null) {
          // `key:` / `key: null` → str(None)
          const span = nodeSpan(v);
          args.push(flag, nodeAnchoredWord('None', span && span.end > span.start ? span : { start: flag.span.end, end: flag.span.end }));
          continue;
        }
        args.push(flag, scalarToWord(v, text));
        continue;
      }
      if (isSeq(v)) {
        const items = seqItems(v, yctx);
        if (items.length === 0) continue; // vLLM drops an empty list
        args.push(flag);
        for (const item of items) {
          if (isScalar(item)) args.push(item.value === null ? nodeAnchoredWord('None', nodeSpan(item) ?? flag.span) : scalarToWord(item, text));
          else args.push(jsonWord(item, yctx));
        }
        continue;
      }
      if (isMap(v)) {
        args.push(flag, jsonWord(v, yctx));
        continue;
      }
      // `key:` with nothing, or an unresolvable alias.
      args.push(flag, nodeAnchoredWord('None', { start: flag.span.end, end: flag.span.end }));
    }
    const span = nodeSpan(root) ?? { start: 0, end: text.length };
    // SGLang's --config file has the same shape (keys → `--<key>` verbatim, engine-facts.md §7).
    const inv: Invocation = { engine, form: 'config-file', fileKind: engine === 'sglang' ? 'sglang-config' : 'vllm-config', args, span };
    result.invocations.push(inv);
  } catch {
    // total
  }
  return result;
}

function mentionsVllm(fileName: string): boolean {
  const parts = fileName.replace(/\\/g, '/').split('/').filter(Boolean);
  return parts.slice(-2).some((p) => /vllm/i.test(p));
}

/**
 * Is this a `vllm serve --config` file? The file name (or its folder) mentions vllm, the text is a
 * single top-level mapping, more than half of its keys are known vLLM flags (as given, then with
 * `_` → `-`), and it has none of the keys of a client config (base_url, temperature, max_tokens, …).
 * `isKnownFlag` is asked with the bare name and with `--` in front.
 */
export function looksLikeVllmConfig(text: string, fileName: string, isKnownFlag: (name: string) => boolean): boolean {
  try {
    if (!mentionsVllm(fileName) || text.length > 200_000) return false;
    const parsed = parseYaml(text, { version: '1.1', keepChunk: () => true, reuse: true });
    const docs = parsed.docs.filter((d) => d.doc.contents !== null && d.doc.contents !== undefined);
    if (docs.length !== 1) return false;
    const d = docs[0] as (typeof docs)[number];
    if (d.errors.length > 0 || !isMap(d.doc.contents)) return false;
    const entries = mapEntries(d.doc.contents, d.ctx);
    if (entries.length === 0) return false;
    const known = (k: string) => {
      const kebab = k.replace(/_/g, '-');
      const ask = (n: string) => {
        try {
          return isKnownFlag(n) || isKnownFlag(`--${n}`);
        } catch {
          return false;
        }
      };
      return ask(k) || (kebab !== k && ask(kebab));
    };
    let knownCount = 0;
    for (const e of entries) {
      const isKnown = known(e.key);
      if (isKnown) knownCount++;
      if (CLIENT_KEYS.has(e.key.toLowerCase()) && !isKnown) return false;
      // Client settings nested under unknown keys (`server: {base_url: …}`, `generation: {temperature: …}`).
      if (!isKnown && isMap(e.value)) {
        for (const inner of mapEntries(e.value, d.ctx)) if (CLIENT_KEYS.has(inner.key.toLowerCase())) return false;
      }
    }
    return knownCount * 2 > entries.length;
  } catch {
    return false;
  }
}
