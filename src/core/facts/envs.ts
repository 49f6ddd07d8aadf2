// Typed table of the vLLM (and Hugging Face) environment variables that matter in
// deployments, from src/core/facts/data/vllm-envs.json (copied from shared/reference). The rules
// that use it (removed/deprecated variables, VLLM_PORT, tokens) come with the deployment checks.
import type { EnvRow } from './schemas';
import { checkedTable } from './checked';
import { parseVersion, type Version } from '../version';

export type { EnvRow } from './schemas';

// The JSON is required on first use, not imported: the bundles keep it as a string until then (scripts/build.mjs).
const rawEnvs = (): unknown => require('./data/vllm-envs.json');

export interface EnvSpec {
  name: string;
  type: EnvRow['type'];
  default: EnvRow['default'];
  choices?: (string | number)[];
  deprecated: boolean;
  removedIn?: Version;
  /** The removal version comes from a deprecation message ("scheduled"). */
  removalScheduled: boolean;
  replacement?: string;
  notes?: string;
  source: string;
}

export class EnvTable {
  readonly specs: readonly EnvSpec[];
  private readonly byName: Map<string, EnvSpec>;

  constructor(rows: EnvRow[]) {
    this.specs = rows.map((row) => ({
      name: row.name,
      type: row.type,
      default: row.default,
      choices: row.choices ?? undefined,
      deprecated: row.deprecated,
      removedIn: parseVersion(row.removedIn),
      removalScheduled: /scheduled/i.test(row.removedIn ?? ''),
      replacement: row.replacement ?? undefined,
      notes: row.notes ?? undefined,
      source: row.source,
    }));
    this.byName = new Map(this.specs.map((s) => [s.name, s]));
  }

  get(name: string): EnvSpec | undefined {
    return this.byName.get(name);
  }
}

let cached: EnvTable | undefined;

/** The vLLM environment-variable table, validated once on first use. */
export function vllmEnvs(): EnvTable {
  if (!cached) cached = new EnvTable(checkedTable<EnvRow[]>('vllm-envs', rawEnvs()));
  return cached;
}
