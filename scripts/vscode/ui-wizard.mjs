// The decision wizard in a real browser, as a user drives it (steps appended to ui-e2e.mjs's checks):
//   1. an empty compose file is opened with Quick Open (Ctrl+P): Insert will go there
//   2. `ServeLint: Choose an Inference Engine` from the command palette opens the panel, its page
//      script runs under the CSP and gets the model and GPU lists from the host
//   3. the blog's questions are answered (GPU, need it fast?) and Enter in a text field submits;
//      the recommendation arrives (reasons with source and date, sizing bar, comparison table);
//      the page is saved as test-results/wizard.png (whole page, in a tall window for a moment) and
//      test-results/wizard-result.png (the result part; the walkthrough's picture)
//   4. "Insert Docker Compose" puts the config into the compose file (its editor shows it)
//   5. after Developer: Reload Window, the serializer restores the panel with the same recommendation
//      and the page's saved answers
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'wizard-compose.yml';

/**
 * @param {{ page: () => import('playwright-core').Page, folder: string, results: string,
 *           shot: (name: string) => Promise<unknown>, editorText: () => Promise<string> }} ctx
 * @returns {Array<[string, () => Promise<void>]>}
 */
export function wizardChecks({ page, folder, results, shot, editorText }) {
  const frame = () => page().frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  let title = '';

  // Runs a command from the palette. Ctrl+Shift+P pressed while a webview has the focus is forwarded to
  // the workbench, but not always at once: fall back to the title bar's command center.
  const palette = async (command, { waitClosed = true } = {}) => {
    const input = page().locator('.quick-input-widget input');
    await page().keyboard.press('Control+Shift+P');
    if (!(await input.waitFor({ timeout: 3_000 }).then(() => true, () => false))) {
      await page().locator('.command-center-center').first().click();
      await input.waitFor({ timeout: 10_000 });
    }
    await input.fill(`>${command}`);
    await page().locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10_000 });
    await page().keyboard.press('Enter');
    if (waitClosed) await page().locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  };

  return [
    [`wizard: an empty ${FILE} opens with Quick Open (the editor Insert goes back to)`, async () => {
      fs.rmSync(path.join(results, 'wizard.png'), { force: true });
      fs.writeFileSync(path.join(folder, FILE), '');
      await page().keyboard.press('Escape');
      await page().keyboard.press('Control+P');
      const input = page().locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(FILE);
      await page().locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: 15_000 });
      await page().keyboard.press('Enter');
      await page().locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 15_000 });
    }],

    ['wizard: "ServeLint: Choose an Inference Engine" from the palette opens the panel with the lists from the host', async () => {
      await palette('ServeLint: Choose an Inference Engine');
      await page().locator('.tabs-container .tab', { hasText: 'Choose an Inference Engine' }).waitFor({ timeout: 15_000 });
      await frame().locator('#app[aria-busy="false"]').waitFor({ timeout: 20_000 });
      const gpus = await frame().locator('#gpu vscode-option').count();
      const models = await frame().locator('#model vscode-option').count();
      if (gpus < 5 || models < 5) throw new Error(`the page got ${gpus} GPUs and ${models} models from the host`);
      console.log(`      panel ready: ${models} models, ${gpus} GPUs; insert into "${await frame().locator('#insert-into').innerText()}"`);
    }],

    ['wizard: answer the questions, Enter submits, the recommendation arrives', async () => {
      // The blog's questions (radio groups from the core's quickQuestions()): the GPU, and "need it fast?".
      const answer = async (question, option) => {
        const radio = frame().locator(`vscode-radio[name="q:${question}"][label="${option}"]`);
        await radio.click();
        if (!(await radio.evaluate((el) => el.checked))) throw new Error(`"${option}" did not get checked`);
      };
      await answer('hardware', 'NVIDIA L4 / L40S (PCIe)');
      await answer('fast-launch', 'Yes, within days');
      // Enter in a text field submits.
      await frame().locator('#gpuCount input').click();
      await page().keyboard.press('Enter');
      const heading = frame().locator('#result-title');
      await heading.filter({ hasText: /Recommendation: (vLLM|SGLang|TensorRT-LLM)/ }).waitFor({ timeout: 15_000 });
      title = (await heading.innerText()).trim();
      const reasons = await frame().locator('#reasons li').allInnerTexts();
      if (!reasons.length || !reasons.every((r) => /\d{4}-\d{2}/.test(r))) throw new Error(`reasons without a date: ${JSON.stringify(reasons)}`);
      const segments = await frame().locator('#sizing-bar .seg').count();
      const rows = await frame().locator('#comparison tbody tr').count();
      if (segments !== 3 || rows !== 3) throw new Error(`sizing bar has ${segments} segments, comparison ${rows} rows`);
      console.log(`      ${title}; ${reasons.length} reason(s), e.g. "${reasons[0]}"`);
      console.log(`      sizing: ${await frame().locator('#sizing-text').innerText()}`);
      await shot('5-wizard');
      // The whole page for test-results/wizard.png: a wide, tall window for a moment.
      await page().setViewportSize({ width: 2000, height: 4200 });
      await page().waitForTimeout(500); // let the webview re-layout at the new size
      await frame().locator('#app').evaluate(() => window.scrollTo(0, 0));
      await page().locator('iframe.webview.ready').screenshot({ path: path.join(results, 'wizard.png') });
      // And the result part alone (the walkthrough's picture): from the heading down.
      const box = await page().locator('iframe.webview.ready').boundingBox();
      const head = await frame().locator('#result-title').boundingBox();
      if (box && head) {
        await page().screenshot({ path: path.join(results, 'wizard-result.png'), clip: { x: box.x, y: head.y - 12, width: box.width, height: Math.min(1100, box.y + box.height - head.y + 12) } });
      }
      await page().setViewportSize({ width: 1400, height: 900 });
    }],

    [`wizard: "Insert Docker Compose" writes the config into ${FILE}`, async () => {
      await frame().locator('#insert-buttons vscode-button', { hasText: 'Insert Docker Compose' }).click();
      await page().locator('.tabs-container .tab.active.dirty', { hasText: FILE }).waitFor({ timeout: 15_000 });
      const deadline = Date.now() + 10_000;
      let text = '';
      while (!/^services:$/m.test(text) && Date.now() < deadline) {
        text = await editorText();
        if (!/^services:$/m.test(text)) await page().waitForTimeout(100);
      }
      if (!/^services:$/m.test(text)) throw new Error(`the editor shows:\n${text}`);
      await frame().locator('#status', { hasText: `Inserted into ${FILE}` }).waitFor({ timeout: 10_000 });
      await page().keyboard.press('Control+S'); // the editor has the focus back
      await page().locator('.tabs-container .tab.active:not(.dirty)', { hasText: FILE }).waitFor({ timeout: 10_000 });
      let onDisk = '';
      for (const until = Date.now() + 10_000; !/^services:$/m.test(onDisk) && Date.now() < until; await page().waitForTimeout(100)) {
        onDisk = fs.readFileSync(path.join(folder, FILE), 'utf8');
      }
      if (!/^services:$/m.test(onDisk)) throw new Error(`${FILE} on disk after saving:\n${onDisk}`);
      console.log(`      ${FILE} now:\n${text.split('\n').slice(0, 8).map((l) => `        | ${l}`).join('\n')}`);
      await shot('6-wizard-inserted');
    }],

    ['wizard: after a reload, the serializer restores the panel with its recommendation', async () => {
      // Developer: Reload Window shuts the workbench down properly (its state is saved), as a user's reload does.
      const reloaded = page().waitForEvent('load', { timeout: 60_000 });
      await palette('Developer: Reload Window', { waitClosed: false });
      await reloaded;
      await page().locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const tab = page().locator('.tabs-container .tab', { hasText: 'Choose an Inference Engine' });
      await tab.waitFor({ timeout: 60_000 });
      await tab.click();
      const heading = frame().locator('#result-title');
      await heading.filter({ hasText: title }).waitFor({ timeout: 60_000 });
      const fast = await frame().locator('vscode-radio[name="q:fast-launch"][label="Yes, within days"]').evaluate((el) => el.checked);
      if (!fast) throw new Error('the restored form lost the answer to "need it fast?"');
      await shot('7-wizard-restored');
    }],
  ];
}
