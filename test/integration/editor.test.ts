// The editor experience inside a real VS Code: diagnostics for every file kind, quick fixes, hovers,
// completion, settings, commands and robustness. Run by `npm run test:vscode`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describe, it, before, afterEach } from 'mocha';
import { activateExtension, openFile, ours, ruleOf, setSetting, textAt, waitForDiagnostics, waitForText } from './support';

// A complete service (GPU reserved, shared memory, HF cache) so only the planted mistake is reported.
const COMPOSE = `services:
  vllm:
    image: vllm/vllm-openai:v0.11.0
    ipc: host
    volumes:
      - ~/.cache/huggingface:/root/.cache/huggingface
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: 1
              capabilities: [gpu]
    command: >
      Qwen/Qwen2.5-7B-Instruct
      --gpu-memory-utilization 1.5
      --max-model-len 8192
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

async function codeActions(document: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, kind)) ?? [];
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('ServeLint in VS Code', function () {
  this.timeout(30000);

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    for (const key of ['rules', 'vllm.version', 'enable', 'gpu', 'exclude']) await setSetting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('compose: an error at the exact value inside a folded command, with the rule id linking to its docs', async () => {
    const { document } = await openFile('docker-compose.yml', COMPOSE);
    const [d] = await waitForDiagnostics(document.uri);
    assert.ok(d);
    assert.equal(ruleOf(d), 'gpu-memory-utilization');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(textAt(document, d.range), '1.5');
    assert.equal(d.range.start.line, lineOf(COMPOSE, '--gpu-memory-utilization'));
    const code = d.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\/gpu-memory-utilization\.md$/);
  });

  it('shell: unknown flag with did-you-mean; the quick fix is one undo step', async () => {
    const { document } = await openFile('serve.sh', '#!/bin/bash\nvllm serve Qwen/Qwen2.5-7B-Instruct \\\n  --gpu-memory-utilisation 0.9\n');
    const [d] = await waitForDiagnostics(document.uri);
    assert.equal(ruleOf(d!), 'unknown-flag');
    assert.equal(textAt(document, d!.range), '--gpu-memory-utilisation');
    const actions = await codeActions(document, d!.range);
    const fix = actions.find((a) => a.title === 'Change to --gpu-memory-utilization');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /--gpu-memory-utilization 0\.9/);
    await waitForDiagnostics(document.uri, (all) => all.length === 0);
    await vscode.commands.executeCommand('undo');
    await waitForText(document, (t) => t.includes('--gpu-memory-utilisation'));
  });

  it('Dockerfile: a flag deprecated in the image\'s vLLM version is a warning', async () => {
    const { document } = await openFile('Dockerfile', 'FROM vllm/vllm-openai:v0.11.0\nCMD ["Qwen/Qwen2.5-7B-Instruct", "--disable-log-requests"]\n');
    const [d] = await waitForDiagnostics(document.uri);
    assert.equal(ruleOf(d!), 'deprecated-flag');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(textAt(document, d!.range), '--disable-log-requests');
  });

  it('Kubernetes: a value outside the choices, in an args list', async () => {
    const { document } = await openFile(
      'deploy.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: v\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.11.0\n      args:\n        - Qwen/Qwen2.5-7B-Instruct\n        - --dtype\n        - float8\n',
    );
    const all = await waitForDiagnostics(document.uri, (ds) => ds.some((x) => ruleOf(x) === 'invalid-value'));
    const d = all.find((x) => ruleOf(x) === 'invalid-value');
    assert.equal(textAt(document, d!.range), 'float8');
  });

  it('vLLM config YAML named by --config in an open script is linted as a config file', async () => {
    const { document: script } = await openFile('run.sh', 'vllm serve --config engine.yaml\n');
    const dir = path.dirname(script.uri.fsPath);
    fs.writeFileSync(path.join(dir, 'engine.yaml'), 'model: Qwen/Qwen2.5-7B-Instruct\ngpu_memory_utilization: 1.2\n');
    await waitForDiagnostics(script.uri, () => true);
    const config = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'engine.yaml')));
    await vscode.window.showTextDocument(config);
    const [d] = await waitForDiagnostics(config.uri);
    assert.equal(ruleOf(d!), 'gpu-memory-utilization');
    assert.equal(textAt(config, d!.range), '1.2');
  });

  it('Markdown: launches in fenced blocks, with lines mapped back', async () => {
    const { document } = await openFile('README.md', '# Deploy\n\n```bash\nvllm serve m --kv-cache-dtype int8\n```\n');
    const [d] = await waitForDiagnostics(document.uri);
    assert.equal(d!.range.start.line, 3);
    assert.equal(textAt(document, d!.range), 'int8');
  });

  it('related information points at the other place (duplicate flag)', async () => {
    const { document } = await openFile('dup.sh', 'vllm serve m --max-model-len 4096 --max-model-len 8192\n');
    const [d] = await waitForDiagnostics(document.uri);
    assert.equal(ruleOf(d!), 'duplicate-flag');
    assert.equal(d!.relatedInformation?.length, 1);
    assert.equal(textAt(document, d!.relatedInformation![0]!.location.range), '--max-model-len');
    assert.equal(d!.relatedInformation![0]!.location.range.start.character, 13);
  });

  it('"Disable <rule> for this line" inserts a comment that silences the finding', async () => {
    const { document } = await openFile('docker-compose.yml', COMPOSE);
    const [d] = await waitForDiagnostics(document.uri);
    const actions = await codeActions(document, d!.range);
    const disable = actions.find((a) => a.title === 'Disable gpu-memory-utilization for this line');
    assert.ok(disable?.edit);
    assert.ok(actions.some((a) => a.title === 'Show documentation for gpu-memory-utilization' && a.command?.command === 'servelint.showRuleDocumentation'));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.match(document.getText(), /^    # servelint-disable-next-line gpu-memory-utilization\n    command: >/m);
    await waitForDiagnostics(document.uri, (all) => all.length === 0);
  });

  it('ServeLint: Fix All applies the safe fixes in one undo step', async () => {
    const original = 'vllm serve m --disable-log-requests --enforce-eager false --gpu-memory-utilisation 0.9\n';
    const { document } = await openFile('fixall.sh', original);
    await waitForDiagnostics(document.uri, (all) => all.length === 3);
    assert.equal(await vscode.commands.executeCommand('servelint.fixAll'), true);
    assert.equal(document.getText(), 'vllm serve m --no-enforce-eager --gpu-memory-utilisation 0.9\n');
    await vscode.commands.executeCommand('undo');
    await waitForText(document, (t) => t === original);
  });

  it('source.fixAll.servelint is offered for editor.codeActionsOnSave', async () => {
    const { document } = await openFile('onsave.sh', 'vllm serve m --trust-remote-code yes\n');
    await waitForDiagnostics(document.uri);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(document, whole, 'source.fixAll.servelint');
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind?.value, 'source.fixAll.servelint');
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    assert.equal(document.getText(), 'vllm serve m --trust-remote-code\n');
  });

  it('hover on a flag shows what it does, its type, default and status for the resolved version', async () => {
    const { document } = await openFile('docker-compose.yml', COMPOSE.replace('--max-model-len 8192', '--disable-log-requests'));
    await waitForDiagnostics(document.uri);
    const row = lineOf(document.getText(), '--disable-log-requests');
    const line = document.lineAt(row).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(row, line.indexOf('--disable') + 4));
    const text = hoverText(hovers);
    assert.match(text, /--disable-log-requests/);
    assert.match(text, /Deprecated.*0\.10\.0.*removed in 0\.12\.0.*vLLM 0\.11\.0 \(image tag vllm\/vllm-openai:v0\.11\.0\)/);
  });

  it('hover on a value explains it with the configured GPU (0.92 of 80 GiB)', async () => {
    await setSetting('gpu', 'H100-80GB');
    const { document } = await openFile('gpu.sh', 'vllm serve m --gpu-memory-utilization 0.92\n');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 40));
    assert.match(hoverText(hovers), /73\.6 GiB/);
  });

  it('completion offers flags after the engine command; removed ones are not offered, deprecated ones are tagged', async () => {
    await setSetting('vllm.version', '0.11.0');
    const { document } = await openFile('complete.sh', 'vllm serve m --gpu-mem');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 22));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('--gpu-memory-utilization'));
    assert.ok(!labels.includes('--worker-use-ray'), 'removed in 0.7.0');
    const deprecated = list.items.find((i) => i.label === '--disable-log-requests');
    assert.deepEqual(deprecated?.tags, [vscode.CompletionItemTag.Deprecated]);
  });

  it('completion offers the values of a choice flag in a compose command list', async () => {
    const { document } = await openFile(
      'docker-compose.yml',
      'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command:\n      - m\n      - --kv-cache-dtype\n      - fp\n',
    );
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(6, 10));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('fp8') && labels.includes('auto'), labels.join(','));
  });

  it('settings changes re-lint at once: per-rule severity, the vLLM version, enable', async () => {
    const { document } = await openFile('settings.sh', 'vllm serve m --disable-log-requests --gpu-memory-utilization 0.97\n');
    await waitForDiagnostics(document.uri, (all) => all.some((d) => ruleOf(d) === 'removed-flag'));
    await setSetting('vllm.version', '0.11.0');
    await waitForDiagnostics(document.uri, (all) => all.some((d) => ruleOf(d) === 'deprecated-flag') && !all.some((d) => ruleOf(d) === 'removed-flag'));
    await setSetting('rules', { 'gpu-memory-utilization': 'error' });
    await waitForDiagnostics(document.uri, (all) => all.some((d) => ruleOf(d) === 'gpu-memory-utilization' && d.severity === vscode.DiagnosticSeverity.Error));
    await setSetting('enable', false);
    await waitForDiagnostics(document.uri, (all) => all.length === 0);
  });

  it('a suppression comment in the file silences its rule', async () => {
    const { document } = await openFile('suppressed.sh', '# servelint-disable-next-line unknown-flag\nvllm serve m --bogus-flag 1 --dtype float8\n');
    const all = await waitForDiagnostics(document.uri);
    assert.deepEqual(all.map(ruleOf), ['invalid-value']);
  });

  it('broken YAML gets one diagnostic and does not break the host', async () => {
    const { document } = await openFile('docker-compose.yml', 'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command: ["m", "--dtype"\n    ports: [8000:8000\n');
    const all = await waitForDiagnostics(document.uri);
    assert.ok(all.some((d) => ruleOf(d) === 'yaml-syntax'));
    const { document: next } = await openFile('after.sh', 'vllm serve m --dtype float8\n');
    await waitForDiagnostics(next.uri);
  });

  it('a 5 MB file is skipped with one info diagnostic and the host stays responsive', async () => {
    const line = 'echo "this is not a launch, just filler to make the file big"\n';
    const { document } = await openFile('huge.sh', `vllm serve m --dtype float8\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`);
    const all = await waitForDiagnostics(document.uri);
    assert.deepEqual(all.map(ruleOf), ['file-too-large']);
    assert.equal(all[0]!.severity, vscode.DiagnosticSeverity.Information);
    const { document: small } = await openFile('small.sh', 'vllm serve m --dtype float8\n');
    await waitForDiagnostics(small.uri);
  });

  it('typing updates diagnostics (debounced, latest version wins)', async () => {
    const { document, editor } = await openFile('typing.sh', 'vllm serve m --dtype bfloat16\n');
    await waitForDiagnostics(document.uri, () => true);
    for (const ch of ['x', 'y', 'z']) {
      await editor.edit((b) => b.insert(new vscode.Position(0, document.lineAt(0).text.length), ch));
    }
    const [d] = await waitForDiagnostics(document.uri, (all) => all.length === 1 && textAt(document, all[0]!.range) === 'bfloat16xyz');
    assert.equal(ruleOf(d!), 'invalid-value');
  });

  it('closing a document clears its diagnostics', async () => {
    // An untitled document is disposed when its editor is reverted and closed, which fires
    // onDidCloseTextDocument (a file document may stay loaded after its editor closes).
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: 'vllm serve m --dtype float8\n' });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri);
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === document) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    assert.deepEqual(ours(document.uri), []);
  });

  it('ServeLint: Lint Workspace reports files that are not open', async () => {
    const dir = path.join(path.dirname((await openFile('anchor.sh', '# nothing\n')).document.uri.fsPath), 'closed');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'closed-compose.yml');
    fs.writeFileSync(file, COMPOSE);
    const problems = await vscode.commands.executeCommand<number>('servelint.lintWorkspace');
    assert.ok(problems >= 1);
    const uri = vscode.Uri.file(file);
    assert.ok(vscode.workspace.textDocuments.every((d) => d.uri.fsPath !== file), 'the file was not opened');
    assert.deepEqual(ours(uri).map(ruleOf), ['gpu-memory-utilization']);
  });
});
