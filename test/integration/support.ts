// Helpers for the editor tests: real documents in the test workspace, event-driven waits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'servelint.servelint';

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  await extension.activate();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return folder.uri.fsPath;
}

let counter = 0;

/** Writes a file into a fresh sub-folder of the workspace and opens it in an editor. */
export async function openFile(name: string, content: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const dir = path.join(workspaceRoot(), `case-${Date.now()}-${counter++}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor };
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'servelint');
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** Resolves when the document's ServeLint diagnostics satisfy `predicate` (no fixed sleeps). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 15000,
): Promise<vscode.Diagnostic[]> {
  const now = ours(uri);
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const current = ours(uri);
      if (!predicate(current)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(current);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics of ${uri.fsPath} did not reach the expected state in ${timeoutMs} ms; now: ${JSON.stringify(ours(uri).map((d) => [ruleOf(d), d.message]))}`));
    }, timeoutMs);
  });
}

/** Resolves when the document text satisfies `predicate` after an edit. */
export function waitForText(document: vscode.TextDocument, predicate: (text: string) => boolean, timeoutMs = 10000): Promise<string> {
  if (predicate(document.getText())) return Promise.resolve(document.getText());
  return new Promise((resolve, reject) => {
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || !predicate(document.getText())) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(document.getText());
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`text did not change as expected; now:\n${document.getText()}`));
    }, timeoutMs);
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('servelint').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export function textAt(document: vscode.TextDocument, range: vscode.Range): string {
  return document.getText(range);
}
