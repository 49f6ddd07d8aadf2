// Runs the extension's mocha suite INSIDE code-server's Node extension host (the real `vscode` API),
// driven by headless Chromium through playwright-core.
//
// VS Code's web workbench reads extensionDevelopmentPath / extensionTestsPath from the ?payload= URL
// parameter (the code-server CLI rejects those flags), loads the extension from the development
// path, require()s the tests module, awaits its run(), and reports the result by calling
// window.codeAutomationExit(code); extension-host console output arrives via codeAutomationLog
// (the same hooks @vscode/test-web uses). code-server < 4.133 needs nothing else; from VS Code 1.133
// on, the payload is honoured only with the smoke-test driver enabled.
//
//   node scripts/vscode/run-ext-tests.mjs --url http://127.0.0.1:PORT --ext <extension dir>
//        --tests <compiled suite index, without .js> --folder <workspace dir>
//        [--timeout ms]  (default $SERVELINT_VSCODE_TIMEOUT_MS or 300000)
//        [--screenshot file.png]  (taken on failure)  [--logs <dir>]  (named on failure)
//   SERVELINT_VSCODE_VERBOSE=1 also prints the browser console.
//
// Prints mocha's output, then the plain line `N passed, N failed` last. Exit code: 0 only when the
// suite reported success; 1 on a failing test, a load error, a crash or a timeout.
import path from 'node:path';
import { format } from 'node:util';
import { launchChromium, parseArgs } from './chromium.mjs';

const opt = parseArgs(process.argv.slice(2));
for (const k of ['url', 'ext', 'tests', 'folder']) {
  if (!opt[k]) { console.error(`run-ext-tests: --${k} is required`); process.exit(2); }
}
const url = new URL(opt.url);
const timeoutMs = Number(opt.timeout ?? process.env.SERVELINT_VSCODE_TIMEOUT_MS ?? 300000);
const verbose = process.env.SERVELINT_VSCODE_VERBOSE === '1';
const remote = (p) => `vscode-remote://${url.host}${path.resolve(p)}`;
const payload = [
  ['extensionDevelopmentPath', remote(opt.ext)],
  ['extensionTestsPath', remote(opt.tests)],
];
const target = `${url.origin}/?folder=${encodeURIComponent(path.resolve(opt.folder))}` +
  `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const COUNTS = /^\s*(\d+) passed, (\d+) failed(, \d+ skipped)?\s*$/;
// The workbench's own start-up chatter, which arrives through the same hook (shown with VERBOSE).
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|ChatSessionStore: Migrating)/;
const t0 = Date.now();
let counts; // the suite's own closing line; printed last
let code = 1;
const { ctx, close } = await launchChromium();
try {
  const page = ctx.pages()[0] ?? await ctx.newPage();
  let resolveExit;
  const exited = new Promise((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationExit', (c) => resolveExit(Number(c)));
  await page.exposeFunction('codeAutomationLog', (_level, args) => {
    // Extension-host console calls arrive as console.log argument lists (mocha: format string first).
    const text = Array.isArray(args) ? format(...args) : String(args);
    for (const l of text.split('\n')) {
      if (COUNTS.test(l)) counts = l.trim();
      else if (verbose || !WORKBENCH_NOISE.test(l)) console.log(l);
    }
  });
  page.on('console', (m) => { if (verbose) console.log(`[browser:${m.type()}] ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  page.on('crash', () => resolveExit('crash'));
  await page.goto(target);
  let timer;
  const timedOut = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout' || result === 'crash') {
    console.log(result === 'crash'
      ? 'the browser page crashed before the extension tests reported'
      : `extension tests did not report within ${timeoutMs} ms (see the server logs)`);
  } else {
    code = result;
  }
  // The window as the suite left it (an open dialog, say): after any failure.
  if (code !== 0 && opt.screenshot) await page.screenshot({ path: opt.screenshot }).catch(() => {});
} catch (e) {
  console.log(`run-ext-tests: ${e?.stack ?? e}`);
} finally {
  await close();
}
console.log(`extension tests finished with exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
if (code !== 0 && opt.logs) console.log(`server and extension-host logs: ${opt.logs}`);
const reportedFailures = counts ? Number(COUNTS.exec(counts)[2]) : undefined;
if (counts === undefined) {
  // A load error, a crash or a timeout: no test result came back. Count it as one failure.
  console.log('no test result was reported (load error, crash or timeout): counted as 1 failure');
  counts = '0 passed, 1 failed';
} else if (code === 0 && reportedFailures > 0) {
  code = 1; // never trust a success exit that contradicts the suite's own counts
} else if (code !== 0 && reportedFailures === 0) {
  // The suite failed outside any test (e.g. no test matched, or run() threw after mocha finished).
  console.log('the suite failed outside its tests: counted as 1 failure');
  counts = counts.replace(/(\d+) passed, 0 failed/, '$1 passed, 1 failed');
}
console.log(counts);
process.exit(code);
