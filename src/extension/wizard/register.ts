// Registers the wizard's commands and panel serializer at activation without loading the wizard: its
// bundle (the advisor, its tables, zod) is required on first use, so activation stays cheap.
import * as vscode from 'vscode';
import { EditorTracker } from './insert';
import { VIEW_TYPE } from '../../webview/viewType';
import type * as WizardModule from './index';

export const TEST_HOOK_COMMAND = 'servelint.wizard.testHook';

export function registerWizard(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  // The tracker starts now: Insert goes to the editor the user was in before the panel took focus.
  const tracker = new EditorTracker();
  let wizard: WizardModule.Wizard | undefined;
  const load = (): WizardModule.Wizard => {
    // A runtime require of the file beside the bundle (scripts/build.mjs keeps it external).
    wizard ??= (require('./extension-wizard.js') as typeof WizardModule).createWizard(context, log, tracker);
    return wizard;
  };
  context.subscriptions.push(
    tracker,
    vscode.commands.registerCommand('servelint.chooseEngine', () => load().chooseEngine()),
    vscode.commands.registerCommand('servelint.quickRecommendation', () => load().quickRecommendation()),
    vscode.commands.registerCommand('servelint.walkthrough.openExample', () => load().openExample()),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => load().revive(panel, state),
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(vscode.commands.registerCommand(TEST_HOOK_COMMAND, (action: unknown, arg: unknown) => load().testHook(action, arg)));
  }
}
