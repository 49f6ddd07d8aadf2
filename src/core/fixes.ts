// Edits shared by several rules. Fixes are data: rules return them, adapters apply them.
import type { Span, SpanEdit, Word } from './types';
import { wordSubSpan } from './text';

/**
 * Offsets where lines start (after \n, after a \r not followed by \n), for the last text asked
 * about: a launch with many findings on one long line asks for the same lines again and again.
 */
let boundsMemo: { text: string; starts: number[] } | undefined;

function lineStarts(text: string): number[] {
  if (boundsMemo && boundsMemo.text === text) return boundsMemo.starts;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  boundsMemo = { text, starts };
  return starts;
}

function lineBounds(text: string, offset: number): { start: number; end: number; next: number } {
  const starts = lineStarts(text);
  const at = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  const start = starts[lo] as number;
  // A line start right after the \r of a CRLF does not exist; inside a CRLF the line is the one before.
  const nextStart = starts[lo + 1] ?? text.length;
  let end = nextStart;
  if (end > start && text[end - 1] === '\n') end--;
  if (end > start && text[end - 1] === '\r') end--;
  if (at > end) end = at;
  return { start, end, next: nextStart };
}

/** Would the line be empty but for blanks, a `-` and a `\` once these pieces are taken out? */
function onlyPunctuationLeft(pieces: Array<[number, number]>, text: string): boolean {
  let visible = 0;
  let rest = '';
  for (const [from, to] of pieces) {
    for (let i = from; i < to; i++) {
      const c = text[i] as string;
      if (!/\s/.test(c) && ++visible > 2) return false;
    }
    rest += text.slice(from, to);
  }
  return /^\s*(-\s*)?(\\\s*)?$/.test(rest);
}

/**
 * Edits that delete some argv words: whole lines when the words are all that is on them (a YAML list
 * item, a continued shell line), otherwise the words with the blank before them (or the comma after
 * them in a flow sequence).
 */
export function removeWords(text: string, words: Word[]): SpanEdit[] {
  const sorted = [...words].sort((a, b) => a.span.start - b.span.start);
  const byLine = new Map<number, Word[]>();
  for (const w of sorted) {
    const { start } = lineBounds(text, w.span.start);
    const list = byLine.get(start) ?? [];
    list.push(w);
    byLine.set(start, list);
  }
  const edits: SpanEdit[] = [];
  for (const [lineStart, lineWords] of byLine) {
    const { end, next } = lineBounds(text, lineStart);
    // What the line holds once the words are taken out.
    const pieces: Array<[number, number]> = [];
    let cursor = lineStart;
    for (const w of lineWords) {
      if (w.span.start > cursor) pieces.push([cursor, w.span.start]);
      cursor = Math.max(cursor, w.span.end);
    }
    if (end > cursor) pieces.push([cursor, end]);
    if (onlyPunctuationLeft(pieces, text) && lineWords[0]!.span.end <= end) {
      edits.push({ span: { start: lineStart, end: next }, newText: '' });
      continue;
    }
    for (const w of lineWords) {
      let s = w.span.start;
      let e = w.span.end;
      const after = /^\s*,\s*/.exec(text.slice(e, Math.min(text.length, e + 40)));
      if (after) e += after[0].length;
      else while (s > lineStart && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
      edits.push({ span: { start: s, end: e }, newText: '' });
    }
  }
  return mergeEdits(edits);
}

/** Joins overlapping deletions so an edit list stays valid. */
export function mergeEdits(edits: SpanEdit[]): SpanEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const out: SpanEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.span.start <= last.span.end && last.newText === '' && e.newText === '') {
      last.span = { start: last.span.start, end: Math.max(last.span.end, e.span.end) };
    } else {
      out.push({ span: { ...e.span }, newText: e.newText });
    }
  }
  return out;
}

export function replaceSpan(span: Span, newText: string): SpanEdit {
  return { span, newText };
}

/** Replaces a word's value characters (inside its quotes, or the literal default of `${X:-…}`). */
export function replaceWordText(word: Word, newValue: string): SpanEdit {
  return { span: wordSubSpan(word, 0, word.text.length), newText: newValue };
}

/**
 * How a canonical flag name is spelled where the flag was written: `--x-y` on a command line, the
 * bare key in a vLLM config file (`x_y` when the file uses snake_case).
 */
export function spellFlag(canonical: string, written: string, inConfigFile: boolean): string {
  if (!inConfigFile) return canonical;
  const bare = canonical.replace(/^--/, '');
  return written.includes('_') ? bare.replace(/-/g, '_') : bare;
}

/** Deletes the whole lines from the one holding `start` to the one holding `end` (a config-file key and its value). */
export function deleteLines(text: string, start: number, end: number): SpanEdit {
  const first = lineBounds(text, start);
  const last = lineBounds(text, Math.max(start, end - 1));
  return { span: { start: first.start, end: last.next }, newText: '' };
}
