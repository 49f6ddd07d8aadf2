// Helpers for the integration tests, from the harness (not a test file: only *.test.js are loaded).
// Wait on events with a deadline, never with fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'servelint.servelint';

/** The workspace folder the tests run in: a fresh copy of test/integration/workspace/ per run. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need an open workspace folder (a copy of test/integration/workspace/)');
  return folder;
}

/** A file of the test workspace, e.g. workspaceUri('docker-compose.yml'). */
export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...segments);
}

/** Opens a workspace file in an editor. */
export async function openWorkspaceFile(...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(document);
}

/** Our diagnostics for `uri` (source 'servelint'). */
export function servelintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'servelint');
}

/** The rule id of a diagnostic (its code is `{ value: ruleId, target: docsUri }`). */
export function ruleId(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * Resolves with our diagnostics for `uri` as soon as `accept` returns true for them (checked now and
 * on every vscode.languages.onDidChangeDiagnostics for that uri); rejects after `timeoutMs` with the
 * diagnostics seen last.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = servelintDiagnostics(uri);
      if (!accept(current)) return false;
      done();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const seen = servelintDiagnostics(uri).map((d) => `${ruleId(d)}@${d.range.start.line + 1}: ${d.message}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.path}; have: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Waits until any of our diagnostics on `uri` has the given rule id, and returns those. */
export async function waitForRule(uri: vscode.Uri, rule: string, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  const all = await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleId(d) === rule), timeoutMs);
  return all.filter((d) => ruleId(d) === rule);
}
