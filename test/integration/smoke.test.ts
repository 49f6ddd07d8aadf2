// Smoke test of the harness: the extension loads in a real VS Code and publishes its diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openWorkspaceFile, waitForRule, workspaceFolder } from './harness';

suite('smoke: ServeLint inside a real VS Code', () => {
  test('activates on docker-compose.yml and reports gpu-memory-utilization 1.5', async () => {
    console.log(`    VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.env.uiKind}, remote ${vscode.env.remoteName ?? 'none'})`);
    // The launcher's environment reaches the extension host (test-vscode.sh and runTest.ts set this).
    assert.equal(process.env.SERVELINT_TEST_WORKSPACE, workspaceFolder().uri.fsPath);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);

    const editor = await openWorkspaceFile('docker-compose.yml');
    const document = editor.document;
    // VS Code's built-in YAML support maps docker-compose.yml to 'dockercompose', not 'yaml'.
    assert.equal(document.languageId, 'dockercompose');

    const [diagnostic] = await waitForRule(document.uri, 'gpu-memory-utilization');
    assert.ok(diagnostic);
    assert.ok(extension.isActive, 'the extension is active after opening the compose file');
    assert.equal(diagnostic.source, 'servelint');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /1\.5/);
    assert.match(document.getText(diagnostic.range), /1\.5/, 'the range covers the flag value');
  });
});
