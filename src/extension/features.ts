// Hover and completion: thin adapters over the core's language service.
import * as vscode from 'vscode';
import type { LanguageOptions } from '../core/language';
import { core } from './core';
import type { DiagnosticsManager } from './diagnostics';
import { readSettings } from './settings';

function optionsFor(document: vscode.TextDocument, manager: DiagnosticsManager): LanguageOptions {
  const settings = readSettings(document.uri);
  // The GPU comes from settings.lint.gpu or a `# servelint: gpu=…` comment, resolved by the core.
  return manager.lintOptions(document, settings);
}

export class ServeLintHover implements vscode.HoverProvider {
  constructor(
    private readonly manager: DiagnosticsManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      if (!readSettings(document.uri).enable) return undefined;
      const hover = await core().hoverAt(document.getText(), document.offsetAt(position), optionsFor(document, this.manager));
      if (!hover) return undefined;
      const markdown = new vscode.MarkdownString(hover.markdown);
      markdown.isTrusted = false;
      return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.span.start), document.positionAt(hover.span.end)));
    } catch (error) {
      this.log.error(`hover failed: ${String(error)}`);
      return undefined;
    }
  }
}

export class ServeLintCompletion implements vscode.CompletionItemProvider {
  static readonly triggers = ['-', ' ', '='];

  constructor(
    private readonly manager: DiagnosticsManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    try {
      if (!readSettings(document.uri).enable) return undefined;
      const result = await core().completionsAt(document.getText(), document.offsetAt(position), optionsFor(document, this.manager));
      if (!result) return undefined;
      const range = new vscode.Range(document.positionAt(result.replace.start), document.positionAt(result.replace.end));
      return result.items.map((item) => {
        const completion = new vscode.CompletionItem(
          item.label,
          item.kind === 'value' ? vscode.CompletionItemKind.EnumMember : vscode.CompletionItemKind.Property,
        );
        completion.range = range;
        completion.detail = item.detail;
        if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
        if (item.insertText) completion.insertText = item.insertText;
        if (item.sortText) completion.sortText = item.sortText;
        if (item.deprecated) completion.tags = [vscode.CompletionItemTag.Deprecated];
        return completion;
      });
    } catch (error) {
      this.log.error(`completion failed: ${String(error)}`);
      return undefined;
    }
  }
}
