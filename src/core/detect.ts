// Decides which extractor reads a file, from its name and a cheap look at its content. Runs on every
// keystroke in the editor, so it never parses: it looks at the first line (shebang) and, for YAML,
// at column-0 keys in the first SNIFF_LIMIT characters.
import type { FileKind } from './types';

/** Only this much of a file is looked at for content sniffing. */
const SNIFF_LIMIT = 64 * 1024;
/** Only this much is looked at to decide that a file is binary. */
const BINARY_PROBE = 8 * 1024;

const SHELL_EXTENSIONS = new Set(['sh', 'bash', 'zsh', 'ksh']);
const SHELL_INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash']);
const MAKEFILE_NAMES = new Set(['makefile', 'gnumakefile']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown']);
const YAML_EXTENSIONS = new Set(['yaml', 'yml']);
/** Extensions that say what a `Dockerfile.<ext>` really is (`Dockerfile.md` is documentation). */
const NOT_DOCKERFILE_EXTENSIONS = new Set([
  ...SHELL_EXTENSIONS, ...MARKDOWN_EXTENSIONS, ...YAML_EXTENSIONS, 'mk', 'json', 'py', 'txt', 'toml', 'ini', 'cfg', 'j2',
]);

const COMPOSE_NAME = /^(?:docker-)?compose(?:[._-][^/\\]*)?\.ya?ml$/i;

function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return i >= 0 ? fileName.slice(i + 1) : fileName;
}

function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** True when the start of the text looks like binary data (NUL bytes, many control or replacement characters). */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_PROBE);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 27) || c === 0xfffd) odd++;
  }
  return n > 0 && odd * 10 > n;
}

/** `#!/bin/bash`, `#!/usr/bin/env bash`, `#! /bin/sh -e`, `#!/usr/bin/env -S bash -x` … */
export function hasShellShebang(text: string): boolean {
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  if (text.charCodeAt(start) !== 35 /* # */ || text.charCodeAt(start + 1) !== 33 /* ! */) return false;
  let end = start + 2;
  const limit = Math.min(text.length, start + 256);
  while (end < limit && text[end] !== '\n' && text[end] !== '\r') end++;
  const words = text.slice(start + 2, end).trim().split(/[ \t]+/);
  let interpreter = baseName(words[0] ?? '');
  if (interpreter === 'env') {
    // env [-S] [-i] [NAME=value …] interpreter
    interpreter = '';
    for (const w of words.slice(1)) {
      if (w.startsWith('-') || w.includes('=')) continue;
      interpreter = baseName(w);
      break;
    }
  }
  return SHELL_INTERPRETERS.has(interpreter);
}

/** Column-0 keys seen in a YAML text, looked at line by line without parsing. */
interface YamlKeys {
  services: boolean;
  apiVersion: boolean;
  kind: boolean;
}

function scanYamlKeys(text: string): YamlKeys {
  const keys: YamlKeys = { services: false, apiVersion: false, kind: false };
  const n = Math.min(text.length, SNIFF_LIMIT);
  // The indentation of a document's top-level keys: a block inside a Markdown list is indented as a whole.
  let docIndent = -1;
  let i = 0;
  while (i < n) {
    let eol = i;
    while (eol < n && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    let j = i;
    while (j < eol && text.charCodeAt(j) === 32) j++;
    const c = text.charCodeAt(j);
    if (j < eol && c !== 35 /* # */) {
      if (j === i && (text.startsWith('---', j) || text.startsWith('...', j))) {
        docIndent = -1;
      } else {
        if (docIndent < 0) docIndent = j - i;
        if (j - i === docIndent) {
          const line = text.slice(j, Math.min(eol, j + 40));
          const m = /^["']?([A-Za-z_][A-Za-z0-9_-]*)["']?[ \t]*:(?:[ \t]|$)/.exec(line);
          if (m) {
            if (m[1] === 'services') keys.services = true;
            else if (m[1] === 'apiVersion') keys.apiVersion = true;
            else if (m[1] === 'kind') keys.kind = true;
          }
        }
      }
    }
    i = eol + 1;
    if (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10) i++;
  }
  return keys;
}

/**
 * What a YAML text is, by its top-level keys: `services:` → compose, `apiVersion:` + `kind:` →
 * kubernetes, otherwise plain yaml (the caller decides whether it is a vLLM config file).
 */
export function sniffYamlKind(text: string): 'compose' | 'kubernetes' | 'yaml' {
  const keys = scanYamlKeys(text);
  if (keys.apiVersion && keys.kind) return 'kubernetes';
  if (keys.services) return 'compose';
  return 'yaml';
}

function isHelmTemplate(fileName: string, text: string): boolean {
  const normalized = fileName.replace(/\\/g, '/');
  return /(?:^|\/)templates\//.test(normalized) && text.slice(0, SNIFF_LIMIT).includes('{{');
}

function yamlKind(fileName: string, text: string): FileKind {
  if (COMPOSE_NAME.test(baseName(fileName))) return 'compose';
  if (isHelmTemplate(fileName, text)) return 'kubernetes';
  return sniffYamlKind(text);
}

/** The kind of a file, by name and content. Cheap and total: never throws. */
export function detectKind(fileName: string, text: string): FileKind {
  try {
    if (looksBinary(text)) return 'unknown';
    const base = baseName(fileName);
    const lower = base.toLowerCase();
    const ext = extensionOf(base);

    if (lower === 'dockerfile' || lower === 'containerfile') return 'dockerfile';
    if (MAKEFILE_NAMES.has(lower) || ext === 'mk') return 'makefile';
    if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
    if (YAML_EXTENSIONS.has(ext)) return yamlKind(fileName, text);
    if (SHELL_EXTENSIONS.has(ext)) return 'shell';
    if (ext === 'dockerfile' || ext === 'containerfile') return 'dockerfile';
    if ((lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) && !NOT_DOCKERFILE_EXTENSIONS.has(ext)) {
      return 'dockerfile';
    }
    if (hasShellShebang(text)) return 'shell';
    return 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The kind of a document open in VS Code, from its language id, falling back to name and content. */
export function languageIdToKind(languageId: string, fileName: string, text: string): FileKind {
  try {
    switch (languageId) {
      case 'shellscript':
        return 'shell';
      case 'dockerfile':
        return 'dockerfile';
      case 'dockercompose':
        return 'compose';
      case 'markdown':
        return 'markdown';
      case 'makefile':
        return 'makefile';
      case 'yaml':
      case 'helm':
        if (looksBinary(text)) return 'unknown';
        return yamlKind(fileName, text);
      default:
        return detectKind(fileName, text);
    }
  } catch {
    return 'unknown';
  }
}
