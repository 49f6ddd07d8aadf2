// Dockerfile extractor: per build stage, the FROM image and the ENTRYPOINT/CMD the container runs,
// joined the way Docker joins them, with exact spans for every argument.
//
// Docker semantics mirrored here (moby/buildkit):
// - line continuations: the escape character (`\`, or the one set by `# escape=`) followed by spaces
//   or tabs at the end of a line; comment lines and empty lines inside a continued instruction are skipped;
// - exec form is used when the arguments parse as a JSON array of strings, otherwise shell form
//   (`<SHELL> <text>`, `/bin/sh -c` by default);
// - ENTRYPOINT exec + CMD exec → entrypoint ++ cmd; a shell-form ENTRYPOINT ignores CMD; setting
//   ENTRYPOINT in a stage resets a CMD inherited from the base image (not one set earlier in the stage);
// - FROM may use ARGs declared before the first FROM; ENTRYPOINT/CMD are not expanded at build time.
import type { Arg, Argument, Env, Instruction, Property } from 'dockerfile-ast';
import type * as DockerfileAst from 'dockerfile-ast';
import { findLaunch, imageEntrypointLaunch, isVllmImageName, parseImageRef, toInvocation } from '../launch';
import { envDeployment } from './deployment';
import type { LaunchMatch } from '../launch';
import { LineIndex, emptyResult, literalWord, sliceWord } from '../text';
import type { EnvVar, ExtractContext, ExtractIssue, ExtractResult, ImageRef, Invocation, Span, Word } from '../types';

/** A command line written in ENTRYPOINT, CMD or RUN. */
type CommandLine =
  | { form: 'exec'; words: Word[]; instruction: Span }
  | { form: 'shell'; word: Word; instruction: Span; posixShell: boolean };

interface StageState {
  /** Stage name (`AS name`), lower-cased. */
  name?: string;
  /** The external image at the root of the stage chain. */
  image?: ImageRef;
  imageIsVllm: boolean;
  /** ENTRYPOINT set somewhere in the chain of stages in this file. */
  entrypoint?: CommandLine;
  cmd?: CommandLine;
  env: EnvVar[];
  /** SHELL is a POSIX shell (shell-form commands are shell scripts). */
  posixShell: boolean;
  /** This stage itself sets ENTRYPOINT or CMD. */
  ownCommand: boolean;
  cmdSetInStage: boolean;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh']);
const LAUNCHER_HINT = /\bvllm\s+serve\b|vllm\.entrypoints\.(?:openai\.api_server|cli\.main)|\bsglang\s+serve\b|sglang\.launch_server|\btrtllm-(?:serve|build)\b/;

function baseName(text: string): string {
  const i = text.lastIndexOf('/');
  return i >= 0 ? text.slice(i + 1) : text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds a Word from pieces of the document, each character keeping its document offset. */
class WordBuilder {
  text = '';
  offsets: number[] = [];
  endOffset = -1;

  append(doc: string, from: number, to: number): void {
    this.text += doc.slice(from, to);
    for (let i = from; i < to; i++) this.offsets.push(i);
    this.endOffset = to;
  }

  build(fallbackStart: number): Word {
    const start = this.offsets[0] ?? fallbackStart;
    const end = this.endOffset >= 0 ? this.endOffset : fallbackStart;
    return { text: this.text, span: { start, end }, offsets: [...this.offsets, end] };
  }
}

/**
 * The arguments of an instruction as Docker sees them once line continuations are removed, with each
 * character mapped to its document offset. Trimmed of surrounding whitespace.
 */
function logicalArguments(doc: string, start: number, end: number, escapeChar: string): Word {
  const continuation = new RegExp(`${escapeRegExp(escapeChar)}[ \\t]*$`);
  const builder = new WordBuilder();
  let pos = start;
  let first = true;
  while (pos < end && pos < doc.length) {
    let eol = pos;
    while (eol < doc.length && doc.charCodeAt(eol) !== 10 && doc.charCodeAt(eol) !== 13) eol++;
    let next = eol + 1;
    if (doc.charCodeAt(eol) === 13 && doc.charCodeAt(eol + 1) === 10) next++;
    const line = doc.slice(pos, eol);
    if (!first) {
      const trimmed = line.trimStart();
      if (trimmed === '' || trimmed.startsWith('#')) {
        pos = next;
        continue;
      }
    }
    first = false;
    const m = continuation.exec(line);
    builder.append(doc, pos, m ? pos + m.index : eol);
    if (!m) break;
    pos = next;
  }
  const word = builder.build(start);
  const lead = word.text.length - word.text.trimStart().length;
  const trail = word.text.trimEnd().length;
  return trail <= lead ? sliceWord(word, lead, lead) : sliceWord(word, lead, trail);
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isJsonSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Parses the exec form (a JSON array of strings); null when Docker would use the shell form. */
function parseExecForm(w: Word): Word[] | null {
  const s = w.text;
  let i = 0;
  const skip = () => {
    while (isJsonSpace(s[i])) i++;
  };
  const off = (k: number) => w.offsets[Math.min(k, w.offsets.length - 1)] ?? w.span.start;
  skip();
  if (s[i] !== '[') return null;
  i++;
  skip();
  const words: Word[] = [];
  if (s[i] === ']') {
    i++;
  } else {
    for (;;) {
      if (s[i] !== '"') return null;
      const open = i;
      i++;
      let text = '';
      const offsets: number[] = [];
      for (;;) {
        const c = s[i];
        if (c === undefined) return null;
        if (c === '"') break;
        if (c.charCodeAt(0) < 0x20) return null;
        if (c === '\\') {
          const e = s[i + 1];
          if (e === undefined) return null;
          if (e === 'u') {
            const hex = s.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
            text += String.fromCharCode(parseInt(hex, 16));
            offsets.push(off(i));
            i += 6;
            continue;
          }
          const decoded = JSON_ESCAPES[e];
          if (decoded === undefined) return null;
          text += decoded;
          offsets.push(off(i));
          i += 2;
          continue;
        }
        text += c;
        offsets.push(off(i));
        i++;
      }
      const close = i;
      i++;
      offsets.push(off(close));
      words.push({ text, offsets, span: { start: off(open), end: off(close) + 1 } });
      skip();
      if (s[i] === ',') {
        i++;
        skip();
        continue;
      }
      if (s[i] === ']') {
        i++;
        break;
      }
      return null;
    }
  }
  skip();
  return i === s.length ? words : null;
}

/** Substitutes build ARGs (`$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`, `${X+a}`) in a FROM image word. */
function substituteArgs(word: Word, args: Map<string, string | null>, escapeChar: string): Word {
  const s = word.text;
  if (!s.includes('$')) return word;
  let text = '';
  const offsets: number[] = [];
  let unknown = false;
  let fromDefault = false;
  const off = (k: number) => word.offsets[Math.min(k, word.offsets.length - 1)] ?? word.span.start;
  /** Writes a substituted value, spreading it over the source text it replaces (first char → `$`, last → `}`). */
  const emit = (value: string, from: number, to: number) => {
    for (let k = 0; k < value.length; k++) {
      offsets.push(k === value.length - 1 && k > 0 ? off(to - 1) : off(from));
      text += value[k];
    }
  };
  const keep = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      text += s[k];
      offsets.push(off(k));
    }
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === escapeChar && s[i + 1] === '$') {
      text += '$';
      offsets.push(off(i));
      i += 2;
      continue;
    }
    if (c !== '$') {
      keep(i, i + 1);
      i++;
      continue;
    }
    let name: string | undefined;
    let op: string | undefined;
    let operand = '';
    let end = i + 1;
    const simple = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (simple) {
      name = simple[0];
      end = i + 1 + name.length;
    } else if (s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close >= 0) {
        const inner = s.slice(i + 2, close);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*)|(.+))?$/s.exec(inner);
        if (m) {
          name = m[1];
          if (m[2] !== undefined) {
            op = m[2];
            operand = m[3] ?? '';
          } else if (m[4] !== undefined) {
            op = '?';
          }
        }
        end = close + 1;
      }
    }
    if (name === undefined) {
      keep(i, i + 1);
      i++;
      continue;
    }
    const declared = args.has(name);
    const value = args.get(name);
    let result: string | undefined; // undefined → unknown
    if (op === undefined) {
      result = value ?? undefined;
    } else if (op === ':-' || op === '-') {
      if (typeof value === 'string' && (op === '-' || value !== '')) result = value;
      else result = operand;
    } else if (op === ':+' || op === '+') {
      if (typeof value === 'string') result = op === '+' || value !== '' ? operand : '';
      else result = declared ? undefined : '';
    }
    if (result === undefined) {
      unknown = true;
      keep(i, end);
    } else {
      fromDefault = true;
      emit(result, i, end);
    }
    i = end;
  }
  offsets.push(word.offsets[word.offsets.length - 1] ?? word.span.end);
  const out: Word = { text, offsets, span: word.span };
  if (unknown) out.unknown = true;
  else if (fromDefault) out.fromDefault = true;
  return out;
}

/** Text-only ARG substitution, for ARG defaults that use earlier ARGs. Null when unknown. */
function substituteText(value: string, args: Map<string, string | null>, escapeChar: string): string | null {
  const w = substituteArgs(literalWord(value, 0), args, escapeChar);
  return w.unknown ? null : w.text;
}

/** Index of the script word in `sh -c script`, `bash -lc script`, `/bin/sh -e -c script`; -1 otherwise. */
function shellScriptIndex(words: Word[]): number {
  const first = words[0];
  if (!first || !POSIX_SHELLS.has(baseName(first.text))) return -1;
  for (let i = 1; i < words.length; i++) {
    const t = (words[i] as Word).text;
    if (t === '-o' || t === '+o') {
      i++;
      continue;
    }
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t)) return i + 1 < words.length ? i + 1 : -1;
    if (!/^[-+][a-zA-Z]+$/.test(t)) return -1;
  }
  return -1;
}

interface Launch {
  result: ExtractResult;
  /** Identifies the instructions the launch comes from, to emit an inherited launch once. */
  key: string;
}

export async function extractDockerfile(text: string, ctx: ExtractContext): Promise<ExtractResult> {
  try {
    const result = await extract(text, ctx);
    // A Dockerfile only says the image and its ENV; GPUs, ports and volumes are decided at `docker run`.
    for (const inv of result.invocations) inv.deployment = envDeployment(inv.env, 'dockerfile');
    return result;
  } catch {
    return emptyResult();
  }
}

async function extract(text: string, ctx: ExtractContext): Promise<ExtractResult> {
  // Required here, not imported: the parser (and vscode-languageserver-types) loads with the first Dockerfile.
  const { DockerfileParser } = require('dockerfile-ast') as typeof DockerfileAst;
  const dockerfile = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const escapeChar = dockerfile.getEscapeCharacter() || '\\';
  const offsetOf = (p: { line: number; character: number }) => lines.offsetAt(p);
  const spanOf = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span => ({
    start: offsetOf(r.start),
    end: offsetOf(r.end),
  });

  const globalArgs = new Map<string, string | null>();
  const stages: StageState[] = [];
  const runLaunches: Launch[] = [];
  let current: StageState | undefined;

  const argumentWord = (ins: Instruction): Word | null => {
    const range = ins.getArgumentsRange();
    if (!range) return null;
    return logicalArguments(text, offsetOf(range.start), offsetOf(ins.getRange().end), escapeChar);
  };

  const commandLine = (ins: Instruction, state: StageState): CommandLine | null => {
    const word = argumentWord(ins);
    const instruction = spanOf(ins.getRange());
    if (!word) return { form: 'exec', words: [], instruction };
    const words = parseExecForm(word);
    if (words) return { form: 'exec', words, instruction };
    return { form: 'shell', word, instruction, posixShell: state.posixShell };
  };

  const finishStage = () => {
    if (current) stages.push(current);
  };

  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') {
      finishStage();
      current = startStage(ins, stages, globalArgs, text, escapeChar, spanOf);
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') {
        for (const p of (ins as Arg).getProperties()) {
          const v = p.getValue();
          globalArgs.set(p.getName(), v === null ? null : substituteText(v, globalArgs, escapeChar));
        }
      }
      continue;
    }
    const state: StageState = current;
    switch (keyword) {
      case 'ENTRYPOINT': {
        const cl = commandLine(ins, state);
        if (!cl) break;
        state.entrypoint = cl;
        if (!state.cmdSetInStage) state.cmd = undefined;
        state.ownCommand = true;
        break;
      }
      case 'CMD': {
        const cl = commandLine(ins, state);
        if (!cl) break;
        state.cmd = cl;
        state.cmdSetInStage = true;
        state.ownCommand = true;
        break;
      }
      case 'ENV': {
        for (const p of (ins as Env).getProperties()) {
          const env = envFromProperty(p, spanOf);
          if (!env) continue;
          state.env = [...state.env.filter((e) => e.name !== env.name), env];
        }
        break;
      }
      case 'SHELL': {
        const word = argumentWord(ins);
        const words = word ? parseExecForm(word) : null;
        const first = words?.[0];
        if (first) state.posixShell = POSIX_SHELLS.has(baseName(first.text));
        break;
      }
      case 'RUN': {
        const raw = ins.getRawArgumentsContent() ?? '';
        if (!LAUNCHER_HINT.test(raw) || /^\s*<</.test(raw)) break;
        const cl = commandLine(ins, state);
        if (!cl) break;
        const result = await launchOf([cl], state, ctx);
        if (result) runLaunches.push({ result, key: `run:${cl.instruction.start}` });
        break;
      }
      default:
        break;
    }
  }
  finishStage();

  const launches: Launch[] = [];
  const seen = new Set<string>();
  for (let s = 0; s < stages.length; s++) {
    const state = stages[s] as StageState;
    const last = s === stages.length - 1;
    if (!last && !state.ownCommand) continue;
    const key = `${state.entrypoint?.instruction.start ?? '-'}:${state.cmd?.instruction.start ?? '-'}`;
    if (seen.has(key)) continue;
    const result = await stageLaunch(state, ctx);
    if (!result) continue;
    seen.add(key);
    launches.push({ result, key });
  }
  const all = [...runLaunches, ...launches];
  const invocations: Invocation[] = [];
  const issues: ExtractIssue[] = [];
  for (const l of all) {
    invocations.push(...l.result.invocations);
    issues.push(...l.result.issues);
  }
  invocations.sort((a, b) => a.span.start - b.span.start);
  return { invocations, issues };
}

function envFromProperty(
  p: Property,
  spanOf: (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => Span,
): EnvVar | null {
  const name = p.getName();
  if (!name) return null;
  const value = p.getValue();
  const valueRange = p.getValueRange();
  const env: EnvVar = { name, nameSpan: spanOf(p.getNameRange()) };
  if (value !== null && !value.includes('$')) env.value = value;
  else env.unknown = true;
  if (valueRange) env.valueSpan = spanOf(valueRange);
  return env;
}

function startStage(
  ins: Instruction,
  stages: StageState[],
  globalArgs: Map<string, string | null>,
  text: string,
  escapeChar: string,
  spanOf: (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => Span,
): StageState {
  const args: Argument[] = ins.getArguments();
  const imageArg = args[0];
  let name: string | undefined;
  if (args[1]?.getValue().toUpperCase() === 'AS' && args[2]) name = args[2].getValue().toLowerCase();
  const fresh: StageState = { name, imageIsVllm: false, env: [], posixShell: true, ownCommand: false, cmdSetInStage: false };
  if (!imageArg) return fresh;
  const span = spanOf(imageArg.getRange());
  const raw = literalWord(text.slice(span.start, span.end), span.start);
  const word = substituteArgs(raw, globalArgs, escapeChar);
  if (!word.unknown) {
    const ref = word.text.toLowerCase();
    // Stages are looked up backwards: a later stage with the same name shadows an earlier one.
    for (let i = stages.length - 1; i >= 0; i--) {
      const base = stages[i] as StageState;
      if (base.name !== undefined && base.name === ref) {
        return {
          ...base,
          name,
          env: [...base.env],
          ownCommand: false,
          cmdSetInStage: false,
        };
      }
    }
  }
  const image = parseImageRef(word);
  return { ...fresh, image, imageIsVllm: isVllmImageName(image.name) };
}

/** The launch a stage's container runs, if it is a vLLM launch. */
async function stageLaunch(state: StageState, ctx: ExtractContext): Promise<ExtractResult | null> {
  const { entrypoint, cmd } = state;
  if (entrypoint) {
    if (entrypoint.form === 'shell') return launchOf([entrypoint], state, ctx);
    if (entrypoint.words.length === 0) return cmd ? launchOf([cmd], state, ctx) : null;
    return launchOf(cmd ? [entrypoint, cmd] : [entrypoint], state, ctx);
  }
  if (!cmd) return null;
  if (state.imageIsVllm) {
    // The image's ENTRYPOINT (`vllm serve`, or the api_server module in older images) receives CMD.
    if (cmd.form === 'exec' && cmd.words.length > 0 && shellScriptIndex(cmd.words) < 0) {
      const match = imageEntrypointLaunch(cmd.words, state.image, [...state.env]);
      match.span = cmd.instruction;
      return { invocations: [toInvocation(match, 'dockerfile')], issues: [] };
    }
    // A shell-form CMD (or `sh -c` in CMD) behind the image's exec ENTRYPOINT does not run as written
    // (`vllm serve /bin/sh -c "…"`); what it means to run is linted all the same.
  }
  return launchOf([cmd], state, ctx);
}

/** Joins command lines (ENTRYPOINT then CMD, or one of them) into the argv Docker runs and finds a launch in it. */
async function launchOf(parts: CommandLine[], state: StageState, ctx: ExtractContext): Promise<ExtractResult | null> {
  const first = parts[0];
  if (!first) return null;
  if (first.form === 'shell') return shellLaunch(first, state, ctx);
  const words = [...first.words];
  let incomplete = false;
  for (const part of parts.slice(1)) {
    // A shell-form CMD behind an exec ENTRYPOINT becomes `/bin/sh -c "…"` arguments: unknown here.
    if (part.form === 'exec') words.push(...part.words);
    else incomplete = true;
  }
  const scriptIndex = shellScriptIndex(words);
  if (scriptIndex >= 0) {
    const script = words[scriptIndex] as Word;
    return shellLaunch({ form: 'shell', word: script, instruction: first.instruction, posixShell: true }, state, ctx);
  }
  const match: LaunchMatch | null = findLaunch(words);
  if (!match) return null;
  if (incomplete) match.incomplete = true;
  match.image ??= state.image;
  match.env = [...state.env, ...match.env];
  return { invocations: [toInvocation(match, 'dockerfile')], issues: [] };
}

async function shellLaunch(cl: CommandLine & { form: 'shell' }, state: StageState, ctx: ExtractContext): Promise<ExtractResult | null> {
  if (!cl.posixShell || !LAUNCHER_HINT.test(cl.word.text)) return null;
  let result: ExtractResult;
  try {
    result = await ctx.extractShellWord(cl.word, 'dockerfile');
  } catch {
    return null;
  }
  if (result.invocations.length === 0 && result.issues.length === 0) return null;
  const invocations = result.invocations.map((inv) => {
    const out: Invocation = { ...inv, fileKind: 'dockerfile' };
    if (!out.image && state.image) out.image = state.image;
    if (state.env.length > 0) out.env = [...state.env, ...(inv.env ?? [])];
    return out;
  });
  return { invocations, issues: result.issues };
}

// Exposed for tests.
export const _internal = { logicalArguments, parseExecForm, substituteArgs };
