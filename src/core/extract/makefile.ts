// Makefile extractor: the recipes of every rule are shell scripts. Each rule's recipe lines are
// joined into one script (make's `$$` becomes `$`, make references become unknown) and handed to the
// shell extractor, whose results are mapped back to the Makefile.
import { emptyResult, mapResultThroughWord, mergeResults } from '../text';
import type { ExtractContext, ExtractResult, Word } from '../types';
import { applyCharFlags, CHAR_UNKNOWN, clampEndOffsets, extractShellScript } from './shell';
import { LAUNCH_HINT } from '../launch';

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the end of the line's content (before `\r\n` / `\n`). */
  end: number;
  /** Offset of the line break (or text length). */
  brk: number;
}

/** A rule's recipe as the shell sees it, with the Makefile offset of every character. */
class Recipe {
  readonly parsed: string[] = [];
  readonly shown: string[] = [];
  readonly offsets: number[] = [];
  readonly flags: number[] = [];
  end = 0;

  push(parsed: string, shown: string, at: number, flag = 0): void {
    this.parsed.push(parsed);
    this.shown.push(shown);
    this.offsets.push(at);
    this.flags.push(flag);
    this.end = at + 1;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const brk = nl < 0 ? text.length : nl;
    const end = brk > start && text[brk - 1] === '\r' ? brk - 1 : brk;
    lines.push({ start, end, brk });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

function endsWithContinuation(text: string, line: Line): boolean {
  let n = 0;
  for (let i = line.end - 1; i >= line.start && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Offset of the `)`/`}` closing the make reference opened at `open` (`$(` / `${`), or -1. */
function closeOfReference(text: string, open: number, limit: number): number {
  const opener = text[open + 1];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open + 1; i < limit; i++) {
    const c = text[i];
    if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Appends make text [from, to) to the recipe: `$$` → `$`, `$(X)`/`${X}`/`$X` → unknown placeholders. */
function appendMakeText(recipe: Recipe, text: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const c = text[i] as string;
    if (c !== '$' || i + 1 >= to) {
      recipe.push(c, c, i);
      i++;
      continue;
    }
    const n = text[i + 1] as string;
    if (n === '$') {
      recipe.push('$', '$', i);
      i += 2;
      continue;
    }
    let close = i + 1;
    if (n === '(' || n === '{') {
      const found = closeOfReference(text, i, to);
      close = found < 0 ? to - 1 : found;
    }
    // The shell sees `$___…` (an unknown variable of the same length); the word shows the make text.
    for (let k = i; k <= close; k++) recipe.push(k === i ? '$' : '_', text[k] as string, k, CHAR_UNKNOWN);
    i = close + 1;
  }
}

const TARGET = /^(?:[^:=#\s\t][^:=#]*|\$[({][^)}]*[)}][^:=#]*)::?(?!=)/;
const ASSIGNMENT = /^\s*(?:export\s+|override\s+|private\s+)*[^\s:#=]+\s*(?:::=|:=|\?=|\+=|!=|=)/;
const CONDITIONAL = /^\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif)\b/;

/** Recipes of every rule, one script per rule. */
function collectRecipes(text: string): Recipe[] {
  const lines = splitLines(text);
  const recipes: Recipe[] = [];
  let current: Recipe | undefined;
  let inDefine = false;

  /** Appends one logical recipe line starting at `lineIndex`, from `from`; returns the next line index. */
  const logicalLine = (recipe: Recipe, lineIndex: number, from: number): number => {
    let k = lineIndex;
    let line = lines[k] as Line;
    let i = from;
    // Leading blanks and make's prefixes: @ (silent), - (ignore errors), + (always). `--flag` is kept.
    while (i < line.end) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '@' || c === '+' || (c === '-' && text[i + 1] !== '-')) i++;
      else break;
    }
    // Logical lines are separate shell commands: join them with a newline at the previous line break.
    if (recipe.parsed.length > 0) recipe.push('\n', '\n', recipe.end);
    for (;;) {
      appendMakeText(recipe, text, i, line.end);
      if (!endsWithContinuation(text, line) || k + 1 >= lines.length) return k + 1;
      // make hands `\`+newline to the shell and drops the leading tab of the next line.
      recipe.push('\n', '\n', line.end);
      k++;
      line = lines[k] as Line;
      i = text[line.start] === '\t' ? line.start + 1 : line.start;
    }
  };

  for (let k = 0; k < lines.length; ) {
    const line = lines[k] as Line;
    const content = text.slice(line.start, line.end);
    if (inDefine) {
      if (/^\s*endef\b/.test(content)) inDefine = false;
      k++;
      continue;
    }
    if (content.startsWith('\t') && current) {
      k = logicalLine(current, k, line.start + 1);
      continue;
    }
    if (/^\s*(?:#.*)?$/.test(content) || CONDITIONAL.test(content)) {
      k++;
      continue;
    }
    if (/^\s*define\b/.test(content)) {
      inDefine = true;
      current = undefined;
      k++;
      continue;
    }
    if (!ASSIGNMENT.test(content) && TARGET.test(content)) {
      current = new Recipe();
      recipes.push(current);
      const semicolon = content.indexOf(';');
      const hash = content.indexOf('#');
      if (semicolon >= 0 && (hash < 0 || semicolon < hash)) {
        k = logicalLine(current, k, line.start + semicolon + 1);
        continue;
      }
    } else {
      current = undefined;
    }
    // Skip the continuation lines of a make statement.
    while (k < lines.length && endsWithContinuation(text, lines[k] as Line)) k++;
    k++;
  }
  return recipes.filter((r) => r.parsed.length > 0);
}

/** Extracts vLLM launches from the recipes of a Makefile. Never throws. */
export async function extractMakefile(text: string, _ctx: ExtractContext): Promise<ExtractResult> {
  try {
    if (typeof text !== 'string' || !LAUNCH_HINT.test(text)) return emptyResult();
    const results: ExtractResult[] = [];
    for (const recipe of collectRecipes(text)) {
      const shown = recipe.shown.join('');
      if (!LAUNCH_HINT.test(shown)) continue;
      const parsed = recipe.parsed.join('');
      const word: Word = {
        text: parsed,
        span: { start: recipe.offsets[0] ?? 0, end: recipe.end },
        offsets: [...recipe.offsets, recipe.end],
      };
      const result = await extractShellScript(parsed, 'makefile');
      if (result.invocations.length === 0 && result.issues.length === 0) continue;
      results.push(clampEndOffsets(mapResultThroughWord(applyCharFlags(result, recipe.flags, { parsed, shown }), word)));
    }
    return mergeResults(results);
  } catch {
    return emptyResult();
  }
}
