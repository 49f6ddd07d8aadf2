// Live diagnostics: debounced per document, cached per document version, stale results dropped,
// cleared on close. Also remembers which YAML files other documents pass to `--config`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigReference, LintOptions, LintResult } from '../core/lint';
import { languageIdToKind } from '../core/detect';
import { docsUrl } from '../core/docs';
import { core } from './core';
import type { FileKind, Finding } from '../core/types';
import { isExcluded, LANGUAGES, readSettings } from './settings';

const DEBOUNCE_MS = 150;

export interface DocumentState {
  version: number;
  result: LintResult;
}

export function toRange(r: Finding['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toDiagnostic(uri: vscode.Uri, finding: Finding): vscode.Diagnostic {
  const severity =
    finding.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : finding.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, severity);
  diagnostic.source = 'servelint';
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(docsUrl(finding.ruleId)) };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (rel) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(rel.range)), rel.message),
    );
  }
  return diagnostic;
}

export class DiagnosticsManager implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('servelint');
  private readonly states = new Map<string, DocumentState>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** fsPath of a YAML file -> the launch that passes it to --config (engine, kind, target version). */
  private readonly configFiles = new Map<string, ConfigReference>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidLint = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
    this.changed.dispose();
  }

  state(document: vscode.TextDocument): DocumentState | undefined {
    const state = this.states.get(document.uri.toString());
    return state && state.version === document.version ? state : undefined;
  }

  isCandidate(document: vscode.TextDocument): boolean {
    return LANGUAGES.includes(document.languageId) && document.uri.scheme !== 'output' && document.uri.scheme !== 'git';
  }

  schedule(document: vscode.TextDocument): void {
    if (!this.isCandidate(document)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(document);
      }, DEBOUNCE_MS),
    );
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.states.delete(key);
    this.collection.delete(document.uri);
  }

  clearAll(): void {
    this.states.clear();
    this.collection.clear();
  }

  kindFor(document: vscode.TextDocument): FileKind | undefined {
    const link = this.configFiles.get(document.uri.fsPath);
    if (link) return link.kind;
    const kind = languageIdToKind(document.languageId, document.fileName, document.getText());
    return kind === 'unknown' ? undefined : kind;
  }

  /** Lints a document now (skipping it when this version was linted already). */
  async lint(document: vscode.TextDocument): Promise<DocumentState | undefined> {
    if (!this.isCandidate(document) || document.isClosed) return undefined;
    const cached = this.state(document);
    if (cached) return cached;
    const settings = readSettings(document.uri);
    if (!settings.enable || isExcluded(document, settings.exclude)) {
      this.forget(document);
      return undefined;
    }
    const version = document.version;
    const started = Date.now();
    try {
      const result = await core().analyze(document.getText(), this.lintOptions(document, settings));
      // The document changed or closed while we linted: this result is stale.
      if (document.isClosed || document.version !== version) return undefined;
      const state = { version, result };
      this.states.set(document.uri.toString(), state);
      this.collection.set(document.uri, result.findings.map((f) => toDiagnostic(document.uri, f)));
      this.rememberConfigReferences(document, result);
      this.log.debug(`linted ${document.uri.fsPath} (${result.kind}) in ${Date.now() - started} ms: ${result.findings.length} findings`);
      this.changed.fire(document.uri);
      return state;
    } catch (error) {
      // analyze() never throws by design; this guards the host against a bug all the same.
      this.log.error(`lint failed for ${document.uri.toString()}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Options for the core: a config file gets the kind and version of the launch that uses it. */
  lintOptions(document: vscode.TextDocument, settings: ReturnType<typeof readSettings>): LintOptions {
    const link = this.configFiles.get(document.uri.fsPath);
    return {
      fileName: document.fileName,
      kind: this.kindFor(document),
      vllmVersion: link?.engine === 'vllm' ? link.version : settings.vllmVersion,
      engineVersions: link && link.engine !== 'vllm' ? { [link.engine]: link.version } : undefined,
      settings: settings.lint,
      maxLength: settings.maxFileSize,
    };
  }

  private rememberConfigReferences(document: vscode.TextDocument, result: LintResult): void {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'vscode-remote') return;
    for (const link of result.configLinks ?? []) {
      if (/[$`]|^~/.test(link.path)) continue;
      const target = path.resolve(path.dirname(document.uri.fsPath), link.path);
      const known = this.configFiles.has(target);
      this.configFiles.set(target, link);
      if (!known) {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target);
        if (open) {
          this.states.delete(open.uri.toString());
          void this.lint(open);
        }
      }
    }
  }
}
