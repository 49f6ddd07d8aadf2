// Bundles the core library, the CLI and the extension with esbuild, and copies the
// tree-sitter WebAssembly files next to the bundles (they are loaded at run time, never fetched).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'webview'), { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Smaller bundles load faster at activation; the source maps keep stack traces readable.
  minify: true,
  keepNames: true,
  absWorkingDir: root,
};

// The facts tables (src/core/facts/data/*.json and corrections.ts) are checked against their zod
// schemas here (src/core/facts/check.ts), and the build fails on any problem. The bundles then use the checked JSON as it is
// (SERVELINT_FACTS_CHECKED, src/core/facts/checked.ts) and never load zod to validate it again.
{
  const checker = await build({ ...common, minify: false, sourcemap: false, write: false, entryPoints: ['src/core/facts/check.ts'], outfile: 'facts-check.cjs' });
  const file = join(tmpdir(), `servelint-facts-check-${process.pid}.cjs`);
  writeFileSync(file, checker.outputFiles[0].text);
  let problems;
  try {
    problems = require(file).checkFacts();
  } finally {
    rmSync(file, { force: true });
  }
  if (problems.length > 0) {
    console.error(`The facts tables do not match their schemas (src/core/facts/schemas.ts):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  common.define = { 'process.env.SERVELINT_FACTS_CHECKED': '"1"' };
  // The tables as JSON strings parsed on first use: a big object literal costs V8 a full parse when the
  // bundle loads; a string in a lazily evaluated module (the facts modules `require` them) hardly anything.
  common.plugins = [
    {
      name: 'facts-json-as-string',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]core[\\/]facts[\\/]data[\\/][^\\/]+\.json$/ }, async (args) => {
          const compact = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
          return { contents: `module.exports = JSON.parse(${JSON.stringify(compact)});`, loader: 'js' };
        });
      },
    },
  ];
}

await Promise.all([
  build({ ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The extension is two bundles: the VS Code glue, loaded at activation, and the core it requires on
  // first lint (src/extension/core.ts), so that activation does not evaluate rules, tables and parsers.
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './extension-core.js', './extension-wizard.js'] }),
  // The wizard (advisor, tables, zod) loads on first use too: see src/extension/wizard/register.ts.
  build({ ...common, entryPoints: ['src/extension/wizard/index.ts'], outfile: 'dist/extension-wizard.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/extension/coreApi.ts'], outfile: 'dist/extension-core.js' }),
  // The decision wizard's page: browser code (@vscode-elements/elements, zod, the shared message
  // schemas) and its stylesheet, into dist/webview/, the only folder the webview may load from.
  build({
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist/webview',
  }),
  build({ ...common, platform: 'browser', entryPoints: { webview: 'src/webview/style.css' }, outdir: 'dist/webview', sourcemap: false }),
]);
copyFileSync(join(root, 'media', 'wizard-icon.svg'), join(dist, 'webview', 'icon.svg'));
chmodSync(join(dist, 'cli.js'), 0o755);

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'));
