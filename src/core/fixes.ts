// Edits shared by several rules. Fixes are data: rules return them, adapters apply them.
import type { Span, SpanEdit, Word } from './types';
import { wordSubSpan } from './text';

function lineBounds(text: string, offset: number): { start: number; end: number; next: number } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  let next = end;
  if (text[next] === '\r') next++;
  if (text[next] === '\n') next++;
  return { start, end, next };
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
    let rest = '';
    let cursor = lineStart;
    for (const w of lineWords) {
      rest += text.slice(cursor, w.span.start);
      cursor = Math.max(cursor, w.span.end);
    }
    rest += text.slice(cursor, end);
    if (/^\s*(-\s*)?(\\\s*)?$/.test(rest) && lineWords[0]!.span.end <= end) {
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
