// The decision wizard, bundled apart (dist/extension-wizard.js) and loaded on first use by register.ts:
// `ServeLint: Choose an Inference Engine` (webview panel, restored after a reload by its serializer),
// `ServeLint: Quick Engine Recommendation` (QuickPicks), and the test hook the integration tests use.
import * as vscode from 'vscode';
import type { GeneratedConfig } from '../../core/advisor/index';
import { VIEW_TYPE } from '../../webview/messages';
import { ENGINE_NAMES } from './advisor';
import { insertConfig, type EditorTracker } from './insert';
import { WizardPanel, type Handled, type WizardDeps } from './panel';
import { runQuickFlow, vscodeQuickUi, type PickItem, type QuickOutcome, type QuickUi } from './quick';

/** What the light activation code (register.ts) calls once the wizard bundle is loaded. */
export interface Wizard {
  chooseEngine(): void;
  quickRecommendation(): Promise<string | undefined>;
  openExample(): Promise<vscode.TextEditor>;
  revive(panel: vscode.WebviewPanel, state: unknown): void;
  testHook(action: unknown, arg: unknown): Promise<HookResult>;
}

export function createWizard(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, tracker: EditorTracker): Wizard {
  const deps: WizardDeps = { extensionUri: context.extensionUri, tracker, log };
  const insert = (config: GeneratedConfig) => insertConfig(config, tracker);
  context.subscriptions.push({ dispose: () => WizardPanel.current?.dispose() });
  return {
    chooseEngine: () => WizardPanel.createOrShow(deps),
    quickRecommendation: async () => {
      const outcome = await runQuickFlow(vscodeQuickUi, insert);
      if (outcome && !outcome.config) {
        void vscode.window.showInformationMessage(`ServeLint recommends ${ENGINE_NAMES[outcome.recommendation.engine]} for ${outcome.input.model}.`);
      }
      return outcome?.recommendation.engine;
    },
    // Walkthrough step "See a mistake underlined": an untitled compose file with one known mistake.
    openExample: async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'example-compose.yml'));
      const document = await vscode.workspace.openTextDocument({ language: 'dockercompose', content: new TextDecoder().decode(bytes) });
      return vscode.window.showTextDocument(document);
    },
    revive: (panel, state) => WizardPanel.revive(panel, state, deps),
    // Only the integration tests reach this (register.ts registers the command in extensionMode Test):
    // it posts messages exactly as the webview would (same validation) and reads what the host posted back.
    testHook: (action, arg) => testHook(action, arg, deps, insert),
  };
}

type HookResult = Handled | QuickOutcome | undefined | { open: boolean; visible: boolean; viewType?: string; sent: unknown[]; html: string; insertInto: string };

async function testHook(action: unknown, arg: unknown, deps: WizardDeps, insert: (c: GeneratedConfig) => Promise<unknown>): Promise<HookResult> {
  const panel = WizardPanel.current;
  switch (action) {
    case 'post':
      if (!panel) return { ok: false, error: 'no wizard panel' };
      return panel.receive(arg);
    case 'state':
      return {
        open: Boolean(panel),
        visible: panel?.panel.visible ?? false,
        viewType: panel?.panel.viewType,
        sent: panel ? [...panel.sent] : [],
        html: panel?.panel.webview.html ?? '',
        insertInto: deps.tracker.describe(),
      };
    case 'revive': {
      // What VS Code does after a reload: a new panel of our view type, handed to the serializer.
      WizardPanel.current?.dispose();
      const created = vscode.window.createWebviewPanel(VIEW_TYPE, 'Choose an Inference Engine', vscode.ViewColumn.Active, WizardPanel.options(deps.extensionUri));
      WizardPanel.revive(created, arg, deps);
      return { ok: true, type: 'revive' };
    }
    case 'quick': {
      // Answers in order, each an item's label or value (option index; the target for the last step).
      const answers = Array.isArray(arg) ? arg.map(String) : [];
      const ui: QuickUi = {
        pick: async (items: PickItem[]) => {
          const want = answers.shift();
          return items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && want !== undefined && (i.label === want || i.value === want || i.value.endsWith(`:${want}`)));
        },
        input: async () => answers.shift(),
      };
      return runQuickFlow(ui, insert);
    }
    default:
      return { ok: false, error: `unknown test hook action ${String(action)}` };
  }
}
