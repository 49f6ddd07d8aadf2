// Suppression comments:
//   # servelint-disable-next-line [rule-id[, rule-id]]   the next line (or the whole launch that starts there)
//   # servelint-disable-line [rule-id …]                 this line
//   # servelint-disable [rule-id …]                      the whole file
// Anything after ` -- ` is a reason. A directive with text but no valid rule id is ignored.
// `<!-- servelint-… -->` works the same in Markdown. No rule id means every rule.
import type { LineIndex } from './text';

export interface Suppressions {
  /** Rule ids disabled for the whole file; '*' = all. */
  file: Set<string>;
  /** line -> rule ids disabled on that line. */
  lines: Map<number, Set<string>>;
}

// The directive must open a comment: `#` at a line start or after a blank (so a `#` inside a word,
// or a directive quoted in Markdown backticks, is not one), or an HTML comment that starts its line.
const DIRECTIVE = /(?:(?:^|[ \t])#|^[ \t]*<!--)[ \t]*servelint-disable(-next-line|-line)?(?=[\s,]|-->|$)([^\n\r]*)/gm;
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The rule ids of a directive: ids up to an optional ` -- reason`. Returns ['*'] for a bare
 * directive, and [] when the text after it holds no valid id (a typo must not silence every rule).
 */
function ruleIds(rest: string): string[] {
  const body = rest.replace(/-->.*$/, '').replace(/(^|\s)--(\s.*)?$/, '').trim();
  if (body === '') return ['*'];
  const ids = body
    .split(/[\s,]+/)
    .map((s) => s.replace(/[.;:]$/, ''))
    .filter((s) => RULE_ID.test(s));
  return ids;
}

export function parseSuppressions(text: string, index: LineIndex): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('servelint-disable')) return result;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const ids = ruleIds(m[2] ?? '');
    if (ids.length === 0) continue;
    const line = index.positionAt(m.index).line;
    if (m[1] === undefined) {
      for (const id of ids) result.file.add(id);
      continue;
    }
    const target = m[1] === '-next-line' ? line + 1 : line;
    const set = result.lines.get(target) ?? new Set<string>();
    for (const id of ids) set.add(id);
    result.lines.set(target, set);
  }
  return result;
}

function matches(set: Set<string> | undefined, ruleId: string): boolean {
  return set !== undefined && (set.has('*') || set.has(ruleId));
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number, launchStartLine?: number): boolean {
  if (matches(s.file, ruleId)) return true;
  if (matches(s.lines.get(line), ruleId)) return true;
  // A comment right above a multi-line launch covers the whole launch: inside a `\`-continued
  // command a comment line would end the command.
  return launchStartLine !== undefined && launchStartLine !== line && matches(s.lines.get(launchStartLine), ruleId);
}
