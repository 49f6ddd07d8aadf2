// UI check of the packaged extension in a real browser: headless Debian Chromium (playwright-core)
// against a code-server that has the .vsix installed.
//
//   node scripts/vscode/ui-e2e.mjs --url http://127.0.0.1:PORT --folder <workspace copy>
//        --results <dir for screenshots> --cli <dist/cli.js, for the expected finding>
//
// Checks, in order (a failed check ends the run; the rest count as skipped):
//   1. the workbench loads and the Explorer lists the workspace
//   2. docker-compose.yml opens from the Explorer
//   3. an error squiggle (.squiggly-error) lies under the flag value (`1.5`)
//   4. the Problems panel (Ctrl+Shift+M) shows the message and the rule id gpu-memory-utilization
//   5. a quick fix chosen from the Ctrl+. menu changes the document
//   6-10. the decision wizard: palette, form, recommendation, Insert, restore after reload (ui-wizard.mjs)
// The expected message and position come from the CLI (`servelint -f json`) on the same file.
// Prints one line per check and then `N passed, N failed[, N skipped]`; exit code 0 only if all passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, parseArgs } from './chromium.mjs';
import { wizardChecks } from './ui-wizard.mjs';

const opt = parseArgs(process.argv.slice(2));
for (const k of ['url', 'folder', 'results', 'cli']) {
  if (!opt[k]) { console.error(`ui-e2e: --${k} is required`); process.exit(2); }
}
const FILE = 'docker-compose.yml';
const RULE = 'gpu-memory-utilization';
const folder = path.resolve(opt.folder);
const results = path.resolve(opt.results);
fs.mkdirSync(results, { recursive: true });
const t0 = Date.now();
const lap = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const norm = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

// The finding the extension should show, as the CLI reports it for the same file.
const cli = spawnSync(process.execPath, [opt.cli, '-f', 'json', '--no-color', path.join(folder, FILE)], { encoding: 'utf8' });
const finding = (() => { try { return JSON.parse(cli.stdout).find((f) => f.rule === RULE); } catch { return undefined; } })();
if (!finding) {
  console.log(`ui-e2e: the CLI reports no ${RULE} finding for ${FILE} (exit ${cli.status}): ${cli.stdout}${cli.stderr}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const lineText = fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n')[finding.line - 1];
const needle = lineText.slice(finding.column - 1, finding.endColumn - 1); // the flagged text, e.g. 1.5

const checks = [];
let page;
const shot = (name) => page?.screenshot({ path: path.join(results, `ui-${name}.png`) }).catch(() => {});
// The rendered lines of the active editor, top to bottom (Monaco reuses line nodes out of order).
const editorLines = () => page.locator('.editor-instance .view-lines').first().evaluate((el) =>
  [...el.querySelectorAll('.view-line')]
    .map((l) => [parseFloat(l.style.top) || 0, l.textContent.replace(/\u00a0/g, ' ').trimEnd()])
    .sort((a, b) => a[0] - b[0]).map(([, t]) => t));
const editorText = () => editorLines().then((lines) => lines.join('\n'));

checks.push(['the workbench loads and the Explorer lists the workspace', async () => {
  await page.goto(`${opt.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}]);

checks.push([`${FILE} opens from the Explorer`, async () => {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .view-lines', { hasText: 'vllm/vllm-openai' }).first().waitFor({ timeout: 15_000 });
}]);

// Screen rectangle of `needle` on the rendered line `lineText` (Monaco renders spaces as U+00A0).
async function needleBox() {
  return page.evaluate(([line, column, text]) => {
    const indent = line.length - line.trimStart().length;
    for (const el of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
      const nodes = [];
      let all = '';
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
      all = all.replace(/\u00a0/g, ' ');
      if (all.trim() !== line.trim()) continue;
      const at = all.indexOf(line.trim()) + (column - 1 - indent);
      if (all.slice(at, at + text.length) !== text) return null;
      const locate = (i) => { let k = nodes.length - 1; while (nodes[k][1] > i) k--; return [nodes[k][0], i - nodes[k][1]]; };
      const range = document.createRange();
      range.setStart(...locate(at));
      const [endNode, endOffset] = locate(at + text.length - 1);
      range.setEnd(endNode, endOffset + 1);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, [lineText, finding.column, needle]);
}

let target; // where the flagged value is on screen
checks.push([`an error squiggle lies under the flag value '${needle}' (line ${finding.line})`, async () => {
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  target = await needleBox();
  if (!target) throw new Error(`could not find '${needle}' on the rendered line '${lineText.trim()}'`);
  const squiggles = await page.locator('.monaco-editor .squiggly-error').evaluateAll((els) =>
    els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
  const under = squiggles.some((s) =>
    s.x < target.x + target.width - 1 && s.x + s.width > target.x + 1 &&         // overlaps horizontally
    Math.abs((s.y + s.height / 2) - (target.y + target.height / 2)) < target.height); // same line
  if (!under) throw new Error(`no .squiggly-error under '${needle}' at ${JSON.stringify(target)}; squiggles: ${JSON.stringify(squiggles)}`);
  await shot('1-squiggle');
}]);

checks.push([`the Problems panel shows the message and the rule id ${RULE}`, async () => {
  await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2); // focus the editor
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.getByText(RULE).first().waitFor({ timeout: 15_000 });
  const text = norm(await panel.innerText());
  console.log(`      Problems: ${text.slice(0, 300)}`);
  for (const part of [finding.message, RULE, 'servelint', `[Ln ${finding.line}, Col ${finding.column}]`]) {
    if (!text.includes(norm(part))) throw new Error(`the Problems panel lacks '${part}'`);
  }
  await shot('2-problems');
}]);

checks.push(['a quick fix from the Ctrl+. menu changes the document', async () => {
  const before = await editorText();
  // Put the cursor on the flagged value, then ask for code actions (they may lag the diagnostic a bit).
  await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const deadline = Date.now() + 20_000;
  while (!(await rows.count())) {
    if (Date.now() > deadline) throw new Error('Ctrl+. offered no code action on the flagged value');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    await rows.first().waitFor({ timeout: 3_000 }).catch(() => {});
  }
  const titles = (await rows.allInnerTexts()).map(norm);
  console.log(`      code actions offered: ${titles.map((t) => `"${t}"`).join(', ')}`);
  await shot('3-quickfix-menu');
  // Any action that edits the file will do; skip ones that only open docs or settings.
  const pick = titles.findIndex((t) => t && !/learn more|documentation|docs|configure|settings|show /i.test(t));
  if (pick < 0) throw new Error('no fixing action among the offered code actions');
  console.log(`      applying "${titles[pick]}"`);
  // Keyboard, as after Ctrl+. (the menu opens with its first action focused; mouse clicks on the
  // rows race the menu's hover re-rendering).
  for (let i = 0; i < pick; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const changedBy = Date.now() + 10_000;
  let after = before;
  while (after === before && Date.now() < changedBy) {
    await page.waitForTimeout(100);
    after = await editorText();
  }
  if (after === before) throw new Error(`"${titles[pick]}" did not change the document`);
  await page.locator('.tabs-container .tab.active.dirty', { hasText: FILE }).waitFor({ timeout: 5_000 });
  console.log(`      document after the fix:\n${after.split('\n').map((l) => `        | ${l}`).join('\n')}`);
  await shot('4-after-fix');
}]);

// The decision wizard (its own steps, in ui-wizard.mjs): palette -> form -> recommendation -> Insert -> reload.
checks.push(...wizardChecks({ page: () => page, folder, results, shot, editorText }));

let passed = 0, failed = 0, skipped = 0;
const { ctx, close } = await launchChromium();
try {
  page = ctx.pages()[0] ?? await ctx.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  for (const [i, [name, fn]] of checks.entries()) {
    if (failed) { skipped++; console.log(`skip  ${name}`); continue; }
    try {
      await fn();
      passed++;
      console.log(`ok    ${name} [${lap()}]`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${name} [${lap()}]\n      ${String(e?.message ?? e).split('\n')[0]}`);
      await shot(`${i + 1}-failure`);
      console.log(`      screenshot: ${path.join(results, `ui-${i + 1}-failure.png`)}`);
    }
  }
} finally {
  await close();
}
console.log(`UI check finished after ${lap()}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
