// Offsets, line index and Word helpers shared by every extractor.
import type { ExtractResult, Invocation, Position, Range, Span, Word } from './types';

/** Maps UTF-16 offsets to 0-based line/character positions. Handles \n, \r\n and lone \r. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and the \n of a CRLF is no position of the document: the end of that line.
    if (clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] as number) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** A word whose text appears verbatim in the document at `start`. */
export function literalWord(text: string, start: number, extra: Partial<Word> = {}): Word {
  const offsets = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = start + i;
  return { text, span: { start, end: start + text.length }, offsets, ...extra };
}

/** Document span of text[from, to) of a word. */
export function wordSubSpan(word: Word, from: number, to: number): Span {
  const last = word.offsets.length - 1;
  const a = word.offsets[Math.max(0, Math.min(from, last))] ?? word.span.start;
  if (to <= from) return { start: a, end: a };
  // The end is just past the last character included, so sub-spans never swallow a closing quote.
  const lastChar = word.offsets[Math.max(0, Math.min(to - 1, last))] ?? a;
  return { start: a, end: Math.max(a, lastChar + 1) };
}

/** A new word made of text[from, to) of `word`, keeping the source mapping. */
export function sliceWord(word: Word, from: number, to: number = word.text.length): Word {
  const text = word.text.slice(from, to);
  const offsets = word.offsets.slice(from, to + 1);
  while (offsets.length < text.length + 1) offsets.push(offsets[offsets.length - 1] ?? word.span.end);
  const span = wordSubSpan(word, from, to);
  return { ...word, text, offsets, span, yamlBoolean: undefined };
}

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** Maps a span in a word's text (e.g. a shell script inside `bash -c "…"`) back to the document. */
export function mapSpanThroughWord(span: Span, word: Word): Span {
  return wordSubSpan(word, span.start, span.end);
}

function mapWord(w: Word, mapSpan: (s: Span) => Span, mapOffset: (o: number) => number): Word {
  return { ...w, span: mapSpan(w.span), offsets: w.offsets.map(mapOffset) };
}

function mapInvocation(inv: Invocation, mapSpan: (s: Span) => Span, mapOffset: (o: number) => number): Invocation {
  const m = (s: Span | undefined) => (s ? mapSpan(s) : undefined);
  return {
    ...inv,
    span: mapSpan(inv.span),
    launcherSpan: m(inv.launcherSpan),
    redundantLauncher: m(inv.redundantLauncher),
    args: inv.args.map((w) => mapWord(w, mapSpan, mapOffset)),
    image: inv.image
      ? { ...inv.image, span: mapSpan(inv.image.span), tagSpan: m(inv.image.tagSpan) }
      : undefined,
    env: inv.env?.map((e) => ({ ...e, nameSpan: mapSpan(e.nameSpan), valueSpan: m(e.valueSpan) })),
    brokenContinuations: inv.brokenContinuations?.map((b) => ({ ...b, span: mapSpan(b.span) })),
  };
}

function mapResult(result: ExtractResult, mapSpan: (s: Span) => Span, mapOffset: (o: number) => number): ExtractResult {
  return {
    invocations: result.invocations.map((inv) => mapInvocation(inv, mapSpan, mapOffset)),
    issues: result.issues.map((issue) => ({
      ...issue,
      span: mapSpan(issue.span),
      fixes: issue.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: mapSpan(e.span) })) })),
    })),
  };
}

/** Moves every span of an extraction made on a slice of the document that starts at `delta`. */
export function shiftResult(result: ExtractResult, delta: number): ExtractResult {
  if (delta === 0) return result;
  return mapResult(result, (s) => shiftSpan(s, delta), (o) => o + delta);
}

/** Maps an extraction made on `word.text` back to document offsets through the word's mapping. */
export function mapResultThroughWord(result: ExtractResult, word: Word): ExtractResult {
  const mapOffset = (o: number) => word.offsets[Math.max(0, Math.min(o, word.offsets.length - 1))] ?? word.span.start;
  return mapResult(result, (s) => mapSpanThroughWord(s, word), mapOffset);
}

export function emptyResult(): ExtractResult {
  return { invocations: [], issues: [] };
}

export function mergeResults(results: ExtractResult[]): ExtractResult {
  return {
    invocations: results.flatMap((r) => r.invocations),
    issues: results.flatMap((r) => r.issues),
  };
}

export function coverSpans(spans: Span[]): Span {
  if (spans.length === 0) return { start: 0, end: 0 };
  return {
    start: Math.min(...spans.map((s) => s.start)),
    end: Math.max(...spans.map((s) => s.end)),
  };
}

/** Span of a word's value characters: inside quotes, or the literal default of `${X:-…}`. */
export function valueSpan(word: Word): Span {
  return word.text.length > 0 ? wordSubSpan(word, 0, word.text.length) : word.span;
}
