// The `servelint` command line. `main()` is exported for tests (all dependencies injectable); the
// bundle (dist/cli.js) calls it when run directly.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { analyze as coreAnalyze, detectKind as coreDetectKind, listRules as coreListRules, docsUrl as coreDocsUrl } from '../core/index';
import type { LintOptions, LintResult } from '../core/lint';
import type { Finding, FileKind, LinkedCliSetting, Severity } from '../core/types';
import type { RuleMeta } from '../core/rules/types';
import type { RuleLevel } from '../core/settings';
import { INTERNAL_ERROR } from '../core/rules/index';
import pkg from '../../package.json';
import { parseCliArgs, USAGE, type CliOptions } from './args';
import { runGenerate, runRecommend } from './advisor';
import { collectFiles, compareStrings, decodeText, MAX_FILE_BYTES, probeFile, readText, type Candidate, type Origin } from './files';
import { countFindings, formatJson, formatSarif, formatText, INFORMATION_URI, type FileReport, type FormatContext } from './format';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  /** Environment (NO_COLOR, SERVELINT_DEBUG). Defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export interface CliDeps {
  analyze(text: string, options: LintOptions): Promise<LintResult>;
  detectKind(fileName: string, text: string): FileKind;
  listRules(): RuleMeta[];
  docsUrl(ruleId: string): string;
  version: string;
}

/**
 * Besides the rules it runs, the core registers the findings the CLI reports itself
 * (`file-too-large`, `binary-file`); `internal-error` is listed apart and cannot be configured.
 */
export const CLI_RULES: readonly RuleMeta[] = [INTERNAL_ERROR];
/** Findings the CLI creates itself, so it applies their `--rule` overrides (the core does for its own). */
const CONFIGURABLE_CLI_RULE_IDS = new Set(['file-too-large', 'binary-file']);

const defaultDeps: CliDeps = {
  analyze: coreAnalyze,
  detectKind: coreDetectKind,
  listRules: coreListRules,
  docsUrl: coreDocsUrl,
  version: (pkg as { version?: string }).version ?? '0.0.0',
};

/** The project's home page from package.json (homepage, else repository), for SARIF's informationUri. */
function projectUri(): string {
  const meta = pkg as unknown as { homepage?: unknown; repository?: unknown };
  if (typeof meta.homepage === 'string' && /^https?:\/\//.test(meta.homepage)) return meta.homepage;
  const repo = meta.repository;
  const url = typeof repo === 'string' ? repo : typeof repo === 'object' && repo !== null ? (repo as { url?: unknown }).url : undefined;
  if (typeof url === 'string') {
    const cleaned = url.replace(/^git\+/, '').replace(/\.git$/, '');
    if (/^https?:\/\//.test(cleaned)) return cleaned;
  }
  return INFORMATION_URI;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const START = { line: 0, character: 0 };

function fileFinding(ruleId: string, severity: Severity, message: string): Finding {
  return { range: { start: START, end: START }, severity, ruleId, message };
}

/** A `--config` reference as the core reports it; an object form carrying the launch's version is accepted too. */
type ConfigReference =
  | string
  | {
      path: string;
      vllmVersion?: string;
      /** From the core's `configLinks`: the engine and kind to lint the file as, and the launch's version. */
      engine?: string;
      kind?: FileKind;
      version?: string;
      cliSettings?: LinkedCliSetting[];
    };

/** How a file passed to `--config` is linted: its kind, the version of the launch, what the launch sets on its command line. */
interface ForcedLint {
  kind: FileKind;
  vllmVersion?: string;
  engineVersions?: { sglang?: string; trtllm?: string };
  linkedCli?: LinkedCliSetting[];
}

interface FileEntry {
  path: string;
  origin: Origin;
  kind?: FileKind;
  /** The vLLM version the file was linted against (undefined: core default). */
  vllmVersion?: string;
  /** The file was read and analysed (not skipped as too large/binary, no read error). */
  analysed: boolean;
  findings: Finding[];
  configReferences: ConfigReference[];
  /** The vLLM version all launches in the file were checked against, when they agree. */
  launchVersion?: string;
}

/**
 * The version the file's launches were checked against (image tag, else the option, else newest
 * known), when there is exactly one. The core lists references and launches separately, so with
 * launches of different versions we cannot tell which one passes `--config`.
 */
function uniqueLaunchVersion(result: LintResult): string | undefined {
  const launches = (result as Partial<LintResult>).launches;
  if (!Array.isArray(launches) || launches.length === 0) return undefined;
  const versions = new Set(launches.map((l) => l.version).filter((v): v is string => typeof v === 'string' && v !== ''));
  return versions.size === 1 ? [...versions][0] : undefined;
}

interface RunState {
  options: CliOptions;
  deps: CliDeps;
  io: CliIO;
  debug: boolean;
  internalError: boolean;
}

function reportInternalError(state: RunState, file: string, error: unknown): Finding {
  state.internalError = true;
  if (state.debug && error instanceof Error && error.stack) {
    state.io.stderr.write(`servelint: while linting ${file}:\n${error.stack}\n`);
  }
  return fileFinding(INTERNAL_ERROR.id, 'error', `Internal error while linting this file: ${errorMessage(error)}`);
}

/**
 * Reads and lints one file. Returns undefined when a file found by walking or a glob is skipped silently
 * (unsupported kind, binary).
 */
async function lintFile(
  state: RunState,
  candidate: Candidate,
  forced?: ForcedLint,
): Promise<FileEntry | undefined> {
  const { deps, options } = state;
  const implicit = candidate.origin === 'walk' || candidate.origin === 'glob';
  const entry: FileEntry = { path: candidate.path, origin: candidate.origin, analysed: false, findings: [], configReferences: [] };
  let probe;
  try {
    probe = await probeFile(candidate.path);
  } catch (error) {
    entry.findings.push(reportInternalError(state, candidate.path, error));
    return entry;
  }
  let kind: FileKind | undefined = forced?.kind;
  if (!kind && !probe.binary) {
    try {
      kind = deps.detectKind(candidate.path, decodeText(probe.head));
    } catch (error) {
      entry.findings.push(reportInternalError(state, candidate.path, error));
      return entry;
    }
    if (implicit && kind === 'unknown') return undefined;
  }
  entry.kind = kind;
  if (probe.binary && (implicit || candidate.origin === 'config')) return undefined;
  if (probe.size > MAX_FILE_BYTES) {
    const mb = (probe.size / (1024 * 1024)).toFixed(1);
    entry.findings.push(
      fileFinding('file-too-large', 'info', `Not linted: the file is ${mb} MiB, more than the limit of ${MAX_FILE_BYTES / (1024 * 1024)} MiB.`),
    );
    return entry;
  }
  if (probe.binary) {
    entry.findings.push(fileFinding('binary-file', 'info', 'Not linted: the file looks binary (it contains a NUL byte).'));
    return entry;
  }
  try {
    const text = await readText(candidate.path);
    const lintOptions: LintOptions = {
      fileName: candidate.path,
      settings: { rules: { ...options.rules }, ...(options.gpu ? { gpu: options.gpu } : {}) },
    };
    const vllmVersion = forced ? forced.vllmVersion : options.vllmVersion;
    if (vllmVersion !== undefined) lintOptions.vllmVersion = vllmVersion;
    if (forced) lintOptions.kind = forced.kind;
    if (forced?.engineVersions) lintOptions.engineVersions = forced.engineVersions;
    if (forced?.linkedCli) lintOptions.linkedCli = forced.linkedCli;
    const result = await deps.analyze(text, lintOptions);
    entry.analysed = true;
    entry.kind = result.kind ?? kind;
    entry.vllmVersion = vllmVersion;
    entry.findings = [...result.findings];
    // The core reports its own failures as internal-error findings instead of throwing.
    if (entry.findings.some((f) => f.ruleId === INTERNAL_ERROR.id)) state.internalError = true;
    // `configLinks` (every engine, with the kind to lint as) supersedes the vLLM-only path list.
    entry.configReferences = Array.isArray(result.configLinks)
      ? [...result.configLinks]
      : Array.isArray(result.configReferences)
        ? [...result.configReferences]
        : [];
    entry.launchVersion = uniqueLaunchVersion(result);
  } catch (error) {
    entry.findings.push(reportInternalError(state, candidate.path, error));
  }
  return entry;
}

/** Second pass: lint files passed to `vllm serve --config` as vLLM config files. */
async function linkConfigFiles(state: RunState, entries: FileEntry[]): Promise<FileEntry[]> {
  const targets = new Map<string, ForcedLint>();
  for (const entry of entries) {
    for (const ref of entry.configReferences) {
      const refPath = typeof ref === 'string' ? ref : ref?.path;
      if (typeof refPath !== 'string' || refPath.trim() === '') continue;
      // Interpolated or home-relative paths cannot be resolved here.
      if (/[$`]/.test(refPath) || refPath.startsWith('~')) continue;
      const target = path.resolve(path.dirname(entry.path), refPath.trim());
      if (target === entry.path || targets.has(target)) continue;
      const kind: FileKind = typeof ref === 'object' && ref.kind ? ref.kind : 'vllm-config';
      if (kind === 'vllm-config') {
        const version = (typeof ref === 'object' ? (ref.vllmVersion ?? (ref.engine === 'vllm' ? ref.version : undefined)) : undefined) ?? entry.launchVersion ?? state.options.vllmVersion;
        targets.set(target, { kind, vllmVersion: version });
      } else if (typeof ref === 'object') {
        // SGLang / TensorRT-LLM config: the launch's version and, for trtllm-serve, its command-line settings.
        const forced: ForcedLint = { kind, vllmVersion: state.options.vllmVersion };
        if (ref.version && (ref.engine === 'sglang' || ref.engine === 'trtllm')) forced.engineVersions = { [ref.engine]: ref.version };
        if (ref.cliSettings && ref.cliSettings.length > 0) forced.linkedCli = ref.cliSettings;
        targets.set(target, forced);
      }
    }
  }
  if (targets.size === 0) return entries;
  const byPath = new Map(entries.map((e) => [e.path, e]));
  for (const [target, forced] of [...targets].sort((a, b) => compareStrings(a[0], b[0]))) {
    const existing = byPath.get(target);
    if (existing) {
      if (!existing.analysed) continue;
      const same = existing.kind === forced.kind && !forced.linkedCli && !forced.engineVersions && existing.vllmVersion === forced.vllmVersion;
      if (same) continue;
      const relinted = await lintFile(state, { path: target, origin: existing.origin }, forced);
      if (relinted) byPath.set(target, relinted);
    } else {
      try {
        const st = await fsp.stat(target);
        if (!st.isFile()) continue;
      } catch {
        continue; // e.g. a path inside a container image
      }
      const linted = await lintFile(state, { path: target, origin: 'config' }, forced);
      if (linted) byPath.set(target, linted);
    }
  }
  return [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
}

/** Applies `--rule` overrides to the findings the CLI itself creates (the core applies them to its own). */
function applyCliOverrides(findings: Finding[], rules: Record<string, RuleLevel>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = CONFIGURABLE_CLI_RULE_IDS.has(f.ruleId) ? rules[f.ruleId] : undefined;
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.message, b.message),
  );
}

function useColor(options: CliOptions, io: CliIO, env: Record<string, string | undefined>): boolean {
  if (options.noColor) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return io.stdout.isTTY === true;
}

async function run(argv: readonly string[], io: CliIO, deps: CliDeps, debug: boolean): Promise<number> {
  // Subcommands are the first word; anything else is the lint command (a file named `recommend`: ./recommend).
  if (argv[0] === 'recommend') return runRecommend(argv.slice(1), io);
  if (argv[0] === 'generate') return runGenerate(argv.slice(1), io);
  const env = io.env ?? process.env;
  let registered: RuleMeta[] | undefined;
  const rulesOrThrow = (): RuleMeta[] => (registered ??= deps.listRules());
  const parsed = parseCliArgs(argv, (id) => CONFIGURABLE_CLI_RULE_IDS.has(id) || rulesOrThrow().some((r) => r.id === id));
  if (parsed.action === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (parsed.action === 'version') {
    io.stdout.write(`${deps.version}\n`);
    return 0;
  }
  if (parsed.action === 'error') {
    io.stderr.write(`servelint: ${parsed.message}\nRun 'servelint --help' for usage.\n`);
    return 2;
  }
  const options = parsed.options;
  const state: RunState = { options, deps, io, debug, internalError: false };

  const collected = await collectFiles(options.paths, io.cwd);
  for (const warning of collected.warnings) io.stderr.write(`servelint: warning: ${warning}\n`);
  if (collected.errors.length > 0) {
    for (const error of collected.errors) io.stderr.write(`servelint: ${error}\n`);
    return 2;
  }

  let entries: FileEntry[] = [];
  for (const candidate of collected.files) {
    const entry = await lintFile(state, candidate);
    if (entry) entries.push(entry);
  }
  entries = await linkConfigFiles(state, entries);

  const allReports: FileReport[] = entries.map((e) => ({
    path: e.path,
    findings: sortFindings(applyCliOverrides(e.findings, options.rules)),
  }));
  const counts = countFindings(allReports);
  const shown = options.quiet
    ? allReports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : allReports;

  const allRules = [...rulesOrThrow()];
  for (const meta of CLI_RULES) if (!allRules.some((r) => r.id === meta.id)) allRules.push(meta);
  const ctx: FormatContext = {
    cwd: io.cwd,
    fileCount: entries.length,
    color: useColor(options, io, env),
    quiet: options.quiet,
    toolVersion: deps.version,
    informationUri: projectUri(),
    rules: allRules,
    docsUrl: (id) => deps.docsUrl(id),
    executionSuccessful: !state.internalError,
  };
  const formatted =
    options.format === 'json' ? formatJson(shown, ctx) : options.format === 'sarif' ? formatSarif(shown, ctx) : formatText(shown, ctx);
  io.stdout.write(formatted);

  if (state.internalError) {
    io.stderr.write('servelint: some files could not be linted (see the internal-error findings).\n');
    return 2;
  }
  if (counts.errors > 0) return 1;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) {
    io.stderr.write(`servelint: too many warnings (${counts.warnings}, maximum ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIO, deps: Partial<CliDeps> = {}): Promise<number> {
  const env = io.env ?? process.env;
  const debug = env['SERVELINT_DEBUG'] === '1';
  try {
    return await run(argv, io, { ...defaultDeps, ...deps }, debug);
  } catch (error) {
    io.stderr.write(`servelint: internal error: ${errorMessage(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

if (require.main === module) {
  // Output piped into a closed reader (`servelint … | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
