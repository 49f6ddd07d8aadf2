// Code actions: each finding's fixes as quick fixes, "disable <rule> for this line", "show
// documentation", and fix-all (`source.fixAll.servelint`, also the ServeLint: Fix All command).
import * as vscode from 'vscode';
import { core } from './core';
import type { Finding } from '../core/types';
import { toRange, type DiagnosticsManager } from './diagnostics';
import { readSettings } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('servelint');
export const SHOW_DOCS_COMMAND = 'servelint.showRuleDocumentation';

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

function sameFinding(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return ruleOf(diagnostic) === finding.ruleId && diagnostic.message === finding.message && toRange(finding.range).isEqual(diagnostic.range);
}

/** Fix-all as one workspace edit (a single undo step), or undefined when nothing changes. */
export async function fixAllEdit(document: vscode.TextDocument, manager: DiagnosticsManager): Promise<vscode.WorkspaceEdit | undefined> {
  const settings = readSettings(document.uri);
  const before = document.getText();
  const { text: after, fixed } = await core().fixAll(before, manager.lintOptions(document, settings));
  if (fixed === 0 || after === before) return undefined;
  const change = core().minimalEdit(before, after);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(change.span.start), document.positionAt(change.span.end)), change.newText);
  return edit;
}

export class ServeLintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly manager: DiagnosticsManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    try {
      if (context.only && FIX_ALL_KIND.contains(context.only) || context.only?.contains(FIX_ALL_KIND)) {
        const edit = await fixAllEdit(document, this.manager);
        if (!edit) return [];
        const action = new vscode.CodeAction('Fix all ServeLint problems', FIX_ALL_KIND);
        action.edit = edit;
        return [action];
      }
      const state = this.manager.state(document) ?? (await this.manager.lint(document));
      if (!state) return [];
      const actions: vscode.CodeAction[] = [];
      const ours = context.diagnostics.filter((d) => d.source === 'servelint');
      for (const diagnostic of ours) {
        const finding = state.result.findings.find((f) => sameFinding(diagnostic, f));
        if (!finding) continue;
        for (const fix of finding.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred === true;
          const edit = new vscode.WorkspaceEdit();
          for (const e of fix.edits) edit.replace(document.uri, toRange(e.range), e.newText);
          action.edit = edit;
          actions.push(action);
        }
        if (finding.ruleId !== 'internal-error') {
          const disable = core().disableCommentEdit(document.getText(), finding, state.result.kind);
          const action = new vscode.CodeAction(`Disable ${finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, toRange(disable.range), disable.newText);
          actions.push(action);
        }
        const docs = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
        docs.diagnostics = [diagnostic];
        docs.command = { title: docs.title, command: SHOW_DOCS_COMMAND, arguments: [finding.ruleId] };
        actions.push(docs);
      }
      return actions;
    } catch (error) {
      this.log.error(`code actions failed: ${String(error)}`);
      return [];
    }
  }
}
