// Child process of bench.mjs: loads dist/extension.js with a stub `vscode` module, runs activate(),
// then lints a 200-line compose file and a 50-line script through the extension's API (the first lint
// loads the core when the extension loads it lazily). Prints one JSON line of timings in ms.
'use strict';
const Module = require('node:module');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const dist = process.env.SERVELINT_DIST ?? join(root, 'dist');

/** A stub that answers every property access, call and construction with itself; disposables dispose. */
function stub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'then') return undefined;
      if (prop === 'dispose') return () => {};
      if (prop === 'toString') return () => name;
      return stub(`${name}.${String(prop)}`);
    },
    set() {
      return true;
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return { dispose: () => {} };
    };
  }
  fire(e) {
    for (const l of this.listeners) l(e);
  }
  dispose() {}
}

/** Every `vscode.<name>` the extension sources use: bundlers copy the module's own keys (ESM interop). */
function apiNames() {
  const { readdirSync, readFileSync } = require('node:fs');
  const names = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/\bvscode\.([A-Za-z_]+)/g)) names.add(m[1]);
    }
  };
  walk(join(root, 'src', 'extension'));
  return names;
}

const uri = (path) => ({ scheme: 'file', fsPath: path, path, toString: () => `file://${path}` });
const api = {
    EventEmitter,
  Uri: { parse: (s) => ({ toString: () => s }), joinPath: (u, ...p) => uri(join(u.fsPath ?? '/', ...p)), file: uri },
  workspace: new Proxy(
      { textDocuments: [], workspaceFolders: undefined, getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }) },
      { get: (t, p) => (p in t ? t[p] : stub(`workspace.${String(p)}`)) },
    ),
    window: new Proxy({ activeTextEditor: undefined, visibleTextEditors: [] }, { get: (t, p) => (p in t ? t[p] : stub(`window.${String(p)}`)) }),
    languages: new Proxy({ match: () => 0 }, { get: (t, p) => (p in t ? t[p] : stub(`languages.${String(p)}`)) }),
};
for (const name of apiNames()) if (!(name in api)) api[name] = stub(name);
const vscode = new Proxy(api, { get: (t, p) => (p in t ? t[p] : stub(String(p))) });

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

const context = {
  subscriptions: [],
  extensionUri: uri(root),
  extensionPath: root,
  globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
  asAbsolutePath: (p) => join(root, p),
  extensionMode: 1,
};

function doc(fileName, languageId, text) {
  return {
    uri: uri(fileName),
    fileName,
    languageId,
    version: 1,
    isClosed: false,
    lineCount: text.split('\n').length,
    getText: () => text,
  };
}

(async () => {
  const { composeFile, shellScript } = await import('./generate.mjs');
  const before = new Set(Object.keys(require.cache));
  let t0 = performance.now();
  const ext = require(join(dist, 'extension.js'));
  const requireExtension = performance.now() - t0;
  t0 = performance.now();
  const api = ext.activate(context);
  const activate = performance.now() - t0;
  // Modules the extension loaded on activation (a lazily loaded core is not among them yet).
  const loadedAtActivation = Object.keys(require.cache).filter((k) => !before.has(k) && k.startsWith(dist));

  // The core as the extension loads it on first lint (when it is a separate file).
  const lazy = ['extension-core.js'].map((f) => join(dist, f)).find((f) => {
    try {
      require.resolve(f);
      return true;
    } catch {
      return false;
    }
  });
  let loadCore = 0;
  if (lazy && !require.cache[lazy]) {
    t0 = performance.now();
    require(lazy);
    loadCore = performance.now() - t0;
  }
  t0 = performance.now();
  await api.lint(doc('/w/docker-compose.yml', 'dockercompose', composeFile(200)));
  const firstCompose = performance.now() - t0;
  t0 = performance.now();
  await api.lint(doc('/w/serve.sh', 'shellscript', shellScript(50)));
  const firstShell = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({ requireExtension, activate, loadCore, firstCompose, firstShell, loadedAtActivation: loadedAtActivation.map((f) => f.slice(dist.length + 1)) }) + '\n',
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
