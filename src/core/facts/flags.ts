// Typed, zod-validated vLLM flag table built from the reference data (src/core/facts/data/*.json,
// copied from shared/reference) plus the corrections in corrections.ts.
import { z } from 'zod';
import rawFlags from './data/vllm-flags.json';
import { parseVersion, compareVersions, type Version } from '../version';
import { FLAG_CORRECTIONS, CHOICE_ENFORCEMENT } from './corrections';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const flagRowSchema = z.object({
  name: z.string().regex(/^(--[a-z0-9][a-z0-9-]*|[a-z_]+)$/),
  aliases: z.array(z.string().regex(/^-{1,2}[A-Za-z0-9][A-Za-z0-9-]*$/)),
  type: z.enum(['int', 'float', 'bool', 'str', 'json', 'choice', 'list']),
  default: z.union([scalar, z.array(scalar), z.record(z.string(), z.unknown())]).nullable(),
  choices: z.array(z.union([z.string(), z.number()])).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  exclusiveMin: z.number().nullable(),
  exclusiveMax: z.number().nullable(),
  deprecated: z.boolean(),
  removedIn: z.string().nullable(),
  since: z.string().nullable(),
  replacement: z.string().nullable(),
  notes: z.string().nullable(),
  boolStyle: z.enum(['optional', 'store_true', 'is_flag', 'yaml']).nullable(),
  deprecatedIn: z.string().nullable(),
  group: z.string().nullable(),
  command: z.string(),
  source: z.string(),
});

export type FlagRow = z.infer<typeof flagRowSchema>;

/** How strictly a flag's `choices` are checked: argparse-enforced (error) or a known list that plugins or newer releases extend (warning). */
export type ChoiceEnforcement = 'error' | 'warning';

export interface FlagSpec {
  /** Canonical option string (`--gpu-memory-utilization`), or `model_tag` for the positional model. */
  name: string;
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

function toSpec(row: FlagRow): FlagSpec {
  const correction = FLAG_CORRECTIONS[row.name];
  const merged = { ...row, ...(correction?.patch ?? {}) };
  const replacement = merged.replacement ?? undefined;
  const replacementFlag = replacement && /^--[a-z0-9-]+(\.[a-z_]+)?$/.test(replacement.trim()) ? replacement.trim() : undefined;
  const isBool = merged.type === 'bool';
  return {
    name: merged.name,
    aliases: merged.aliases,
    type: merged.type,
    default: merged.default,
    choices: merged.choices ?? undefined,
    choiceEnforcement: CHOICE_ENFORCEMENT[merged.name] ?? (merged.type === 'choice' ? 'error' : 'warning'),
    min: merged.min ?? undefined,
    max: merged.max ?? undefined,
    exclusiveMin: merged.exclusiveMin ?? undefined,
    exclusiveMax: merged.exclusiveMax ?? undefined,
    boolStyle: isBool ? (merged.boolStyle === 'store_true' ? 'store_true' : 'optional') : undefined,
    humanReadableInt: HUMAN_READABLE_INT_FLAGS.has(merged.name),
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

export class FlagTable {
  readonly specs: readonly FlagSpec[];
  private readonly byName = new Map<string, FlagSpec>();
  private readonly byAlias = new Map<string, FlagSpec>();

  constructor(rows: FlagRow[]) {
    this.specs = rows.map(toSpec);
    for (const spec of this.specs) {
      this.byName.set(spec.name, spec);
      for (const alias of spec.aliases) this.byAlias.set(alias, spec);
    }
  }

  /** Looks up a canonical (normalised) long name such as `--max-model-len`. */
  get(name: string): FlagSpec | undefined {
    return this.byName.get(name);
  }

  /**
   * Resolves a short alias at a version. `-O` meant `--compilation-config` before 0.12 and
   * `--optimization-level` from 0.12 on (engine-facts.md §1).
   */
  alias(alias: string, version: Version): FlagSpec | undefined {
    if (alias === '-O' && compareVersions(version, O_SWITCH) < 0) return this.byName.get('--compilation-config');
    return this.byAlias.get(alias);
  }

  /** Lifecycle of a flag at a version. */
  status(spec: FlagSpec, version: Version): FlagStatus {
    if (spec.since && compareVersions(version, spec.since) < 0) return { kind: 'not-yet', since: spec.since };
    if (spec.removedIn && compareVersions(version, spec.removedIn) >= 0) return { kind: 'removed', in: spec.removedIn };
    if (spec.deprecated) {
      // No recorded start: the flag is marked deprecated in the v0.11 sources the table was read from.
      const from = spec.deprecatedIn ?? DEPRECATION_BASELINE;
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

/** The vLLM flag table, validated once on first use. */
export function vllmFlags(): FlagTable {
  if (!cached) {
    const rows = z.array(flagRowSchema).parse(rawFlags);
    cached = new FlagTable(rows);
  }
  return cached;
}
