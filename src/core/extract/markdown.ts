// Markdown extractor: fenced code blocks (``` and ~~~) handed to the extractor of their language, with
// spans mapped back into the Markdown document.
//
// A block's text keeps its length and line structure: characters that are not part of the code
// (blockquote markers, list indentation, console prompts, command output) are replaced by spaces, so
// an offset into the block text plus the block's start offset is an offset into the document.
import { sniffYamlKind } from '../detect';
import { emptyResult, shiftResult } from '../text';
import type { ExtractContext, ExtractIssue, ExtractResult, FileKind, Invocation } from '../types';

export type BlockExtractor = (kind: FileKind, blockText: string, infoString: string) => Promise<ExtractResult>;

interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  /** Offset of the next line. */
  next: number;
}

interface Fence {
  char: '`' | '~';
  length: number;
  info: string;
  /** Blockquote nesting of the fence. */
  quoteDepth: number;
  /** Indentation of the enclosing list item's content (0 at top level). */
  baseIndent: number;
  /** Indentation of the fence inside its container (0–3): removed from content lines too. */
  innerIndent: number;
}

/** How a block's language tag is read. */
interface BlockKind {
  kind: FileKind;
  /** `console`: `$ `/`# `/`% ` prompts and output lines; `auto`: `$ ` prompts when the block starts with one. */
  prompts: 'console' | 'auto' | 'none';
}

const SHELL_TAGS = new Set(['bash', 'sh', 'shell', 'zsh', 'ksh', 'dash', 'shellscript', 'shell-script', 'posix']);
const CONSOLE_TAGS = new Set(['console', 'shell-session', 'shellsession', 'sh-session', 'bash-session', 'terminal', 'shell_session']);
const YAML_TAGS = new Set(['yaml', 'yml']);
const DOCKERFILE_TAGS = new Set(['dockerfile', 'docker', 'containerfile']);
const MAKEFILE_TAGS = new Set(['makefile', 'make', 'mk', 'mak']);
const LAUNCHER_HINT = /\bvllm\s+serve\b|vllm\.entrypoints\.|\bdocker\s+run\b.*vllm|vllm\/vllm-openai|\bsglang\s+serve\b|sglang\.launch_server|\btrtllm-(?:serve|build)\b/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = start;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end + 1;
    if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) next++;
    lines.push({ start, end, next: Math.min(next, n) });
    if (end >= n) break;
    start = next;
  }
  return lines;
}

/** Columns and characters of the leading spaces/tabs of text[from, to), tabs to the next multiple of 4. */
function leadingIndent(text: string, from: number, to: number): { cols: number; chars: number } {
  let cols = 0;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ') cols++;
    else if (c === '\t') cols += 4 - (cols % 4);
    else break;
    i++;
  }
  return { cols, chars: i - from };
}

/** Offset just past up to `maxCols` columns of indentation starting at `from`. */
function skipIndent(text: string, from: number, to: number, maxCols: number): number {
  let cols = 0;
  let i = from;
  while (i < to && cols < maxCols) {
    const c = text[i];
    if (c === ' ') cols++;
    else if (c === '\t') cols += 4 - (cols % 4);
    else break;
    i++;
  }
  return i;
}

/** Strips up to `maxDepth` blockquote markers (`>` with up to 3 spaces before and 1 after). */
function stripQuotes(text: string, from: number, to: number, maxDepth: number): { depth: number; pos: number } {
  let pos = from;
  let depth = 0;
  while (depth < maxDepth) {
    const ind = leadingIndent(text, pos, to);
    if (ind.cols > 3 || text[pos + ind.chars] !== '>') break;
    pos += ind.chars + 1;
    if (text[pos] === ' ' || text[pos] === '\t') pos++;
    depth++;
  }
  return { depth, pos };
}

const LIST_ITEM = /^([-+*]|\d{1,9}[.)])([ \t]+|$)/;

/** The language of an info string: `bash`, `{.bash .numberLines}`, `language-bash`, `yaml title="x"`. */
export function infoLanguage(info: string): string {
  const s = info.trim();
  let lang: string | undefined;
  if (s.startsWith('{')) lang = /\.([A-Za-z0-9_+-]+)/.exec(s)?.[1];
  else lang = /^[^\s{,;]+/.exec(s)?.[0];
  lang = (lang ?? '').toLowerCase().replace(/^\./, '');
  if (lang.startsWith('language-')) lang = lang.slice('language-'.length);
  else if (lang.startsWith('lang-')) lang = lang.slice('lang-'.length);
  return lang;
}

function blockKind(info: string, blockText: string): BlockKind | null {
  const lang = infoLanguage(info);
  if (SHELL_TAGS.has(lang)) return { kind: 'shell', prompts: 'auto' };
  if (CONSOLE_TAGS.has(lang)) return { kind: 'shell', prompts: 'console' };
  if (YAML_TAGS.has(lang)) {
    const kind = sniffYamlKind(blockText);
    if (kind === 'yaml' && /compose/i.test(info)) return { kind: 'compose', prompts: 'none' };
    return { kind, prompts: 'none' };
  }
  if (DOCKERFILE_TAGS.has(lang)) return { kind: 'dockerfile', prompts: 'none' };
  if (MAKEFILE_TAGS.has(lang)) return { kind: 'makefile', prompts: 'none' };
  // A block without a language that runs the engine is almost always a shell command.
  if (lang === '' && LAUNCHER_HINT.test(blockText)) return { kind: 'shell', prompts: 'auto' };
  return null;
}

const CONSOLE_PROMPT = /^[ \t]*(?:\([^()\r\n]*\)[ \t]*)?(?:[\w.+-]+@[\w.+-]+(?::[^\s$#%]*)?[ \t]*)?([$#%])(?:[ \t]|$)/;

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

/**
 * Removes prompts and output from a console transcript, keeping the text's length: prompt characters
 * and output lines become spaces. Lines continuing a command (`\` at the end) are kept.
 */
export function stripPrompts(blockText: string, mode: 'console' | 'auto'): string {
  const promptChars = mode === 'console' ? '$#%' : '$';
  const lines = splitLines(blockText);
  const promptAt = (l: Line): number => {
    const m = CONSOLE_PROMPT.exec(blockText.slice(l.start, l.end));
    return m && promptChars.includes(m[1] as string) ? m[0].length : -1;
  };
  if (mode === 'auto') {
    const first = lines.find((l) => blockText.slice(l.start, l.end).trim() !== '');
    if (!first || promptAt(first) < 0) return blockText;
  } else if (!lines.some((l) => promptAt(l) >= 0)) {
    return blockText;
  }
  let out = '';
  let continuing = false;
  for (const l of lines) {
    const content = blockText.slice(l.start, l.end);
    const eol = blockText.slice(l.end, l.next);
    if (continuing) {
      // A `> ` secondary prompt in front of a continuation line.
      const ps2 = /^>[ \t]/.exec(content);
      out += ps2 ? blank(ps2[0]) + content.slice(ps2[0].length) : content;
    } else {
      const p = promptAt(l);
      if (p >= 0) out += blank(content.slice(0, p)) + content.slice(p);
      else {
        out += blank(content);
        out += eol;
        continue;
      }
    }
    continuing = /\\[ \t]*$/.test(content);
    out += eol;
  }
  return out;
}

interface Block {
  /** Offset of the block's first content character in the document. */
  start: number;
  text: string;
  info: string;
}

/** Finds the fenced code blocks of a Markdown document. */
export function findFencedBlocks(text: string): Block[] {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  /** Content indentation of the open list items, innermost last. */
  let listIndents: number[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    i++;
    const q = stripQuotes(text, line.start, line.end, 16);
    const ind = leadingIndent(text, q.pos, line.end);
    const contentPos = q.pos + ind.chars;
    const rest = text.slice(contentPos, line.end);
    if (rest.trim() === '') continue;

    let fenceIndent = ind.cols;
    let fenceText = rest;
    let baseIndent = -1;
    const item = LIST_ITEM.exec(rest);
    if (item) {
      const spaces = item[2] ?? '';
      const markerWidth = (item[1] as string).length + (spaces.length > 4 || spaces.length === 0 ? 1 : spaces.length);
      const contentIndent = ind.cols + markerWidth;
      listIndents = listIndents.filter((l) => l <= ind.cols);
      listIndents.push(contentIndent);
      if (/^(`{3,}|~{3,})/.test(rest.slice(item[0].length))) {
        fenceText = rest.slice(item[0].length);
        fenceIndent = contentIndent;
        baseIndent = contentIndent;
      }
    } else {
      listIndents = listIndents.filter((l) => l <= ind.cols);
    }

    const m = /^(`{3,}|~{3,})(.*)$/.exec(fenceText);
    if (!m) continue;
    const fenceChars = m[1] as string;
    const info = m[2] ?? '';
    if (fenceChars[0] === '`' && info.includes('`')) continue; // inline code, not a fence
    if (baseIndent < 0) {
      if (fenceIndent <= 3) baseIndent = 0;
      else {
        const container = [...listIndents].reverse().find((l) => fenceIndent >= l && fenceIndent - l <= 3);
        if (container === undefined) continue; // an indented code block showing a fence
        baseIndent = container;
      }
    }
    const fence: Fence = {
      char: fenceChars[0] as '`' | '~',
      length: fenceChars.length,
      info: info.trim(),
      quoteDepth: q.depth,
      baseIndent,
      innerIndent: Math.max(0, fenceIndent - baseIndent),
    };
    const blockStart = line.next;
    const blanks: Array<[number, number]> = [];
    let blockEnd = text.length;
    let closed = false;
    while (i < lines.length) {
      const l = lines[i] as Line;
      if (l.start >= text.length && l.start === l.end) {
        i++;
        break;
      }
      const lq = stripQuotes(text, l.start, l.end, fence.quoteDepth);
      if (lq.depth < fence.quoteDepth) {
        // The blockquote ended, and the code block with it.
        blockEnd = l.start;
        closed = true;
        break;
      }
      const lind = leadingIndent(text, lq.pos, l.end);
      const isBlank = lq.pos + lind.chars >= l.end;
      if (!isBlank && lind.cols < fence.baseIndent) {
        // Less indented than the list item's content: the list item ended.
        blockEnd = l.start;
        closed = true;
        break;
      }
      const afterBase = skipIndent(text, lq.pos, l.end, fence.baseIndent);
      const closeInd = leadingIndent(text, afterBase, l.end);
      const closing = new RegExp(`^${fence.char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      if (closeInd.cols <= 3 && closing.test(text.slice(afterBase + closeInd.chars, l.end))) {
        blockEnd = l.start;
        closed = true;
        i++;
        break;
      }
      const contentStart = skipIndent(text, afterBase, l.end, fence.innerIndent);
      if (contentStart > l.start) blanks.push([l.start, contentStart]);
      i++;
    }
    if (!closed) blockEnd = text.length;
    if (blockStart >= blockEnd || blockStart >= text.length) continue;
    let blockText = '';
    let pos = blockStart;
    for (const [a, b] of blanks) {
      blockText += text.slice(pos, a) + ' '.repeat(b - a);
      pos = b;
    }
    blockText += text.slice(pos, blockEnd);
    blocks.push({ start: blockStart, text: blockText, info: fence.info });
  }
  return blocks;
}

export async function extractMarkdown(text: string, _ctx: ExtractContext, extractBlock: BlockExtractor): Promise<ExtractResult> {
  let blocks: Block[];
  try {
    blocks = findFencedBlocks(text);
  } catch {
    return emptyResult();
  }
  const invocations: Invocation[] = [];
  const issues: ExtractIssue[] = [];
  for (const block of blocks) {
    try {
      const kind = blockKind(block.info, block.text);
      if (!kind) continue;
      const code = kind.prompts === 'none' ? block.text : stripPrompts(block.text, kind.prompts);
      if (code.trim() === '') continue;
      const result = shiftResult(await extractBlock(kind.kind, code, block.info), block.start);
      // A code block is a snippet: what it leaves out (GPU requests, volumes) may be elsewhere.
      for (const inv of result.invocations) if (inv.deployment) inv.deployment = { ...inv.deployment, incomplete: true };
      invocations.push(...result.invocations);
      issues.push(...result.issues);
    } catch {
      // A block an extractor cannot read is skipped; the rest of the document is still linted.
    }
  }
  return { invocations, issues };
}
