// Suppression comments:
//   # servelint-disable-next-line [rule-id[, rule-id]]   the next line (or the whole launch that starts there)
//   # servelint-disable-line [rule-id …]                 this line
//   # servelint-disable [rule-id …]                      the whole file
// `<!-- servelint-… -->` works the same in Markdown. No rule id means every rule.
import type { LineIndex } from './text';

export interface Suppressions {
  /** Rule ids disabled for the whole file; '*' = all. */
  file: Set<string>;
  /** line -> rule ids disabled on that line. */
  lines: Map<number, Set<string>>;
}

const DIRECTIVE = /(?:#|<!--)\s*servelint-disable(-next-line|-line)?\b([^\n\r]*)/g;

function ruleIds(rest: string): string[] {
  const cleaned = rest.replace(/-->.*$/, '').replace(/\s--\s.*$/, ''); // allow `-- reason`
  const ids = cleaned.split(/[\s,]+/).filter((s) => /^[a-z0-9-]+$/.test(s));
  return ids.length > 0 ? ids : ['*'];
}

export function parseSuppressions(text: string, index: LineIndex): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('servelint-disable')) return result;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const ids = ruleIds(m[2] ?? '');
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
