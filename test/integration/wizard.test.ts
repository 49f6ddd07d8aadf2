// The decision wizard inside a real VS Code: the panel opens and its page script talks to the host
// (under the CSP), recommendations arrive, Insert writes a config that lints clean into the editor
// the user came from (one undo step) or a new untitled file, the quick flow (injected UI and real
// QuickPicks), and the panel serializer. Driven through the internal command servelint.wizard.testHook,
// which posts messages exactly as the webview does (same zod validation) and reads what the host sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describe, it, before, afterEach } from 'mocha';
import { activateExtension, EXTENSION_ID, openFile, ours, ruleOf, waitForDiagnostics, waitForText } from './support';

const HOOK = 'servelint.wizard.testHook';
const ENGINES = ['vllm', 'sglang', 'trtllm'];

interface Reason { text: string; source: string; date: string; correctsBlog?: boolean }
interface Recommendation {
  engine: string;
  reasons: Reason[];
  alternatives: Array<{ engine: string; score: number; reasons: Reason[]; excluded?: string }>;
  sizing: { gpuMemoryGiB: number; perGpu: { weightsGiB: number; kvCacheGiB: number; headroomGiB: number }; tensorParallelSize: number };
  benchmarkCommand: string;
  blogCorrections: Reason[];
}
type Sent = { type: string; [k: string]: unknown };
interface HookState { open: boolean; visible: boolean; viewType?: string; sent: Sent[]; html: string; insertInto: string }
type Handled = { ok: true; type: string; inserted?: { into: string; uri: string } } | { ok: false; error: string };

const hook = <T>(action: string, arg?: unknown) => vscode.commands.executeCommand<T>(HOOK, action, arg);
const post = (message: unknown) => hook<Handled>('post', message);
const state = () => hook<HookState>('state');

/** Polls the host's outbox until `accept` finds a message (the webview answers asynchronously). */
async function waitForSent(accept: (m: Sent) => boolean, what: string, timeoutMs = 15_000): Promise<Sent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await state();
    const found = s.sent.find(accept);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; sent: ${JSON.stringify(s.sent.map((m) => m.type))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Quick mode: the model and option indexes of the core's quickQuestions() (0 = "Yes, within days").
const QUICK = { type: 'recommend', request: { mode: 'quick', answers: { model: 'Qwen/Qwen2.5-7B-Instruct', choices: { 'fast-launch': 0 } } } };

async function openWizard(): Promise<void> {
  await vscode.commands.executeCommand('servelint.chooseEngine');
  // The page script ran under the CSP and said 'ready'; the host answered with the choices.
  await waitForSent((m) => m.type === 'init', "the host's init after the webview's ready");
}

async function recommendQuick(): Promise<Recommendation> {
  const before = (await state()).sent.filter((m) => m.type === 'recommendation').length;
  const handled = await post(QUICK);
  assert.deepEqual(handled, { ok: true, type: 'recommend' });
  const sent = (await state()).sent.filter((m) => m.type === 'recommendation');
  assert.equal(sent.length, before + 1);
  return (sent.at(-1)!.result as { recommendation: Recommendation }).recommendation;
}

async function lintFindings(document: vscode.TextDocument): Promise<Array<{ rule: string; severity: string; message: string }>> {
  const api = vscode.extensions.getExtension<{ lint(d: vscode.TextDocument): Promise<unknown> }>(EXTENSION_ID)!.exports;
  return ((await api.lint(document)) ?? []) as Array<{ rule: string; severity: string; message: string }>;
}

describe('decision wizard', function () {
  this.timeout(30_000);

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the command opens the panel under a nonce-only CSP and its page script talks to the host', async () => {
    await openWizard();
    const s = await state();
    assert.equal(s.open, true);
    assert.equal(s.viewType, 'servelint.wizard');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(s.html)?.[1]?.replace(/&#39;/g, "'");
    assert.ok(csp, 'a CSP meta tag');
    // cspSource is VS Code's webview resource origin, e.g. `'self' https://*.vscode-cdn.net`.
    const src = `(?:'self'|https://\\*\\.vscode-cdn\\.net|vscode-webview://\\S+|\\s)+`;
    assert.match(csp, new RegExp(`^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}'; style-src ${src}; font-src ${src}; img-src ${src}; base-uri 'none'; form-action 'none'$`));
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const scripts = [...s.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]!.includes(`nonce="${nonce}"`));
    const urls = [...s.html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(urls.length, 2, 'one script, one stylesheet');
    for (const u of urls) assert.match(u, /\/dist\/webview\/webview\.(js|css)$/, 'loaded from the bundled assets folder');
    assert.doesNotMatch(s.html, /\sstyle="|<style|\son\w+="/, 'no inline styles or handlers');
    const init = s.sent.find((m) => m.type === 'init')!;
    assert.ok((init.gpus as unknown[]).length > 5 && (init.models as unknown[]).length > 5);
    assert.deepEqual((init.targets as Array<{ id: string }>).map((t) => t.id), ['compose', 'shell', 'kubernetes', 'engine-yaml']);
    const questions = init.questions as Array<{ id: string; options: string[]; correction: Reason }>;
    assert.deepEqual(questions.map((q) => q.id), ['fast-launch', 'hardware', 'budget', 'scale']);
    for (const q of questions) assert.ok(q.options.length >= 2 && q.correction.correctsBlog && q.correction.date);
  });

  it('a quick recommendation arrives with dated, sourced reasons, sizing, comparison and a benchmark command', async () => {
    await openWizard();
    const rec = await recommendQuick();
    assert.ok(ENGINES.includes(rec.engine));
    assert.ok(rec.reasons.length > 0);
    for (const r of [...rec.reasons, ...rec.blogCorrections, ...rec.alternatives.flatMap((a) => a.reasons)]) {
      assert.ok(r.text && r.source, JSON.stringify(r));
      assert.match(r.date, /^\d{4}(-\d{2}){0,2}$/, `a date on: ${r.text} (${r.source})`);
    }
    assert.deepEqual([rec.engine, ...rec.alternatives.map((a) => a.engine)].sort(), [...ENGINES].sort(), 'the recommendation and its alternatives cover the three engines');
    assert.ok(rec.sizing.gpuMemoryGiB > 0 && rec.sizing.perGpu.weightsGiB > 0);
    assert.ok(rec.benchmarkCommand.length > 0);
  });

  it('detailed mode takes the full AdvisorInput', async () => {
    await openWizard();
    const handled = await post({
      type: 'recommend',
      request: { mode: 'detailed', input: { mode: 'detailed', model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'MI300X', gpuCount: 2, objective: 'latency', inputLen: 4000, outputLen: 500, concurrency: 32, timeToProduction: 'months', deployment: 'kubernetes' } },
    });
    assert.deepEqual(handled, { ok: true, type: 'recommend' });
    const last = (await state()).sent.filter((m) => m.type === 'recommendation').at(-1)!.result as { input: { gpu: string }; recommendation: Recommendation };
    assert.equal(last.input.gpu, 'MI300X');
    assert.notEqual(last.recommendation.engine, 'trtllm', 'TensorRT-LLM does not run on AMD');
    assert.ok(last.recommendation.alternatives.some((a) => a.engine === 'trtllm' && a.excluded));
  });

  it('invalid messages are dropped (zod), nothing is inserted', async () => {
    await openWizard();
    for (const bad of [
      { type: 'insert', engine: 'tgi', target: 'compose' },
      { type: 'insert', engine: 'vllm', target: '../../etc/passwd' },
      { type: 'recommend', request: { mode: 'detailed', input: { model: '', gpu: 'H100' } } },
      { type: 'recommend', request: { mode: 'quick', answers: { model: 'm', choices: { 'fast-launch': -1 } } } },
      { type: 'recommend', request: { mode: 'quick', answers: { model: 'm', choices: { shell: 0 } } } },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      'ready',
      null,
    ]) {
      const handled = await post(bad);
      assert.equal(handled.ok, false, JSON.stringify(bad));
    }
    // Insert before any recommendation: refused with a message to the page.
    const fresh = await post({ type: 'insert', engine: 'vllm', target: 'compose' });
    assert.equal(fresh.ok, false);
    assert.ok((await state()).sent.some((m) => m.type === 'error'));
  });

  it('Insert goes into the editor the user came from, at the cursor, lints clean, and undoes in one step', async () => {
    const { document } = await openFile('docker-compose.yml', '');
    await openWizard();
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), undefined, 'the webview has focus');
    assert.equal((await state()).insertInto, 'docker-compose.yml, line 1');
    const rec = await recommendQuick();
    const handled = await post({ type: 'insert', engine: rec.engine, target: 'compose' });
    assert.ok(handled.ok && handled.inserted, JSON.stringify(handled));
    assert.equal(handled.inserted.uri, document.uri.toString());
    const text = document.getText();
    assert.match(text, /^services:$/m);
    assert.match(text, /Qwen\/Qwen2\.5-7B-Instruct/);
    assert.doesNotMatch(text, /\$\{\d|\$\d/, 'tab stops became plain text');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString(), 'the editor has focus again');

    const findings = await lintFindings(document);
    const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(bad, [], `the generated config lints clean:\n${text}`);
    await waitForDiagnostics(document.uri, (d) => d.every((x) => x.severity > vscode.DiagnosticSeverity.Warning), 10_000);

    await vscode.commands.executeCommand('undo');
    await waitForText(document, (t) => t === '');
  });

  it('every target inserts text that lints clean for the recommended engine', async () => {
    await openWizard();
    const rec = await recommendQuick();
    for (const target of ['compose', 'shell', 'kubernetes', 'engine-yaml']) {
      const handled = await post({ type: 'insert', engine: rec.engine, target });
      assert.ok(handled.ok && handled.inserted, JSON.stringify(handled));
      const document = vscode.window.activeTextEditor!.document;
      assert.equal(document.uri.toString(), handled.inserted.uri);
      assert.ok(document.getText().length > 20, target);
      const bad = (await lintFindings(document)).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(bad, [], `${target}:\n${document.getText()}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('with no editor to go back to, Insert opens a new untitled document of the right language', async () => {
    await openWizard();
    assert.equal((await state()).insertInto, 'a new untitled file');
    const rec = await recommendQuick();
    const handled = await post({ type: 'insert', engine: rec.engine, target: 'shell' });
    assert.ok(handled.ok && handled.inserted);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'shellscript');
    assert.equal(editor.document.uri.toString(), handled.inserted.uri);
    assert.match(editor.document.getText(), /serve|launch_server|trtllm-serve/);
    assert.ok((await state()).sent.some((m) => m.type === 'inserted' && m.target === 'shell'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the quick flow (injected UI) asks the questions and inserts the chosen target', async () => {
    const { document } = await openFile('serve.sh', '');
    const outcome = await hook<{ input: { timeToProduction: string; objective: string; mode: string; gpu: string }; recommendation: Recommendation; config?: { target: string } }>(
      // model, then option indexes: fast-launch 0 (days), hardware 0 (H100), budget 0 (throughput), scale 1 (no); then the target
      'quick', ['Qwen/Qwen2.5-7B-Instruct', '0', '0', '0', '1', 'shell'],
    );
    assert.ok(outcome?.config, 'a config was chosen');
    assert.equal(outcome.input.mode, 'quick');
    assert.equal(outcome.input.timeToProduction, 'days');
    assert.equal(outcome.input.objective, 'throughput');
    assert.match(outcome.input.gpu, /^H100/i);
    assert.equal(outcome.config.target, 'shell');
    await waitForText(document, (t) => /Qwen\/Qwen2\.5-7B-Instruct/.test(t));
  });

  it('the quick flow runs through real QuickPicks (accepting the first item of each step)', async () => {
    const { document } = await openFile('docker-compose.yml', '');
    const done = vscode.commands.executeCommand<string | undefined>('servelint.quickRecommendation');
    let finished = false;
    void done.then(() => { finished = true; }, () => { finished = true; });
    const deadline = Date.now() + 20_000;
    while (!finished && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 150));
    }
    const engine = await done;
    assert.ok(engine && ENGINES.includes(engine), `engine: ${engine}`);
    await waitForText(document, (t) => /^services:$/m.test(t));
  });

  it('the serializer revives the panel from saved state and recomputes the recommendation', async () => {
    await openWizard();
    const rec = await recommendQuick();
    const result = (await state()).sent.filter((m) => m.type === 'recommendation').at(-1)!.result;
    await hook('revive', { v: 1, mode: 'quick', form: { model: 'Qwen/Qwen2.5-7B-Instruct' }, result });
    const revived = await waitForSent((m) => m.type === 'init', 'init from the revived panel');
    assert.ok(revived);
    const again = await waitForSent((m) => m.type === 'recommendation', 'the recomputed recommendation');
    assert.equal((again.result as { recommendation: Recommendation }).recommendation.engine, rec.engine);

    // A tampered state is dropped: the panel still opens, with nothing restored.
    await hook('revive', { v: 1, mode: 'quick', form: {}, result: { input: { model: 'x' }, recommendation: { engine: 'evil' } } });
    await waitForSent((m) => m.type === 'init', 'init from the second revived panel');
    assert.ok(!(await state()).sent.some((m) => m.type === 'recommendation'));
  });

  it('walkthrough: "Open an Example" shows a compose file with an underlined mistake', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('servelint.walkthrough.openExample');
    assert.equal(editor.document.languageId, 'dockercompose');
    const [d] = await waitForDiagnostics(editor.document.uri, (all) => all.some((x) => ruleOf(x) === 'gpu-memory-utilization'));
    assert.ok(d);
    assert.ok(ours(editor.document.uri).length >= 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
