// Runs the integration suite in a desktop VS Code downloaded by @vscode/test-electron
// (`npm run test:electron`). For contributors WITH internet access: the download comes from
// update.code.visualstudio.com, which the offline CI machine cannot reach, so `npm test` uses
// scripts/vscode/test-vscode.sh (code-server + Chromium) instead. Same suite, same workspace.
//   VSCODE_VERSION=stable npm run test:electron    (default: 1.100.3, like the code-server pin)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..'); // out/integration -> repository root
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'servelint-workspace-'));
  fs.cpSync(path.join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index'),
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { SERVELINT_TEST_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error('test:electron failed (it needs internet to download VS Code; offline, use `npm run test:vscode`)');
  process.exit(1);
});
