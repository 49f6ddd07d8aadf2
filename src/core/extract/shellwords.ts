// Splits a command string into argv words the way Docker Compose splits a string `command:` /
// `entrypoint:` (and Docker a JSON-less CMD): shell-like quoting without any expansion.
// - blanks (space, tab, newline, CR) separate words outside quotes;
// - '…' is literal; "…" is literal except `\"`, `\\`, `\$`, `` \` `` and backslash-newline;
// - outside quotes a backslash escapes the next character, backslash-newline is a line continuation;
// - `;`, `&`, `|`, `<`, `>` are ordinary characters (no operators: there is no shell).
// Every resulting word keeps the source map of the characters it is made of.
import { wordSubSpan } from '../text';
import type { Word } from '../types';

/** A range of the input word's text with a meaning assigned by an interpolation pass. */
export interface SplitMark {
  start: number;
  end: number;
  /** `unknown`: copied verbatim, never split, makes the word unknown; `default`: makes the word fromDefault. */
  kind: 'unknown' | 'default';
  /** If the word consists of this unknown range alone, unquoted, it may expand to several words. */
  splatCandidate?: boolean;
}

interface Piece {
  chars: string[];
  offs: number[];
  /** Index in the input text of the first source character (opening quote included). */
  from: number;
  /** Index just past the last source character (closing quote included). */
  to: number;
  quoted: boolean;
  unknown: boolean;
  fromDefault: boolean;
  /** Unknown marks copied into the word, unquoted. */
  bareMarks: SplitMark[];
  /** The word has characters that are not part of an unquoted unknown mark. */
  other: boolean;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Splits `word.text` into shell-like words. Without `marks`, each word inherits `word.unknown` and
 * `word.fromDefault`; with marks (from the interpolation layer) these flags are computed per word,
 * and a word that is nothing but an unquoted splat-candidate unknown gets `splat: true`.
 */
export function splitShellWords(word: Word, marks?: SplitMark[]): Word[] {
  const text = word.text;
  const out: Word[] = [];
  const unknownAt = new Map<number, SplitMark>();
  const defaults: SplitMark[] = [];
  for (const m of marks ?? []) {
    if (m.kind === 'unknown' && m.end > m.start) unknownAt.set(m.start, m);
    else if (m.kind === 'default') defaults.push(m);
  }
  const state: { cur: Piece | null } = { cur: null };
  const start = (i: number): Piece => {
    state.cur ??= { chars: [], offs: [], from: i, to: i, quoted: false, unknown: false, fromDefault: false, bareMarks: [], other: false };
    return state.cur;
  };
  const off = (i: number) => word.offsets[i] ?? word.span.start;
  const push = (p: Piece, i: number, c?: string) => {
    p.chars.push(c ?? (text[i] as string));
    p.offs.push(off(i));
    p.to = i + 1;
    if (defaults.some((d) => i >= d.start && i < d.end)) p.fromDefault = true;
  };
  const finish = () => {
    const p = state.cur;
    if (!p) return;
    state.cur = null;
    if (p.chars.length === 0 && !p.quoted) return;
    // An empty default that was a whole word (`${X:-}` substituted by nothing) still counts as a default.
    if (defaults.some((d) => d.start === d.end && d.start >= p.from && d.start <= p.to)) p.fromDefault = true;
    const lastOff = p.offs.length > 0 ? (p.offs[p.offs.length - 1] as number) + 1 : off(p.from) + 1;
    const w: Word = {
      text: p.chars.join(''),
      span: wordSubSpan(word, p.from, p.to),
      offsets: [...p.offs, lastOff],
    };
    if (marks) {
      if (p.unknown) w.unknown = true;
      if (p.fromDefault) w.fromDefault = true;
      if (!p.other && !p.quoted && p.bareMarks.length === 1 && p.bareMarks[0]?.splatCandidate) w.splat = true;
    } else {
      if (word.unknown) w.unknown = true;
      if (word.fromDefault) w.fromDefault = true;
    }
    out.push(w);
  };

  let i = 0;
  let quote: '' | "'" | '"' = '';
  while (i < text.length) {
    const c = text[i] as string;
    const mark = unknownAt.get(i);
    if (mark) {
      const p = start(i);
      for (let k = mark.start; k < mark.end && k < text.length; k++) push(p, k);
      p.unknown = true;
      if (quote) p.other = true;
      else p.bareMarks.push(mark);
      i = Math.max(mark.end, i + 1);
      continue;
    }
    if (quote === "'") {
      if (c === "'") {
        quote = '';
        if (state.cur) state.cur.to = i + 1;
      } else push(start(i), i);
      i++;
      continue;
    }
    if (quote === '"') {
      const p = start(i);
      if (c === '"') {
        quote = '';
        p.to = i + 1;
        i++;
        continue;
      }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === '\n') {
          i += 2;
          continue;
        }
        if (n === '\r' && text[i + 2] === '\n') {
          i += 3;
          continue;
        }
        if (n === '"' || n === '\\' || n === '$' || n === '`') {
          push(p, i + 1);
          p.other = true;
          i += 2;
          continue;
        }
      }
      push(p, i);
      p.other = true;
      i++;
      continue;
    }
    // Unquoted.
    if (isBlank(c)) {
      finish();
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const p = start(i);
      p.quoted = true;
      p.other = true;
      quote = c;
      p.to = i + 1;
      i++;
      continue;
    }
    if (c === '\\') {
      const n = text[i + 1];
      if (n === '\n') {
        // Line continuation.
        i += 2;
        continue;
      }
      if (n === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      const p = start(i);
      p.other = true;
      if (n === undefined) push(p, i);
      else push(p, i + 1);
      i += 2;
      continue;
    }
    const p = start(i);
    p.other = true;
    push(p, i);
    i++;
  }
  // An unterminated quote keeps what it has (Compose would refuse the file; we stay useful).
  finish();
  return out;
}
