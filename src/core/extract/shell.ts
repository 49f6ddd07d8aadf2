// Shell extractor: finds vLLM launches in shell scripts (and shell snippets held elsewhere) with the
// tree-sitter Bash grammar, and turns every command into an argv of Words mapped character by
// character back to the document.
import type { Node, Parser } from 'web-tree-sitter';
import { findLaunch, parseDockerRun, parseImageRef, toInvocation, LAUNCH_HINT } from '../launch';
import { dockerRunDeployment, envDeployment } from './deployment';
import type { DockerOption } from './deployment';
import { coverSpans, emptyResult, mapResultThroughWord } from '../text';
import type {
  BrokenContinuation,
  EnvVar,
  ExtractContext,
  ExtractResult,
  FileKind,
  ImageRef,
  Invocation,
  Span,
  Word,
} from '../types';
import { getBashParser, newParseBudget, parseWithBudget, type ParseBudget } from './treeSitter';

/** Per-character provenance flags of a script held in a word (nested `bash -c`, Makefile recipe). */
export const CHAR_UNKNOWN = 1;
export const CHAR_DEFAULT = 2;

/** How deep `bash -c "sh -c '…'"` nesting is followed. */
const MAX_DEPTH = 3;

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ash', 'ksh', 'mksh']);
const SIMPLE_WRAPPERS = new Set(['exec', 'nohup', 'time', 'command', 'builtin', 'stdbuf', 'setsid', 'chrt']);
const OPTION_WRAPPERS = new Set([
  'env', 'srun', 'mpirun', 'mpiexec', 'sudo', 'timeout', 'nice', 'numactl', 'taskset', 'ionice', 'unbuffer',
  'dumb-init', 'tini', 'gosu', 'su-exec', 'xargs',
]);
const DOCKERS = new Set(['docker', 'podman', 'nerdctl']);
/**
 * Variables that, unquoted and standing as a whole word, usually hold several arguments (`$EXTRA_ARGS`,
 * `${VLLM_OPTS}`): marked `splat`. Other unquoted variables (`$MODEL`, `$PORT`) are one unknown word,
 * as in the compose/Kubernetes extractors (same list as yamlWords.ts).
 */
const SPLAT_NAME = /ARGS|ARGUMENTS|OPTS|OPTIONS|FLAGS|PARAMS|EXTRA|CMD|COMMAND/i;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const DEFAULT_OPS = new Set(['-', ':-', '=', ':=']);
const ALTERNATIVE_OPS = new Set(['+', ':+']);
const ORPHAN_TYPES = new Set(['command', 'variable_assignment', 'variable_assignments']);
/** A word with nothing for the shell to interpret: its argv element is its text. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function basename(text: string): string {
  const i = text.lastIndexOf('/');
  return i >= 0 ? text.slice(i + 1) : text;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Extracts vLLM launches from a shell script. Never throws; gives up (empty result) when the parse or
 * walk budget (treeSitter.ts ParseBudget, counted in steps, not time) runs out.
 */
export async function extractShell(text: string, _ctx: ExtractContext, fileKind: FileKind = 'shell'): Promise<ExtractResult> {
  return extractShellScript(text, fileKind);
}

/** Same as extractShell, without an ExtractContext (used for scripts held in other files). */
export async function extractShellScript(text: string, fileKind: FileKind): Promise<ExtractResult> {
  try {
    if (typeof text !== 'string' || !LAUNCH_HINT.test(text)) return emptyResult();
    const parser = await getBashParser();
    return scanScript(parser, text, fileKind, 0, newParseBudget());
  } catch {
    return emptyResult();
  }
}

/**
 * Applies per-character flags of a script (indexed by offsets in the script text) to the words of an
 * extraction made on that script, before it is mapped back through the word holding the script.
 * With `restore`, characters flagged unknown are replaced by `restore.shown[offset]` when the word's
 * character is the parsed character at that offset (Makefile references parsed as placeholders).
 */
export function applyCharFlags(
  result: ExtractResult,
  flags: ArrayLike<number>,
  restore?: { parsed: string; shown: string },
): ExtractResult {
  const flagAt = (o: number) => flags[o] ?? 0;
  const spanFlags = (s: Span | undefined) => {
    let f = 0;
    if (s) for (let o = s.start; o < s.end; o++) f |= flagAt(o);
    return f;
  };
  const flagWord = (w: Word): Word => {
    let f = 0;
    let chars: string[] | undefined;
    for (let i = 0; i < w.text.length; i++) {
      const o = w.offsets[i] ?? -1;
      const cf = flagAt(o);
      f |= cf;
      if (restore && cf & CHAR_UNKNOWN && restore.parsed[o] === w.text[i] && restore.shown[o] !== undefined) {
        chars ??= w.text.split('');
        chars[i] = restore.shown[o] as string;
      }
    }
    if (f === 0) return w;
    const out: Word = { ...w };
    if (chars) out.text = chars.join('');
    if (f & CHAR_UNKNOWN) out.unknown = true;
    if (f & CHAR_DEFAULT) out.fromDefault = true;
    return out;
  };
  const flagEnv = (e: EnvVar): EnvVar => {
    if (!(spanFlags(e.valueSpan) & CHAR_UNKNOWN)) return e;
    return { ...e, value: undefined, unknown: true };
  };
  const flagImage = (image: ImageRef | undefined): ImageRef | undefined => {
    if (!image) return image;
    const f = spanFlags(image.tagSpan) | (image.tag === undefined ? spanFlags(image.span) : 0);
    return f & CHAR_UNKNOWN ? { ...image, unknownTag: true } : image;
  };
  return {
    issues: result.issues,
    invocations: result.invocations.map((inv) => ({
      ...inv,
      args: inv.args.map(flagWord),
      env: inv.env?.map(flagEnv),
      image: flagImage(inv.image),
    })),
  };
}

/**
 * After mapResultThroughWord: the end offset of a word (`offsets[text.length]`, the position after
 * its last character) was mapped from the position of the *next* script character, which can be
 * far away in the document (`${X:-0.8}'`). Keep it just past the last character, inside the span.
 */
export function clampEndOffsets(result: ExtractResult): ExtractResult {
  const fix = (w: Word): Word => {
    const n = w.text.length;
    const end = w.offsets[n];
    const last = w.offsets[n - 1];
    if (n === 0 || end === undefined || last === undefined) return w;
    if (end > last && end <= w.span.end) return w;
    const offsets = w.offsets.slice();
    offsets[n] = last + 1;
    return { ...w, offsets };
  };
  return {
    issues: result.issues,
    invocations: result.invocations.map((inv) => ({ ...inv, args: inv.args.map(fix) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Pre-processing (same length, so offsets stay valid)

/** Rewrites CRLF continuations, stray CRs and Windows `^` continuations. Length is preserved. */
export function preprocessShellText(text: string): string {
  let t = text;
  // Windows console snippets (`vllm serve m ^` + newline) when the text has no `\` continuation.
  if (/[ \t]\^\r?\n/.test(t) && !/\\\r?\n/.test(t)) {
    t = t.replace(/([ \t])\^(?=\r?\n)/g, '$1\\');
  }
  if (t.includes('\r')) {
    t = t.replace(/\\\r\n/g, ' \\\n').replace(/\r/g, ' ');
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Word building

class Acc {
  readonly parts: string[] = [];
  readonly offs: number[] = [];
  readonly flags: number[] = [];
  /** Source offset just past the last character produced (or where the (empty) text sits). */
  end: number;
  /** Flag added to every character pushed (CHAR_DEFAULT while inside a `${X:-default}`). */
  mode = 0;
  /** An expansion that may give many or no words appeared (`"$@"`, unquoted `$EXTRA_ARGS`, `${X:+…}`). */
  splatty = false;
  /** Characters that do not come from an unknown expansion. */
  literal = 0;
  usedDefault = false;

  constructor(start: number) {
    this.end = start;
  }

  push(ch: string, at: number, flag = 0, end = at + 1): void {
    this.parts.push(ch);
    this.offs.push(at);
    this.flags.push(flag | this.mode);
    this.end = end;
    if (!(flag & CHAR_UNKNOWN)) this.literal++;
  }

  /** Positions the (still empty) word's text at `at`. */
  anchor(at: number): void {
    if (this.parts.length === 0) this.end = at;
  }
}

class ShellScanner {
  readonly invocations: Invocation[] = [];
  private readonly hits: number[] = [];
  private readonly flagsOf = new WeakMap<Word, number[]>();
  private root!: Node;

  constructor(
    private readonly parser: Parser,
    private readonly src: string,
    private readonly orig: string,
    private readonly fileKind: FileKind,
    private readonly depth: number,
    private readonly budget: ParseBudget,
  ) {
    const re = new RegExp(LAUNCH_HINT.source, 'gi');
    for (let m = re.exec(src); m; m = re.exec(src)) this.hits.push(m.index);
  }

  /** Does [start, end) contain an occurrence of "vllm"? Lets the walk skip irrelevant subtrees. */
  private hasHit(start: number, end: number): boolean {
    const hits = this.hits;
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((hits[mid] as number) < start) lo = mid + 1;
      else hi = mid;
    }
    const h = hits[lo];
    return h !== undefined && h + 4 <= end;
  }

  run(): void {
    if (this.hits.length === 0) return;
    const tree = parseWithBudget(this.parser, this.src, this.budget);
    if (!tree) return;
    try {
      this.root = tree.rootNode;
      const cursor = tree.walk();
      try {
        for (;;) {
          if (--this.budget.walk < 0) return;
          const relevant = this.hasHit(cursor.startIndex, cursor.endIndex);
          if (relevant && cursor.nodeType === 'command') {
            this.safeCommand(cursor.currentNode);
          } else if (relevant && cursor.nodeType === 'redirected_statement') {
            // `bash <<EOF … vllm serve … EOF`: the command itself does not mention vllm, its heredoc does.
            const body = cursor.currentNode.child(0);
            if (body && body.type === 'command' && !this.hasHit(body.startIndex, body.endIndex)) this.safeCommand(body);
          }
          if (relevant && cursor.gotoFirstChild()) continue;
          while (!cursor.gotoNextSibling()) {
            if (!cursor.gotoParent()) return;
          }
        }
      } finally {
        cursor.delete();
      }
    } finally {
      tree.delete();
    }
  }

  // ----- commands

  private safeCommand(node: Node): void {
    try {
      this.command(node);
    } catch {
      // one odd command must not cost the rest of the file
    }
  }

  private command(node: Node): void {
    const words = this.commandWords(node);
    if (words.length === 0) return;
    let match = findLaunch(words);
    if (!match) {
      this.nested(node, words);
      return;
    }
    const chain = this.continuationChain(node);
    const spans: Span[] = [{ start: node.startIndex, end: node.endIndex }];
    if (chain.orphans.length > 0) {
      const orphanWords = chain.orphans.flatMap((o) => this.orphanWords(o));
      match = findLaunch([...words, ...orphanWords]) ?? match;
      for (const o of chain.orphans) spans.push({ start: o.startIndex, end: o.endIndex });
    }
    const inv = toInvocation(match, this.fileKind);
    // A plain shell launch only has its environment (CUDA_VISIBLE_DEVICES); `docker run` has its options.
    inv.deployment ??= envDeployment(inv.env);
    inv.span = coverSpans(spans);
    if (chain.markers.length > 0) inv.brokenContinuations = chain.markers;
    this.invocations.push(inv);
  }

  /** argv of a command: `NAME=value` prefixes, the command name and its arguments (no redirections). */
  private commandWords(node: Node): Word[] {
    const words: Word[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child || child.endIndex <= child.startIndex) continue;
      switch (child.type) {
        case 'variable_assignment':
          words.push(this.buildWord(child, false));
          break;
        case 'file_redirect':
        case 'herestring_redirect':
        case 'heredoc_redirect':
        case 'comment':
        case 'subshell':
          break;
        default:
          words.push(this.buildWord(child, true));
      }
    }
    return words;
  }

  private buildWord(node: Node, splatAllowed: boolean): Word {
    const s = node.startIndex;
    const e = node.endIndex;
    const written = this.src.slice(s, e);
    if (PLAIN_WORD.test(written) && node.type !== 'ERROR') {
      // No quote, escape, expansion or glob: the word is its text, character for character (what the
      // general path below builds, without a per-character walk of the node).
      const offsets = new Array<number>(written.length + 1);
      for (let k = 0; k <= written.length; k++) offsets[k] = s + k;
      return { text: written, span: { start: s, end: e }, offsets };
    }
    const acc = new Acc(s);
    if (node.type === 'command_name' || node.type === 'variable_assignment') this.emitRange(node, acc, s, e, false);
    else this.emit(node, acc, false);
    const word: Word = { text: acc.parts.join(''), span: { start: s, end: e }, offsets: [...acc.offs, acc.end] };
    if (acc.flags.some((f) => (f & CHAR_UNKNOWN) !== 0)) word.unknown = true;
    if (acc.usedDefault) word.fromDefault = true;
    if (node.type === 'ERROR') word.splat = true;
    else if (splatAllowed && acc.splatty && acc.literal === 0) {
      word.splat = true;
      word.unknown = true;
    }
    this.flagsOf.set(word, acc.flags);
    return word;
  }

  // ----- word pieces

  private emit(node: Node, acc: Acc, quoted: boolean): void {
    const s = node.startIndex;
    const e = node.endIndex;
    if (e <= s) return;
    if (!node.isNamed) {
      // `$` alone, `=`, `+=`, `=~`; an empty `` `` `` produces nothing.
      if (node.type !== '``') this.raw(acc, s, e, 0);
      return;
    }
    switch (node.type) {
      case 'word':
      case 'number':
      case 'string_content':
      case 'heredoc_content':
      case 'variable_name':
      case 'subscript':
        this.literal(acc, s, e, quoted);
        return;
      case 'string':
        this.emitDoubleQuoted(node, acc, s + 1);
        return;
      case 'translated_string':
        this.emitDoubleQuoted(node, acc, s + 2);
        return;
      case 'raw_string':
        if (quoted) this.raw(acc, s, e, 0);
        else {
          acc.anchor(s + 1);
          this.raw(acc, s + 1, this.src[e - 1] === "'" && e - 1 > s ? e - 1 : e, 0);
        }
        return;
      case 'ansi_c_string':
        if (quoted) this.raw(acc, s, e, 0);
        else this.emitAnsiC(acc, s, e);
        return;
      case 'concatenation':
        this.emitRange(node, acc, s, e, quoted);
        return;
      case 'simple_expansion': {
        this.raw(acc, s, e, CHAR_UNKNOWN);
        const name = this.src.slice(s + 1, e);
        if (name === '@' || (!quoted && (name === '*' || SPLAT_NAME.test(name)))) acc.splatty = true;
        return;
      }
      case 'expansion':
        this.emitExpansion(node, acc, quoted);
        return;
      case 'brace_expression':
        this.raw(acc, s, e, CHAR_UNKNOWN);
        if (!quoted) acc.splatty = true;
        return;
      default:
        // process_substitution, arithmetic_expansion, array, ERROR, …: value unknown.
        this.raw(acc, s, e, CHAR_UNKNOWN);
    }
  }

  /** Emits [from, to) of `node`: children through emit(), text between them as literal text. */
  private emitRange(node: Node, acc: Acc, from: number, to: number, quoted: boolean): void {
    let pos = from;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (!c) continue;
      const cs = c.startIndex;
      const ce = c.endIndex;
      if (ce <= pos || cs >= to || ce <= cs) continue;
      if (cs > pos) this.literal(acc, pos, cs, quoted);
      this.emit(c, acc, quoted);
      pos = ce;
    }
    if (pos < to) this.literal(acc, pos, to, quoted);
  }

  private emitDoubleQuoted(node: Node, acc: Acc, contentStart: number): void {
    const e = node.endIndex;
    const contentEnd = e - 1 >= contentStart && this.src[e - 1] === '"' ? e - 1 : e;
    acc.anchor(contentStart);
    this.emitRange(node, acc, contentStart, contentEnd, true);
  }

  private emitExpansion(node: Node, acc: Acc, quoted: boolean): void {
    const s = node.startIndex;
    const e = node.endIndex;
    const kids: Node[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c) kids.push(c);
    }
    const nameIndex = kids.findIndex((k) => k.isNamed);
    const name = kids[nameIndex];
    // `${#X}`, `${!X}`: an operator before the name.
    const prefixOperator = nameIndex > 1;
    if (!name || prefixOperator) {
      this.raw(acc, s, e, CHAR_UNKNOWN);
      return;
    }
    const nameText = this.src.slice(name.startIndex, name.endIndex);
    const allArgs = nameText === '@' || (name.type === 'subscript' && /\[@\]$/.test(nameText));
    const unquotedSplat = !quoted && (nameText === '*' || /\[\*\]$/.test(nameText) || SPLAT_NAME.test(nameText));
    const op = kids.slice(nameIndex + 1).find((k) => !k.isNamed && k.type !== '}');
    const last = kids[kids.length - 1];
    const closeStart = last && last.type === '}' ? last.startIndex : e;
    if (!op) {
      this.raw(acc, s, e, CHAR_UNKNOWN);
      if (allArgs || unquotedSplat) acc.splatty = true;
      return;
    }
    if (DEFAULT_OPS.has(op.type)) {
      const before = acc.parts.length;
      const savedMode = acc.mode;
      acc.mode |= CHAR_DEFAULT;
      acc.anchor(op.endIndex);
      this.emitRange(node, acc, op.endIndex, closeStart, quoted);
      acc.mode = savedMode;
      if (acc.parts.length === before && !quoted) {
        // `${EXTRA:-}` unquoted: nothing or whatever EXTRA holds.
        this.raw(acc, s, e, CHAR_UNKNOWN);
        acc.splatty = true;
      } else {
        acc.usedDefault = true;
      }
      return;
    }
    this.raw(acc, s, e, CHAR_UNKNOWN);
    if (ALTERNATIVE_OPS.has(op.type) && !quoted) acc.splatty = true;
  }

  private emitAnsiC(acc: Acc, s: number, e: number): void {
    const src = this.src;
    const from = s + 2;
    const to = e - 1 >= from && src[e - 1] === "'" ? e - 1 : e;
    acc.anchor(from);
    let i = from;
    while (i < to) {
      const c = src[i] as string;
      if (c !== '\\' || i + 1 >= to) {
        acc.push(c, i);
        i++;
        continue;
      }
      const n = src[i + 1] as string;
      const simple = ANSI_C_SIMPLE[n];
      if (simple !== undefined) {
        acc.push(simple, i, 0, i + 2);
        i += 2;
        continue;
      }
      let m: RegExpExecArray | null = null;
      let code: number | undefined;
      const rest = src.slice(i + 1, Math.min(to, i + 11));
      if ((m = /^x([0-9a-fA-F]{1,2})/.exec(rest))) code = parseInt(m[1] as string, 16);
      else if ((m = /^u([0-9a-fA-F]{1,4})/.exec(rest))) code = parseInt(m[1] as string, 16);
      else if ((m = /^U([0-9a-fA-F]{1,8})/.exec(rest))) code = parseInt(m[1] as string, 16);
      else if ((m = /^([0-7]{1,3})/.exec(rest))) code = parseInt(m[1] as string, 8) & 0xff;
      else if ((m = /^c(.)/s.exec(rest))) code = (m[1] as string).charCodeAt(0) & 0x1f;
      if (m && code !== undefined) {
        const end = i + 1 + m[0].length;
        const text = code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        for (let k = 0; k < text.length; k++) acc.push(text[k] as string, i, 0, end);
        i = end;
        continue;
      }
      // Unknown escape: bash keeps the backslash.
      acc.push('\\', i);
      i++;
    }
  }

  /** Literal source text, removing quoting backslashes (unquoted: any `\x`; in "…": \\ \" \$ \`). */
  private literal(acc: Acc, from: number, to: number, quoted: boolean): void {
    const src = this.src;
    for (let i = from; i < to; i++) {
      const c = src[i] as string;
      if (c === '\\' && i + 1 < to) {
        const n = src[i + 1] as string;
        if (n === '\n') {
          i++;
          continue;
        }
        if (!quoted || n === '\\' || n === '"' || n === '$' || n === '`') {
          acc.push(n, i + 1);
          i++;
          continue;
        }
      }
      acc.push(c, i);
    }
  }

  private raw(acc: Acc, from: number, to: number, flag: number): void {
    const src = this.src;
    for (let i = from; i < to; i++) acc.push(src[i] as string, i, flag);
  }

  // ----- nested scripts: `bash -c "…"`, `bash <<EOF`, `docker run … img bash -c "…"`

  private nested(node: Node, words: Word[]): void {
    if (this.depth >= MAX_DEPTH) return;
    const found = this.findShell(words, 0);
    if (!found) return;
    const script = found.script ?? this.heredocWord(node);
    if (!script || !LAUNCH_HINT.test(script.text)) return;
    const inner = scanScript(this.parser, script.text, this.fileKind, this.depth + 1, this.budget);
    if (inner.invocations.length === 0) return;
    const flags = this.flagsOf.get(script) ?? [];
    const mapped = clampEndOffsets(mapResultThroughWord(applyCharFlags(inner, flags), script));
    const outerEnv = [...found.env.map(envFromAssignment), ...found.dockerEnv];
    for (const inv of mapped.invocations) {
      if (found.image && !inv.image) inv.image = found.image;
      if (outerEnv.length > 0) inv.env = [...outerEnv, ...(inv.env ?? [])];
      if (found.dockerOptions) inv.deployment = dockerRunDeployment(found.dockerOptions, inv.env ?? []);
      this.invocations.push(inv);
    }
  }

  private findShell(
    words: Word[],
    start: number,
  ): { script?: Word; env: Word[]; dockerEnv: EnvVar[]; image?: ImageRef; dockerOptions?: DockerOption[] } | null {
    const env: Word[] = [];
    let inOptionWrapper = false;
    for (let i = start; i < words.length; i++) {
      const w = words[i] as Word;
      if (w.unknown) return null;
      const cmd = basename(w.text);
      if (SHELLS.has(cmd)) {
        let j = i + 1;
        let sawC = false;
        while (j < words.length) {
          const a = words[j] as Word;
          const t = a.text;
          if (a.unknown) break;
          if (t === '--' || t === '-') {
            j++;
            break;
          }
          if (/^[-+][oO]$/.test(t) || t === '--rcfile' || t === '--init-file') {
            j += 2;
            continue;
          }
          if (/^[-+][a-zA-Z]+$/.test(t)) {
            if (t.startsWith('-') && t.includes('c')) sawC = true;
            j++;
            continue;
          }
          if (/^--[a-z-]+$/.test(t)) {
            j++;
            continue;
          }
          break;
        }
        return { script: sawC ? words[j] : undefined, env, dockerEnv: [] };
      }
      if (DOCKERS.has(cmd)) {
        const optionsStart =
          words[i + 1]?.text === 'run' ? i + 2 : words[i + 1]?.text === 'container' && words[i + 2]?.text === 'run' ? i + 3 : -1;
        if (optionsStart < 0) return null;
        const parsed = parseDockerRun(words, optionsStart);
        if (!parsed) return null;
        const after = words.slice(parsed.imageIndex + 1);
        const inner = this.findShell(parsed.entrypoint ? [parsed.entrypoint, ...after] : after, 0);
        if (!inner) return null;
        return {
          script: inner.script,
          env: [...env, ...inner.env],
          dockerEnv: parsed.env,
          dockerOptions: parsed.options,
          image: parseImageRef(words[parsed.imageIndex] as Word),
        };
      }
      if (ASSIGNMENT.test(w.text)) {
        env.push(w);
        continue;
      }
      if (SIMPLE_WRAPPERS.has(cmd)) continue;
      if (OPTION_WRAPPERS.has(cmd)) {
        inOptionWrapper = true;
        continue;
      }
      if (inOptionWrapper) continue;
      return null;
    }
    return null;
  }

  /** The body of a heredoc fed to this command (`bash <<EOF … EOF`), as a word. */
  private heredocWord(node: Node): Word | undefined {
    const parent = node.parent;
    if (!parent || parent.type !== 'redirected_statement') return undefined;
    for (let i = 0; i < parent.childCount; i++) {
      const redirect = parent.child(i);
      if (!redirect || redirect.type !== 'heredoc_redirect') continue;
      let body: Node | undefined;
      let quotedDelimiter = false;
      for (let k = 0; k < redirect.childCount; k++) {
        const c = redirect.child(k);
        if (!c) continue;
        if (c.type === 'heredoc_start') quotedDelimiter = /['"\\]/.test(this.src.slice(c.startIndex, c.endIndex));
        if (c.type === 'heredoc_body') body = c;
      }
      if (!body) return undefined;
      const acc = new Acc(body.startIndex);
      if (quotedDelimiter) this.raw(acc, body.startIndex, body.endIndex, 0);
      else this.emitRange(body, acc, body.startIndex, body.endIndex, true);
      const word: Word = {
        text: acc.parts.join(''),
        span: { start: body.startIndex, end: body.endIndex },
        offsets: [...acc.offs, acc.end],
      };
      if (acc.flags.some((f) => (f & CHAR_UNKNOWN) !== 0)) word.unknown = true;
      this.flagsOf.set(word, acc.flags);
      return word;
    }
    return undefined;
  }

  // ----- broken continuations

  /**
   * The statement starting exactly at `pos` that can hold orphaned arguments: a command, or (a
   * tree-sitter-bash quirk for `--flag=value` lines) one or more variable assignments.
   */
  private statementAt(pos: number): Node | null {
    let found: Node | null = null;
    for (let n = this.root.descendantForIndex(pos, pos + 1); n && n.startIndex === pos; n = n.parent) {
      if (ORPHAN_TYPES.has(n.type)) found = n;
    }
    return found;
  }

  /** The words of an orphaned statement. */
  private orphanWords(node: Node): Word[] {
    if (node.type === 'command') return this.commandWords(node);
    if (node.type === 'variable_assignment') return [this.buildWord(node, false)];
    const words: Word[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c && c.type === 'variable_assignment') words.push(this.buildWord(c, false));
    }
    return words;
  }

  private lineEnd(pos: number): number {
    const i = this.src.indexOf('\n', pos);
    return i < 0 ? this.src.length : i;
  }

  private commentSpan(hash: number, lineEnd: number): Span {
    let end = lineEnd;
    while (end > hash && /[ \t]/.test(this.src[end - 1] as string)) end--;
    return { start: hash, end };
  }

  /**
   * After a launch command: a `\` followed by blanks, or a comment inside the continued command, ends
   * the command early. The following lines that start with `-` are the orphaned arguments.
   */
  private continuationChain(cmd: Node): { orphans: Node[]; markers: BrokenContinuation[] } {
    const src = this.src;
    const orphans: Node[] = [];
    const markers: BrokenContinuation[] = [];
    let cur = cmd;
    for (let guard = 0; guard < 10000; guard++) {
      let pos = cur.endIndex;
      const parent = cur.parent;
      if (parent && parent.type === 'redirected_statement' && parent.startIndex === cur.startIndex) pos = parent.endIndex;
      const multiline = cur !== cmd || src.slice(cur.startIndex, cur.endIndex).includes('\n');
      const end = this.lineEnd(pos);
      const rest = src.slice(pos, end);
      const p = pos + (/^[ \t]*/.exec(rest) as RegExpExecArray)[0].length;
      const comments: BrokenContinuation[] = [];
      if (src[p] === '\\' && /^\\[ \t]+(#.*)?$/.test(src.slice(p, end))) {
        let q = p + 1;
        while (q < end && (this.orig[q] === ' ' || this.orig[q] === '\t')) q++;
        markers.push({ kind: 'space-after-backslash', span: { start: p, end: Math.max(q, p + 1) } });
      } else if (src[p] === '\\' && p + 1 === end) {
        // A real continuation: the next line (a comment, see below) belongs to this command.
      } else if (src[p] === '#') {
        const span = this.commentSpan(p, end);
        if (!multiline && !src.slice(span.start, span.end).endsWith('\\')) break;
        comments.push({ kind: 'comment-in-continuation', span });
      } else if (p >= end && end < src.length) {
        // The line ends without a backslash. A next line that starts with a long option (`--port 80`)
        // cannot be a command of its own: the backslash is missing.
        const ls = end + 1;
        const le = this.lineEnd(ls);
        const fp = ls + (/^[ \t]*/.exec(src.slice(ls, le)) as RegExpExecArray)[0].length;
        const next = /^--[A-Za-z]/.test(src.slice(fp, fp + 3)) ? this.statementAt(fp) : null;
        if (!next) break;
        let ws = pos;
        while (ws > 0 && !/\s/.test(src[ws - 1] as string)) ws--;
        markers.push({ kind: 'missing-backslash', span: { start: ws, end: pos } });
        orphans.push(next);
        cur = next;
        continue;
      } else {
        break;
      }
      let next: Node | null = null;
      let ls = end + 1;
      while (ls < src.length) {
        const le = this.lineEnd(ls);
        const fp = ls + (/^[ \t]*/.exec(src.slice(ls, le)) as RegExpExecArray)[0].length;
        if (fp >= le) break;
        if (src[fp] === '#') {
          comments.push({ kind: 'comment-in-continuation', span: this.commentSpan(fp, le) });
          ls = le + 1;
          continue;
        }
        next = src[fp] === '-' ? this.statementAt(fp) : null;
        break;
      }
      if (!next) break;
      if (comments.length === 0 && markers.length === 0) break;
      markers.push(...comments);
      orphans.push(next);
      cur = next;
    }
    return { orphans, markers };
  }
}

const ANSI_C_SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function envFromAssignment(w: Word): EnvVar {
  const eq = w.text.indexOf('=');
  const at = (i: number) => w.offsets[Math.min(i, w.offsets.length - 1)] ?? w.span.start;
  return {
    name: w.text.slice(0, eq),
    value: w.unknown ? undefined : w.text.slice(eq + 1),
    unknown: w.unknown,
    nameSpan: { start: at(0), end: at(eq - 1) + 1 },
    valueSpan: { start: at(eq + 1), end: eq + 1 < w.text.length ? at(w.text.length - 1) + 1 : at(eq + 1) },
  };
}

/** Extraction of one script text (synchronous once the parser exists). */
function scanScript(parser: Parser, text: string, fileKind: FileKind, depth: number, budget: ParseBudget): ExtractResult {
  try {
    const src = preprocessShellText(text);
    const scanner = new ShellScanner(parser, src, text, fileKind, depth, budget);
    scanner.run();
    return { invocations: scanner.invocations, issues: [] };
  } catch {
    return emptyResult();
  }
}

/**
 * Runs the shell extractor on a script held in a word (compose `bash -c "…"`, a Dockerfile RUN) and
 * maps the result back to the document through the word.
 */
export async function extractShellWord(word: Word, fileKind: FileKind): Promise<ExtractResult> {
  return clampEndOffsets(mapResultThroughWord(await extractShellScript(word.text, fileKind), word));
}
