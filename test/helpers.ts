// Test helpers: build invocations straight from a command line, without an extractor.
import { literalWord } from '../src/core/text';
import type { Invocation, Word, LaunchForm } from '../src/core/types';

/** Splits `text` on blanks into literal words (no quoting), keeping exact offsets. */
export function wordsOf(text: string, from = 0): Word[] {
  const words: Word[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(literalWord(m[0], m.index));
  return words;
}

/** An invocation whose args are the words after `vllm serve` (or the api_server module) in `text`. */
export function invocationOf(text: string, form: LaunchForm = 'vllm-serve'): Invocation {
  const words = wordsOf(text);
  const skip = form === 'vllm-serve' ? 2 : form === 'api-server-module' ? 3 : 0;
  const launcher = words.slice(0, skip);
  return {
    engine: 'vllm',
    form,
    fileKind: 'shell',
    launcherSpan: launcher.length ? { start: launcher[0]!.span.start, end: launcher[launcher.length - 1]!.span.end } : undefined,
    args: words.slice(skip),
    span: { start: 0, end: text.length },
  };
}

/** The text a finding's 0-based range covers, for single-line documents. */
export function slice(text: string, range: { start: { character: number }; end: { character: number } }): string {
  return text.slice(range.start.character, range.end.character);
}
