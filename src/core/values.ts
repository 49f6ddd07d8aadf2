// Value parsing as vLLM does it (argparse types plus vLLM's human-readable integers).

const DECIMAL_SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12 };
const BINARY_SUFFIX: Record<string, number> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Parses an integer; with `humanReadable`, also 1k=1000, 25.6k=25600, 1K=1024, 2M=2·2^20 (no decimals with binary suffixes). */
export function parseIntValue(text: string, humanReadable = false): number | undefined {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  if (!humanReadable) return undefined;
  const m = /^(\d+(?:\.\d+)?)([kKmMgGtT])$/.exec(t);
  if (!m) return undefined;
  const num = Number(m[1]);
  const suffix = m[2] as string;
  const decimal = DECIMAL_SUFFIX[suffix];
  if (decimal !== undefined) {
    const value = num * decimal;
    return Number.isInteger(Math.round(value * 1e6) / 1e6) ? Math.round(value) : undefined;
  }
  if ((m[1] as string).includes('.')) return undefined;
  return num * (BINARY_SUFFIX[suffix] as number);
}

/** Parses a float the way Python's float() does for ordinary spellings. */
export function parseFloatValue(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Optional fields accept the literal `None` (or an empty string) to mean unset. */
export function isNoneLiteral(text: string): boolean {
  return text === 'None' || text === '';
}

/** Python's str.lower() equality for choice lists that are case-insensitive is not used by vLLM; compare exactly. */
export function choiceMatches(text: string, choices: (string | number)[]): boolean {
  return choices.some((c) => String(c) === text);
}
