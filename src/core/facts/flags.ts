// Typed vLLM, SGLang and TensorRT-LLM flag tables built from the reference data
// (src/core/facts/data/*.json, copied from shared/reference; checked against the zod schemas in
// schemas.ts, see checked.ts) plus the corrections in corrections.ts.
import type { FlagRow } from './schemas';
import { checkedTable } from './checked';
import { parseVersion, compareVersions, type Version } from '../version';
import type { Engine, TrtllmCommand } from '../types';
import {
  FLAG_CORRECTIONS,
  CHOICE_ENFORCEMENT,
  SGLANG_FLAG_CORRECTIONS,
  SGLANG_ADDED_ROWS,
  SGLANG_CHOICE_ENFORCEMENT,
  TRTLLM_FLAG_CORRECTIONS,
  TRTLLM_BUILD_PLUGIN_ROWS,
  TRTLLM_CHOICE_ENFORCEMENT,
  type Correction,
} from './corrections';

export type { FlagRow } from './schemas';

// The JSON is required on first use, not imported: the bundles keep it as a string until then (scripts/build.mjs).
const rawFlags = (): unknown => require('./data/vllm-flags.json');
const rawSglangFlags = (): unknown => require('./data/sglang-flags.json');
const rawTrtllmFlags = (): unknown => require('./data/trtllm-flags.json');
/**
 * How strictly a flag's `choices` are checked: argparse-enforced (error), a known list that plugins or
 * newer releases extend (warning), or a registry that grows so fast that only near misses of a known
 * value are reported (typo, as a warning).
 */
export type ChoiceEnforcement = 'error' | 'warning' | 'typo';

export interface FlagSpec {
  /** Canonical option string (`--gpu-memory-utilization`), or `model_tag` for the positional model. */
  name: string;
  /** The engine whose table holds the flag. */
  engine: Engine;
  /** The command it belongs to, as the reference writes it (`vllm serve`, `trtllm-build`, …). */
  command: string;
  aliases: string[];
  type: FlagRow['type'];
  default: FlagRow['default'];
  choices?: (string | number)[];
  choiceEnforcement: ChoiceEnforcement;
  min?: number;
  max?: number;
  exclusiveMin?: number;
  exclusiveMax?: number;
  /** `--x/--no-x` (optional), `--x` only (store_true), or not a boolean. */
  boolStyle?: 'optional' | 'store_true';
  /** Accepts 1k / 1K / 25.6k / 2M (vLLM's human-readable integers). */
  humanReadableInt: boolean;
  /** The flag exists from this version on. */
  since?: Version;
  /** Deprecated: from this version, or from an unknown version when `deprecatedIn` is undefined. */
  deprecated: boolean;
  deprecatedIn?: Version;
  removedIn?: Version;
  /** The removal version comes from a "will be removed in" message, not a checked release. */
  removalScheduled: boolean;
  /** Removed in some newer release whose number is not verified. */
  removedUnverified?: string;
  replacement?: string;
  /** A replacement that is itself a plain flag name, usable in an automatic fix. */
  replacementFlag?: string;
  notes?: string;
  group?: string;
  source: string;
  /** Where our project changed the reference row, with the reason. */
  correction?: string;
}

const HUMAN_READABLE_INT_FLAGS = new Set(['--max-model-len', '--max-num-batched-tokens', '--kv-cache-memory-bytes']);

function toSpec(row: FlagRow, engine: Engine = 'vllm', corrections: Record<string, Correction> = FLAG_CORRECTIONS, enforcement: Record<string, ChoiceEnforcement> = CHOICE_ENFORCEMENT): FlagSpec {
  const correction = corrections[row.name];
  const merged = { ...row, ...(correction?.patch ?? {}) };
  const replacement = merged.replacement ?? undefined;
  const replacementFlag = replacement && /^--[a-z0-9_-]+(\.[a-z_]+)?$/.test(replacement.trim()) ? replacement.trim() : undefined;
  const isBool = merged.type === 'bool';
  return {
    name: merged.name,
    engine,
    command: merged.command,
    aliases: merged.aliases,
    type: merged.type,
    default: merged.default,
    choices: merged.choices ?? undefined,
    choiceEnforcement: enforcement[merged.name] ?? (merged.type === 'choice' ? 'error' : 'warning'),
    min: merged.min ?? undefined,
    max: merged.max ?? undefined,
    exclusiveMin: merged.exclusiveMin ?? undefined,
    exclusiveMax: merged.exclusiveMax ?? undefined,
    // click `is_flag` options take no value and have no --no- form, like argparse store_true.
    boolStyle: isBool ? (merged.boolStyle === 'store_true' || merged.boolStyle === 'is_flag' ? 'store_true' : 'optional') : undefined,
    humanReadableInt: engine === 'vllm' && HUMAN_READABLE_INT_FLAGS.has(merged.name),
    since: parseVersion(merged.since),
    deprecated: merged.deprecated,
    deprecatedIn: parseVersion(merged.deprecatedIn),
    removedIn: parseVersion(merged.removedIn),
    removalScheduled: correction?.scheduled === true || /scheduled/i.test(merged.removedIn ?? ''),
    removedUnverified: correction?.removedUnverified,
    replacement,
    replacementFlag,
    notes: merged.notes ?? undefined,
    group: merged.group ?? undefined,
    source: merged.source,
    correction: correction?.why,
  };
}

/** Normalises an option name the way vLLM does: `_` → `-` between `--` and the first `.`. */
export function normalizeFlagName(name: string): string {
  if (!name.startsWith('--')) return name;
  const dot = name.indexOf('.');
  const head = dot >= 0 ? name.slice(0, dot) : name;
  const tail = dot >= 0 ? name.slice(dot) : '';
  return head.replace(/_/g, '-') + tail;
}

export type FlagStatus =
  | { kind: 'ok' }
  | { kind: 'not-yet'; since: Version }
  | { kind: 'deprecated'; from: Version; assumed: boolean }
  | { kind: 'removed'; in?: Version; unverified?: string };

/**
 * How an engine's parser reads option names (engine-facts.md §1, §7, §8):
 * - `vllm`: argparse with `_` → `-` normalisation; unique prefixes work but are reported;
 * - `argparse-verbatim`: SGLang and trtllm-build, names as written, unique prefixes accepted silently;
 * - `click`: trtllm-serve, names as written, no prefixes;
 * - `yaml-keys`: dotted keys of a config file (trtllm LLM-API YAML), looked up whole.
 */
export type NameStyle = 'vllm' | 'argparse-verbatim' | 'click' | 'yaml-keys';

/**
 * How sure the table is to hold every flag: `complete` (unknown = the engine rejects it), or `partial`
 * (newer releases or plugin options the table misses: an unknown name is an error only when it is a
 * near miss of a known one).
 */
export type TableCoverage = 'complete' | 'partial';

export interface FlagTableOptions {
  engine: Engine;
  /** Human name for messages: `vLLM`, `SGLang`, `trtllm-serve`, `trtllm-build`. */
  label: string;
  nameStyle: NameStyle;
  coverage: TableCoverage;
  /** A deprecated flag without `deprecatedIn` counts as deprecated from this version (the table's snapshot). */
  deprecationBaseline: Version;
  /** Where the table comes from, for messages (`the SGLang docs of 2026`). */
  describedAs: string;
  command?: TrtllmCommand;
}

const VLLM_TABLE_OPTIONS: Omit<FlagTableOptions, 'deprecationBaseline'> = {
  engine: 'vllm',
  label: 'vLLM',
  nameStyle: 'vllm',
  coverage: 'complete',
  describedAs: 'the vLLM flag table',
};

export class FlagTable {
  readonly specs: readonly FlagSpec[];
  readonly engine: Engine;
  readonly options: FlagTableOptions;
  private readonly byName = new Map<string, FlagSpec>();
  private readonly byAlias = new Map<string, FlagSpec>();

  constructor(rows: FlagRow[], options?: FlagTableOptions, specs?: FlagSpec[]) {
    this.options = options ?? { ...VLLM_TABLE_OPTIONS, deprecationBaseline: DEPRECATION_BASELINE };
    this.engine = this.options.engine;
    this.specs = specs ?? rows.map((r) => toSpec(r));
    for (const spec of this.specs) {
      this.byName.set(spec.name, spec);
      for (const alias of spec.aliases) this.byAlias.set(alias, spec);
    }
  }

  /** Human name of the engine or command for messages (`vLLM`, `SGLang`, `trtllm-serve`). */
  get label(): string {
    return this.options.label;
  }

  /** The canonical spelling of a written option name for this engine (vLLM: `_` → `-`; others: as written). */
  normalize(name: string): string {
    return this.options.nameStyle === 'vllm' ? normalizeFlagName(name) : name;
  }

  /**
   * Looks up a canonical (normalised) long name such as `--max-model-len`. Long aliases resolve too
   * (SGLang `--tp-size`, trtllm `--tp_size`); vLLM has none.
   */
  get(name: string): FlagSpec | undefined {
    return this.byName.get(name) ?? (name.startsWith('--') ? this.byAlias.get(name) : undefined);
  }

  /** Every option string a flag can be written as (name and aliases) that is usable at a version. */
  optionStringsAt(version: Version): { option: string; spec: FlagSpec }[] {
    const out: { option: string; spec: FlagSpec }[] = [];
    for (const spec of this.specs) {
      if (!spec.name.startsWith('-')) continue;
      const status = this.status(spec, version).kind;
      if (status === 'removed' || status === 'not-yet') continue;
      out.push({ option: spec.name, spec });
      for (const a of spec.aliases) if (a.startsWith('--')) out.push({ option: a, spec });
    }
    return out;
  }

  /**
   * Resolves a short alias at a version. `-O` meant `--compilation-config` before 0.12 and
   * `--optimization-level` from 0.12 on (engine-facts.md §1).
   */
  alias(alias: string, version: Version): FlagSpec | undefined {
    if (this.engine === 'vllm' && alias === '-O' && compareVersions(version, O_SWITCH) < 0) return this.byName.get('--compilation-config');
    return this.byAlias.get(alias);
  }

  /** Lifecycle of a flag at a version. */
  status(spec: FlagSpec, version: Version): FlagStatus {
    if (spec.since && compareVersions(version, spec.since) < 0) return { kind: 'not-yet', since: spec.since };
    if (spec.removedIn && compareVersions(version, spec.removedIn) >= 0) return { kind: 'removed', in: spec.removedIn };
    if (spec.deprecated) {
      // No recorded start: the flag is marked deprecated in the sources the table was read from
      // (vLLM: v0.11; SGLang: the 2026 docs; trtllm-build: the 1.0-era build.py).
      const from = spec.deprecatedIn ?? this.options.deprecationBaseline;
      if (compareVersions(version, from) >= 0) return { kind: 'deprecated', from, assumed: !spec.deprecatedIn };
    }
    return { kind: 'ok' };
  }

  /** Long option names usable at a version (for did-you-mean and completion). */
  namesAt(version: Version): string[] {
    const names: string[] = [];
    for (const spec of this.specs) {
      if (!spec.name.startsWith('--')) continue;
      const status = this.status(spec, version);
      if (status.kind === 'removed' || status.kind === 'not-yet') continue;
      names.push(spec.name);
    }
    return names;
  }
}

const O_SWITCH = parseVersion('0.12.0') as Version;
/** engine-facts.md §0: arg_utils.py@99d7eb5d (v0.11.x) is the main baseline of the deprecation marks. */
export const DEPRECATION_BASELINE = parseVersion('0.11.0') as Version;

let cached: FlagTable | undefined;

/** The vLLM flag table, built once on first use. */
export function vllmFlags(): FlagTable {
  if (!cached) {
    const rows = checkedTable<FlagRow[]>('vllm-flags', rawFlags());
    cached = new FlagTable(rows);
  }
  return cached;
}

// ---------------------------------------------------------------------------------------------
// SGLang and TensorRT-LLM tables (engine-facts.md §7, §8)

/**
 * The SGLang table is the 2026 docs table plus the 2026 server_args.py choice lists; the newest
 * release before it that we can date is 0.5.6 (GPUStack, late 2025). Deprecations without a version
 * count from 0.5.7, and below that an unknown flag may be one the docs no longer list.
 */
export const SGLANG_TABLE_BASELINE = parseVersion('0.5.7') as Version;
/** trtllm-build's table comes from build.py of the 0.1x/1.0 era (engine-facts.md §0). */
export const TRTLLM_TABLE_BASELINE = parseVersion('1.0.0') as Version;

const TRTLLM_YAML_COMMAND = 'trtllm-serve YAML (--config / --extra_llm_api_options)';

let sglangCached: FlagTable | undefined;
const trtllmCached = new Map<TrtllmCommand, FlagTable>();

function parseEngineRows(raw: unknown): FlagRow[] {
  return checkedTable<FlagRow[]>('engine-flags', raw);
}

/** The SGLang flag table (`python -m sglang.launch_server`, `sglang serve`, and `--config` YAML keys). */
export function sglangFlags(): FlagTable {
  if (!sglangCached) {
    const rows = [...parseEngineRows(rawSglangFlags()), ...parseEngineRows(SGLANG_ADDED_ROWS)];
    const specs = rows.map((r) => toSpec(r, 'sglang', SGLANG_FLAG_CORRECTIONS, SGLANG_CHOICE_ENFORCEMENT));
    sglangCached = new FlagTable(
      rows,
      {
        engine: 'sglang',
        label: 'SGLang',
        nameStyle: 'argparse-verbatim',
        coverage: 'partial',
        deprecationBaseline: SGLANG_TABLE_BASELINE,
        describedAs: 'the SGLang flag table (server_arguments docs and server_args.py of 2026)',
      },
      specs,
    );
  }
  return sglangCached;
}

/** The rows of one TensorRT-LLM command. */
function trtllmRows(command: TrtllmCommand): FlagRow[] {
  const all = parseEngineRows(rawTrtllmFlags());
  if (command === 'trtllm-llm-api-yaml') {
    // YAML keys are dotted paths; the table stores them as `--<path>` like the keys of other config files.
    return all.filter((r) => r.command === TRTLLM_YAML_COMMAND).map((r) => ({ ...r, name: `--${r.name}` }));
  }
  const rows = all.filter((r) => r.command === command);
  if (command === 'trtllm-build') rows.push(...parseEngineRows(TRTLLM_BUILD_PLUGIN_ROWS));
  return rows;
}

/** A TensorRT-LLM flag table: `trtllm-serve serve` (default), `grpc`, `disaggregated`, `trtllm-build`, or the LLM-API YAML keys. */
export function trtllmFlags(command: TrtllmCommand = 'trtllm-serve serve'): FlagTable {
  let table = trtllmCached.get(command);
  if (!table) {
    const rows = trtllmRows(command);
    const specs = rows.map((r) => toSpec(r, 'trtllm', TRTLLM_FLAG_CORRECTIONS, TRTLLM_CHOICE_ENFORCEMENT));
    const build = command === 'trtllm-build';
    const yaml = command === 'trtllm-llm-api-yaml';
    table = new FlagTable(
      rows,
      {
        engine: 'trtllm',
        label: yaml ? 'TensorRT-LLM LLM-API YAML' : build ? 'trtllm-build' : command === 'trtllm-serve serve' ? 'trtllm-serve' : command,
        nameStyle: yaml ? 'yaml-keys' : build ? 'argparse-verbatim' : 'click',
        // serve.py was read whole; build.py's plugin options come from plugin.py of one commit, and the
        // LLM API has far more keys than the ten the reference lists.
        coverage: build || yaml ? 'partial' : 'complete',
        deprecationBaseline: TRTLLM_TABLE_BASELINE,
        describedAs: yaml ? 'the LLM-API keys ServeLint knows' : build ? 'the trtllm-build table (build.py and plugin.py)' : `the ${command} options (serve.py)`,
        command,
      },
      specs,
    );
    trtllmCached.set(command, table);
  }
  return table;
}

/** The flag table of an engine (and, for TensorRT-LLM, of one command). */
export function flagsFor(engine: Engine, command?: string): FlagTable {
  if (engine === 'sglang') return sglangFlags();
  if (engine === 'trtllm') return trtllmFlags((command as TrtllmCommand | undefined) ?? 'trtllm-serve serve');
  return vllmFlags();
}
