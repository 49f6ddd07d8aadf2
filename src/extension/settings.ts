// The `servelint.*` settings, read and validated in one place (by hand: no zod at activation).
import * as vscode from 'vscode';
import { resolveSettings, type LintSettings } from '../core/settings';
import { parseVersion } from '../core/version';

export interface EditorSettings {
  enable: boolean;
  vllmVersion?: string;
  gpu?: string;
  exclude: string[];
  /** `servelint.maxFileSize`: longer documents get one file-too-large diagnostic (LintOptions.maxLength). */
  maxFileSize: number;
  lint: LintSettings;
}

const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const stringOr = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const stringList = (value: unknown): string[] => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : []);

export function readSettings(scope?: vscode.Uri): EditorSettings {
  const config = vscode.workspace.getConfiguration('servelint', scope);
  const version = stringOr(config.get('vllm.version'), '').trim();
  const gpu = stringOr(config.get('gpu'), '').trim();
  const enable = config.get('enable');
  const maxFileSize = config.get('maxFileSize');
  return {
    enable: typeof enable === 'boolean' ? enable : true,
    // An unparseable version is ignored rather than silently treated as something else.
    vllmVersion: version !== '' && parseVersion(version) ? version : undefined,
    gpu: gpu === '' ? undefined : gpu,
    exclude: stringList(config.get('exclude')),
    maxFileSize: typeof maxFileSize === 'number' && Number.isInteger(maxFileSize) && maxFileSize >= 1024 ? maxFileSize : DEFAULT_MAX_FILE_SIZE,
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
