// The facts tables as the runtime reads them. The bundles are built (scripts/build.mjs) with
// SERVELINT_FACTS_CHECKED defined, after checkFacts() passed: they use the JSON as it is, and the
// branch that loads zod and the schemas is left out of them. Elsewhere (unit tests, tsc output) each
// table is validated against its schema on first use.
import type { FactTable } from './schemas';

export function checkedTable<T>(table: FactTable, raw: unknown): T {
  return process.env.SERVELINT_FACTS_CHECKED === '1' ? (raw as T) : ((require('./schemas') as typeof import('./schemas')).parseTable(table, raw) as T);
}
