// Where "Insert" goes: the text editor the user was in before the wizard took focus (a webview's focus
// leaves activeTextEditor undefined, so we remember it ourselves), at its cursor, as a snippet with tab
// stops; or a new untitled document of the config's language when there is no such editor. One
// insertSnippet call = one undo step.
import * as vscode from 'vscode';
import type { GeneratedConfig } from '../../core/advisor/index';

interface Remembered {
  uri: vscode.Uri;
  viewColumn: vscode.ViewColumn | undefined;
  selections: readonly vscode.Selection[];
}

export class EditorTracker implements vscode.Disposable {
  private last: Remembered | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => this.remember(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.last && e.textEditor.document.uri.toString() === this.last.uri.toString() && e.textEditor.viewColumn !== undefined) {
          this.last = { ...this.last, selections: e.selections, viewColumn: e.textEditor.viewColumn };
        }
      }),
      vscode.window.tabGroups.onDidChangeTabs(() => this.changed.fire()),
    ];
  }

  /** Editors in the editor area only (the Output panel and the like have no view column). */
  private remember(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.viewColumn === undefined || editor.document.uri.scheme === 'output') return;
    this.last = { uri: editor.document.uri, viewColumn: editor.viewColumn, selections: editor.selections };
    this.changed.fire();
  }

  /** The remembered editor, if a tab still shows its document (closed editors do not count). */
  private open(): Remembered | undefined {
    const last = this.last;
    if (!last) return undefined;
    const key = last.uri.toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    return tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key) ? last : undefined;
  }

  async target(): Promise<(Remembered & { document: vscode.TextDocument }) | undefined> {
    const open = this.open();
    return open ? { ...open, document: await vscode.workspace.openTextDocument(open.uri) } : undefined;
  }

  /** For the panel: "serve.sh, line 3" or "a new untitled file". */
  describe(): string {
    const t = this.open();
    if (!t) return 'a new untitled file';
    const name = t.uri.path.split('/').pop() || t.uri.toString();
    return `${name}, line ${(t.selections[0]?.active.line ?? 0) + 1}`;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

export interface Inserted {
  document: vscode.TextDocument;
  /** The file name, or "untitled <language>". */
  into: string;
}

export async function insertConfig(config: GeneratedConfig, tracker: EditorTracker): Promise<Inserted> {
  const snippet = new vscode.SnippetString(config.snippet);
  const target = await tracker.target();
  let editor: vscode.TextEditor;
  let location: vscode.Range | vscode.Position;
  if (target) {
    editor = await vscode.window.showTextDocument(target.document, { viewColumn: target.viewColumn, preserveFocus: false });
    location = target.selections[0] ?? editor.selection;
  } else {
    const document = await vscode.workspace.openTextDocument({ language: config.languageId, content: '' });
    editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
    location = new vscode.Position(0, 0);
  }
  const ok = await editor.insertSnippet(snippet, location, { undoStopBefore: true, undoStopAfter: true });
  if (!ok) throw new Error(`could not insert into ${editor.document.uri.toString()}`);
  const name = editor.document.isUntitled ? `untitled ${config.languageId} (${config.fileName})` : editor.document.uri.path.split('/').pop()!;
  return { document: editor.document, into: name };
}
