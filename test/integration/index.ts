// Entry point of the integration suite, in the @vscode/test-electron convention: VS Code's extension
// host require()s this module (extensionTestsPath = out/integration/index) and awaits run().
// The same file serves both launchers: scripts/vscode/run-ext-tests.mjs (code-server + Chromium,
// `npm run test:vscode`) and runTest.ts (@vscode/test-electron, `npm run test:electron`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Every compiled `*.test.js` below this folder, in a stable order. */
function testFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js') && !f.split(path.sep).includes('node_modules'))
    .sort()
    .map((f) => path.join(dir, f));
}

// Both mocha styles work in any file: BDD (describe/it/before/after/beforeEach/afterEach) and TDD
// (suite/test/suiteSetup/suiteTeardown/setup/teardown). The TDD names are aliases of the BDD ones,
// so they share one suite stack and can even be nested inside each other.
type Ctx = Record<string, unknown>;
const mochaStatics = Mocha as unknown as {
  interfaces: Record<string, (suite: Mocha.Suite) => void>;
};
mochaStatics.interfaces['bdd+tdd'] = (root: Mocha.Suite): void => {
  mochaStatics.interfaces['bdd']!(root);
  root.on(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, (context: Ctx) => {
    context.suite = context.describe;
    context.test = context.it;
    context.suiteSetup = context.before;
    context.suiteTeardown = context.after;
    context.setup = context.beforeEach;
    context.teardown = context.afterEach;
  });
};

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd+tdd' as Mocha.Interface,
    reporter: 'spec',
    color: false,
    timeout: 20_000,
    forbidOnly: Boolean(process.env.CI), // a stray .only must not silently skip the rest in CI
  });
  if (process.env.SERVELINT_TEST_GREP) mocha.grep(process.env.SERVELINT_TEST_GREP);
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);

  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.js files under ${__dirname}`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        const passed = s?.passes ?? 0;
        const failed = s?.failures ?? failures;
        // The plain closing line that CI reads (the launcher prints it last).
        console.log(`${passed} passed, ${failed} failed${s?.pending ? `, ${s.pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (passed === 0) reject(new Error('no integration test ran'));
        else resolve();
      });
    } catch (error) {
      // A test file that throws while loading (syntax error, bad import) ends up here.
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
