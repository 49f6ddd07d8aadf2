// YAML plumbing shared by the compose, Kubernetes, Helm and vLLM-config extractors:
// - total parsing (never throws, caps work on huge inputs),
// - Scalar → Word with an exact per-character source map for every scalar style,
// - alias / `<<:` merge-key resolution with a work budget (no alias bombs),
// - the interpolation layer (compose `${VAR:-d}`, Kubernetes `$(VAR)`), which keeps track of
//   unknown and defaulted character ranges so that a later shell-like split can honour them.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, isDocument } from 'yaml';
import type { Document, Scalar, YAMLMap, Pair, CST } from 'yaml';
import { coverSpans, sliceWord } from '../text';
import { findLaunch, imageEntrypointLaunch, isVllmImageName, toInvocation, LAUNCH_HINT } from '../launch';
import type { LaunchMatch } from '../launch';
import type { EnvVar, ExtractContext, ExtractIssue, ExtractResult, FileKind, ImageRef, Invocation, Span, Word } from '../types';
import { parseCst } from './yamlParser';
import { composeLight } from './yamlCompose';

// ---------------------------------------------------------------------------------------------
// Limits

/** Files longer than this are parsed document by document, and only documents that mention vLLM. */
const LARGE_TEXT = 500_000;
/** More document markers than this also switch to per-document parsing. */
const MANY_DOCUMENTS = 500;
/** A single document longer than this is never parsed. */
const MAX_DOCUMENT_CHARS = 1_000_000;
/** At most this many documents are parsed in per-document mode. */
const MAX_CHUNKS = 300;
/** Node visits (aliases included) allowed per document. */
const NODE_BUDGET = 200_000;
/** Alias and merge nesting depth. */
const MAX_ALIAS_DEPTH = 16;
/** Recursion depth of walkers. */
export const MAX_WALK_DEPTH = 64;
/**
 * Collections nested deeper than this in one document: the document is not composed. yaml's composer
 * recurses per level, and a stack overflow deep inside it would make the result depend on how much
 * stack the caller had left (same input, different findings).
 */
export const MAX_NESTING = 200;

// ---------------------------------------------------------------------------------------------
// Parsing

export interface YamlError {
  /** Document offsets [start, end) of the error as reported by the parser. */
  pos: [number, number];
  message: string;
  code: string;
}

/** Per-document state: anchors and the remaining work budget. */
export interface YamlContext {
  text: string;
  /** Anchors by name, collected on the first alias followed (most documents have none). */
  anchors: Map<string, Array<{ start: number; node: unknown }>>;
  /** The document root, for collecting the anchors; null once they are collected. */
  anchorRoot?: unknown;
  budget: { left: number };
  /** mapEntries results per mapping node. */
  entries: WeakMap<object, MapEntry[]>;
}

export interface YamlDoc {
  doc: Document.Parsed;
  errors: YamlError[];
  ctx: YamlContext;
}

export interface ParsedYaml {
  docs: YamlDoc[];
  /** Some of the text was not parsed (too large, too many documents, or the parser failed). */
  truncated: boolean;
}

export interface ParseYamlOptions {
  /** YAML version of the schema: '1.1' resolves yes/no/on/off like PyYAML. Default '1.2'. */
  version?: '1.1' | '1.2';
  /** In per-document mode, only documents for which this is true are parsed. Default: mentions vllm. */
  keepChunk?: (chunk: string) => boolean;
  /**
   * Keep the CST for (and take it from) another parse of the same text in the same lint: a YAML file
   * is sniffed as an engine config (YAML 1.1), then read as Helm values (1.2). Off for compose and
   * Kubernetes files, parsed once: their CST then becomes garbage as soon as the nodes are built.
   */
  reuse?: boolean;
}

function parseOptions(version: '1.1' | '1.2') {
  return {
    keepSourceTokens: true,
    merge: false, // `<<` is resolved by mapEntries, with alias budgets
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
    version,
    intAsBigInt: false,
  } as const;
}

/** Splits a YAML stream at document markers (`---` / `...` at column 0). */
function documentChunks(text: string): Array<{ start: number; end: number }> {
  const chunks: Array<{ start: number; end: number }> = [];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(text)) !== null) {
    if (m.index > start) chunks.push({ start, end: m.index });
    start = m.index;
    if (m[0] === '...') {
      // `...` ends a document; what follows on the line belongs to nothing.
      const nl = text.indexOf('\n', m.index);
      start = nl < 0 ? text.length : nl + 1;
      chunks.push({ start: m.index, end: start });
    }
    if (marker.lastIndex === m.index) marker.lastIndex++;
  }
  if (start < text.length) chunks.push({ start, end: text.length });
  return chunks;
}

function countMarkers(text: string, limit: number): number {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let n = 0;
  while (marker.exec(text) !== null) {
    if (++n > limit) break;
  }
  return n;
}

/** Adds `delta` to every offset of a parsed document (nodes, source tokens, errors). */
function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  const seen = new Set<unknown>();
  const shiftRange = (n: { range?: [number, number, number] | null }) => {
    if (n.range) n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
  };
  const stack: unknown[] = [doc.contents];
  let guard = 0;
  while (stack.length > 0 && guard++ < 5_000_000) {
    const n = stack.pop();
    if (!n || typeof n !== 'object' || seen.has(n)) continue;
    seen.add(n);
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (isScalar(n) || isAlias(n) || isMap(n) || isSeq(n)) {
      shiftRange(n as { range?: [number, number, number] | null });
      const tok = (n as { srcToken?: { offset: number } }).srcToken;
      if (tok && typeof tok.offset === 'number' && !seen.has(tok)) {
        seen.add(tok);
        tok.offset += delta;
      }
    }
    if (isMap(n) || isSeq(n)) for (const item of n.items) stack.push(item);
  }
  shiftRange(doc as unknown as { range?: [number, number, number] | null });
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
}

function toYamlDoc(doc: Document.Parsed, text: string): YamlDoc {
  const errors: YamlError[] = doc.errors.map((e) => ({
    pos: [e.pos[0], e.pos[1]],
    message: String(e.message ?? 'YAML syntax error'),
    code: String(e.code ?? ''),
  }));
  const ctx: YamlContext = { text, anchors: new Map(), anchorRoot: doc.contents, budget: { left: NODE_BUDGET }, entries: new WeakMap() };
  return { doc, errors, ctx };
}

/**
 * Does a CST token nest collections deeper than `limit`? Recursive, but never deeper than `limit`
 * levels (it stops there), so any input is safe to measure.
 */
function nestsDeeperThan(token: CST.Token, limit: number): boolean {
  const deeper = (t: { type?: string; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> } | null | undefined, depth: number): boolean => {
    if (!t || typeof t !== 'object') return false;
    if (t.type === 'document') return deeper(t.value as typeof t, depth);
    if (t.type !== 'block-map' && t.type !== 'block-seq' && t.type !== 'flow-collection') return false;
    if (depth + 1 > limit) return true;
    for (const it of t.items ?? []) {
      if (it.key && deeper(it.key as typeof t, depth + 1)) return true;
      if (it.value && deeper(it.value as typeof t, depth + 1)) return true;
    }
    return false;
  };
  return deeper(token as Parameters<typeof deeper>[0], 0);
}

/**
 * The CST of the last whole text parsed (up to CST_MEMO_CHARS): a YAML file is often composed more than
 * once (as an engine config with YAML 1.1, then as Helm values with 1.2; a Markdown block twice). The
 * Composer never changes tokens; shiftDocument does, so per-document chunks bypass the memo.
 */
const CST_MEMO_CHARS = 256 * 1024;
let cstMemo: { text: string; tokens: CST.Token[] } | undefined;

/** Drops the memo (analyze() calls this when it is done with a document, so no CST outlives it). */
export function forgetYamlCst(): void {
  cstMemo = undefined;
}

function cstOf(text: string, memo: boolean): CST.Token[] {
  if (memo && cstMemo && cstMemo.text === text) return cstMemo.tokens;
  const tokens = parseCst(text).filter((t) => t.type !== 'document' || !nestsDeeperThan(t, MAX_NESTING));
  if (memo) cstMemo = text.length <= CST_MEMO_CHARS ? { text, tokens } : undefined;
  return tokens;
}

function safeParseAll(text: string, version: '1.1' | '1.2', memo: boolean): Document.Parsed[] | null {
  try {
    const tokens = cstOf(text, memo);
    const options = parseOptions(version);
    // The light composer (yamlCompose.ts) for common YAML; yaml's own for the rest.
    const docs = composeLight(tokens, options) ?? Array.from(new Composer(options).compose(tokens));
    return docs.filter((d): d is Document.Parsed => isDocument(d));
  } catch {
    return null;
  }
}

/** Parses a YAML stream. Total: never throws, caps the work on huge or pathological inputs. */
export function parseYaml(text: string, options: ParseYamlOptions = {}): ParsedYaml {
  const version = options.version ?? '1.2';
  if (typeof text !== 'string' || text.length === 0) return { docs: [], truncated: false };
  const large = text.length > LARGE_TEXT || countMarkers(text, MANY_DOCUMENTS) > MANY_DOCUMENTS;
  if (!large) {
    const docs = safeParseAll(text, version, options.reuse === true);
    if (docs === null) return { docs: [], truncated: true };
    return { docs: docs.map((d) => toYamlDoc(d, text)), truncated: false };
  }
  const keep = options.keepChunk ?? ((chunk: string) => LAUNCH_HINT.test(chunk));
  const out: YamlDoc[] = [];
  let parsed = 0;
  for (const { start, end } of documentChunks(text)) {
    if (parsed >= MAX_CHUNKS) break;
    if (end - start > MAX_DOCUMENT_CHARS) continue;
    const chunk = text.slice(start, end);
    if (!keep(chunk)) continue;
    parsed++;
    const docs = safeParseAll(chunk, version, false);
    if (!docs) continue;
    for (const d of docs) {
      shiftDocument(d, start);
      out.push(toYamlDoc(d, text));
    }
  }
  return { docs: out, truncated: true };
}

/**
 * One `yaml-syntax` issue per document with errors (its first error), at most `max` in all. The span
 * is at the error and a few characters wide, never the whole document.
 */
export function yamlSyntaxIssues(parsed: ParsedYaml, text: string, max = 5): ExtractIssue[] {
  const issues: ExtractIssue[] = [];
  for (const d of parsed.docs) {
    if (issues.length >= max) break;
    const e = d.errors[0];
    if (!e) continue;
    issues.push({ ruleId: 'yaml-syntax', span: errorSpan(e.pos, text), message: `YAML syntax error: ${firstLine(e.message)}` });
  }
  return issues;
}

function firstLine(message: string): string {
  const line = message.split(/\r?\n/)[0] ?? message;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function errorSpan(pos: [number, number], text: string): Span {
  const len = text.length;
  if (len === 0) return { start: 0, end: 0 };
  let start = Math.max(0, Math.min(Number.isFinite(pos[0]) ? pos[0] : 0, len));
  if (start >= len) start = len - 1;
  let end = Number.isFinite(pos[1]) ? pos[1] : start + 1;
  end = Math.min(end, start + 16, len);
  // Do not run into the next line.
  const nl = text.slice(start, end).search(/[\r\n]/);
  if (nl > 0) end = start + nl;
  if (end <= start) end = Math.min(start + 1, len);
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Node access: aliases, merge keys, budgets

function spend(ctx: YamlContext, n = 1): boolean {
  ctx.budget.left -= n;
  return ctx.budget.left >= 0;
}

function collectAnchors(root: unknown, ctx: YamlContext): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  let visits = 0;
  while (stack.length > 0 && visits++ < NODE_BUDGET) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!node || typeof node !== 'object' || depth > 400) continue;
    if (isPair(node)) {
      stack.push({ node: node.key, depth: depth + 1 }, { node: node.value, depth: depth + 1 });
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    const range = (node as { range?: [number, number, number] | null }).range;
    if (anchor && range && !isAlias(node)) {
      const list = ctx.anchors.get(anchor) ?? [];
      list.push({ start: range[0], node });
      ctx.anchors.set(anchor, list);
    }
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
  }
}

/** Follows an alias to the node it names (the last anchor of that name before it). Null when unknown or out of budget. */
export function resolveNode(node: unknown, ctx: YamlContext): unknown {
  let current = node;
  for (let hops = 0; hops < MAX_ALIAS_DEPTH; hops++) {
    if (!isAlias(current)) return current;
    if (!spend(ctx)) return null;
    if (ctx.anchorRoot !== null) {
      collectAnchors(ctx.anchorRoot, ctx);
      ctx.anchorRoot = null;
    }
    const list = ctx.anchors.get(current.source);
    if (!list || list.length === 0) return null;
    const at = current.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let target: unknown = null;
    for (const a of list) if (a.start < at) target = a.node;
    current = target ?? (list[list.length - 1] as { node: unknown }).node;
  }
  return null;
}

export interface MapEntry {
  /** The key as a string (scalar keys only). */
  key: string;
  keyNode: Scalar;
  /** The value with aliases followed (null for a missing/empty value or an unknown alias). */
  value: unknown;
  pair: Pair;
  /** The entry comes from a `<<:` merge. */
  merged: boolean;
}

export function scalarString(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  if (v === null || v === undefined) return typeof node.source === 'string' ? node.source : '';
  if (typeof v === 'string') return v;
  if (typeof node.source === 'string' && node.source !== '') return node.source;
  return String(v);
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === 'PLAIN' || key.type === undefined);
}

/**
 * The entries of a mapping, with `<<:` merge keys resolved: a mapping, an alias, or a sequence of
 * either. Explicit keys win over merged ones; among merged mappings the earlier one wins. For
 * duplicate explicit keys the last one wins.
 */
export function mapEntries(node: unknown, ctx: YamlContext, depth = 0): MapEntry[] {
  const map = resolveNode(node, ctx);
  if (!isMap(map) || depth > MAX_ALIAS_DEPTH) return [];
  const cached = ctx.entries.get(map);
  if (cached) return cached;
  if (!spend(ctx, 1 + map.items.length)) return [];
  const result = computeEntries(map, ctx, depth);
  ctx.entries.set(map, result);
  return result;
}

function computeEntries(map: YAMLMap, ctx: YamlContext, depth: number): MapEntry[] {
  let explicit: Array<MapEntry | null> = [];
  /** Index in `explicit` of each key's entry (a repeated key moves to its last position). */
  const position = new Map<string, number>();
  let repeated = false;
  const merges: unknown[] = [];
  for (const pair of map.items as Pair[]) {
    if (!isPair(pair)) continue;
    if (isMergeKey(pair.key)) {
      const v = resolveNode(pair.value, ctx);
      if (isSeq(v)) for (const item of v.items) merges.push(item);
      else if (v) merges.push(v);
      continue;
    }
    if (!isScalar(pair.key)) continue;
    const key = scalarString(pair.key);
    if (key === null) continue;
    const entry: MapEntry = { key, keyNode: pair.key, value: resolveNode(pair.value, ctx), pair, merged: false };
    const existing = position.get(key);
    if (existing !== undefined) {
      explicit[existing] = null;
      repeated = true;
    }
    position.set(key, explicit.length);
    explicit.push(entry);
  }
  const entries = repeated ? explicit.filter((e): e is MapEntry => e !== null) : (explicit as MapEntry[]);
  explicit = [];
  if (merges.length === 0) return entries;
  const seen = new Set(entries.map((e) => e.key));
  const out = [...entries];
  for (const m of merges) {
    for (const e of mapEntries(m, ctx, depth + 1)) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      out.push({ ...e, merged: true });
    }
  }
  return out;
}

/** The entry for `key` in a mapping (merge keys resolved), or null. */
export function mapGetEntry(node: unknown, key: string, ctx: YamlContext): MapEntry | null {
  return mapEntries(node, ctx).find((e) => e.key === key) ?? null;
}

/** The value of `key` in a mapping (aliases followed), or null. */
export function mapGet(node: unknown, key: string, ctx: YamlContext): unknown {
  return mapGetEntry(node, key, ctx)?.value ?? null;
}

/** The items of a sequence with aliases followed. */
export function seqItems(node: unknown, ctx: YamlContext): unknown[] {
  const seq = resolveNode(node, ctx);
  if (!isSeq(seq)) return [];
  if (!spend(ctx, 1 + seq.items.length)) return [];
  return seq.items.map((item) => resolveNode(item, ctx));
}

/** Document range [start, end) of a node (without trailing comments). */
export function nodeSpan(node: unknown): Span | null {
  const r = (node as { range?: [number, number, number] | null } | null)?.range;
  if (!r) return null;
  return { start: r[0], end: Math.max(r[0], r[1]) };
}

/** Plain JS value of a node, aliases and merges resolved, bounded by the budget (for JSON args). */
export function nodeToJS(node: unknown, ctx: YamlContext, depth = 0): unknown {
  const n = resolveNode(node, ctx);
  if (depth > MAX_WALK_DEPTH || !spend(ctx)) return null;
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(n.source ?? v);
    if (v instanceof Date) return v.toISOString();
    if (v === undefined) return null;
    if (v !== null && typeof v === 'object') return String(n.source ?? '');
    return v;
  }
  if (isSeq(n)) return n.items.map((i) => nodeToJS(i, ctx, depth + 1));
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const e of mapEntries(n, ctx)) out[e.key] = nodeToJS(e.value, ctx, depth + 1);
    return out;
  }
  return null;
}

/**
 * Visits every mapping reachable from `root` (aliases followed, bounded by the budget and depth).
 * `visit` receives the map and the key under which it was found ('' for sequence items / root);
 * returning false stops the descent into that map.
 */
export function walkMaps(
  root: unknown,
  ctx: YamlContext,
  visit: (map: YAMLMap, parentKey: string, depth: number) => boolean | void,
): void {
  const seen = new Set<unknown>();
  const stack: Array<{ node: unknown; key: string; depth: number }> = [{ node: root, key: '', depth: 0 }];
  while (stack.length > 0) {
    if (ctx.budget.left <= 0) return;
    const { node, key, depth } = stack.pop() as { node: unknown; key: string; depth: number };
    const n = resolveNode(node, ctx);
    if (!n || depth > MAX_WALK_DEPTH || seen.has(n)) continue;
    seen.add(n);
    if (isMap(n)) {
      if (visit(n, key, depth) === false) continue;
      const entries = mapEntries(n, ctx);
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i] as MapEntry;
        stack.push({ node: e.value, key: e.key, depth: depth + 1 });
      }
    } else if (isSeq(n)) {
      spend(ctx, n.items.length);
      for (let i = n.items.length - 1; i >= 0; i--) stack.push({ node: n.items[i], key, depth: depth + 1 });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Scalar → Word

interface Decoded {
  text: string;
  /** Offset of each character (length = text.length). */
  offs: number[];
  /** Document offset just past the last content character written in the source. */
  contentEnd: number;
}

class Builder {
  chars: string[] = [];
  offs: number[] = [];
  push(s: string, offset: number): void {
    for (let k = 0; k < s.length; k++) {
      this.chars.push(s[k] as string);
      this.offs.push(offset);
    }
  }
  /** Pushes source[from, to) of a string that starts at document offset `base`. */
  pushSource(source: string, from: number, to: number, base: number): void {
    for (let k = from; k < to; k++) {
      this.chars.push(source[k] as string);
      this.offs.push(base + k);
    }
  }
  get length(): number {
    return this.chars.length;
  }
  text(): string {
    return this.chars.join('');
  }
}

interface SourceLine {
  /** Index in the source of the first character of the line. */
  start: number;
  /** Index just past the line's content (before \r?\n). */
  end: number;
  /** Index of the line break that ends this line (source.length for the last line). */
  brk: number;
}

function splitSourceLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (;;) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, end: source.length, brk: source.length });
      return lines;
    }
    const end = nl > start && source[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ start, end, brk: end });
    start = nl + 1;
  }
}

/** Flow folding of plain and single-quoted scalars (yaml's unfoldLines, with offsets). */
function unfoldLines(source: string, base: number, out: Builder): number {
  const lines = splitSourceLines(source);
  let contentEnd = base;
  const isWs = (c: string | undefined) => c === ' ' || c === '\t';
  if (lines.length === 1) {
    out.pushSource(source, 0, source.length, base);
    return base + source.length;
  }
  // First line: trailing white space trimmed.
  const first = lines[0] as SourceLine;
  let e = first.end;
  while (e > first.start && isWs(source[e - 1])) e--;
  out.pushSource(source, first.start, e, base);
  contentEnd = base + e;
  let sep = ' ';
  let sepAt = base + first.brk;
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li] as SourceLine;
    const last = li === lines.length - 1;
    let s = line.start;
    while (s < line.end && isWs(source[s])) s++;
    let t = line.end;
    if (!last) while (t > s && isWs(source[t - 1])) t--;
    if (last) {
      out.push(sep, sepAt);
      out.pushSource(source, s, line.end, base);
      if (line.end > s) contentEnd = base + line.end;
      break;
    }
    if (t === s) {
      if (sep === '\n') out.push('\n', sepAt);
      else sep = '\n';
      sepAt = base + line.brk;
      continue;
    }
    out.push(sep, sepAt);
    out.pushSource(source, s, t, base);
    contentEnd = base + t;
    sep = ' ';
    sepAt = base + line.brk;
  }
  return contentEnd;
}

function decodePlain(source: string, base: number): Decoded {
  if (!source.includes('\n') && !source.includes('\r')) {
    // One line (nearly every plain scalar): the text as written, character by character.
    const offs = new Array<number>(source.length);
    for (let k = 0; k < source.length; k++) offs[k] = base + k;
    return { text: source, offs, contentEnd: base + source.length };
  }
  const b = new Builder();
  const contentEnd = unfoldLines(source, base, b);
  return { text: b.text(), offs: b.offs, contentEnd };
}

function decodeSingleQuoted(source: string, base: number): Decoded {
  const inner = source.length >= 2 && source.endsWith("'") ? source.slice(1, -1) : source.slice(1);
  const b = new Builder();
  unfoldLines(inner, base + 1, b);
  // '' → '
  const out = new Builder();
  for (let k = 0; k < b.length; k++) {
    const c = b.chars[k] as string;
    out.push(c, b.offs[k] as number);
    if (c === "'" && b.chars[k + 1] === "'") k++;
  }
  return { text: out.text(), offs: out.offs, contentEnd: base + source.length };
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

function decodeDoubleQuoted(source: string, base: number): Decoded {
  const b = new Builder();
  const end = source.length >= 2 && source.endsWith('"') ? source.length - 1 : source.length;
  for (let i = 1; i < end; ++i) {
    const ch = source[i] as string;
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      // Fold: a single newline becomes a space, n newlines become n-1 newlines.
      let fold = '';
      let j = i;
      let next = source[j + 1];
      while (next === ' ' || next === '\t' || next === '\n' || next === '\r') {
        if (next === '\r' && source[j + 2] !== '\n') break;
        if (next === '\n') fold += '\n';
        j += 1;
        next = source[j + 1];
      }
      b.push(fold || ' ', base + (source[i - 1] === '\r' ? i - 1 : i));
      i = j;
    } else if (ch === '\\') {
      const at = base + i;
      let next = source[++i];
      const cc = next !== undefined ? ESCAPES[next] : undefined;
      if (cc !== undefined) b.push(cc, at);
      else if (next === '\n') {
        next = source[i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === '\r' && source[i + 1] === '\n') {
        next = source[++i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        const code = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        let s: string;
        try {
          s = String.fromCodePoint(code);
        } catch {
          s = source.substr(i - 1, length + 2);
        }
        b.push(s, at);
        i += length;
      } else {
        b.push(source.substr(i - 1, 2), at);
      }
    } else if (ch === ' ' || ch === '\t') {
      // White space before a line break is dropped.
      const wsStart = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n')) b.pushSource(source, wsStart, i + 1, base);
    } else {
      b.push(ch, base + i);
    }
  }
  return { text: b.text(), offs: b.offs, contentEnd: base + source.length };
}

interface BlockHeader {
  mode: '|' | '>';
  indent: number;
  chomp: '' | '-' | '+';
  length: number;
}

function blockHeader(token: CST.BlockScalar): BlockHeader | null {
  const head = token.props[0];
  if (!head || head.type !== 'block-scalar-header') return null;
  const source = head.source;
  const mode = source[0] === '>' ? '>' : '|';
  let indent = 0;
  let chomp: '' | '-' | '+' = '';
  for (let i = 1; i < source.length; ++i) {
    const ch = source[i];
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
    else {
      const n = Number(ch);
      if (!indent && n) indent = n;
    }
  }
  let length = source.length;
  for (let i = 1; i < token.props.length; ++i) {
    const t = token.props[i] as { source?: unknown };
    if (typeof t.source === 'string') length += t.source.length;
  }
  return { mode, indent, chomp, length };
}

/** Literal and folded block scalars (yaml's resolveBlockScalar, with offsets). */
function decodeBlock(token: CST.BlockScalar): Decoded | null {
  const header = blockHeader(token);
  if (!header) return null;
  const base = token.offset + header.length;
  const source = token.source ?? '';
  const raw = splitSourceLines(source);
  // [indent, content] as yaml sees them: indent = leading spaces; content keeps a trailing \r.
  const lines = raw.map((l) => {
    let s = l.start;
    while (source[s] === ' ') s++;
    const contentEnd = l.brk < source.length && source[l.brk] === '\r' ? l.brk + 1 : l.brk;
    return { start: l.start, indentEnd: s, end: Math.max(s, l.end), contentEndRaw: Math.max(s, contentEnd), brk: l.brk };
  });
  const indentLen = (i: number) => (lines[i] as (typeof lines)[number]).indentEnd - (lines[i] as (typeof lines)[number]).start;
  const contentOf = (i: number) => {
    const l = lines[i] as (typeof lines)[number];
    return source.slice(l.indentEnd, l.contentEndRaw);
  };
  const b = new Builder();
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const c = contentOf(i);
    if (c === '' || c === '\r') chompStart = i;
    else break;
  }
  const breakAt = (i: number) => base + (lines[i] as (typeof lines)[number]).brk;
  if (chompStart === 0) {
    if (header.chomp === '+' && lines.length > 0) {
      const n = Math.max(1, lines.length - 1);
      for (let k = 0; k < n; k++) b.push('\n', breakAt(Math.min(k, lines.length - 1)));
    }
    return { text: b.text(), offs: b.offs, contentEnd: token.offset + header.length };
  }
  let trimIndent = token.indent + header.indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const c = contentOf(i);
    if (c === '' || c === '\r') {
      if (header.indent === 0 && indentLen(i) > trimIndent) trimIndent = indentLen(i);
    } else {
      if (header.indent === 0) trimIndent = indentLen(i);
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (indentLen(i) > trimIndent) chompStart = i + 1;
  }
  let contentEnd = token.offset + header.length;
  const pushIndentTail = (i: number) => {
    const l = lines[i] as (typeof lines)[number];
    if (l.indentEnd - l.start > trimIndent) b.pushSource(source, l.start + trimIndent, l.indentEnd, base);
  };
  for (let i = 0; i < contentStart; ++i) {
    pushIndentTail(i);
    b.push('\n', breakAt(i));
  }
  let sep = '';
  let sepAt = base;
  let prevMoreIndented = false;
  for (let i = contentStart; i < chompStart; ++i) {
    const l = lines[i] as (typeof lines)[number];
    let cEnd = l.contentEndRaw;
    if (cEnd > l.indentEnd && source[cEnd - 1] === '\r') cEnd--;
    const content = source.slice(l.indentEnd, cEnd);
    let ind = indentLen(i);
    if (content && ind < trimIndent) ind = -1; // bad indent: yaml drops the indentation
    const pushLine = () => {
      if (ind > trimIndent) b.pushSource(source, l.start + trimIndent, l.indentEnd, base);
      b.pushSource(source, l.indentEnd, cEnd, base);
      if (cEnd > l.indentEnd || ind > trimIndent) contentEnd = base + cEnd;
    };
    if (header.mode === '|') {
      b.push(sep, sepAt);
      pushLine();
      sep = '\n';
    } else if (ind > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      b.push(sep, sepAt);
      pushLine();
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') b.push('\n', sepAt);
      else sep = '\n';
    } else {
      b.push(sep, sepAt);
      pushLine();
      sep = ' ';
      prevMoreIndented = false;
    }
    sepAt = breakAt(i);
  }
  const lastBreak = chompStart > 0 ? breakAt(chompStart - 1) : base;
  switch (header.chomp) {
    case '-':
      break;
    case '+': {
      let at = lastBreak;
      for (let i = chompStart; i < lines.length; ++i) {
        b.push('\n', at);
        pushIndentTail(i);
        at = breakAt(i);
      }
      if (b.chars[b.length - 1] !== '\n') b.push('\n', at);
      break;
    }
    default:
      b.push('\n', lastBreak);
  }
  return { text: b.text(), offs: b.offs, contentEnd };
}

/** A word whose characters all point at `span` (first char at the start, last char at the end). */
export function syntheticWord(text: string, span: Span, extra: Partial<Word> = {}): Word {
  const offsets: number[] = [];
  const last = Math.max(span.start, span.end - 1);
  for (let i = 0; i < text.length; i++) offsets.push(i === text.length - 1 ? last : span.start);
  offsets.push(Math.max(span.end, last));
  return { text, span: { ...span }, offsets, ...extra };
}

function decodeScalar(node: Scalar, text: string): { decoded: Decoded; span: Span } | null {
  const tok = (node as { srcToken?: CST.FlowScalar | CST.BlockScalar }).srcToken;
  const range = node.range;
  if (tok && tok.type === 'block-scalar') {
    const decoded = decodeBlock(tok);
    if (!decoded) return null;
    const start = range?.[0] ?? tok.offset;
    return { decoded, span: { start, end: Math.max(start + 1, decoded.contentEnd) } };
  }
  let source: string;
  let base: number;
  let type: string;
  if (tok && (tok.type === 'scalar' || tok.type === 'single-quoted-scalar' || tok.type === 'double-quoted-scalar')) {
    source = tok.source;
    base = tok.offset;
    type = tok.type;
  } else if (range && (node.type === 'PLAIN' || node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE')) {
    source = text.slice(range[0], range[1]);
    base = range[0];
    type = node.type === 'PLAIN' ? 'scalar' : node.type === 'QUOTE_SINGLE' ? 'single-quoted-scalar' : 'double-quoted-scalar';
  } else {
    return null;
  }
  const decoded =
    type === 'scalar' ? decodePlain(source, base)
    : type === 'single-quoted-scalar' ? decodeSingleQuoted(source, base)
    : decodeDoubleQuoted(source, base);
  return { decoded, span: { start: base, end: base + source.length } };
}

/**
 * The word a YAML scalar stands for: its string value (for plain scalars the source text, so `0.90`
 * stays `0.90` and `true` is `true`) with an exact per-character source map for every scalar style.
 * Characters made by folding point at the line break they replace; escapes point at the backslash.
 * Never throws; falls back to a coarse map when the node has no usable source.
 */
export function scalarToWord(node: Scalar, text: string): Word {
  try {
    const d = decodeScalar(node, text);
    const expected = typeof node.source === 'string' ? node.source : null;
    if (d && (expected === null || expected === d.decoded.text)) {
      const { decoded, span } = d;
      // decoded.offs is a fresh array: it becomes the word's map.
      const offsets = decoded.offs;
      const lastOff = decoded.offs.length > 0 ? (decoded.offs[decoded.offs.length - 1] as number) + 1 : span.start + (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE' ? 1 : 0);
      offsets.push(Math.min(Math.max(lastOff, span.start), Math.max(span.end, lastOff)));
      return { text: decoded.text, span, offsets };
    }
  } catch {
    // fall through to the coarse map
  }
  const r = node.range ?? [0, 0, 0];
  const value = typeof node.source === 'string' ? node.source : node.value == null ? '' : String(node.value);
  return syntheticWord(value, { start: r[0], end: Math.max(r[0], r[1]) });
}

/** scalarToWord for any node that is a scalar (after alias resolution), else null. */
export function nodeWord(node: unknown, text: string): Word | null {
  return isScalar(node) ? scalarToWord(node, text) : null;
}

/** A word for a mapping key with `--` in front (`max_model_len:` → `--max_model_len`); `--` maps to the key start. */
export function flagWordFromKey(keyNode: Scalar, text: string): Word {
  const k = scalarToWord(keyNode, text);
  const start = k.offsets[0] ?? k.span.start;
  return { text: `--${k.text}`, span: k.span, offsets: [start, start, ...k.offsets] };
}

// ---------------------------------------------------------------------------------------------
// Interpolation

/**
 * - `compose`: `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`, `$VAR`, `$$`.
 * - `compose-script`: only `$$` → `$` (a script handed to a shell keeps its own `${…}` for the shell extractor).
 * - `k8s`: `$(VAR)` from the container env, `$$` → `$`, and envsubst-style `${VAR…}` (templated manifests).
 * - `k8s-script`: `$(VAR)` with a known literal value substituted, `$$` → `$`; everything else left to the shell.
 */
export type InterpolationMode = 'compose' | 'compose-script' | 'k8s' | 'k8s-script';

export interface InterpolationMark {
  /** Range [start, end) in the interpolated word's text. */
  start: number;
  end: number;
  /** `unknown`: raw text of an interpolation whose value is unknown; `default`: a substituted literal default. */
  kind: 'unknown' | 'default';
  /** Variable name. */
  name?: string;
  /** An unknown that likely holds several arguments (name like *ARGS*, or an empty default used as a whole word). */
  splatCandidate?: boolean;
}

export interface Interpolated {
  word: Word;
  marks: InterpolationMark[];
}

/** A Kubernetes env entry as `$(VAR)` sees it. */
export interface K8sEnvValue {
  /** The literal value (already interpolated), when known. */
  value?: Word;
  unknown?: boolean;
}

export interface InterpolateOptions {
  /** Kubernetes container env, for `$(VAR)`. */
  env?: Map<string, K8sEnvValue>;
  /**
   * The text will be split into words afterwards (a compose string command): an empty default that
   * stands as a whole word (`--x ${EXTRA:-}`) is kept as an unknown splat candidate instead of vanishing.
   */
  splitContext?: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const SPLAT_NAME = /ARGS|ARGUMENTS|OPTS|OPTIONS|FLAGS|PARAMS|EXTRA|CMD|COMMAND/i;

class WordBuilder {
  text: string[] = [];
  offs: number[] = [];
  marks: InterpolationMark[] = [];
  pushFrom(word: Word, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      this.text.push(word.text[k] as string);
      this.offs.push(word.offsets[k] ?? word.span.start);
    }
  }
  pushChar(c: string, off: number): void {
    this.text.push(c);
    this.offs.push(off);
  }
  get length(): number {
    return this.text.length;
  }
}

function isBlank(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Index of the `}` closing the `${` at `i`, honouring nested `${…}`; -1 if unclosed. */
function closingBrace(text: string, i: number): number {
  let depth = 1;
  let j = i + 2;
  while (j < text.length) {
    const c = text[j];
    if (c === '$' && text[j + 1] === '{') {
      depth++;
      j += 2;
      continue;
    }
    if (c === '}') {
      depth--;
      if (depth === 0) return j;
    }
    j++;
  }
  return -1;
}

/**
 * The word's map is what the general path of `interpolate` would rebuild from it: one offset per
 * character plus an end offset past the last character.
 */
function hasPlainOffsets(word: Word): boolean {
  const o = word.offsets;
  const n = word.text.length;
  if (o.length !== n + 1) return false;
  for (let k = 0; k <= n; k++) if (o[k] === undefined) return false;
  return n === 0 || (o[n] as number) >= (o[n - 1] as number) + 1;
}

/** Applies an interpolation syntax to a word, keeping the source map; see InterpolationMode. */
export function interpolate(word: Word, mode: InterpolationMode, options: InterpolateOptions = {}, depth = 0): Interpolated {
  const t = word.text;
  // Most values hold no `$`: the same text and map (offsets are never changed in place, so shared).
  if (!t.includes('$') && hasPlainOffsets(word)) return { word: { ...word }, marks: [] };
  const out = new WordBuilder();
  const braces = mode === 'compose' || mode === 'k8s';
  const k8s = mode === 'k8s' || mode === 'k8s-script';
  let i = 0;
  while (i < t.length) {
    const c = t[i];
    if (c !== '$') {
      out.pushFrom(word, i, i + 1);
      i++;
      continue;
    }
    const next = t[i + 1];
    if (next === '$') {
      // `$$` is an escaped `$` (compose and Kubernetes alike).
      out.pushFrom(word, i, i + 1);
      i += 2;
      continue;
    }
    if (k8s && next === '(') {
      const close = t.indexOf(')', i + 2);
      const name = close > 0 ? t.slice(i + 2, close) : '';
      if (close > 0 && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
        const ref = options.env?.get(name);
        const refStart = word.offsets[i] ?? word.span.start;
        const refLast = word.offsets[close] ?? refStart;
        if (ref && !ref.unknown && ref.value) {
          // Substituted: every character points at the `$(VAR)` reference (the last one at its end).
          const v = ref.value.text;
          const from = out.length;
          for (let k = 0; k < v.length; k++) out.pushChar(v[k] as string, k === v.length - 1 ? refLast : refStart);
          if (ref.value.fromDefault && v.length > 0) out.marks.push({ start: from, end: out.length, kind: 'default', name });
        } else {
          const from = out.length;
          out.pushFrom(word, i, close + 1);
          if (mode === 'k8s') out.marks.push({ start: from, end: out.length, kind: 'unknown', name, splatCandidate: SPLAT_NAME.test(name) });
        }
        i = close + 1;
        continue;
      }
    }
    if (braces && next === '{') {
      const close = closingBrace(t, i);
      const inner = close > 0 ? t.slice(i + 2, close) : '';
      const m = NAME.exec(inner);
      if (close > 0 && m) {
        const name = m[0];
        const rest = inner.slice(name.length);
        const op = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)?.[0] ?? '';
        const validOp = rest === '' || op !== '';
        if (validOp) {
          const argFrom = i + 2 + name.length + op.length;
          const from = out.length;
          let substituted = false;
          if ((op === ':-' || op === '-') && depth < 8) {
            const sub = interpolate(sliceWord(word, argFrom, close), mode, { env: options.env }, depth + 1);
            const unknown = sub.marks.some((mk) => mk.kind === 'unknown');
            const wholeWord = isBlank(t[i - 1]) && isBlank(t[close + 1]);
            const emptyWholeWord = sub.word.text === '' && options.splitContext === true && wholeWord;
            if (!unknown && !emptyWholeWord) {
              for (let k = 0; k < sub.word.text.length; k++) out.pushChar(sub.word.text[k] as string, sub.word.offsets[k] ?? word.span.start);
              if (out.length > from) out.marks.push({ start: from, end: out.length, kind: 'default', name });
              else out.marks.push({ start: from, end: from, kind: 'default', name });
              substituted = true;
            } else if (emptyWholeWord) {
              out.pushFrom(word, i, close + 1);
              out.marks.push({ start: from, end: out.length, kind: 'unknown', name, splatCandidate: true });
              i = close + 1;
              continue;
            }
          }
          if (!substituted) {
            out.pushFrom(word, i, close + 1);
            out.marks.push({ start: from, end: out.length, kind: 'unknown', name, splatCandidate: SPLAT_NAME.test(name) });
          }
          i = close + 1;
          continue;
        }
      }
    }
    if (mode === 'compose') {
      const m = NAME.exec(t.slice(i + 1, i + 257));
      if (m) {
        const from = out.length;
        out.pushFrom(word, i, i + 1 + m[0].length);
        out.marks.push({ start: from, end: out.length, kind: 'unknown', name: m[0], splatCandidate: SPLAT_NAME.test(m[0]) });
        i += 1 + m[0].length;
        continue;
      }
    }
    out.pushFrom(word, i, i + 1);
    i++;
  }
  const text = out.text.join('');
  const endOffset = word.offsets[t.length] ?? (out.offs.length > 0 ? (out.offs[out.offs.length - 1] as number) + 1 : word.span.end);
  const offsets = [...out.offs, Math.max(endOffset, out.offs.length > 0 ? (out.offs[out.offs.length - 1] as number) + 1 : endOffset)];
  const marks = out.marks;
  const result: Word = { ...word, text, offsets };
  if (marks.some((mk) => mk.kind === 'unknown')) result.unknown = true;
  if (marks.some((mk) => mk.kind === 'default')) result.fromDefault = true;
  return { word: result, marks };
}

/** A word made only of one unknown interpolation (`${VLLM_ARGS}`), ignoring surrounding blanks. */
export function soleUnknownMark(interp: Interpolated): InterpolationMark | null {
  const t = interp.word.text;
  let s = 0;
  let e = t.length;
  while (s < e && isBlank(t[s])) s++;
  while (e > s && isBlank(t[e - 1])) e--;
  const mk = interp.marks.find((m) => m.kind === 'unknown' && m.start === s && m.end === e);
  return mk ?? null;
}

/** Sub-span of a word's text, trimmed of blanks, mapped to the document. */
export function trimmedWord(word: Word): Word {
  const t = word.text;
  let s = 0;
  let e = t.length;
  while (s < e && isBlank(t[s])) s++;
  while (e > s && isBlank(t[e - 1])) e--;
  if (s === 0 && e === t.length) return word;
  return { ...sliceWord(word, s, e), unknown: word.unknown, fromDefault: word.fromDefault, splat: word.splat };
}


// ---------------------------------------------------------------------------------------------
// Container launches (compose services, Kubernetes containers, Helm values)

/** One argv list as written in a YAML file (compose `entrypoint`/`command`, Kubernetes `command`/`args`). */
export interface ArgvSource {
  words: Word[];
  /** Span of the YAML node. */
  span: Span | null;
  /** The value was one string (compose shell-like split), not a list. */
  isString: boolean;
  /** The word at `index` as a script for `sh -c` (interpolated the way a shell script needs). */
  script(index: number): Word | null;
  /** The whole string value as one script (compose `entrypoint: [sh, -c]` + a string `command`). */
  wholeScript?(): Word | null;
}

export interface ContainerSpec {
  fileKind: FileKind;
  image?: ImageRef;
  /** The image reference as written (before interpolation), for the custom-image heuristic. */
  imageText?: string;
  env: EnvVar[];
  /** compose `entrypoint` / Kubernetes `command`; null when not set (the image's ENTRYPOINT runs). */
  entrypoint: ArgvSource | null;
  /** compose `command` / Kubernetes `args`; null when not set. */
  command: ArgvSource | null;
  /** Span used when the container has no command (service or container name). */
  fallbackSpan: Span;
  /** Mark image-entrypoint launches incomplete (a chart adds arguments we cannot see). */
  argsMayBeIncomplete?: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh']);
const PRE_SHELL = new Set(['tini', 'dumb-init', 'env', 'exec', '--', 'gosu', 'su-exec']);

function base(text: string): string {
  const i = text.lastIndexOf('/');
  return i >= 0 ? text.slice(i + 1) : text;
}

/** Index of the script word of `sh -c SCRIPT` near the start of an argv, or -1 (`c` = index of -c). */
export function findShellScript(argv: Word[]): { shell: number; flag: number; script: number } | null {
  for (let i = 0; i < Math.min(argv.length, 5); i++) {
    const w = argv[i] as Word;
    if (w.unknown) return null;
    const name = base(w.text);
    if (SHELLS.has(name)) {
      let j = i + 1;
      while (j < argv.length) {
        const t = (argv[j] as Word).text;
        if ((argv[j] as Word).unknown) return null;
        if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t)) return { shell: i, flag: j, script: j + 1 };
        if (t === '-o' || t === '+o' || t === '-O' || t === '+O') j += 2;
        else if (/^[-+][a-zA-Z]+$/.test(t) || /^--[a-z-]+$/.test(t)) j += 1;
        else return null;
      }
      return null;
    }
    // Entrypoint wrappers that exec their arguments: `/opt/nvidia/nvidia_entrypoint.sh bash -c …`, `tini -- sh -c …`.
    if (name.endsWith('.sh') || PRE_SHELL.has(name) || /^-/.test(w.text)) continue;
    return null;
  }
  return null;
}

/** Flags that make an argument list recognisably vLLM's (for images that only hint at vLLM by name). */
const VLLM_DISTINCTIVE = new Set([
  '--model', '--served-model-name', '--gpu-memory-utilization', '--max-model-len', '--tensor-parallel-size',
  '--pipeline-parallel-size', '--max-num-seqs', '--max-num-batched-tokens', '--enable-prefix-caching',
  '--enable-chunked-prefill', '--enforce-eager', '--kv-cache-dtype', '--swap-space', '--tool-call-parser',
  '--enable-auto-tool-choice', '--limit-mm-per-prompt', '--speculative-config', '--compilation-config',
]);

export function looksLikeVllmArgs(words: Word[]): boolean {
  const first = words[0];
  if (!first || first.unknown) return false;
  if (!first.text.startsWith('-') && !(words[1]?.text.startsWith('-') ?? false)) return false;
  return words.some((w) => !w.unknown && VLLM_DISTINCTIVE.has((w.text.split('=')[0] ?? '').replace(/_/g, '-')));
}

function withContainer(inv: Invocation, spec: ContainerSpec): Invocation {
  const out: Invocation = { ...inv, fileKind: spec.fileKind };
  if (!out.image && spec.image) out.image = spec.image;
  const env = [...spec.env, ...(inv.env ?? [])];
  if (env.length > 0) out.env = env;
  return out;
}

/**
 * The vLLM launch of one container, if any:
 * - vLLM image and no entrypoint override: the command holds only arguments (image-entrypoint form);
 * - `sh -c SCRIPT` anywhere near the start of entrypoint+command: the script goes to the shell extractor;
 * - otherwise entrypoint+command are one argv for findLaunch;
 * - an image whose name mentions vLLM (custom builds, `${VLLM_IMAGE}`) with vLLM-looking flags and no
 *   entrypoint override is taken as an image-entrypoint launch too.
 */
export async function containerLaunch(spec: ContainerSpec, ctx: ExtractContext): Promise<ExtractResult> {
  const result: ExtractResult = { invocations: [], issues: [] };
  const finish = (m: LaunchMatch, span: Span) => {
    m.span = span;
    result.invocations.push(withContainer(toInvocation(m, spec.fileKind), spec));
  };
  const commandSpan = spec.command?.span ?? null;
  if (spec.entrypoint === null && spec.image && isVllmImageName(spec.image.name)) {
    const m = imageEntrypointLaunch(spec.command?.words ?? [], spec.image, []);
    if (!spec.command || spec.argsMayBeIncomplete) m.incomplete = true;
    finish(m, commandSpan ?? spec.fallbackSpan);
    return result;
  }
  const parts = [spec.entrypoint, spec.command].filter((p): p is ArgvSource => p !== null);
  const argv: Word[] = [];
  const origin: Array<{ part: ArgvSource; index: number }> = [];
  for (const part of parts) {
    part.words.forEach((w, index) => {
      argv.push(w);
      origin.push({ part, index });
    });
  }
  const spans = parts.map((p) => p.span).filter((s): s is Span => s !== null);
  const wholeSpan = spans.length > 0 ? coverSpans(spans) : spec.fallbackSpan;
  const sh = findShellScript(argv);
  if (sh) {
    const o = origin[sh.script];
    const flagOrigin = origin[sh.flag];
    let script: Word | null = null;
    if (o && flagOrigin && o.part !== flagOrigin.part && o.index === 0 && o.part.isString && o.part.wholeScript) {
      // `entrypoint: ["/bin/sh", "-c"]` + `command: "vllm serve …"`: the string is the script.
      script = o.part.wholeScript();
    } else if (o) {
      script = o.part.script(o.index);
    }
    if (!script) return result;
    let shell: ExtractResult;
    try {
      shell = await ctx.extractShellWord(script, spec.fileKind);
    } catch {
      shell = { invocations: [], issues: [] };
    }
    result.invocations.push(...shell.invocations.map((inv) => withContainer(inv, spec)));
    result.issues.push(...shell.issues);
    return result;
  }
  const m = findLaunch(argv);
  if (m) {
    finish(m, wholeSpan);
    return result;
  }
  if (spec.entrypoint === null && spec.command && /vllm/i.test(spec.imageText ?? '') && looksLikeVllmArgs(spec.command.words)) {
    const m2 = imageEntrypointLaunch(spec.command.words, spec.image, []);
    if (spec.argsMayBeIncomplete) m2.incomplete = true;
    finish(m2, commandSpan ?? spec.fallbackSpan);
  }
  return result;
}

/** An ArgvSource for a YAML list of scalars (each item is one argv element). */
export function listArgv(
  node: unknown,
  yctx: YamlContext,
  word: (item: Scalar) => Word,
  script: (item: Scalar) => Word,
): ArgvSource {
  const items = seqItems(node, yctx).filter((i): i is Scalar => isScalar(i) && i.value !== null);
  return {
    words: items.map((i) => word(i)),
    span: nodeSpan(node),
    isString: false,
    script: (index) => {
      const item = items[index];
      return item ? script(item) : null;
    },
  };
}

export { isVllmImageName };

// ---------------------------------------------------------------------------------------------
// Go/Helm templates

/** `{{ … }}` actions in a file (a Helm chart template, a values file using tpl). */
const TEMPLATE = /\{\{[\s\S]{0,4000}?\}\}/g;
const SPLAT_TEMPLATE = /\b(?:range|toYaml|include|tpl|join|toJson)\b/;

export function hasGoTemplates(text: string): boolean {
  TEMPLATE.lastIndex = 0;
  return TEMPLATE.test(text);
}

/**
 * A same-length copy of a templated file that parses as YAML: actions alone on their lines
 * (`{{- if … }}`, `{{- include … | nindent 4 }}`) become blanks, inline ones (`name: {{ .Values.x }}`)
 * become `$HHHH` placeholders, which a shell also sees as an unknown expansion. Words extracted from
 * the masked text are restored to the original characters with `restoreWord` and marked unknown.
 */
export interface TemplateMask {
  original: string;
  masked: string;
  ranges: Span[];
  /** Restores template characters of a word made from the masked text; such words become unknown. */
  restoreWord(word: Word): Word;
  /** restoreWord on every word of an extraction (arguments), plus images and env values. */
  restoreResult(result: ExtractResult): ExtractResult;
}

export function maskGoTemplates(text: string): TemplateMask {
  const ranges: Span[] = [];
  TEMPLATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TEMPLATE.exec(text)) !== null) {
    ranges.push({ start: m.index, end: m.index + m[0].length });
    if (ranges.length > 100_000) break;
  }
  const chars = text.split('');
  /** Actions alone on their lines (`{{- if }}`, `{{- range }}`): arguments between them are conditional. */
  const controls: Span[] = [];
  // Lines that hold nothing but template actions (and blanks) become blank.
  const lineStartOf = (i: number) => text.lastIndexOf('\n', i - 1) + 1;
  const lineEndOf = (i: number) => {
    const e = text.indexOf('\n', i);
    return e < 0 ? text.length : e;
  };
  for (let r = 0; r < ranges.length; r++) {
    const span = ranges[r] as Span;
    const ls = lineStartOf(span.start);
    const le = lineEndOf(span.end);
    // Remove every template overlapping [ls, le) and see whether anything but blanks is left.
    let a = r;
    while (a > 0 && (ranges[a - 1] as Span).end > ls) a--;
    let b = r;
    while (b + 1 < ranges.length && (ranges[b + 1] as Span).start < le) b++;
    let rest = '';
    let p = ls;
    for (let q = a; q <= b; q++) {
      const s = ranges[q] as Span;
      if (s.start > p) rest += text.slice(p, s.start);
      p = Math.max(p, s.end);
    }
    if (le > p) rest += text.slice(p, le);
    const controlLine = rest.trim() === '';
    const multiLine = text.slice(span.start, span.end).includes('\n');
    if (controlLine) controls.push(span);
    for (let k = span.start; k < span.end; k++) {
      const c = text[k] as string;
      if (c === '\n' || c === '\r') continue;
      if (controlLine || multiLine) chars[k] = ' ';
      else chars[k] = k === span.start ? '$' : 'H';
    }
  }
  const masked = chars.join('');
  const inTemplate = (o: number): Span | null => {
    // binary search
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = ranges[mid] as Span;
      if (o < s.start) hi = mid - 1;
      else if (o >= s.end) lo = mid + 1;
      else return s;
    }
    return null;
  };
  const overlaps = (span: Span | undefined) => !!span && ranges.some((s) => s.start < Math.max(span.end, span.start + 1) && s.end > span.start);
  const restoreWord = (word: Word): Word => {
    let touched = false;
    let allTemplate = word.text.length > 0;
    let splat = false;
    const out: string[] = [];
    for (let i = 0; i < word.text.length; i++) {
      const c = word.text[i] as string;
      const o = word.offsets[i] ?? -1;
      const tpl = o >= 0 ? inTemplate(o) : null;
      if (tpl && masked[o] === c) {
        out.push(text[o] as string);
        touched = true;
        if (SPLAT_TEMPLATE.test(text.slice(tpl.start, tpl.end))) splat = true;
      } else {
        out.push(c);
        if (!tpl) allTemplate = false;
      }
    }
    if (!touched) return word;
    const w: Word = { ...word, text: out.join(''), unknown: true };
    if (allTemplate && splat) w.splat = true;
    return w;
  };
  const restoreResult = (result: ExtractResult): ExtractResult => ({
    issues: result.issues,
    invocations: result.invocations.map((inv) => {
      const args = inv.args.map(restoreWord);
      const out: Invocation = { ...inv, args };
      if (args.some((a) => a.splat)) out.incomplete = true;
      // `{{- if … }}` / `{{- range … }}` lines inside the launch: some arguments are conditional or repeated.
      if (controls.some((c) => c.start < inv.span.end && c.end > inv.span.start)) out.incomplete = true;
      if (inv.image && overlaps(inv.image.span)) out.image = { ...inv.image, unknownTag: true };
      if (inv.env) {
        out.env = inv.env.map((e) => (overlaps(e.valueSpan) ? { ...e, value: undefined, unknown: true } : e));
      }
      return out;
    }),
  });
  return { original: text, masked, ranges, restoreWord, restoreResult };
}
