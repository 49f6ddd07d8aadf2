// The facts tables against their zod schemas, as `npm run build` checks them before bundling: the
// bundles ship the JSON as it is (src/core/facts/checked.ts), so it must be exactly what validation gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFacts } from '../../src/core/facts/check';

test('every facts table passes its schema unchanged', () => {
  assert.deepEqual(checkFacts(), []);
});
