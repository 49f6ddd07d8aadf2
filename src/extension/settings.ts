// The `servelint.*` settings, read and validated (zod) in one place.
import * as vscode from 'vscode';
import { z } from 'zod';
import { resolveSettings, type LintSettings } from '../core/settings';
import { parseVersion } from '../core/version';

export interface EditorSettings {
  enable: boolean;
  vllmVersion?: string;
  gpu?: string;
  exclude: string[];
  lint: LintSettings;
}

const stringList = z.array(z.string()).catch([]);

export function readSettings(scope?: vscode.Uri): EditorSettings {
  const config = vscode.workspace.getConfiguration('servelint', scope);
  const version = z.string().catch('').parse(config.get('vllm.version')).trim();
  const gpu = z.string().catch('').parse(config.get('gpu')).trim();
  return {
    enable: z.boolean().catch(true).parse(config.get('enable')),
    // An unparseable version is ignored rather than silently treated as something else.
    vllmVersion: version !== '' && parseVersion(version) ? version : undefined,
    gpu: gpu === '' ? undefined : gpu,
    exclude: stringList.parse(config.get('exclude')),
    lint: resolveSettings({
      rules: config.get('rules'),
      gpuMemoryUtilization: { warnAbove: config.get('gpuMemoryUtilization.warnAbove') },
      gpu,
    }),
  };
}

/** Languages whose documents may hold launches. `dockercompose` is VS Code's id for compose files. */
export const LANGUAGES = ['shellscript', 'yaml', 'dockercompose', 'dockerfile', 'markdown', 'makefile', 'helm'];

export const SELECTOR: vscode.DocumentSelector = LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
]);

export function isExcluded(document: vscode.TextDocument, exclude: string[]): boolean {
  return exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
