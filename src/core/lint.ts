// lint(): text + file name -> findings. detect -> extract -> parse args -> rules -> filter -> ranges.
import type { ExtractContext, ExtractResult, FileKind, Finding, Span } from './types';
import { LineIndex, emptyResult, literalWord, mapResultThroughWord } from './text';
import { detectKind } from './detect';
import { extractShell, extractShellWord } from './extract/shell';
import { extractMakefile } from './extract/makefile';
import { extractCompose } from './extract/compose';
import { extractKubernetes } from './extract/kubernetes';
import { extractHelmValues } from './extract/helm';
import { extractVllmConfig, looksLikeVllmConfig } from './extract/vllmConfig';
import { extractSglangConfig, extractTrtllmConfig, looksLikeSglangConfig, looksLikeTrtllmConfig } from './extract/engineConfig';
import { extractDockerfile } from './extract/dockerfile';
import { extractMarkdown } from './extract/markdown';
import { lastValue } from './args';
import { vllmFlags, normalizeFlagName, sglangFlags } from './facts/flags';
import { TRTLLM_CLI_TO_YAML } from './facts/trtllmYaml';
import type { Engine, Invocation, LinkedCliSetting } from './types';
import { getRule } from './rules/index';
import { resolveSettings, type LintSettings } from './settings';
import { checkInvocation, internalError, type RawFinding } from './check';
import { parseSuppressions, isSuppressed } from './suppress';
import { forgetYamlCst } from './extract/yamlWords';

export interface LintOptions {
  fileName: string;
  /** Target vLLM version when no image tag pins one (CLI --vllm-version / setting). Default: newest known. */
  vllmVersion?: string;
  /** Force a file kind, e.g. 'vllm-config' for a YAML file another file passes to `--config`. */
  kind?: FileKind;
  settings?: Partial<LintSettings>;
  /** Target SGLang / TensorRT-LLM versions when no image tag pins one (default: newest known). */
  engineVersions?: { sglang?: string; trtllm?: string };
  /**
   * When linting a config file another file's launch passes: the settings that launch gives on its
   * command line (from that file's `configReferences`), for precedence rules.
   */
  linkedCli?: LinkedCliSetting[];
  /** Files longer than this many characters get one info finding instead of a lint (default 2 MiB). */
  maxLength?: number;
}

export interface LintResult {
  kind: FileKind;
  findings: Finding[];
  /** Paths given to `vllm serve --config` by launches in this file, as written (resolve against the file's folder). */
  configReferences: string[];
  /**
   * Config files the launches of every engine pass (`--config`, trtllm `--extra_llm_api_options`): the
   * path as written (resolve it against the file's folder), the engine and file kind to lint it as, the
   * version the launch was checked against and, for trtllm-serve, the command-line settings the file
   * overrides.
   */
  configLinks?: ConfigReference[];
  /** What was found, for status displays: one entry per launch. */
  launches?: { engine: string; form: string; version: string; versionSource: string; line: number }[];
}

export interface ConfigReference {
  path: string;
  engine: Engine;
  kind: 'vllm-config' | 'sglang-config' | 'trtllm-config';
  version: string;
  cliSettings?: LinkedCliSetting[];
}

const CONFIG_KIND: Record<Engine, ConfigReference['kind']> = { vllm: 'vllm-config', sglang: 'sglang-config', trtllm: 'trtllm-config' };

export const DEFAULT_MAX_LENGTH = 2 * 1024 * 1024;

function isKnownVllmFlagName(name: string): boolean {
  const flags = vllmFlags();
  const n = normalizeFlagName(name.startsWith('-') ? name : `--${name}`);
  return flags.get(n) !== undefined || flags.get(n.split('.')[0] as string) !== undefined;
}

function isKnownSglangFlagName(name: string): boolean {
  return sglangFlags().get(name.startsWith('-') ? name : `--${name}`) !== undefined;
}

/** A YAML text that is none of compose/Kubernetes: an engine config file, judged by name and content. */
function engineConfigOf(text: string, fileName: string): { kind: FileKind; result: ExtractResult } | null {
  if (looksLikeVllmConfig(text, fileName, isKnownVllmFlagName)) return { kind: 'vllm-config', result: extractVllmConfig(text) };
  if (looksLikeTrtllmConfig(text, fileName)) return { kind: 'trtllm-config', result: extractTrtllmConfig(text) };
  if (looksLikeSglangConfig(text, fileName, isKnownSglangFlagName)) return { kind: 'sglang-config', result: extractSglangConfig(text) };
  return null;
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
    case 'sglang-config':
      return { kind, result: extractSglangConfig(text, ctx) };
    case 'trtllm-config':
      return { kind, result: extractTrtllmConfig(text, ctx) };
    case 'markdown':
      return {
        kind,
        result: await extractMarkdown(text, ctx, async (blockKind: FileKind, blockText: string) => {
          // A YAML block that is neither compose nor Kubernetes may be a vLLM config shown in docs.
          if (blockKind === 'yaml') {
            if (looksLikeVllmConfig(blockText, 'vllm-config.yaml', isKnownVllmFlagName)) return extractVllmConfig(blockText, ctx);
            // Other engines' config files only when the document itself is about that engine.
            if (/trtllm|tensorrt-llm|extra_llm_api_options/i.test(text) && looksLikeTrtllmConfig(blockText, 'extra-llm-api-config.yml')) return extractTrtllmConfig(blockText, ctx);
            return emptyResult();
          }
          if (blockKind === 'markdown' || blockKind === 'unknown') return emptyResult();
          return (await extractByKind(blockKind, blockText, ctx)).result;
        }),
      };
    case 'yaml':
      {
        const config = engineConfigOf(text, ctx.fileName);
        if (config) return config;
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

/** Detects the kind of a document and extracts its launches (no rules). Throws only on internal bugs. */
export async function extractDocument(text: string, options: Pick<LintOptions, 'fileName' | 'kind'>): Promise<{ kind: FileKind; result: ExtractResult }> {
  const kind = options.kind ?? detectKind(options.fileName, text);
  return extractByKind(kind, text, { fileName: options.fileName, extractShellWord });
}

/** Lints one document and says what it found. Never throws: failures become `internal-error` findings. */
export async function analyze(text: string, options: LintOptions): Promise<LintResult> {
  const index = new LineIndex(text);
  const settings = resolveSettings(options.settings);
  const raw: RawFinding[] = [];
  const configReferences: string[] = [];
  const configLinks: ConfigReference[] = [];
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
    return { kind, findings: toFindings(raw, text, index, settings), configReferences, configLinks, launches };
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
      if (invocation.form === 'config-file' && options.linkedCli && options.linkedCli.length > 0) invocation.linkedCli = options.linkedCli;
      const checked = checkInvocation(invocation, { text, settings, vllmVersion: options.vllmVersion, engineVersions: options.engineVersions });
      raw.push(...checked.findings);
      const config = invocation.form === 'config-file' || invocation.form === 'trtllm-build' ? undefined : (lastValue(checked.parsed, '--config') ?? lastValue(checked.parsed, '--extra_llm_api_options'));
      if (config && !config.unknown) {
        const ref: ConfigReference = { path: config.text, engine: invocation.engine, kind: CONFIG_KIND[invocation.engine], version: checked.version.version.text };
        if (invocation.engine === 'trtllm') {
          const cli = trtllmCliSettings(checked.parsed, options.fileName, index);
          if (cli.length > 0) ref.cliSettings = cli;
        }
        configLinks.push(ref);
        if (invocation.engine === 'vllm') configReferences.push(config.text);
        // `cat > cfg.yml <<EOF … EOF` in the same script or document: lint the heredoc as that file.
        if (invocation.engine === 'trtllm' && invocation.form !== 'config-file') {
          for (const inline of heredocConfigs(text, config.text)) {
            if (ref.cliSettings) inline.linkedCli = ref.cliSettings;
            const checkedConfig = checkInvocation(inline, { text, settings, engineVersions: { trtllm: checked.version.version.text } });
            raw.push(...checkedConfig.findings);
          }
        }
      }
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
  } finally {
    forgetYamlCst();
  }
  return { kind, findings: toFindings(raw, text, index, settings), configReferences, configLinks, launches };
}

/**
 * TensorRT-LLM config files written by a heredoc in the same text (`cat > extra.yml <<EOF`), the way
 * the TensorRT-LLM docs show them, as config-file invocations with document spans.
 */
function heredocConfigs(text: string, configPath: string): Invocation[] {
  const out: Invocation[] = [];
  const bare = configPath.replace(/^\.\//, '');
  const name = bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\bcat\\s*>\\s*["']?(?:\\./)?${name}["']?\\s*<<-?\\s*["']?(\\w+)["']?[^\\n]*\\n`, 'g');
  for (let m = re.exec(text); m && out.length < 4; m = re.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const end = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
    const rest = text.slice(bodyStart);
    const close = end.exec(rest);
    if (!close) continue;
    const body = rest.slice(0, close.index);
    const mapped = mapResultThroughWord(extractTrtllmConfig(body), literalWord(body, bodyStart));
    out.push(...mapped.invocations);
  }
  return out;
}

/** trtllm-serve options of a launch that a `--config` YAML would override, with the key they map to. */
function trtllmCliSettings(parsed: ReturnType<typeof checkInvocation>['parsed'], fileName: string, index: LineIndex): LinkedCliSetting[] {
  const out: LinkedCliSetting[] = [];
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  for (const flag of parsed.flags) {
    const key = flag.spec ? TRTLLM_CLI_TO_YAML[flag.spec.name] : undefined;
    if (!key || flag.word.unknown) continue;
    const written = [flag.written, ...flag.values.map((v) => v.text)].join(' ');
    out.push({ key, written, where: `${base}:${index.positionAt(flag.nameSpan.start).line + 1}` });
  }
  return out;
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
        ...(f.preferred ? { preferred: true } : {}),
        edits: f.edits.map((e) => ({ range: index.range(clampSpan(e.span, text.length)), newText: e.newText })),
      }));
    }
    if (r.launchSpan) finding.launchRange = index.range(clampSpan(r.launchSpan, text.length));
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
