// A lighter composer for the CST of common YAML: the same nodes as yaml's Composer (Scalar, YAMLMap,
// YAMLSeq, Pair, Alias with identical values, types, anchors, ranges and source tokens), without the
// comment strings, error objects and per-node closures the general one builds.
//
// It follows yaml 2.9.1's compose/*.ts step by step, and gives up (returns null, and the caller uses
// yaml's Composer) on anything it does not handle or where yaml would report an error or a warning:
// directives, tags, error tokens, tabs as indentation, misplaced props, and every error condition of
// the original. test/unit/yaml-parser.test.ts checks on the fixtures, the corpus and fuzzed input that
// whenever it answers, its documents equal yaml's field by field and yaml reports no error.
//
// What it leaves out on purpose: `comment`, `commentBefore` and `spaceBefore`, and the `srcToken` of
// collections, pairs and aliases (nothing in ServeLint reads them; scalars keep theirs). Ranges that
// depend on comments (an empty value followed by a comment) are kept exact.
//
// yaml is Copyright Eemeli Aro <eemeli@gmail.com>, ISC licence (see yamlParser.ts for the text).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Alias, CST, Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar } from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

type Tok = any;
type Node = any;
type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown to leave the light path; the caller composes with yaml's Composer instead. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('unsupported');
function bail(): never {
  throw UNSUPPORTED;
}

const SCALAR = Symbol.for('yaml.scalar');
const NODE_TYPE = Symbol.for('yaml.node.type');

// Nodes are made from prototypes that carry yaml's node-type symbol (isScalar, isMap … look it up),
// instead of the constructors, which define it on every instance: the same objects for every reader
// (own enumerable fields, class, instanceof), at a fraction of the cost.
function protoWith(base: object, type: symbol, extra: PropertyDescriptorMap = {}): object {
  return Object.create(base, { [NODE_TYPE]: { value: type }, ...extra });
}
const SCALAR_PROTO = protoWith(Scalar.prototype, SCALAR);
const PAIR_PROTO = protoWith(Pair.prototype, Symbol.for('yaml.pair'));

function newScalar(value: unknown): Node {
  const s = Object.create(SCALAR_PROTO);
  s.value = value;
  return s;
}

function newPair(key: Node, value: Node = null): Node {
  const p = Object.create(PAIR_PROTO);
  p.key = key;
  p.value = value;
  return p;
}

/** Per document (collections carry the schema as a non-enumerable field, as yaml's constructor sets it). */
interface Protos {
  map: object;
  seq: object;
}

function collectionProtos(schema: unknown): Protos {
  const extra = { schema: { value: schema, configurable: true, enumerable: false, writable: true } };
  return { map: protoWith(YAMLMap.prototype, Symbol.for('yaml.map'), extra), seq: protoWith(YAMLSeq.prototype, Symbol.for('yaml.seq'), extra) };
}

function newCollection(proto: object): Node {
  const c = Object.create(proto);
  c.items = [];
  return c;
}

interface Ctx {
  protos: Protos;
  atKey: boolean;
  atRoot: boolean;
  options: any;
  schema: any;
  /** Plain scalar value → tag, per atKey (the tag test regexes are the bulk of the work). */
  tagCache: Map<string, any>;
  keyTagCache: Map<string, any>;
}

interface Props {
  comma: Tok | null;
  found: Tok | null;
  /** A comment was among the tokens (yaml's `comment` is non-empty). */
  hasComment: boolean;
  hasNewline: boolean;
  anchor: Tok | null;
  tag: Tok | null;
  newlineAfterProp: Tok | null;
  end: number;
  start: number;
}

interface PropsOptions {
  flow?: string;
  indicator: string;
  next: Tok;
  offset: number;
  parentIndent: number;
  startOnNewline: boolean;
}

/** compose/resolve-props.ts, every onError a bail-out. */
function resolveProps(tokens: Tok[], { flow, indicator, next, offset, parentIndent, startOnNewline }: PropsOptions): Props {
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let hasComment = false;
  let hasNewline = false;
  let reqSpace = false;
  let tab: Tok = null;
  let anchor: Tok = null;
  let tag: Tok = null;
  let newlineAfterProp: Tok = null;
  let comma: Tok = null;
  let found: Tok = null;
  let start: number | null = null;
  for (const token of tokens) {
    if (reqSpace) {
      if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comma') bail();
      reqSpace = false;
    }
    if (tab) {
      if (atNewline && token.type !== 'comment' && token.type !== 'newline') bail();
      tab = null;
    }
    switch (token.type) {
      case 'space':
        if (!flow && (indicator !== 'doc-start' || next?.type !== 'flow-collection') && token.source.includes('\t')) tab = token;
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) bail();
        hasComment = true;
        atNewline = false;
        break;
      case 'newline':
        atNewline = true;
        hasNewline = true;
        if (anchor || tag) newlineAfterProp = token;
        hasSpace = true;
        break;
      case 'anchor':
        if (anchor) bail();
        if (token.source.endsWith(':')) bail(); // a warning in yaml
        anchor = token;
        start ??= token.offset;
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'tag':
        return bail(); // tags: yaml's Composer
      case indicator:
        if (anchor || tag) bail();
        if (found) bail();
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
        break;
      case 'comma':
        if (flow) {
          if (comma) bail();
          comma = token;
          atNewline = false;
          hasSpace = false;
          break;
        }
        return bail();
      default:
        return bail();
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  if (reqSpace && next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && (next.type !== 'scalar' || next.source !== '')) bail();
  if (tab && ((atNewline && tab.indent <= parentIndent) || next?.type === 'block-map' || next?.type === 'block-seq')) bail();
  return { comma, found, hasComment, hasNewline, anchor, tag, newlineAfterProp, end, start: start ?? end };
}

/** compose/resolve-end.ts: the offset after trailing space, comments and newlines. */
function resolveEnd(end: Tok[] | undefined, offset: number): number {
  if (end) {
    for (const token of end) {
      const { source, type } = token;
      if (type !== 'space' && type !== 'comment' && type !== 'newline') bail();
      offset += source.length;
    }
  }
  return offset;
}

/** compose/util-empty-scalar-position.ts */
function emptyScalarPosition(offset: number, before: Tok[] | undefined | null, pos: number | null): number {
  if (before) {
    pos ??= before.length;
    for (let i = pos - 1; i >= 0; --i) {
      let st = before[i];
      switch (st.type) {
        case 'space':
        case 'comment':
        case 'newline':
          offset -= st.source.length;
          continue;
      }
      st = before[++i];
      while (st?.type === 'space') {
        offset += st.source.length;
        st = before[++i];
      }
      break;
    }
  }
  return offset;
}

/** compose/util-contains-newline.ts */
function containsNewline(key: Tok): boolean | null {
  if (!key) return null;
  switch (key.type) {
    case 'alias':
    case 'scalar':
    case 'double-quoted-scalar':
    case 'single-quoted-scalar':
      if (key.source.includes('\n')) return true;
      if (key.end) for (const st of key.end) if (st.type === 'newline') return true;
      return false;
    case 'flow-collection':
      for (const it of key.items) {
        for (const st of it.start) if (st.type === 'newline') return true;
        if (it.sep) for (const st of it.sep) if (st.type === 'newline') return true;
        if (containsNewline(it.key) || containsNewline(it.value)) return true;
      }
      return false;
    default:
      return true;
  }
}

function plainTag(ctx: Ctx, value: string): any {
  const cache = ctx.atKey ? ctx.keyTagCache : ctx.tagCache;
  let tag = cache.get(value);
  if (tag === undefined) {
    const atKey = ctx.atKey;
    tag = ctx.schema.tags.find((t: any) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(value)) || ctx.schema[SCALAR];
    if (cache.size > 20_000) cache.clear();
    cache.set(value, tag);
  }
  return tag;
}

/**
 * The value of a one-line flow scalar as yaml's resolveFlowScalar reads it, or undefined when the
 * general resolution is needed (line folding, escapes, a bad first character, a missing quote).
 */
function simpleFlowValue(type: string, source: string): string | undefined {
  if (source.includes('\n') || source.includes('\r')) return undefined;
  switch (type) {
    case 'scalar':
      switch (source[0]) {
        case '\t':
        case ',':
        case '%':
        case '|':
        case '>':
        case '@':
        case '`':
          return undefined;
      }
      return source;
    case 'single-quoted-scalar':
      if (source.length < 2 || source[source.length - 1] !== "'") return undefined;
      return source.slice(1, -1).replace(/''/g, "'");
    case 'double-quoted-scalar':
      if (source.length < 2 || source[source.length - 1] !== '"' || source.includes('\\')) return undefined;
      return source.slice(1, -1);
  }
  return undefined;
}

const FLOW_TYPES: Record<string, string> = { scalar: 'PLAIN', 'single-quoted-scalar': 'QUOTE_SINGLE', 'double-quoted-scalar': 'QUOTE_DOUBLE' };

/** yaml's resolveFlowScalar / resolveBlockScalar (CST.resolveAsScalar), any error a bail-out. */
function resolveScalarToken(ctx: Ctx, token: Tok): { value: string; type: string | null; range: [number, number, number] } {
  const simple = simpleFlowValue(token.type, token.source);
  if (simple !== undefined) {
    const valueEnd = token.offset + token.source.length;
    return { value: simple, type: FLOW_TYPES[token.type] ?? null, range: [token.offset, valueEnd, resolveEnd(token.end, valueEnd)] };
  }
  // The block version is given no `atRoot` (as if inside a collection): at the root, leave it to yaml.
  if (token.type === 'block-scalar' && ctx.atRoot) bail();
  let failed = false;
  const r = CST.resolveAsScalar(token, ctx.options.strict, () => {
    failed = true;
  });
  if (!r || failed) bail();
  return r as { value: string; type: string | null; range: [number, number, number] };
}

/** compose/compose-scalar.ts without tags (a tag token leaves the light path earlier). */
function composeScalar(ctx: Ctx, token: Tok): Node {
  const { value, type, range } = resolveScalarToken(ctx, token);
  const tag = token.type === 'scalar' ? plainTag(ctx, value) : ctx.schema[SCALAR];
  let scalar: Node;
  let resolveFailed = false;
  try {
    const res = tag.resolve(value, () => (resolveFailed = true), ctx.options);
    scalar = isScalar(res) ? res : newScalar(res);
  } catch {
    bail();
  }
  if (resolveFailed) bail();
  scalar.range = range;
  scalar.source = value;
  if (type) scalar.type = type;
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

function composeAlias(token: Tok, props: Props): Node {
  if (props.anchor || props.tag) bail();
  const alias = new Alias(token.source.substring(1));
  if (alias.source === '' || alias.source.endsWith(':')) bail();
  const valueEnd = token.offset + token.source.length;
  alias.range = [token.offset, valueEnd, resolveEnd(token.end, valueEnd)];
  return alias;
}

/** compose/compose-node.ts */
function composeNode(ctx: Ctx, token: Tok, props: Props): Node {
  let node: Node;
  switch (token.type) {
    case 'alias':
      node = composeAlias(token, props);
      break;
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      node = composeScalar(ctx, token);
      if (props.anchor) node.anchor = props.anchor.source.substring(1);
      break;
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      node = composeCollection(ctx, token, props);
      if (props.anchor) node.anchor = props.anchor.source.substring(1);
      break;
    default:
      bail();
  }
  if (props.anchor && node.anchor === '') bail();
  // Only scalars keep their source token (decodeScalar maps their characters with it): the tokens of
  // collections and pairs are not read, and without references to them the CST is garbage once the
  // nodes are built, which keeps the heap of a big file small.
  if (ctx.options.keepSourceTokens && isScalar(node)) node.srcToken = token;
  return node;
}

function composeEmptyNode(ctx: Ctx, offset: number, before: Tok[] | undefined | null, pos: number | null, props: Props): Node {
  const token = { type: 'scalar', offset: emptyScalarPosition(offset, before, pos), indent: -1, source: '' };
  const node = composeScalar(ctx, token);
  if (props.anchor) {
    node.anchor = props.anchor.source.substring(1);
    if (node.anchor === '') bail();
  }
  if (props.hasComment) node.range[2] = props.end;
  return node;
}

/** compose/compose-collection.ts, untagged. */
function composeCollection(ctx: Ctx, token: Tok, props: Props): Node {
  if (props.tag) bail();
  if (token.type === 'block-seq') {
    const { anchor, newlineAfterProp: nl } = props;
    if (anchor && (!nl || nl.offset < anchor.offset)) bail();
  }
  return token.type === 'block-map' ? resolveBlockMap(ctx, token) : token.type === 'block-seq' ? resolveBlockSeq(ctx, token) : resolveFlowCollection(ctx, token);
}

/** compose/resolve-block-map.ts */
function resolveBlockMap(ctx: Ctx, bm: Tok): Node {
  const map = newCollection(ctx.protos.map);
  if (ctx.atRoot) ctx.atRoot = false;
  let offset = bm.offset;
  let commentEnd: number | null = null;
  for (const collItem of bm.items) {
    const { start, key, sep, value } = collItem;
    const keyProps = resolveProps(start, { indicator: 'explicit-key-ind', next: key ?? sep?.[0], offset, parentIndent: bm.indent, startOnNewline: true });
    const implicitKey = !keyProps.found;
    if (implicitKey) {
      if (key) {
        if (key.type === 'block-seq') bail();
        else if ('indent' in key && key.indent !== bm.indent) bail();
      }
      if (!keyProps.anchor && !keyProps.tag && !sep) {
        commentEnd = keyProps.end;
        continue;
      }
      if (keyProps.newlineAfterProp || containsNewline(key)) bail();
    } else if (keyProps.found?.indent !== bm.indent) {
      bail();
    }
    ctx.atKey = true;
    const keyStart = keyProps.end;
    const keyNode = key ? composeNode(ctx, key, keyProps) : composeEmptyNode(ctx, keyStart, start, null, keyProps);
    if (ctx.schema.compat) bail();
    ctx.atKey = false;
    const valueProps = resolveProps(sep ?? [], {
      indicator: 'map-value-ind',
      next: value,
      offset: keyNode.range[2],
      parentIndent: bm.indent,
      startOnNewline: !key || key.type === 'block-scalar',
    });
    offset = valueProps.end;
    if (valueProps.found) {
      if (implicitKey) {
        if (value?.type === 'block-map' && !valueProps.hasNewline) bail();
        if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024) bail();
      }
      const valueNode = value ? composeNode(ctx, value, valueProps) : composeEmptyNode(ctx, offset, sep, null, valueProps);
      offset = valueNode.range[2];
      map.items.push(newPair(keyNode, valueNode));
    } else {
      if (implicitKey) bail();
      map.items.push(newPair(keyNode));
    }
  }
  if (commentEnd && commentEnd < offset) bail();
  map.range = [bm.offset, offset, commentEnd ?? offset];
  return map;
}

/** compose/resolve-block-seq.ts */
function resolveBlockSeq(ctx: Ctx, bs: Tok): Node {
  const seq = newCollection(ctx.protos.seq);
  if (ctx.atRoot) ctx.atRoot = false;
  if (ctx.atKey) ctx.atKey = false;
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (const { start, value } of bs.items) {
    const props = resolveProps(start, { indicator: 'seq-item-ind', next: value, offset, parentIndent: bs.indent, startOnNewline: true });
    if (!props.found) {
      if (props.anchor || props.tag || value) bail();
      commentEnd = props.end;
      continue;
    }
    const node = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, start, null, props);
    offset = node.range[2];
    seq.items.push(node);
  }
  seq.range = [bs.offset, offset, commentEnd ?? offset];
  return seq;
}

const isBlock = (token: Tok) => token && (token.type === 'block-map' || token.type === 'block-seq');

/** compose/resolve-flow-collection.ts */
function resolveFlowCollection(ctx: Ctx, fc: Tok): Node {
  const isMap = fc.start.source === '{';
  const fcName = isMap ? 'flow map' : 'flow sequence';
  const coll: any = newCollection(isMap ? ctx.protos.map : ctx.protos.seq);
  coll.flow = true;
  const atRoot = ctx.atRoot;
  if (atRoot) ctx.atRoot = false;
  if (ctx.atKey) ctx.atKey = false;
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; ++i) {
    const collItem = fc.items[i];
    const { start, key, sep, value } = collItem;
    const props = resolveProps(start, { flow: fcName, indicator: 'explicit-key-ind', next: key ?? sep?.[0], offset, parentIndent: fc.indent, startOnNewline: false });
    if (!props.found) {
      if (!props.anchor && !props.tag && !sep && !value) {
        if (i === 0 && props.comma) bail();
        else if (i < fc.items.length - 1) bail();
        offset = props.end;
        continue;
      }
      if (!isMap && ctx.options.strict && containsNewline(key)) bail();
    }
    if (i === 0) {
      if (props.comma) bail();
    } else if (!props.comma) bail();
    if (!isMap && !sep && !props.found) {
      const valueNode = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, sep, null, props);
      coll.items.push(valueNode);
      offset = valueNode.range[2];
      if (isBlock(value)) bail();
    } else {
      ctx.atKey = true;
      const keyStart = props.end;
      const keyNode = key ? composeNode(ctx, key, props) : composeEmptyNode(ctx, keyStart, start, null, props);
      if (isBlock(key)) bail();
      ctx.atKey = false;
      const valueProps = resolveProps(sep ?? [], { flow: fcName, indicator: 'map-value-ind', next: value, offset: keyNode.range[2], parentIndent: fc.indent, startOnNewline: false });
      if (valueProps.found) {
        if (!isMap && !props.found && ctx.options.strict) bail();
      } else if (value) {
        bail();
      }
      const valueNode = value ? composeNode(ctx, value, valueProps) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps) : null;
      if (valueNode && isBlock(value)) bail();
      const pair = newPair(keyNode, valueNode);
      if (isMap) {
        coll.items.push(pair);
      } else {
        const map: any = newCollection(ctx.protos.map);
        map.flow = true;
        map.items.push(pair);
        const endRange = (valueNode ?? keyNode).range;
        map.range = [keyNode.range[0], endRange[1], endRange[2]];
        coll.items.push(map);
      }
      offset = valueNode ? valueNode.range[2] : valueProps.end;
    }
  }
  const expectedEnd = isMap ? '}' : ']';
  const [ce, ...ee] = fc.end;
  if (ce?.source !== expectedEnd) bail();
  const cePos = ce.offset + ce.source.length;
  coll.range = ee.length > 0 ? [fc.offset, cePos, resolveEnd(ee, cePos)] : [fc.offset, cePos, cePos];
  return coll;
}

/** compose/compose-doc.ts */
function composeDoc(options: Options, token: Tok, caches: Pick<Ctx, 'tagCache' | 'keyTagCache'>): Document.Parsed {
  const { offset, start, value, end } = token;
  const doc: any = new Document(undefined, options);
  const ctx: Ctx = { protos: collectionProtos(doc.schema), atKey: false, atRoot: true, options: doc.options, schema: doc.schema, ...caches };
  const props = resolveProps(start, { indicator: 'doc-start', next: value ?? end?.[0], offset, parentIndent: 0, startOnNewline: true });
  if (props.found) {
    doc.directives.docStart = true;
    if (value && (value.type === 'block-map' || value.type === 'block-seq') && !props.hasNewline) bail();
  }
  doc.contents = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, start, null, props);
  const contentEnd = doc.contents.range[2];
  doc.range = [offset, contentEnd, resolveEnd(end, contentEnd)];
  return doc as Document.Parsed;
}

/**
 * The documents of a CST stream, as `new Composer(options).compose(tokens)` gives them (without
 * comments), or null when yaml's Composer has to do it.
 */
export function composeLight(tokens: CST.Token[], options: Options): Document.Parsed[] | null {
  const docs: Document.Parsed[] = [];
  const caches = { tagCache: new Map<string, any>(), keyTagCache: new Map<string, any>() };
  let doc: any = null;
  try {
    for (const token of tokens as Tok[]) {
      switch (token.type) {
        case 'document':
          if (doc) docs.push(doc);
          doc = composeDoc(options, token, caches);
          break;
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          break;
        case 'doc-end': {
          if (!doc) bail();
          doc.directives.docEnd = true;
          doc.range[2] = resolveEnd(token.end, token.offset + token.source.length);
          break;
        }
        default:
          // directives, errors, anything else: yaml's Composer
          bail();
      }
    }
  } catch (error) {
    if (error === UNSUPPORTED) return null;
    throw error;
  }
  if (doc) docs.push(doc);
  return docs;
}
