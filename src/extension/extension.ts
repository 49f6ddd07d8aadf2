// VS Code adapter: live diagnostics, quick fixes, hovers, completion, commands, status. All the
// knowledge is in src/core, loaded on first use (core.ts): activation registers providers and returns.
import * as vscode from 'vscode';
import { DiagnosticsManager } from './diagnostics';
import { ServeLintCodeActions, SHOW_DOCS_COMMAND, fixAllEdit } from './actions';
import { ServeLintCompletion, ServeLintHover } from './features';
import { lintWorkspace } from './workspace';
import { SELECTOR } from './settings';
import { docsUrl } from '../core/docs';
import { registerWizard } from './wizard/register';

export interface ServeLintApi {
  /** Lints a document now and returns its findings (used by the extension tests). */
  lint(document: vscode.TextDocument): Promise<unknown>;
}

export function activate(context: vscode.ExtensionContext): ServeLintApi {
  const log = vscode.window.createOutputChannel('ServeLint', { log: true });
  const manager = new DiagnosticsManager(log);
  const status = vscode.languages.createLanguageStatusItem('servelint.status', SELECTOR);
  status.name = 'ServeLint';
  status.text = 'ServeLint';
  status.command = { title: 'Show Output', command: 'servelint.showOutput' };
  context.subscriptions.push(log, manager, status);

  const updateStatus = (document: vscode.TextDocument | undefined) => {
    const state = document ? manager.state(document) : undefined;
    const launches = state?.result.launches ?? [];
    if (!state || launches.length === 0) {
      status.text = 'ServeLint: no engine launch';
      status.detail = state ? `detected ${state.result.kind}` : undefined;
      return;
    }
    const first = launches[0]!;
    const engine = first.engine === 'vllm' ? 'vLLM' : first.engine === 'sglang' ? 'SGLang' : 'TensorRT-LLM';
    status.text = `${engine} ${first.version}${launches.length > 1 ? ` (+${launches.length - 1})` : ''}`;
    status.detail = `${state.result.kind} · version from ${first.versionSource}`;
  };

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ServeLintCodeActions(manager, log), ServeLintCodeActions.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new ServeLintHover(manager, log)),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new ServeLintCompletion(manager, log), ...ServeLintCompletion.triggers),
    vscode.workspace.onDidOpenTextDocument((d) => void manager.lint(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) manager.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => manager.forget(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('servelint')) return;
      manager.clearAll();
      for (const document of vscode.workspace.textDocuments) void manager.lint(document);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => updateStatus(editor?.document)),
    manager.onDidLint((uri) => {
      const active = vscode.window.activeTextEditor?.document;
      if (active && active.uri.toString() === uri.toString()) updateStatus(active);
    }),
    vscode.commands.registerCommand('servelint.lintWorkspace', async () => {
      const problems = await lintWorkspace(manager, log);
      void vscode.window.setStatusBarMessage(`ServeLint: ${problems} problem${problems === 1 ? '' : 's'} in the workspace`, 5000);
      return problems;
    }),
    vscode.commands.registerCommand('servelint.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return false;
      const edit = await fixAllEdit(editor.document, manager);
      if (!edit) {
        void vscode.window.setStatusBarMessage('ServeLint: nothing to fix automatically', 3000);
        return false;
      }
      return vscode.workspace.applyEdit(edit);
    }),
    vscode.commands.registerCommand('servelint.showOutput', () => log.show(true)),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, async (ruleId: unknown) => {
      if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return;
      // The rule pages ship inside the extension, so the documentation works offline.
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
      try {
        await vscode.workspace.fs.stat(page);
        await vscode.commands.executeCommand('markdown.showPreview', page);
      } catch {
        await vscode.env.openExternal(vscode.Uri.parse(docsUrl(ruleId)));
      }
    }),
  );

  registerWizard(context, log);

  // The first lints load the core (dist/extension-core.js): after activation returns, not during it.
  setImmediate(() => {
    for (const document of vscode.workspace.textDocuments) void manager.lint(document);
  });
  updateStatus(vscode.window.activeTextEditor?.document);
  return { lint: async (document) => (await manager.lint(document))?.result.findings };
}

export function deactivate(): void {}
