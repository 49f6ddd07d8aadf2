// Output formats of the CLI: text (grouped, aligned, optionally coloured), json and SARIF 2.1.0.
// Findings carry 0-based ranges in UTF-16 code units; every format here reports 1-based lines/columns.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Range, Severity } from '../core/types';
import type { RuleMeta } from '../core/rules/types';

export interface FileReport {
  /** Absolute path. */
  path: string;
  findings: Finding[];
}

export interface FormatContext {
  cwd: string;
  /** Number of files linted (for the text summary). */
  fileCount: number;
  color: boolean;
  quiet: boolean;
  toolVersion: string;
  /** tool.driver.informationUri in SARIF. */
  informationUri?: string;
  /** Every registered rule plus the CLI's own rules. */
  rules: RuleMeta[];
  docsUrl(ruleId: string): string | undefined;
  /** False when a file could not be linted (internal error); recorded in the SARIF invocation. */
  executionSuccessful?: boolean;
}

export const INFORMATION_URI = 'https://github.com/servelint/servelint';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Path relative to cwd as shown to the user (native separators). */
export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file) || path.basename(file);
}

/** Path relative to cwd with forward slashes (json). */
export function portablePath(file: string, cwd: string): string {
  return displayPath(file, cwd).split(path.sep).join('/');
}

export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line/column; the end column is the column just after the last character (exclusive). */
export function oneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(reports: readonly FileReport[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const r of reports) {
    for (const f of r.findings) {
      if (f.severity === 'error') counts.errors++;
      else if (f.severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------- text

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
};

function paint(enabled: boolean, codes: string, text: string): string {
  return enabled ? `${codes}${text}${ANSI.reset}` : text;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

/** Messages are shown on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function formatText(reports: readonly FileReport[], ctx: FormatContext): string {
  const c = ctx.color;
  const lines: string[] = [];
  const withFindings = reports.filter((r) => r.findings.length > 0);
  for (const report of withFindings) {
    const rows = report.findings.map((f) => ({
      pos: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
      severity: f.severity,
      message: oneLine(f.message),
      rule: f.ruleId,
    }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    const msgWidth = Math.max(...rows.map((r) => r.message.length));
    lines.push(paint(c, ANSI.underline, displayPath(report.path, ctx.cwd)));
    for (const row of rows) {
      lines.push(
        '  ' +
          paint(c, ANSI.dim, row.pos.padEnd(posWidth)) +
          '  ' +
          paint(c, SEVERITY_COLOR[row.severity], row.severity.padEnd(sevWidth)) +
          '  ' +
          row.message.padEnd(msgWidth) +
          '  ' +
          paint(c, ANSI.dim, row.rule),
      );
    }
    lines.push('');
  }
  const counts = countFindings(reports);
  const total = counts.errors + counts.warnings + counts.infos;
  if (total === 0) {
    const what = ctx.quiet ? 'No errors' : 'No problems';
    lines.push(paint(c, ANSI.green + ANSI.bold, `✔ ${what} in ${plural(ctx.fileCount, 'file')}`));
  } else {
    const parts: string[] = [];
    if (counts.errors > 0) parts.push(plural(counts.errors, 'error'));
    if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
    if (counts.infos > 0) parts.push(plural(counts.infos, 'info', 'info'));
    const color = counts.errors > 0 ? ANSI.red : counts.warnings > 0 ? ANSI.yellow : ANSI.cyan;
    lines.push(
      paint(c, color + ANSI.bold, `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(withFindings.length, 'file')}`),
    );
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- json

export interface JsonEdit extends OneBasedRange {
  newText: string;
}

export interface JsonFinding extends OneBasedRange {
  file: string;
  severity: Severity;
  rule: string;
  message: string;
  fixes?: { title: string; edits: JsonEdit[] }[];
}

export function toJsonFindings(reports: readonly FileReport[], cwd: string): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const report of reports) {
    const file = portablePath(report.path, cwd);
    for (const f of report.findings) {
      const item: JsonFinding = {
        file,
        ...oneBased(f.range),
        severity: f.severity,
        rule: f.ruleId,
        message: f.message,
      };
      if (f.fixes && f.fixes.length > 0) {
        item.fixes = f.fixes.map((fix) => ({
          title: fix.title,
          edits: fix.edits.map((e) => ({ ...oneBased(e.range), newText: e.newText })),
        }));
      }
      out.push(item);
    }
  }
  return out;
}

export function formatJson(reports: readonly FileReport[], ctx: FormatContext): string {
  return JSON.stringify(toJsonFindings(reports, ctx.cwd), null, 2) + '\n';
}

// --------------------------------------------------------------------------------------------- sarif

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return SARIF_LEVEL[severity];
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** Relative URI under %SRCROOT% (the cwd) when the file is inside it, else an absolute file: URI. */
export function artifactLocation(file: string, cwd: string): SarifArtifactLocation {
  const rel = path.relative(cwd, file);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(file).href };
}

function sarifRegion(range: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const r = oneBased(range);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export function formatSarif(reports: readonly FileReport[], ctx: FormatContext): string {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (meta: RuleMeta | { id: string; severity?: Severity; summary?: string }): number => {
    const existing = ruleIndex.get(meta.id);
    if (existing !== undefined) return existing;
    const entry: Record<string, unknown> = { id: meta.id };
    entry['shortDescription'] = { text: meta.summary ?? meta.id };
    const help = ctx.docsUrl(meta.id);
    if (help) entry['helpUri'] = help;
    entry['defaultConfiguration'] = { level: sarifLevel(meta.severity ?? 'warning') };
    rules.push(entry);
    ruleIndex.set(meta.id, rules.length - 1);
    return rules.length - 1;
  };
  for (const meta of ctx.rules) addRule(meta);

  const results: object[] = [];
  for (const report of reports) {
    const location = artifactLocation(report.path, ctx.cwd);
    for (const f of report.findings) {
      const index = addRule({ id: f.ruleId, severity: f.severity });
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: index,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f.range) } }],
      };
      if (f.related && f.related.length > 0) {
        result['relatedLocations'] = f.related.map((rel, id) => ({
          id,
          physicalLocation: { artifactLocation: location, region: sarifRegion(rel.range) },
          message: { text: rel.message },
        }));
      }
      if (f.fixes && f.fixes.length > 0) {
        result['fixes'] = f.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: location,
              replacements: fix.edits.map((e) => ({
                deletedRegion: sarifRegion(e.range),
                insertedContent: { text: e.newText },
              })),
            },
          ],
        }));
      }
      results.push(result);
    }
  }

  let srcRoot = pathToFileURL(ctx.cwd).href;
  if (!srcRoot.endsWith('/')) srcRoot += '/';
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ServeLint',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: ctx.informationUri ?? INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: ctx.executionSuccessful ?? true }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
