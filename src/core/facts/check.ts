// checkFacts(): every facts table against its zod schema (schemas.ts). Run by `npm run build` before
// bundling (the build fails on a problem) and by the unit tests.
import rawFlags from './data/vllm-flags.json';
import rawSglangFlags from './data/sglang-flags.json';
import rawTrtllmFlags from './data/trtllm-flags.json';
import rawEnvs from './data/vllm-envs.json';
import rawGpus from './data/gpus.json';
import rawModels from './data/models.json';
import { SGLANG_ADDED_ROWS, TRTLLM_BUILD_PLUGIN_ROWS } from './corrections';
import { FACT_TABLES, type FactTable } from './schemas';

/** JSON with object keys sorted: the same data whatever order the keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Every table the runtime reads, against its schema. A problem is bad data, or a schema that would
 * change the data (drop an unknown field, fill a default): the bundles ship the JSON as it is, so it
 * must already be what validation gives. Empty when all is well.
 */
export function checkFacts(): string[] {
  const inputs: Array<[string, FactTable, unknown]> = [
    ['vllm-flags.json', 'vllm-flags', rawFlags],
    ['sglang-flags.json', 'engine-flags', rawSglangFlags],
    ['trtllm-flags.json', 'engine-flags', rawTrtllmFlags],
    ['corrections.ts SGLANG_ADDED_ROWS', 'engine-flags', SGLANG_ADDED_ROWS],
    ['corrections.ts TRTLLM_BUILD_PLUGIN_ROWS', 'engine-flags', TRTLLM_BUILD_PLUGIN_ROWS],
    ['vllm-envs.json', 'vllm-envs', rawEnvs],
    ['gpus.json (gpus)', 'gpus', (rawGpus as { gpus: unknown[] }).gpus],
    ['models.json (models)', 'models', (rawModels as { models: unknown[] }).models],
  ];
  const problems: string[] = [];
  for (const [where, table, raw] of inputs) {
    const result = FACT_TABLES[table].safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, 10)) problems.push(`${where}: ${issue.path.join('.')}: ${issue.message}`);
    } else if (!sameJson(result.data, raw)) {
      problems.push(`${where}: validation changes the data (an unknown field dropped or a default filled); fix the data or the schema`);
    }
  }
  return problems;
}
