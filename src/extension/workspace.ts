// ServeLint: Lint Workspace — Problems for every matching file, with progress and cancellation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigReference } from '../core/lint';
import { core } from './core';
import { detectKind } from '../core/detect';
import { toDiagnostic, type DiagnosticsManager } from './diagnostics';
import { readSettings } from './settings';

const INCLUDE = '**/{*.sh,*.bash,*.yml,*.yaml,*.md,*.markdown,*.mk,Makefile,GNUmakefile,Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*,*.dockerfile}';
const ALWAYS_EXCLUDED = '**/{node_modules,.git,dist,out,.venv,__pycache__}/**';
const MAX_FILES = 5000;

export async function lintWorkspace(manager: DiagnosticsManager, log: vscode.LogOutputChannel): Promise<number> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ServeLint: linting the workspace', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles(INCLUDE, ALWAYS_EXCLUDED, MAX_FILES, token);
      files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      const configRefs = new Map<string, ConfigReference>();
      let problems = 0;
      let done = 0;
      const lintOne = async (uri: vscode.Uri, forcedConfig: boolean) => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open) {
          const state = await manager.lint(open);
          problems += state?.result.findings.length ?? 0;
          return state?.result;
        }
        const settings = readSettings(uri);
        if (!settings.enable || settings.exclude.some((p) => vscode.languages.match({ pattern: p }, { uri, languageId: '' } as never) > 0)) return undefined;
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > settings.maxFileSize) {
          // Not read at all (as the CLI does): one info diagnostic says so.
          const at = { line: 0, character: 0 };
          const message = `Not linted: the file has ${stat.size.toLocaleString('en-US')} bytes, more than the limit of ${settings.maxFileSize.toLocaleString('en-US')} (servelint.maxFileSize).`;
          manager.collection.set(uri, [toDiagnostic(uri, { range: { start: at, end: at }, severity: 'info', ruleId: 'file-too-large', message })]);
          problems += 1;
          return undefined;
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.subarray(0, 8192).includes(0)) return undefined;
        const text = new TextDecoder('utf-8').decode(bytes);
        const link = forcedConfig ? configRefs.get(uri.fsPath) : undefined;
        const kind = link ? link.kind : detectKind(uri.fsPath, text);
        if (kind === 'unknown') return undefined;
        const result = await core().analyze(text, {
          fileName: uri.fsPath,
          kind,
          vllmVersion: link?.engine === 'vllm' ? link.version : settings.vllmVersion,
          engineVersions: link && link.engine !== 'vllm' ? { [link.engine]: link.version } : undefined,
          settings: settings.lint,
          maxLength: settings.maxFileSize,
        });
        manager.collection.set(uri, result.findings.map((f) => toDiagnostic(uri, f)));
        problems += result.findings.length;
        return result;
      };
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        try {
          const result = await lintOne(uri, false);
          for (const link of result?.configLinks ?? []) {
            if (!/[$`]|^~/.test(link.path)) configRefs.set(path.resolve(path.dirname(uri.fsPath), link.path), link);
          }
        } catch (error) {
          log.warn(`could not lint ${uri.fsPath}: ${String(error)}`);
        }
        done++;
        if (done % 20 === 0) progress.report({ message: `${done} of ${files.length} files`, increment: (20 / files.length) * 100 });
      }
      // Config files passed to `--config` are linted as vLLM config files.
      for (const target of configRefs.keys()) {
        if (token.isCancellationRequested) break;
        try {
          await lintOne(vscode.Uri.file(target), true);
        } catch {
          // A referenced file that is not there (a path inside a container) is fine.
        }
      }
      log.info(`lint workspace: ${done} files, ${problems} problems`);
      return problems;
    },
  );
}
