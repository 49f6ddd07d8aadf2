// VS Code adapter (first cut): publishes the core's findings as diagnostics for open documents.
// The full editor experience (code actions, hover, completion, settings UI) is a later issue.
import * as vscode from 'vscode';
import { analyze } from '../core/lint';
import { docsUrl } from '../core/rules/index';
import { languageIdToKind } from '../core/detect';
import type { Finding } from '../core/types';
import { resolveSettings, type LintSettings } from '../core/settings';

interface EditorSettings {
  enable: boolean;
  vllmVersion?: string;
  lint: LintSettings;
}

/** Reads and validates the `servelint.*` settings (zod, through resolveSettings); bad values fall back to defaults. */
function readSettings(scope?: vscode.Uri): EditorSettings {
  const config = vscode.workspace.getConfiguration('servelint', scope);
  const version = config.get<string>('vllm.version', '').trim();
  return {
    enable: config.get<boolean>('enable', true),
    vllmVersion: version === '' ? undefined : version,
    lint: resolveSettings({
      rules: config.get<Record<string, unknown>>('rules', {}),
      gpuMemoryUtilization: { warnAbove: config.get<number>('gpuMemoryUtilization.warnAbove', 0.95) },
    }),
  };
}

const DEBOUNCE_MS = 200;

function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const r = finding.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const severity =
    finding.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : finding.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(range, finding.message, severity);
  diagnostic.source = 'servelint';
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(docsUrl(finding.ruleId)) };
  return diagnostic;
}

const SUPPORTED_LANGUAGES = new Set(['shellscript', 'yaml', 'dockercompose', 'dockerfile', 'markdown', 'makefile']);

export function activate(context: vscode.ExtensionContext): void {
  const collection = vscode.languages.createDiagnosticCollection('servelint');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const output = vscode.window.createOutputChannel('ServeLint', { log: true });
  context.subscriptions.push(collection, output);

  const run = async (document: vscode.TextDocument): Promise<void> => {
    if (!SUPPORTED_LANGUAGES.has(document.languageId) || document.uri.scheme === 'output') return;
    const settings = readSettings(document.uri);
    if (!settings.enable) {
      collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const text = document.getText();
    try {
      const kind = languageIdToKind(document.languageId, document.fileName, text);
      const result = await analyze(text, {
        fileName: document.fileName,
        kind: kind === 'unknown' ? undefined : kind,
        vllmVersion: settings.vllmVersion,
        settings: settings.lint,
      });
      // Drop results for a document that changed or closed while we linted.
      if (document.isClosed || document.version !== version) return;
      collection.set(document.uri, result.findings.map(toDiagnostic));
    } catch (error) {
      output.error(`lint failed for ${document.uri.toString()}: ${String(error)}`);
    }
  };

  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void run(document);
      }, DEBOUNCE_MS),
    );
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => void run(d)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      collection.delete(d.uri);
      const pending = timers.get(d.uri.toString());
      if (pending) clearTimeout(pending);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('servelint')) for (const document of vscode.workspace.textDocuments) void run(document);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  for (const document of vscode.workspace.textDocuments) void run(document);
}

export function deactivate(): void {}
