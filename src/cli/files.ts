// Turning the CLI's path arguments into a sorted list of files: plain files, recursive directory walks
// and a small glob matcher (`*`, `**`, `?`, `{a,b}`). Reading helpers with the size/binary checks.
import { promises as fsp } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import * as path from 'node:path';

/** Directory names never entered while walking (hidden directories are skipped as well). */
export const IGNORED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out', '.venv', '__pycache__']);
/** Files above this size are not read. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Bytes read to detect the kind of a file (the core's detectKind looks at up to 64 KB). */
export const SNIFF_BYTES = 64 * 1024;
/** A NUL byte within this many bytes makes a file binary. */
export const BINARY_PROBE_BYTES = 8 * 1024;

/**
 * How a file was found. `explicit`: named on the command line; `walk`: found in a directory;
 * `glob`: matched by a glob; `config`: referenced by `--config` only.
 */
export type Origin = 'explicit' | 'walk' | 'glob' | 'config';

export interface Candidate {
  /** Absolute path. */
  path: string;
  origin: Origin;
}

export interface CollectResult {
  files: Candidate[];
  /** Fatal problems with arguments (nonexistent path, glob without matches). */
  errors: string[];
  /** Non-fatal problems (unreadable directory while walking). */
  warnings: string[];
}

export function isIgnoredDir(name: string): boolean {
  return IGNORED_DIRS.has(name) || name.startsWith('.');
}

/** The argument uses glob syntax. */
export function hasGlobChars(text: string): boolean {
  return /[*?{]/.test(text);
}

/** Compares strings by UTF-16 code units (locale independent, deterministic). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Expands `{a,b}` alternatives (nested allowed) into plain patterns. Braces without a top-level comma
 * are kept literally.
 */
export function expandBraces(pattern: string): string[] {
  for (let open = pattern.indexOf('{'); open >= 0; open = pattern.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let i = open; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
    if (close < 0) return [pattern];
    if (commas.length === 0) continue;
    const head = pattern.slice(0, open);
    const tail = pattern.slice(close + 1);
    const bounds = [open, ...commas, close];
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const alt = pattern.slice((bounds[k] as number) + 1, bounds[k + 1]);
      for (const expanded of expandBraces(head + alt + tail)) out.push(expanded);
    }
    return [...new Set(out)];
  }
  return [pattern];
}

/** Regular expression for one path segment: `*` any run of characters, `?` one character. */
export function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (const c of segment) {
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source.replace(/(\[\^\/\]\*)+/g, '[^/]*')}$`);
}

/** Splits a (brace-free) pattern into segments, dropping empty and `.` segments and merging `**` runs. */
function segmentsOf(pattern: string): string[] {
  const out: string[] = [];
  for (const seg of pattern.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '**' && out[out.length - 1] === '**') continue;
    out.push(seg);
  }
  return out;
}

/** A name a wildcard segment may match: wildcards do not match a leading dot unless written. */
function wildcardMatches(re: RegExp, segment: string, name: string): boolean {
  if (name.startsWith('.') && !segment.startsWith('.')) return false;
  return re.test(name);
}

/**
 * Whether a relative path (forward slashes) matches a glob pattern. Used by tests and for documentation
 * of the semantics; expandGlob implements the same rules against the file system.
 */
export function globMatch(pattern: string, relPath: string): boolean {
  const names = relPath.split('/').filter((s) => s !== '' && s !== '.');
  const matchFrom = (segs: string[], i: number, j: number): boolean => {
    if (i === segs.length) return j === names.length;
    const seg = segs[i] as string;
    if (seg === '**') {
      if (matchFrom(segs, i + 1, j)) return true;
      // `**` spans directories only (not the file name) and skips ignored/hidden directories.
      return j < names.length - 1 && !isIgnoredDir(names[j] as string) && matchFrom(segs, i, j + 1);
    }
    if (j >= names.length) return false;
    const name = names[j] as string;
    const ok = hasGlobChars(seg) ? wildcardMatches(segmentRegExp(seg), seg, name) : seg === name;
    return ok && matchFrom(segs, i + 1, j + 1);
  };
  return expandBraces(pattern).some((p) => matchFrom(segmentsOf(p), 0, 0));
}

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fsp.stat(p);
  } catch {
    return undefined;
  }
}

async function readDirSorted(dir: string, warnings: string[]): Promise<Dirent[]> {
  try {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.sort((a, b) => compareStrings(a.name, b.name));
  } catch (error) {
    warnings.push(`Cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return [];
  }
}

/** Kind of an entry, following symbolic links for files only (symlinked directories are not entered). */
async function entryType(dir: string, entry: Dirent): Promise<'file' | 'dir' | 'other'> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (entry.isSymbolicLink()) {
    const st = await statOrUndefined(path.join(dir, entry.name));
    if (st?.isFile()) return 'file';
  }
  return 'other';
}

/** All files below a directory, skipping ignored and hidden directories. */
export async function walkDirectory(dir: string, out: string[], warnings: string[]): Promise<void> {
  for (const entry of await readDirSorted(dir, warnings)) {
    const type = await entryType(dir, entry);
    const full = path.join(dir, entry.name);
    if (type === 'dir') {
      if (!isIgnoredDir(entry.name)) await walkDirectory(full, out, warnings);
    } else if (type === 'file') {
      out.push(full);
    }
  }
}

async function matchSegments(dir: string, segs: string[], i: number, out: Set<string>, warnings: string[]): Promise<void> {
  const seg = segs[i] as string;
  const last = i === segs.length - 1;
  if (seg === '**') {
    if (last) {
      const files: string[] = [];
      await walkDirectory(dir, files, warnings);
      for (const f of files) out.add(f);
      return;
    }
    await matchSegments(dir, segs, i + 1, out, warnings);
    for (const entry of await readDirSorted(dir, warnings)) {
      if (entry.isDirectory() && !isIgnoredDir(entry.name)) {
        await matchSegments(path.join(dir, entry.name), segs, i, out, warnings);
      }
    }
    return;
  }
  if (!hasGlobChars(seg)) {
    const full = path.join(dir, seg);
    const st = await statOrUndefined(full);
    if (!st) return;
    if (last) {
      if (st.isFile()) out.add(full);
    } else if (st.isDirectory()) {
      await matchSegments(full, segs, i + 1, out, warnings);
    }
    return;
  }
  const re = segmentRegExp(seg);
  for (const entry of await readDirSorted(dir, warnings)) {
    if (!wildcardMatches(re, seg, entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (last) {
      if ((await entryType(dir, entry)) === 'file') out.add(full);
    } else if (entry.isDirectory()) {
      await matchSegments(full, segs, i + 1, out, warnings);
    }
  }
}

/** Files matching a glob pattern (relative to cwd or absolute), sorted. */
export async function expandGlob(pattern: string, cwd: string, warnings: string[] = []): Promise<string[]> {
  const normalized = path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  const out = new Set<string>();
  for (const alt of expandBraces(normalized)) {
    let base = cwd;
    let rest = alt;
    if (path.isAbsolute(alt)) {
      const root = path.parse(alt).root;
      base = root;
      rest = alt.slice(root.length);
    }
    const segs = segmentsOf(rest);
    // Leading literal segments (including `..`) select the directory the match starts in.
    let k = 0;
    while (k < segs.length - 1 && !hasGlobChars(segs[k] as string)) k++;
    const start = path.resolve(base, ...segs.slice(0, k));
    const remaining = segs.slice(k);
    if (remaining.length === 0) continue;
    const st = await statOrUndefined(start);
    if (!st?.isDirectory()) continue;
    await matchSegments(start, remaining, 0, out, warnings);
  }
  return [...out].sort(compareStrings);
}

/** Resolves the command-line path arguments into a deduplicated, sorted file list. */
export async function collectFiles(args: readonly string[], cwd: string): Promise<CollectResult> {
  const origins = new Map<string, Origin>();
  const errors: string[] = [];
  const warnings: string[] = [];
  const add = (file: string, origin: Origin): void => {
    const existing = origins.get(file);
    // A file named explicitly keeps that status even when a walk or glob finds it too.
    if (existing === undefined || origin === 'explicit') origins.set(file, origin);
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    const st = await statOrUndefined(abs);
    if (st?.isFile()) {
      add(abs, 'explicit');
    } else if (st?.isDirectory()) {
      const files: string[] = [];
      await walkDirectory(abs, files, warnings);
      for (const f of files) add(f, 'walk');
    } else if (st) {
      errors.push(`Not a file or directory: ${arg}`);
    } else if (hasGlobChars(arg)) {
      const matches = await expandGlob(arg, cwd, warnings);
      if (matches.length === 0) errors.push(`No files match the pattern: ${arg}`);
      for (const f of matches) add(f, 'glob');
    } else {
      errors.push(`No such file or directory: ${arg}`);
    }
  }
  const files = [...origins.entries()]
    .map(([p, origin]) => ({ path: p, origin }))
    .sort((a, b) => compareStrings(a.path, b.path));
  return { files, errors, warnings };
}

export interface Probe {
  size: number;
  /** The first SNIFF_BYTES bytes. */
  head: Buffer;
  /** A NUL byte occurs in the first BINARY_PROBE_BYTES bytes. */
  binary: boolean;
}

/** Size and first bytes of a file, without reading the rest. */
export async function probeFile(file: string): Promise<Probe> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const head = buffer.subarray(0, read);
    return { size, head, binary: head.subarray(0, BINARY_PROBE_BYTES).includes(0) };
  } finally {
    await handle.close();
  }
}

/** Decodes UTF-8, dropping a byte-order mark (editors do not show it, so columns match theirs). */
export function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readText(file: string): Promise<string> {
  return decodeText(await fsp.readFile(file));
}
