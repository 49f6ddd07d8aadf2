// The decision-wizard webview panel: creates (or revives) it, renders the page under a strict CSP,
// validates every message with the shared zod schemas, computes recommendations and configs in the
// host, and inserts them through EditorTracker.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { EngineId, Target } from '../../core/advisor/index';
import {
  VIEW_TYPE, toHostSchema, toWebviewSchema, wizardStateSchema,
  type RecommendRequest, type ToWebview, type WizardResult,
} from '../../webview/messages';
import { wizardHtml } from '../../webview/html';
import { TARGETS, configFor, gpuChoices, modelChoices, questionViews, recommend } from './advisor';
import { insertConfig, type EditorTracker, type Inserted } from './insert';
import { quickToInput } from './quick';

export interface WizardDeps {
  extensionUri: vscode.Uri;
  tracker: EditorTracker;
  log: vscode.LogOutputChannel;
}

/** What handling one message did (for the test hook). */
export type Handled =
  | { ok: true; type: string; inserted?: { into: string; uri: string } }
  | { ok: false; error: string };

export class WizardPanel implements vscode.Disposable {
  static current: WizardPanel | undefined;

  /** Every message posted to the webview, in order (the test hook reads it). */
  readonly sent: ToWebview[] = [];
  private result: WizardResult | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** The folder the page may load from (and nothing else): the bundled webview assets. */
  static assetsRoot(extensionUri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [WizardPanel.assetsRoot(extensionUri)],
    };
  }

  static createOrShow(deps: WizardDeps): WizardPanel {
    if (WizardPanel.current) {
      WizardPanel.current.panel.reveal();
      return WizardPanel.current;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Choose an Inference Engine', column, WizardPanel.options(deps.extensionUri));
    return new WizardPanel(panel, deps, undefined);
  }

  /** WebviewPanelSerializer: the state comes from the webview's setState and is untrusted. */
  static revive(panel: vscode.WebviewPanel, state: unknown, deps: WizardDeps): WizardPanel {
    WizardPanel.current?.dispose();
    const parsed = wizardStateSchema.safeParse(state);
    if (!parsed.success && state !== undefined && state !== null) deps.log.warn('wizard: dropped an invalid saved state');
    return new WizardPanel(panel, deps, parsed.success ? parsed.data.result : undefined);
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: WizardDeps, restored: WizardResult | undefined) {
    WizardPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(WizardPanel.assetsRoot(deps.extensionUri), 'icon.svg');
    // Revived panels keep the options they were saved with; set ours again.
    panel.webview.options = WizardPanel.options(deps.extensionUri);
    panel.webview.html = this.html();
    // Recompute rather than trust a saved recommendation: only its input is reused.
    if (restored) this.compute({ mode: 'detailed', input: restored.input }, false);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => void this.receive(m)),
      deps.tracker.onDidChange(() => this.post({ type: 'insertInto', label: deps.tracker.describe() })),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(WizardPanel.assetsRoot(this.deps.extensionUri), name)).toString();
    return wizardHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asset('webview.js'),
      styleUri: asset('webview.css'),
    });
  }

  /** The one entry point for messages from the webview (and from the test hook, which posts as it would). */
  async receive(raw: unknown): Promise<Handled> {
    const parsed = toHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`wizard: dropped an invalid message from the webview: ${parsed.error.issues[0]?.message ?? ''}`);
      return { ok: false, error: 'invalid message' };
    }
    const message = parsed.data;
    try {
      switch (message.type) {
        case 'ready':
          this.post({
            type: 'init',
            gpus: gpuChoices(),
            models: modelChoices(),
            targets: TARGETS,
            questions: questionViews(),
            insertInto: this.deps.tracker.describe(),
          });
          if (this.result) this.post({ type: 'recommendation', result: this.result });
          return { ok: true, type: message.type };
        case 'recommend':
          this.compute(message.request, true);
          return this.result ? { ok: true, type: message.type } : { ok: false, error: 'no recommendation' };
        case 'insert': {
          const inserted = await this.insert(message.engine, message.target);
          return { ok: true, type: message.type, inserted: { into: inserted.into, uri: inserted.document.uri.toString() } };
        }
        case 'copyBenchmark':
          if (this.result) await vscode.env.clipboard.writeText(this.result.recommendation.benchmarkCommand);
          return { ok: true, type: message.type };
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`wizard: ${message.type} failed: ${text}`);
      this.post({ type: 'error', message: text });
      return { ok: false, error: text };
    }
  }

  private compute(request: RecommendRequest, post: boolean): void {
    try {
      const input = request.mode === 'quick' ? quickToInput(request.answers) : request.input;
      const recommendation = recommend(input);
      this.result = { input, recommendation };
      if (post) this.post({ type: 'recommendation', result: this.result });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`wizard: recommend failed: ${text}`);
      if (post) this.post({ type: 'error', message: `Could not recommend: ${text}` });
    }
  }

  private async insert(engine: EngineId, target: Target): Promise<Inserted> {
    const result = this.result;
    if (!result) throw new Error('Ask for a recommendation first.');
    const blocked = result.recommendation.alternatives.find((a) => a.engine === engine)?.excluded;
    if (blocked) throw new Error(blocked);
    const config = configFor(engine, target, result.input, result.recommendation);
    const inserted = await insertConfig(config, this.deps.tracker);
    this.post({ type: 'inserted', target, into: inserted.into });
    return inserted;
  }

  private post(message: ToWebview): void {
    if (this.disposed) return;
    const checked = toWebviewSchema.parse(message); // our own output must meet the contract too
    this.sent.push(message);
    void this.panel.webview.postMessage(checked);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (WizardPanel.current === this) WizardPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
