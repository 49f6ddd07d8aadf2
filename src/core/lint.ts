// lint(): text + file name -> findings. detect -> extract -> parse args -> rules -> filter -> ranges.
import type { ExtractContext, ExtractResult, FileKind, Finding, Span } from './types';
import { LineIndex, emptyResult } from './text';
import { detectKind } from './detect';
import { extractShell, extractShellWord } from './extract/shell';
import { extractMakefile } from './extract/makefile';
import { extractCompose } from './extract/compose';
import { extractKubernetes } from './extract/kubernetes';
import { extractHelmValues } from './extract/helm';
import { extractVllmConfig, looksLikeVllmConfig } from './extract/vllmConfig';
import { extractDockerfile } from './extract/dockerfile';
import { extractMarkdown } from './extract/markdown';
import { lastValue } from './args';
import { vllmFlags, normalizeFlagName } from './facts/flags';
import { getRule } from './rules/index';
import { resolveSettings, type LintSettings } from './settings';
import { checkInvocation, internalError, type RawFinding } from './check';
import { parseSuppressions, isSuppressed } from './suppress';

export interface LintOptions {
  fileName: string;
  /** Target vLLM version when no image tag pins one (CLI --vllm-version / setting). Default: newest known. */
  vllmVersion?: string;
  /** Force a file kind, e.g. 'vllm-config' for a YAML file another file passes to `--config`. */
  kind?: FileKind;
  settings?: Partial<LintSettings>;
  /** Files longer than this many characters get one info finding instead of a lint (default 2 MiB). */
  maxLength?: number;
}

export interface LintResult {
  kind: FileKind;
  findings: Finding[];
  /** Paths given to `--config` by launches in this file, as written (resolve against the file's folder). */
  configReferences: string[];
  /** What was found, for status displays: one entry per launch. */
  launches?: { engine: string; form: string; version: string; versionSource: string; line: number }[];
}

export const DEFAULT_MAX_LENGTH = 2 * 1024 * 1024;

function isKnownVllmFlagName(name: string): boolean {
  const flags = vllmFlags();
  const n = normalizeFlagName(name.startsWith('-') ? name : `--${name}`);
  return flags.get(n) !== undefined || flags.get(n.split('.')[0] as string) !== undefined;
}

async function extractByKind(kind: FileKind, text: string, ctx: ExtractContext): Promise<{ kind: FileKind; result: ExtractResult }> {
  switch (kind) {
    case 'shell':
      return { kind, result: await extractShell(text, ctx) };
    case 'makefile':
      return { kind, result: await extractMakefile(text, ctx) };
    case 'compose':
      return { kind, result: await extractCompose(text, ctx) };
    case 'kubernetes':
      return { kind, result: await extractKubernetes(text, ctx) };
    case 'dockerfile':
      return { kind, result: await extractDockerfile(text, ctx) };
    case 'vllm-config':
      return { kind, result: extractVllmConfig(text, ctx) };
    case 'markdown':
      return {
        kind,
        result: await extractMarkdown(text, ctx, async (blockKind: FileKind, blockText: string) => {
          // A YAML block that is neither compose nor Kubernetes may be a vLLM config shown in docs.
          if (blockKind === 'yaml') {
            if (looksLikeVllmConfig(blockText, 'vllm-config.yaml', isKnownVllmFlagName)) return extractVllmConfig(blockText, ctx);
            return emptyResult();
          }
          if (blockKind === 'markdown' || blockKind === 'unknown') return emptyResult();
          return (await extractByKind(blockKind, blockText, ctx)).result;
        }),
      };
    case 'yaml':
      if (looksLikeVllmConfig(text, ctx.fileName, isKnownVllmFlagName)) {
        return { kind: 'vllm-config', result: extractVllmConfig(text, ctx) };
      }
      {
        // Any YAML file may be a Helm values file; a broken one that holds no launch is not ours to report.
        const result = await extractHelmValues(text, ctx);
        return { kind, result: result.invocations.length > 0 ? result : emptyResult() };
      }
    default:
      return { kind, result: emptyResult() };
  }
}

/** Lints one document and says what it found. Never throws: failures become `internal-error` findings. */
export async function analyze(text: string, options: LintOptions): Promise<LintResult> {
  const index = new LineIndex(text);
  const settings = resolveSettings(options.settings);
  const raw: RawFinding[] = [];
  const configReferences: string[] = [];
  const launches: NonNullable<LintResult['launches']> = [];
  let kind: FileKind = options.kind ?? 'unknown';
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;

  if (text.length > maxLength) {
    raw.push({
      ruleId: 'file-too-large',
      span: { start: 0, end: 0 },
      severity: 'info',
      message: `Not linted: the file has ${text.length.toLocaleString('en-US')} characters, more than the limit of ${maxLength.toLocaleString('en-US')}.`,
    });
    return { kind, findings: toFindings(raw, text, index, settings), configReferences, launches };
  }

  try {
    kind = options.kind ?? detectKind(options.fileName, text);
    const ctx: ExtractContext = { fileName: options.fileName, extractShellWord };
    const extracted = await extractByKind(kind, text, ctx);
    kind = extracted.kind;
    for (const issue of extracted.result.issues) {
      raw.push({
        ruleId: issue.ruleId,
        span: issue.span,
        severity: issue.severity ?? getRule(issue.ruleId)?.meta.severity ?? 'error',
        message: issue.message,
        fixes: issue.fixes,
      });
    }
    for (const invocation of extracted.result.invocations) {
      if (invocation.engine !== 'vllm') continue;
      const checked = checkInvocation(invocation, { text, settings, vllmVersion: options.vllmVersion });
      raw.push(...checked.findings);
      const config = lastValue(checked.parsed, '--config');
      if (config && !config.unknown) configReferences.push(config.text);
      launches.push({
        engine: invocation.engine,
        form: invocation.form,
        version: checked.version.version.text,
        versionSource: checked.version.explanation,
        line: index.positionAt(invocation.span.start).line,
      });
    }
  } catch (error) {
    raw.push(internalError('analysis', error, { start: 0, end: 0 }));
  }
  return { kind, findings: toFindings(raw, text, index, settings), configReferences, launches };
}

function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  const end = Math.max(start, Math.min(span.end, length));
  return { start, end };
}

function toFindings(raw: RawFinding[], text: string, index: LineIndex, settings: LintSettings): Finding[] {
  const suppressions = parseSuppressions(text, index);
  const seen = new Set<string>();
  const out: { finding: Finding; start: number }[] = [];
  for (const r of raw) {
    const level = settings.rules[r.ruleId];
    if (level === 'off') continue;
    const span = clampSpan(r.span, text.length);
    const startLine = index.positionAt(span.start).line;
    const launchLine = r.launchSpan ? index.positionAt(r.launchSpan.start).line : undefined;
    if (isSuppressed(suppressions, r.ruleId, startLine, launchLine)) continue;
    const key = `${r.ruleId}:${span.start}:${span.end}:${r.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const finding: Finding = {
      range: index.range(span),
      severity: level ?? r.severity,
      ruleId: r.ruleId,
      message: r.message,
    };
    const fixes = r.fixes?.filter((f) => f.edits.length > 0);
    if (fixes && fixes.length > 0) {
      finding.fixes = fixes.map((f) => ({
        title: f.title,
        edits: f.edits.map((e) => ({ range: index.range(clampSpan(e.span, text.length)), newText: e.newText })),
      }));
    }
    if (r.related && r.related.length > 0) {
      finding.related = r.related.map((rel) => ({ range: index.range(clampSpan(rel.span, text.length)), message: rel.message }));
    }
    out.push({ finding, start: span.start });
  }
  out.sort((a, b) => a.start - b.start || a.finding.ruleId.localeCompare(b.finding.ruleId));
  return out.map((o) => o.finding);
}

export async function lint(text: string, options: LintOptions): Promise<Finding[]> {
  return (await analyze(text, options)).findings;
}
