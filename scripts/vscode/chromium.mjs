// Launches Debian's Chromium (no browser download) through playwright-core, the way this offline
// machine needs it: a fresh profile folder, headless, and no background networking (its lookups
// would fail against the closed network at every start).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** @returns {Promise<{ ctx: import('playwright-core').BrowserContext, close: () => Promise<void> }>} */
export async function launchChromium({ viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  // Playwright refuses --user-data-dir in args: the persistent context's folder is the profile.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'servelint-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const close = async () => {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  // Stopped from outside (the test script's trap, Ctrl+C): close the browser and remove the profile.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, () => {
      console.log(`interrupted (${signal})`);
      void close().finally(() => process.exit(code));
    });
  }
  return { ctx, close };
}

/** Parses `--name value` pairs. */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) { out[argv[i].slice(2)] = argv[i + 1]; i++; }
  }
  return out;
}
