// `npm run fuzz`: the property tests of test/unit/fuzz.test.ts (the whole lint pipeline) and of
// test/unit/yaml-parser.test.ts (the YAML fast path against the yaml package) with 100,000 cases and
// a fresh seed. Replay a failure with the seed and path it prints:
//   SERVELINT_FUZZ_SEED=<seed> SERVELINT_FUZZ_PATH=<path> npm run fuzz
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.env.SERVELINT_FUZZ_RUNS ?? '100000';
const seed = process.env.SERVELINT_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: ${runs} cases, seed ${seed} (replay: SERVELINT_FUZZ_SEED=${seed} npm run fuzz)`);
const started = Date.now();
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'out/test/unit/fuzz.test.js', 'out/test/unit/yaml-parser.test.js'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SERVELINT_FUZZ_RUNS: runs, SERVELINT_FUZZ_SEED: seed },
});
console.log(`fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s, seed ${seed}`);
process.exit(r.status ?? 1);
