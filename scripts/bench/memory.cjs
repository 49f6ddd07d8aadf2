// Child process of bench.mjs (run with --expose-gc): peak memory of linting the 5,000-line compose
// file once. Prints one JSON line (MiB).
'use strict';
const { join } = require('node:path');

const MiB = 2 ** 20;
(async () => {
  const { composeFile } = await import('./generate.mjs');
  const core = require(join(process.env.SERVELINT_DIST ?? join(__dirname, '..', '..', 'dist'), 'core.js'));
  // Warm up: flag tables, tree-sitter, JIT (a small file of the same shape).
  await core.analyze(composeFile(200), { fileName: 'docker-compose.yml' });
  const text = composeFile(5000);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const baseRss = process.resourceUsage().maxRSS * 1024;
  let result = await core.analyze(text, { fileName: 'docker-compose.yml' });
  const heapAfter = process.memoryUsage().heapUsed;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  result = null;
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  process.stdout.write(
    JSON.stringify({ baseRssMiB: baseRss / MiB, peakRssMiB: peakRss / MiB, heapAfterMiB: heapAfter / MiB, retainedMiB: Math.max(0, retained) / MiB }) + '\n',
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
