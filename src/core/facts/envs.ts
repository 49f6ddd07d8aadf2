// Typed, zod-validated table of the vLLM (and Hugging Face) environment variables that matter in
// deployments, from src/core/facts/data/vllm-envs.json (copied from shared/reference). The rules
// that use it (removed/deprecated variables, VLLM_PORT, tokens) come with the deployment checks.
import { z } from 'zod';
import rawEnvs from './data/vllm-envs.json';
import { parseVersion, type Version } from '../version';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const envRowSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  type: z.enum(['str', 'int', 'bool', 'choice', 'float', 'list']),
  default: z.union([scalar, z.array(scalar)]).nullable(),
  choices: z.array(z.union([z.string(), z.number()])).nullable(),
  deprecated: z.boolean(),
  removedIn: z.string().nullable(),
  replacement: z.string().nullable(),
  notes: z.string().nullable(),
  source: z.string(),
});

export type EnvRow = z.infer<typeof envRowSchema>;

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
  if (!cached) cached = new EnvTable(z.array(envRowSchema).parse(rawEnvs));
  return cached;
}
