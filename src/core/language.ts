// Editor features computed in the core (no `vscode` import): hovers, completion, suppression
// comments and fix-all. The extension only converts offsets and shapes.
import type { FileKind, Finding, Span, TextEdit } from './types';
import type { ParsedArgs, ParsedFlag } from './args';
import type { FlagSpec, FlagTable } from './facts/flags';
import { VLLM_FLAG_DESCRIPTIONS } from './facts/descriptions';
import { extractDocument, lint, type LintOptions } from './lint';
import { prepareInvocation } from './check';
import { LineIndex, valueSpan } from './text';
import { parseFloatValue, parseIntValue } from './values';
import type { ResolvedVersion } from './version';
import type { Invocation } from './types';
import { docsUrl } from './rules/index';
import { gpuFromComment, resolveGpuName } from './facts/gpus';

export type LanguageOptions = Pick<LintOptions, 'fileName' | 'kind' | 'vllmVersion' | 'settings'> & {
  /** Memory of the GPU the launch runs on, for value hovers (`0.92` of 80 GiB ≈ 73.6 GiB). */
  gpu?: { name: string; memoryGiB: number };
};

export interface AnalyzedLaunch {
  invocation: Invocation;
  parsed: ParsedArgs;
  flags: FlagTable;
  version: ResolvedVersion;
}

/**
 * The last document inspected: hovers and completions ask about the same text again and again while
 * the pointer moves or the user types in one place, and it only changes when the document does.
 */
let inspected: { text: string; key: string; result: Promise<{ kind: FileKind; launches: AnalyzedLaunch[] }> } | undefined;

/** The launches of a document with their parsed arguments (no rules run). Never throws. */
export function inspectDocument(text: string, options: LanguageOptions): Promise<{ kind: FileKind; launches: AnalyzedLaunch[] }> {
  const key = JSON.stringify([options.fileName, options.kind, options.vllmVersion]);
  if (inspected && inspected.text === text && inspected.key === key) return inspected.result;
  const result = inspectUncached(text, options);
  inspected = { text, key, result };
  return result;
}

async function inspectUncached(text: string, options: LanguageOptions): Promise<{ kind: FileKind; launches: AnalyzedLaunch[] }> {
  try {
    const { kind, result } = await extractDocument(text, options);
    const launches = result.invocations.map((invocation) => ({ invocation, ...prepareInvocation(invocation, options.vllmVersion) }));
    return { kind, launches };
  } catch {
    return { kind: options.kind ?? 'unknown', launches: [] };
  }
}

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The GPU for value hovers: the caller's, else the `servelint.gpu` setting, else a `# servelint: gpu=…` comment. */
function gpuFor(options: LanguageOptions, text: string): { name: string; memoryGiB: number } | undefined {
  if (options.gpu) return options.gpu;
  const name = options.settings?.gpu || gpuFromComment(text)?.name;
  const spec = name ? resolveGpuName(name) : undefined;
  return spec ? { name: spec.name, memoryGiB: spec.memoryGiB } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Hover

export interface HoverResult {
  markdown: string;
  span: Span;
}

const engineName = (engine: string) => (engine === 'vllm' ? 'vLLM' : engine === 'sglang' ? 'SGLang' : 'TensorRT-LLM');

const REPOSITORY: Record<string, string> = {
  vllm: 'vllm-project/vllm',
  sglang: 'sgl-project/sglang',
  trtllm: 'NVIDIA/TensorRT-LLM',
};

/** A link to the source file the fact came from (`vllm/config/cache.py@c1d864211745`) at that commit. */
function sourceLink(source: string, engine: string): string {
  const m = /^([\w./-]+\.(?:py|md))@([0-9a-f]{7,40})/.exec(source);
  const repo = REPOSITORY[engine];
  if (m && repo) return `[${m[1]}@${m[2]!.slice(0, 8)}](https://github.com/${repo}/blob/${m[2]}/${m[1]})`;
  return source;
}

/** Flags that are a share of GPU memory, and of which memory. */
const MEMORY_FRACTIONS: Record<string, 'total' | 'free'> = {
  '--gpu-memory-utilization': 'total',
  '--mem-fraction-static': 'total',
  '--kv_cache_free_gpu_memory_fraction': 'free',
  '--free_gpu_memory_fraction': 'free',
  'kv_cache_config.free_gpu_memory_fraction': 'free',
};

function describeBounds(spec: FlagSpec): string | undefined {
  const lo = spec.min !== undefined ? `≥ ${spec.min}` : spec.exclusiveMin !== undefined ? `> ${spec.exclusiveMin}` : undefined;
  const hi = spec.max !== undefined ? `≤ ${spec.max}` : spec.exclusiveMax !== undefined ? `< ${spec.exclusiveMax}` : undefined;
  const parts = [lo, hi].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function statusLine(launch: AnalyzedLaunch, spec: FlagSpec): string {
  const v = launch.version;
  const status = launch.flags.status(spec, v.version);
  const target = `${engineName(launch.invocation.engine)} ${v.version.text} (${v.explanation})`;
  switch (status.kind) {
    case 'not-yet':
      return `**Not available** in ${target}: added in ${status.since.text}.`;
    case 'removed':
      return `**Removed** in ${status.in?.text ?? 'a newer release'}; the target is ${target}.${spec.replacement ? ` Use ${spec.replacement}.` : ''}`;
    case 'deprecated':
      return `**Deprecated**${status.assumed ? '' : ` since ${status.from.text}`}${spec.removedIn ? `, removed in ${spec.removedIn.text}` : ''}; the target is ${target}.${spec.replacement ? ` Use ${spec.replacement}.` : ''}`;
    default:
      return `Available in ${target}${spec.since ? ` (added in ${spec.since.text})` : ''}.`;
  }
}

function flagMarkdown(launch: AnalyzedLaunch, spec: FlagSpec, written: string): string[] {
  const lines: string[] = [];
  const kind = spec.type === 'bool' ? (spec.boolStyle === 'optional' ? 'boolean (`--x` / `--no-x`)' : 'switch') : spec.type;
  lines.push(`**${spec.name}** · ${engineName(launch.invocation.engine)} flag · ${kind}${written !== spec.name ? ` · written \`${written}\`` : ''}`);
  const description = launch.invocation.engine === 'vllm' ? VLLM_FLAG_DESCRIPTIONS[spec.name] : undefined;
  if (description) lines.push('', description);
  if (spec.notes && spec.notes !== description) lines.push('', `_${spec.notes}_`);
  const facts: string[] = [];
  if (spec.default !== null && spec.default !== undefined) facts.push(`Default: \`${JSON.stringify(spec.default)}\``);
  if (spec.choices && spec.choices.length > 0) {
    facts.push(`${spec.choiceEnforcement === 'error' ? 'Allowed' : 'Known'} values: ${spec.choices.map((c) => `\`${c}\``).join(', ')}`);
  }
  const bounds = describeBounds(spec);
  if (bounds) facts.push(`Range: ${bounds}`);
  if (spec.aliases.length > 0) facts.push(`Aliases: ${spec.aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (spec.humanReadableInt) facts.push('Accepts 1k = 1000, 1K = 1024, 2M = 2·2^20');
  if (facts.length > 0) lines.push('', ...facts.map((f) => `- ${f}`));
  lines.push('', statusLine(launch, spec));
  if (MEMORY_FRACTIONS[spec.name] === 'free') {
    lines.push('', 'A share of the GPU memory still **free after the weights** are loaded, which TensorRT-LLM gives to the KV cache — not a share of total memory like vLLM\'s `--gpu-memory-utilization` or SGLang\'s `--mem-fraction-static`, so the same number means a different amount.');
  }
  lines.push('', `Source: ${sourceLink(spec.source, launch.invocation.engine)}${spec.correction ? ` (corrected by ServeLint: ${spec.correction})` : ''}`);
  return lines;
}

function valueMeaning(spec: FlagSpec, valueText: string, options: LanguageOptions, engine: string, text: string): string | undefined {
  const share = MEMORY_FRACTIONS[spec.name];
  if (share) {
    const v = parseFloatValue(valueText);
    if (v === undefined || v <= 0 || v > 1) return undefined;
    if (share === 'free') return `\`${valueText}\` = ${(v * 100).toFixed(0)}% of the memory left free after the weights goes to the KV cache.`;
    const known = gpuFor(options, text);
    const gpu = known ?? { name: 'an 80 GiB GPU such as the H100-80GB', memoryGiB: 80 };
    const used = (v * gpu.memoryGiB).toFixed(1);
    const free = ((1 - v) * gpu.memoryGiB).toFixed(1);
    return `\`${valueText}\` of ${known ? `the ${gpu.name} (${gpu.memoryGiB} GiB)` : gpu.name} ≈ **${used} GiB** for ${engineName(engine)} per GPU, ${free} GiB left for everything else.`;
  }
  if (spec.humanReadableInt) {
    const n = parseIntValue(valueText, true);
    if (n !== undefined && String(n) !== valueText.trim()) return `\`${valueText}\` = ${n.toLocaleString('en-US')}`;
  }
  return undefined;
}

export async function hoverAt(text: string, offset: number, options: LanguageOptions): Promise<HoverResult | undefined> {
  const { launches } = await inspectDocument(text, options);
  for (const launch of launches) {
    if (!within(launch.invocation.span, offset) && !(launch.invocation.launcherSpan && within(launch.invocation.launcherSpan, offset))) continue;
    if (launch.invocation.launcherSpan && within(launch.invocation.launcherSpan, offset)) {
      const v = launch.version;
      return {
        span: launch.invocation.launcherSpan,
        markdown: `**${engineName(launch.invocation.engine)} launch** · checked against ${engineName(launch.invocation.engine)} ${v.version.text} (${v.explanation}).`,
      };
    }
    for (const flag of launch.parsed.flags) {
      const spec = flag.spec ?? flag.abbreviationOf;
      if (!spec) continue;
      if (within(flag.nameSpan, offset)) {
        return { span: flag.nameSpan, markdown: flagMarkdown(launch, spec, flag.written).join('\n') };
      }
      const value = flag.values.find((w) => within(w.span, offset));
      if (value) {
        const meaning = value.unknown
          ? 'The value is interpolated: ServeLint does not guess it.'
          : valueMeaning(spec, value.text, options, launch.invocation.engine, text);
        const lines = meaning ? [meaning, '', '---', '', ...flagMarkdown(launch, spec, flag.written)] : flagMarkdown(launch, spec, flag.written);
        return { span: valueSpan(value), markdown: lines.join('\n') };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Completion

export interface CompletionItem {
  label: string;
  kind: 'flag' | 'value' | 'key';
  detail?: string;
  documentation?: string;
  deprecated?: boolean;
  insertText?: string;
  sortText?: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** The text the chosen item replaces (the partly typed word). */
  replace: Span;
}

const WORD_BREAK = /[\s"'\[\],]/;

function lineEndOffset(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function flagDetail(spec: FlagSpec): string {
  const d = spec.default !== null && spec.default !== undefined ? ` = ${JSON.stringify(spec.default)}` : '';
  return `${spec.type}${d}`;
}

function flagDocumentation(spec: FlagSpec): string | undefined {
  return VLLM_FLAG_DESCRIPTIONS[spec.name] ?? spec.notes;
}

function flagItems(launch: AnalyzedLaunch, present: Set<string>, style: 'cli' | 'snake' | 'kebab'): CompletionItem[] {
  const items: CompletionItem[] = [];
  const version = launch.version.version;
  const spell = (name: string) => {
    if (style === 'cli') return name;
    const bare = name.replace(/^--/, '');
    return style === 'snake' ? bare.replace(/-/g, '_') : bare;
  };
  for (const spec of launch.flags.specs) {
    if (!spec.name.startsWith('--')) continue;
    const status = launch.flags.status(spec, version);
    if (status.kind === 'removed' || status.kind === 'not-yet') continue; // removed flags are not offered
    if (present.has(spec.name) && spec.type !== 'list') continue;
    const deprecated = status.kind === 'deprecated';
    items.push({
      label: spell(spec.name),
      kind: style === 'cli' ? 'flag' : 'key',
      detail: flagDetail(spec) + (deprecated ? ' (deprecated)' : ''),
      documentation: flagDocumentation(spec),
      deprecated,
      insertText: style === 'cli' ? undefined : `${spell(spec.name)}: `,
      sortText: `${deprecated ? '2' : VLLM_FLAG_DESCRIPTIONS[spec.name] ? '0' : '1'}${spec.name}`,
    });
    // The negated form of an on-by-default (or automatic) boolean is what people type.
    if (style === 'cli' && spec.type === 'bool' && spec.boolStyle === 'optional' && spec.default !== false) {
      items.push({
        label: `--no-${spec.name.slice(2)}`,
        kind: 'flag',
        detail: `turn off ${spec.name}`,
        documentation: flagDocumentation(spec),
        deprecated,
        sortText: `1${spec.name}-no`,
      });
    }
  }
  return items;
}

function valueItems(spec: FlagSpec, inConfig: boolean): CompletionItem[] {
  if (spec.type === 'bool') {
    return inConfig ? ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, detail: spec.name })) : [];
  }
  return (spec.choices ?? []).map((c, i) => ({
    label: String(c),
    kind: 'value' as const,
    detail: `${spec.name}${spec.default !== null && String(spec.default) === String(c) ? ' (default)' : ''}`,
    sortText: String(i).padStart(3, '0'),
  }));
}

export async function completionsAt(text: string, offset: number, options: LanguageOptions): Promise<CompletionResult | undefined> {
  const { launches } = await inspectDocument(text, options);
  let start = offset;
  while (start > 0 && !WORD_BREAK.test(text[start - 1] as string)) start--;
  const prefix = text.slice(start, offset);
  for (const launch of launches) {
    const inv = launch.invocation;
    const inConfig = inv.form === 'config-file';
    if (inConfig) {
      const result = configCompletion(text, offset, launch);
      if (result) return result;
      continue;
    }
    const region = { start: inv.launcherSpan?.end ?? inv.span.start, end: lineEndOffset(text, inv.span.end) };
    if (!within(region, offset)) continue;
    const present = new Set(launch.parsed.flags.map((f) => f.key));
    const eq = /^(--[\w.-]+)=(.*)$/.exec(prefix);
    if (eq) {
      const spec = launch.parsed.flags.find((f) => f.written === eq[1])?.spec;
      if (!spec) return undefined;
      return { items: valueItems(spec, false), replace: { start: start + (eq[1] as string).length + 1, end: offset } };
    }
    if (prefix.startsWith('-')) {
      const current = launch.parsed.flags.find((f) => f.word.span.start === start);
      if (current) present.delete(current.key);
      return { items: flagItems(launch, present, 'cli'), replace: { start, end: offset } };
    }
    // A value right after a flag that takes one of a few values.
    const before = previousFlag(launch.parsed, start);
    if (before?.spec && (before.values.length === 0 || before.values[0]!.span.start === start) && !before.inline) {
      const values = valueItems(before.spec, false);
      if (values.length > 0) return { items: values, replace: { start, end: offset } };
    }
    if (prefix === '') return { items: flagItems(launch, present, 'cli'), replace: { start, end: offset } };
  }
  return undefined;
}

function previousFlag(parsed: ParsedArgs, start: number): ParsedFlag | undefined {
  let found: ParsedFlag | undefined;
  for (const flag of parsed.flags) if (flag.word.span.end < start) found = flag;
  if (!found) return undefined;
  // Only when nothing but the flag's own value position lies between the flag and the cursor.
  const last = found.values[found.values.length - 1];
  if (last && last.span.end < start) return undefined;
  return found;
}

function configCompletion(text: string, offset: number, launch: AnalyzedLaunch): CompletionResult | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const present = new Set(launch.parsed.flags.map((f) => f.key));
  const keyTyped = /^([A-Za-z0-9_-]*)$/.exec(line);
  if (keyTyped) {
    const snake = launch.parsed.flags.filter((f) => f.written.includes('_')).length;
    const kebab = launch.parsed.flags.filter((f) => /--.*-/.test(f.written)).length;
    const current = launch.parsed.flags.find((f) => f.word.span.start === lineStart);
    if (current) present.delete(current.key);
    return { items: flagItems(launch, present, snake > kebab ? 'snake' : 'kebab'), replace: { start: lineStart, end: offset } };
  }
  const valueTyped = /^([A-Za-z0-9_-]+):[ \t]*([^\s#]*)$/.exec(line);
  if (valueTyped) {
    const flag = launch.parsed.flags.find((f) => f.written === `--${valueTyped[1]}`);
    const spec = flag?.spec;
    if (!spec) return undefined;
    const items = valueItems(spec, true);
    if (items.length === 0) return undefined;
    return { items, replace: { start: offset - (valueTyped[2] as string).length, end: offset } };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Suppression comments and fix-all

/**
 * The edit that silences one finding with a `# servelint-disable-next-line <rule>` comment. Inside a
 * continued shell command or a YAML block scalar a comment line would break the command, so there the
 * comment goes above the whole launch (which the directive then covers).
 */
export function disableCommentEdit(text: string, finding: Finding, kind: FileKind): TextEdit {
  const index = new LineIndex(text);
  const findingLine = finding.range.start.line;
  const lineText = (line: number) => text.slice(index.lineStart(line), index.lineStart(line + 1)).replace(/\r?\n$/, '');
  const launch = finding.launchRange;
  let target = findingLine;
  if (launch && launch.start.line !== launch.end.line && launch.start.line < findingLine) {
    const yamlListItem = /^\s*-\s/.test(lineText(findingLine)) && kind !== 'shell' && kind !== 'makefile' && kind !== 'dockerfile';
    if (!yamlListItem) target = launch.start.line;
  }
  const previous = target > 0 ? lineText(target - 1) : '';
  const existing = /#\s*servelint-disable-next-line\b(.*)$/.exec(previous);
  if (existing && !/\s--\s/.test(existing[1] ?? '')) {
    const end = index.lineStart(target - 1) + previous.length;
    const pos = index.positionAt(end);
    return { range: { start: pos, end: pos }, newText: `${(existing[1] ?? '').trim() ? ',' : ''} ${finding.ruleId}` };
  }
  const indent = /^[ \t]*/.exec(lineText(target))?.[0] ?? '';
  const pos = { line: target, character: 0 };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: pos, end: pos }, newText: `${indent}# servelint-disable-next-line ${finding.ruleId}${eol}` };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of spans) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Applies every preferred fix, re-linting between passes, until nothing changes (at most 10 passes).
 * Returns the new text; the caller turns it into one edit, so the whole fix-all is one undo step.
 */
export async function fixAll(text: string, options: LintOptions): Promise<{ text: string; fixed: number }> {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < 10; pass++) {
    const findings = await lint(current, options);
    const index = new LineIndex(current);
    const taken: Span[] = [];
    const edits: TextEdit[] = [];
    for (const finding of findings) {
      const fix = finding.fixes?.find((f) => f.preferred);
      if (!fix) continue;
      const spans = fix.edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }));
      if (spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end || (s.start === t.start && s.end === t.end)))) continue;
      taken.push(...spans);
      edits.push(...fix.edits);
      fixed++;
    }
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return { text: current, fixed };
}

/** The smallest single replacement that turns `before` into `after` (keeps the cursor and undo tidy). */
export function minimalEdit(before: string, after: string): { span: Span; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { span: { start, end: endBefore }, newText: after.slice(start, endAfter) };
}

export { docsUrl };
