// Tests of the `servelint` CLI: main() in-process with captured io and temporary directories (most with
// an injected analyze so walking/formatting are tested on their own), end-to-end runs on the real core,
// and one run of the bundled dist/cli.js.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliDeps, type CliIO } from '../../src/cli/main';
import { parseCliArgs } from '../../src/cli/args';
import { expandBraces, globMatch, MAX_FILE_BYTES } from '../../src/cli/files';
import { listRules } from '../../src/core/index';
import type { LintOptions, LintResult } from '../../src/core/lint';
import type { Finding, Severity } from '../../src/core/types';
import type { RuleMeta } from '../../src/core/rules/types';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

// ------------------------------------------------------------------------------------------ helpers

interface Captured {
  io: CliIO;
  stdout(): string;
  stderr(): string;
}

function capture(cwd: string, options: { tty?: boolean; env?: Record<string, string | undefined> } = {}): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (s: string) => (out += s), isTTY: options.tty ?? false },
      stderr: { write: (s: string) => (err += s) },
      cwd,
      env: options.env ?? {},
    },
    stdout: () => out,
    stderr: () => err,
  };
}

/** Creates a temporary directory holding the given files (paths with forward slashes). */
function tree(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'servelint-cli-')));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

const FAKE_RULES: RuleMeta[] = [
  { id: 'fake-error', severity: 'error', summary: 'A fake error.', fixable: true, engines: ['vllm'] },
  { id: 'fake-warning', severity: 'warning', summary: 'A fake warning.', fixable: false, engines: ['vllm'] },
  { id: 'fake-info', severity: 'info', summary: 'A fake info.', fixable: false, engines: ['vllm'] },
];

const MARKERS: Record<string, Severity> = { ERROR: 'error', WARN: 'warning', INFO: 'info' };

/**
 * A stand-in for the core: every `ERROR`, `WARN` or `INFO` word is a finding covering the word,
 * `THROW` makes it throw, `--config <path>` is a config reference. Records every call.
 */
function fakeDeps(calls: { text: string; options: LintOptions }[] = []): Partial<CliDeps> {
  return {
    listRules: () => FAKE_RULES,
    docsUrl: (id) => `https://docs.example.test/rules/${id}`,
    analyze: async (text: string, options: LintOptions): Promise<LintResult> => {
      calls.push({ text, options });
      if (text.includes('THROW')) throw new Error('boom in analyze');
      const findings: Finding[] = [];
      text.split('\n').forEach((line, i) => {
        for (const m of line.matchAll(/\b(ERROR|WARN|INFO)\b/g)) {
          const severity = MARKERS[m[1] as string] as Severity;
          const start = m.index ?? 0;
          const finding: Finding = {
            range: { start: { line: i, character: start }, end: { line: i, character: start + (m[1] as string).length } },
            severity,
            ruleId: `fake-${severity}`,
            message: `Found ${m[1]} marker${severity === 'error' ? ' with a longer message' : ''}`,
          };
          if (severity === 'error') {
            finding.fixes = [{ title: 'Remove it', edits: [{ range: finding.range, newText: '' }] }];
          }
          findings.push(finding);
        }
      });
      const configReferences = [...text.matchAll(/--config\s+(\S+)/g)].map((m) => m[1] as string);
      const launches = [...text.matchAll(/VERSION=(\S+)/g)].map((m) => ({
        engine: 'vllm',
        form: 'vllm-serve',
        version: m[1] as string,
        versionSource: 'image tag',
        line: 0,
      }));
      return { kind: options.kind ?? 'shell', findings, configReferences, launches };
    },
  };
}

interface JsonRow {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  fixes?: unknown;
}

async function runJson(cwd: string, args: string[], deps: Partial<CliDeps> = fakeDeps()) {
  const cap = capture(cwd);
  const code = await main(['--format', 'json', ...args], cap.io, deps);
  const rows = cap.stdout() === '' ? [] : (JSON.parse(cap.stdout()) as JsonRow[]);
  return { code, rows, stderr: cap.stderr(), stdout: cap.stdout() };
}

function lintedFiles(calls: { options: LintOptions }[], root: string): string[] {
  return calls.map((c) => path.relative(root, c.options.fileName).split(path.sep).join('/'));
}

const SH = '#!/bin/bash\n';

// -------------------------------------------------------------------------------------- arguments

describe('arguments', () => {
  test('--help prints usage and exits 0', async () => {
    const cap = capture(process.cwd());
    assert.equal(await main(['--help'], cap.io, fakeDeps()), 0);
    assert.match(cap.stdout(), /^Usage: servelint/);
    assert.match(cap.stdout(), /--max-warnings/);
    assert.equal(cap.stderr(), '');
  });

  test('--version prints the package version', async () => {
    const cap = capture(process.cwd());
    assert.equal(await main(['--version'], cap.io, fakeDeps()), 0);
    assert.equal(cap.stdout(), `${PACKAGE_VERSION}\n`);
  });

  test('an unknown option is a usage error naming the option', async () => {
    const cap = capture(process.cwd());
    assert.equal(await main(['--bogus-flag', 'x.sh'], cap.io, fakeDeps()), 2);
    assert.match(cap.stderr(), /--bogus-flag/);
    assert.match(cap.stderr(), /servelint --help/);
    assert.equal(cap.stdout(), '');
  });

  test('no paths is a usage error', async () => {
    const cap = capture(process.cwd());
    assert.equal(await main([], cap.io, fakeDeps()), 2);
    assert.match(cap.stderr(), /No files/);
  });

  test('invalid option values are usage errors', async () => {
    for (const args of [
      ['--format', 'xml', 'a.sh'],
      ['--max-warnings', '-1', 'a.sh'],
      ['--max-warnings', 'many', 'a.sh'],
      ['--rule', 'fake-error=loud', 'a.sh'],
      ['--rule', 'fake-error', 'a.sh'],
      ['--rule', 'no-such-rule=off', 'a.sh'],
      ['--rule', 'internal-error=off', 'a.sh'],
      ['--vllm-version', 'latest', 'a.sh'],
      ['--format'],
    ]) {
      const cap = capture(process.cwd());
      assert.equal(await main(args, cap.io, fakeDeps()), 2, args.join(' '));
      assert.match(cap.stderr(), /^servelint: /, args.join(' '));
    }
  });

  test('parseCliArgs collects rules, version and paths', () => {
    const parsed = parseCliArgs(
      ['-f', 'sarif', '--vllm-version', 'v0.10.1', '--rule', 'a-rule=off', '--rule', 'b-rule=info,c-rule=error', '--quiet', '--no-color', 'x', 'y'],
      () => true,
    );
    assert.equal(parsed.action, 'lint');
    if (parsed.action !== 'lint') return;
    assert.deepEqual(parsed.options, {
      format: 'sarif',
      vllmVersion: '0.10.1',
      maxWarnings: undefined,
      rules: { 'a-rule': 'off', 'b-rule': 'info', 'c-rule': 'error' },
      quiet: true,
      noColor: true,
      paths: ['x', 'y'],
    });
  });

  test('--rule and --vllm-version reach analyze()', async () => {
    const root = tree({ 'a.sh': `${SH}vllm serve m\n` });
    const calls: { text: string; options: LintOptions }[] = [];
    const { code } = await runJson(root, ['--rule', 'fake-warning=off', '--rule', 'fake-info=error', '--vllm-version', '0.9.2', 'a.sh'], fakeDeps(calls));
    assert.equal(code, 0);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.options.settings?.rules, { 'fake-warning': 'off', 'fake-info': 'error' });
    assert.equal(calls[0]?.options.vllmVersion, '0.9.2');
    assert.equal(calls[0]?.options.kind, undefined);
  });
});

// ----------------------------------------------------------------------------------------- globs

describe('glob matcher', () => {
  test('brace expansion', () => {
    assert.deepEqual(expandBraces('a/{b,c}.sh'), ['a/b.sh', 'a/c.sh']);
    assert.deepEqual(expandBraces('{x,y/{p,q}}.yml'), ['x.yml', 'y/p.yml', 'y/q.yml']);
    assert.deepEqual(expandBraces('{solo}.sh'), ['{solo}.sh']);
    assert.deepEqual(expandBraces('open{a,b'), ['open{a,b']);
  });

  test('*, **, ? and {a,b}', () => {
    assert.ok(globMatch('**/*.yml', 'a.yml'));
    assert.ok(globMatch('**/*.yml', 'deep/er/a.yml'));
    assert.ok(!globMatch('**/*.yml', 'a.yaml'));
    assert.ok(globMatch('**/*.{yml,yaml}', 'k8s/a.yaml'));
    assert.ok(globMatch('examples/*.sh', 'examples/run.sh'));
    assert.ok(!globMatch('examples/*.sh', 'examples/sub/run.sh'));
    assert.ok(globMatch('examples/?.sh', 'examples/a.sh'));
    assert.ok(!globMatch('examples/?.sh', 'examples/ab.sh'));
    assert.ok(!globMatch('*.sh', '.hidden.sh'), 'wildcards do not match a leading dot');
    assert.ok(globMatch('.*.sh', '.hidden.sh'));
    assert.ok(!globMatch('**/*.sh', 'node_modules/x.sh'), '** does not enter ignored directories');
    assert.ok(globMatch('a+b/(c).sh', 'a+b/(c).sh'), 'regex characters are literal');
  });
});

// ---------------------------------------------------------------------------------- file discovery

describe('file discovery', () => {
  test('walks directories recursively, skipping ignored and hidden directories and unsupported files', async () => {
    const root = tree({
      'deploy/serve.sh': `${SH}vllm serve m\n`,
      'deploy/k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
      'docker-compose.yml': 'services:\n  a:\n    image: x\n',
      'README.md': '# Hi\n',
      'Dockerfile': 'FROM vllm/vllm-openai:v0.10.1\n',
      'Makefile': 'serve:\n\tvllm serve m\n',
      'notes.txt': 'vllm serve m\n',
      'run': `${SH}vllm serve m\n`,
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'node_modules/pkg/run.sh': `${SH}ERROR\n`,
      '.git/hooks/pre-commit.sh': `${SH}ERROR\n`,
      'dist/x.sh': `${SH}ERROR\n`,
      'out/x.sh': `${SH}ERROR\n`,
      '.venv/bin/x.sh': `${SH}ERROR\n`,
      '__pycache__/x.sh': `${SH}ERROR\n`,
      '.github/workflows/ci.yml': 'on: push\n',
    });
    const calls: { text: string; options: LintOptions }[] = [];
    const { code, stderr } = await runJson(root, ['.'], fakeDeps(calls));
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(lintedFiles(calls, root), [
      'Dockerfile',
      'Makefile',
      'README.md',
      'deploy/k8s/deployment.yaml',
      'deploy/serve.sh',
      'docker-compose.yml',
      'run',
    ]);
  });

  test('symbolic links: linked files are linted, linked directories are not entered (no loops)', async () => {
    const root = tree({ 'real/a.sh': `${SH}WARN\n` });
    fs.symlinkSync(root, path.join(root, 'real', 'loop'), 'dir');
    fs.symlinkSync(path.join(root, 'real', 'a.sh'), path.join(root, 'link.sh'));
    const calls: { text: string; options: LintOptions }[] = [];
    const { code } = await runJson(root, ['.', '**/*.sh'], fakeDeps(calls));
    assert.equal(code, 0);
    assert.deepEqual(lintedFiles(calls, root), ['link.sh', 'real/a.sh']);
  });

  test('an explicit file is linted whatever its kind, and a hidden directory named explicitly is walked', async () => {
    const root = tree({ 'notes.txt': 'WARN\n', '.ci/run.sh': `${SH}WARN\n` });
    const { code, rows } = await runJson(root, ['notes.txt', '.ci']);
    assert.equal(code, 0);
    assert.deepEqual(rows.map((r) => r.file), ['.ci/run.sh', 'notes.txt']);
  });

  test('globs: **, *, ?, {a,b}; existing paths are never treated as globs', async () => {
    const root = tree({
      'a.yml': 'x: 1\n',
      'k8s/b.yml': 'x: 1\n',
      'k8s/deep/c.yml': 'x: 1\n',
      'k8s/d.yaml': 'x: 1\n',
      'node_modules/e.yml': 'x: 1\n',
      'examples/one.sh': `${SH}\n`,
      'examples/two.sh': `${SH}\n`,
      'examples/sub/three.sh': `${SH}\n`,
      'examples/x.sh': `${SH}\n`,
      'weird/[*].sh': `${SH}\n`,
    });
    const run = async (...patterns: string[]): Promise<string[]> => {
      const calls: { text: string; options: LintOptions }[] = [];
      const { code, stderr } = await runJson(root, patterns, fakeDeps(calls));
      assert.equal(code, 0, stderr);
      return lintedFiles(calls, root);
    };
    assert.deepEqual(await run('**/*.yml'), ['a.yml', 'k8s/b.yml', 'k8s/deep/c.yml']);
    assert.deepEqual(await run('k8s/**'), ['k8s/b.yml', 'k8s/d.yaml', 'k8s/deep/c.yml']);
    assert.deepEqual(await run('examples/*.sh'), ['examples/one.sh', 'examples/two.sh', 'examples/x.sh']);
    assert.deepEqual(await run('examples/?.sh'), ['examples/x.sh']);
    assert.deepEqual(await run('examples/{one,sub/three}.sh'), ['examples/one.sh', 'examples/sub/three.sh']);
    assert.deepEqual(await run('**/*.{yaml,sh}', 'a.yml'), [
      'a.yml',
      'examples/one.sh',
      'examples/sub/three.sh',
      'examples/two.sh',
      'examples/x.sh',
      'k8s/d.yaml',
      'weird/[*].sh',
    ]);
    assert.deepEqual(await run('weird/[*].sh'), ['weird/[*].sh'], 'an existing path with glob characters is a path');
    assert.deepEqual(await run(path.join(root, 'examples', '*.sh')), ['examples/one.sh', 'examples/two.sh', 'examples/x.sh']);
  });

  test('a glob without matches and a nonexistent path are errors (exit 2)', async () => {
    const root = tree({ 'a.sh': `${SH}ERROR\n` });
    for (const arg of ['missing.sh', 'nope/**/*.yml', 'missing-dir']) {
      const cap = capture(root);
      const calls: { text: string; options: LintOptions }[] = [];
      assert.equal(await main(['a.sh', arg], cap.io, fakeDeps(calls)), 2, arg);
      assert.match(cap.stderr(), new RegExp(arg.replace(/[*.]/g, '\\$&')));
      assert.equal(cap.stdout(), '', 'nothing is linted when an argument is wrong');
      assert.equal(calls.length, 0);
    }
  });

  test('binary files: skipped silently when walked, an info finding when named', async () => {
    const binary = Buffer.concat([Buffer.from('#!/bin/bash\nvllm serve m\n'), Buffer.from([0, 1, 2, 3])]);
    const root = tree({ 'bin/serve.sh': binary, 'ok.sh': `${SH}\n` });
    const walked = await runJson(root, ['.']);
    assert.equal(walked.code, 0);
    assert.deepEqual(walked.rows, []);

    const calls: { text: string; options: LintOptions }[] = [];
    const named = await runJson(root, ['bin/serve.sh'], fakeDeps(calls));
    assert.equal(named.code, 0);
    assert.equal(calls.length, 0, 'a binary file is not passed to analyze()');
    assert.deepEqual(
      named.rows.map((r) => [r.file, r.rule, r.severity, r.line, r.column]),
      [['bin/serve.sh', 'binary-file', 'info', 1, 1]],
    );
  });

  test('files over 2 MB are not read: an info finding (file-too-large)', async () => {
    const big = `${SH}# ${'x'.repeat(MAX_FILE_BYTES)}\nERROR\n`;
    const root = tree({ 'big.sh': big, 'big.bin': Buffer.alloc(MAX_FILE_BYTES + 10), 'small.sh': `${SH}WARN\n` });
    const calls: { text: string; options: LintOptions }[] = [];
    const { code, rows } = await runJson(root, ['.'], fakeDeps(calls));
    assert.equal(code, 0);
    assert.deepEqual(lintedFiles(calls, root), ['small.sh']);
    assert.deepEqual(
      rows.map((r) => [r.file, r.rule, r.severity]),
      [
        ['big.sh', 'file-too-large', 'info'],
        ['small.sh', 'fake-warning', 'warning'],
      ],
    );
    assert.match(rows[0]?.message ?? '', /2 MiB/);
    // --rule applies to the CLI's own findings as well.
    const off = await runJson(root, ['--rule', 'file-too-large=off', 'big.sh']);
    assert.deepEqual(off.rows, []);
    const raised = await runJson(root, ['--rule', 'file-too-large=error', 'big.sh']);
    assert.equal(raised.code, 1);
    assert.equal(raised.rows[0]?.severity, 'error');
  });

  test('output order is sorted by path and stable across runs', async () => {
    const names = ['zeta.sh', 'b/a.sh', 'a.sh', 'B.sh', 'a-b.sh', 'a/z.sh'];
    const root = tree(Object.fromEntries([...names].reverse().map((n) => [n, `${SH}WARN\n`])));
    const first = await runJson(root, ['zeta.sh', '.', 'a.sh']);
    const second = await runJson(root, ['.']);
    assert.equal(first.stdout, second.stdout);
    assert.deepEqual(first.rows.map((r) => r.file), ['B.sh', 'a-b.sh', 'a.sh', 'a/z.sh', 'b/a.sh', 'zeta.sh']);
  });
});

// ------------------------------------------------------------------------------------ --config links

describe('--config linking', () => {
  test('a referenced file is linted as vllm-config with the version, even when not named', async () => {
    const root = tree({
      'scripts/serve.sh': `${SH}vllm serve m --config ../configs/a.yaml\nvllm serve m --config /does/not/exist.yaml\nvllm serve m --config $CFG\n`,
      'configs/a.yaml': 'WARN: 1\n',
    });
    const calls: { text: string; options: LintOptions }[] = [];
    const { code, rows } = await runJson(root, ['--vllm-version', '0.9.0', 'scripts/serve.sh'], fakeDeps(calls));
    assert.equal(code, 0);
    assert.deepEqual(
      calls.map((c) => [path.relative(root, c.options.fileName).split(path.sep).join('/'), c.options.kind, c.options.vllmVersion]),
      [
        ['scripts/serve.sh', undefined, '0.9.0'],
        ['configs/a.yaml', 'vllm-config', '0.9.0'],
      ],
    );
    assert.deepEqual(rows.map((r) => r.file), ['configs/a.yaml']);
  });

  test('a referenced file among the linted files is linted once more as vllm-config, reported once', async () => {
    const root = tree({ 'serve.sh': `${SH}vllm serve m --config conf.yaml\n`, 'conf.yaml': 'INFO: 1\n' });
    const calls: { text: string; options: LintOptions }[] = [];
    const { rows } = await runJson(root, ['.'], fakeDeps(calls));
    assert.deepEqual(
      calls.map((c) => [path.basename(c.options.fileName), c.options.kind]),
      [
        ['conf.yaml', undefined],
        ['serve.sh', undefined],
        ['conf.yaml', 'vllm-config'],
      ],
    );
    assert.deepEqual(rows.map((r) => [r.file, r.rule]), [['conf.yaml', 'fake-info']]);
  });

  test("the launch's version (e.g. from the image tag) is used for the config file", async () => {
    const root = tree({ 'serve.sh': `${SH}VERSION=0.8.5 --config c.yaml\n`, 'c.yaml': 'a: 1\n', 'mixed.sh': `${SH}VERSION=0.8.5 VERSION=0.9.1 --config d.yaml\n`, 'd.yaml': 'a: 1\n' });
    const calls: { text: string; options: LintOptions }[] = [];
    await runJson(root, ['--vllm-version', '0.10.0', 'serve.sh', 'mixed.sh'], fakeDeps(calls));
    assert.deepEqual(
      calls.map((c) => [path.basename(c.options.fileName), c.options.kind, c.options.vllmVersion]),
      [
        ['mixed.sh', undefined, '0.10.0'],
        ['serve.sh', undefined, '0.10.0'],
        ['c.yaml', 'vllm-config', '0.8.5'],
        ['d.yaml', 'vllm-config', '0.10.0'],
      ],
    );
  });

  test('a reference object carrying the launch version is honoured', async () => {
    const root = tree({ 'serve.sh': `${SH}x\n`, 'c.yaml': 'a: 1\n' });
    const calls: { text: string; options: LintOptions }[] = [];
    const deps: Partial<CliDeps> = {
      ...fakeDeps(),
      analyze: async (text, options) => {
        calls.push({ text, options });
        const refs = options.fileName.endsWith('.sh') ? [{ path: 'c.yaml', vllmVersion: '0.8.5' }] : [];
        return { kind: options.kind ?? 'shell', findings: [], configReferences: refs as unknown as string[], launches: [] };
      },
    };
    await runJson(root, ['serve.sh'], deps);
    assert.deepEqual(calls[1]?.options.vllmVersion, '0.8.5');
    assert.equal(calls[1]?.options.kind, 'vllm-config');
  });
});

// ------------------------------------------------------------------------------------------ formats

describe('formats', () => {
  const files = {
    'b/serve.sh': `${SH}vllm serve m  ERROR and WARN\n   INFO\n`,
    'a.sh': `${SH}WARN\n`,
    'clean.sh': `${SH}\n`,
  };

  test('text: grouped by file, aligned columns, summary', async () => {
    const root = tree(files);
    const cap = capture(root);
    assert.equal(await main(['.'], cap.io, fakeDeps()), 1);
    const lines = cap.stdout().split('\n');
    assert.deepEqual(lines, [
      'a.sh',
      '  2:1  warning  Found WARN marker  fake-warning',
      '',
      path.join('b', 'serve.sh'),
      '  2:15  error    Found ERROR marker with a longer message  fake-error',
      '  2:25  warning  Found WARN marker                         fake-warning',
      '  3:4   info     Found INFO marker                         fake-info',
      '',
      '✖ 4 problems (1 error, 2 warnings, 1 info) in 2 files',
      '',
    ]);
    assert.doesNotMatch(cap.stdout(), /\u001b\[/, 'no colours when stdout is not a TTY');
  });

  test('text: colours on a TTY unless --no-color or NO_COLOR', async () => {
    const root = tree(files);
    const tty = capture(root, { tty: true });
    await main(['.'], tty.io, fakeDeps());
    assert.match(tty.stdout(), /\u001b\[31merror/);
    const noColor = capture(root, { tty: true });
    await main(['--no-color', '.'], noColor.io, fakeDeps());
    assert.doesNotMatch(noColor.stdout(), /\u001b\[/);
    const env = capture(root, { tty: true, env: { NO_COLOR: '1' } });
    await main(['.'], env.io, fakeDeps());
    assert.doesNotMatch(env.stdout(), /\u001b\[/);
  });

  test('text: no problems and --quiet', async () => {
    const root = tree(files);
    const clean = capture(root);
    assert.equal(await main(['clean.sh', 'a.sh', '--rule', 'fake-warning=off'], clean.io, fakeDeps()), 0);
    // The fake analyze ignores settings; the override shows up only in what it received.
    const none = capture(root);
    assert.equal(await main(['clean.sh'], none.io, fakeDeps()), 0);
    assert.equal(none.stdout(), '✔ No problems in 1 file\n');
    const quiet = capture(root);
    assert.equal(await main(['--quiet', '.'], quiet.io, fakeDeps()), 1);
    assert.doesNotMatch(quiet.stdout(), /warning|info/);
    assert.match(quiet.stdout(), /✖ 1 problem \(1 error\) in 1 file\n$/);
    const quietClean = capture(root);
    assert.equal(await main(['--quiet', 'a.sh'], quietClean.io, fakeDeps()), 0);
    assert.equal(quietClean.stdout(), '✔ No errors in 1 file\n');
  });

  test('json: one object per finding, 1-based positions, fixes when present', async () => {
    const root = tree(files);
    const { code, rows } = await runJson(root, ['.']);
    assert.equal(code, 1);
    assert.equal(rows.length, 4);
    const keys = ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message'];
    for (const row of rows) {
      const own = Object.keys(row).filter((k) => k !== 'fixes');
      assert.deepEqual(own.sort(), [...keys].sort());
    }
    assert.deepEqual(rows[1], {
      file: 'b/serve.sh',
      line: 2,
      column: 15,
      endLine: 2,
      endColumn: 20,
      severity: 'error',
      rule: 'fake-error',
      message: 'Found ERROR marker with a longer message',
      fixes: [{ title: 'Remove it', edits: [{ line: 2, column: 15, endLine: 2, endColumn: 20, newText: '' }] }],
    });
    assert.equal(rows[0]?.fixes, undefined);
  });

  test('json: an empty array when there is nothing to report', async () => {
    const root = tree(files);
    const { code, stdout } = await runJson(root, ['clean.sh']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), '[]');
  });

  test('sarif: valid 2.1.0 structure', async () => {
    const root = tree(files);
    const cap = capture(root);
    assert.equal(await main(['--format', 'sarif', '.'], cap.io, fakeDeps()), 1);
    const log = JSON.parse(cap.stdout());
    validateSarif(log, FAKE_RULES.map((r) => r.id));
    const run = log.runs[0];
    assert.equal(run.tool.driver.version, PACKAGE_VERSION);
    const results = run.results as SarifResult[];
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.artifactLocation.uri]),
      [
        ['fake-warning', 'warning', 'a.sh'],
        ['fake-error', 'error', 'b/serve.sh'],
        ['fake-warning', 'warning', 'b/serve.sh'],
        ['fake-info', 'note', 'b/serve.sh'],
      ],
    );
    assert.deepEqual(results[1]?.locations[0]?.physicalLocation.region, { startLine: 2, startColumn: 15, endLine: 2, endColumn: 20 });
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'fake-info');
    assert.deepEqual(rule, {
      id: 'fake-info',
      shortDescription: { text: 'A fake info.' },
      helpUri: 'https://docs.example.test/rules/fake-info',
      defaultConfiguration: { level: 'note' },
    });
  });

  test('sarif: URIs are percent-encoded and relative to %SRCROOT%', async () => {
    const root = tree({ 'my dir/a#1.sh': `${SH}ERROR\n` });
    const cap = capture(root);
    await main(['--format', 'sarif', '.'], cap.io, fakeDeps());
    const log = JSON.parse(cap.stdout());
    validateSarif(log, []);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20dir/a%231.sh');
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'), true);
  });
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
}

/** Checks what SARIF 2.1.0 requires and what code-scanning consumers rely on. */
function validateSarif(log: any, registered: string[]): void {
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'ServeLint');
  assert.equal(typeof driver.version, 'string');
  assert.match(driver.informationUri, /^https:\/\//);
  assert.ok(Array.isArray(driver.rules));
  const ids = driver.rules.map((r: { id: string }) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const id of registered) assert.ok(ids.includes(id), `rule ${id} is listed`);
  for (const rule of driver.rules) {
    assert.equal(typeof rule.id, 'string');
    assert.equal(typeof rule.shortDescription?.text, 'string');
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration?.level), rule.id);
    if (registered.includes(rule.id)) assert.match(rule.helpUri, /^https?:\/\//);
  }
  assert.ok(Array.isArray(run.results));
  for (const result of run.results as SarifResult[]) {
    assert.equal(driver.rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    assert.equal(typeof result.message.text, 'string');
    assert.ok(result.message.text.length > 0);
    const loc = result.locations[0]?.physicalLocation;
    assert.ok(loc, 'a physical location');
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.doesNotMatch(loc.artifactLocation.uri, /^\/|\\|^[a-z]+:/i, 'relative URI with forward slashes');
    const { startLine, startColumn, endLine, endColumn } = loc.region as Record<string, number>;
    for (const v of [startLine, startColumn, endLine, endColumn]) assert.ok(Number.isInteger(v) && (v as number) >= 1);
    assert.ok((endLine as number) > (startLine as number) || (endColumn as number) >= (startColumn as number));
  }
}

// ------------------------------------------------------------------------------------- exit codes

describe('exit codes', () => {
  test('0 without problems, 0 with warnings only, 1 with errors', async () => {
    const root = tree({ 'clean.sh': `${SH}\n`, 'warn.sh': `${SH}WARN INFO\n`, 'err.sh': `${SH}ERROR\n` });
    assert.equal((await runJson(root, ['clean.sh'])).code, 0);
    assert.equal((await runJson(root, ['warn.sh'])).code, 0);
    assert.equal((await runJson(root, ['err.sh', 'clean.sh'])).code, 1);
  });

  test('--max-warnings', async () => {
    const root = tree({ 'warn.sh': `${SH}WARN WARN INFO INFO INFO\n` });
    assert.equal((await runJson(root, ['--max-warnings', '2', 'warn.sh'])).code, 0);
    const over = await runJson(root, ['--max-warnings', '1', 'warn.sh']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /too many warnings \(2, maximum 1\)/);
    assert.equal((await runJson(root, ['--max-warnings', '0', 'warn.sh'])).code, 1);
    // --quiet hides warnings but they still count against --max-warnings.
    const quiet = await runJson(root, ['--quiet', '--max-warnings', '0', 'warn.sh']);
    assert.equal(quiet.code, 1);
    assert.deepEqual(quiet.rows, []);
  });

  test('an exception while linting one file is an internal-error finding; the run goes on; exit 2', async () => {
    const root = tree({ 'a.sh': `${SH}THROW\n`, 'b.sh': `${SH}ERROR\n` });
    const calls: { text: string; options: LintOptions }[] = [];
    const { code, rows, stderr } = await runJson(root, ['.'], fakeDeps(calls));
    assert.equal(code, 2);
    assert.equal(calls.length, 2);
    assert.deepEqual(rows.map((r) => [r.file, r.rule, r.severity]), [
      ['a.sh', 'internal-error', 'error'],
      ['b.sh', 'fake-error', 'error'],
    ]);
    assert.match(rows[0]?.message ?? '', /boom in analyze/);
    assert.doesNotMatch(stderr, /at .*\(/, 'no stack trace without SERVELINT_DEBUG');

    const debug = capture(root, { env: { SERVELINT_DEBUG: '1' } });
    assert.equal(await main(['a.sh'], debug.io, fakeDeps()), 2);
    assert.match(debug.stderr(), /Error: boom in analyze\n\s+at /);
  });

  test('an internal error outside linting is reported without a stack, exit 2', async () => {
    const root = tree({ 'a.sh': `${SH}\n` });
    const cap = capture(root);
    const deps: Partial<CliDeps> = {
      ...fakeDeps(),
      listRules: () => {
        throw new Error('registry exploded');
      },
    };
    assert.equal(await main(['--format', 'sarif', 'a.sh'], cap.io, deps), 2);
    assert.equal(cap.stderr(), 'servelint: internal error: registry exploded\n');
  });
});

// ------------------------------------------------------------------------------- end to end (core)

describe('end to end with the real core', () => {
  test('compose --gpu-memory-utilization 1.5: exit 1 and a json finding at the value', async () => {
    const dir = path.join(FIXTURES, 'compose-gpu');
    const text = fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    const lineIndex = text.split('\n').findIndex((l) => l.includes('--gpu-memory-utilization 1.5'));
    const column = (text.split('\n')[lineIndex] as string).indexOf('1.5') + 1;
    const { code, rows, stderr } = await runJson(dir, ['docker-compose.yml'], {});
    assert.equal(code, 1, stderr);
    const hit = rows.find((r) => r.rule === 'gpu-memory-utilization');
    assert.ok(hit, `a gpu-memory-utilization finding in ${JSON.stringify(rows)}`);
    assert.equal(hit.file, 'docker-compose.yml');
    assert.equal(hit.severity, 'error');
    assert.equal(hit.line, lineIndex + 1);
    assert.equal(hit.column, column);
    assert.equal(hit.endLine, lineIndex + 1);
    assert.equal(hit.endColumn, column + 3);
  });

  test('--rule gpu-memory-utilization=off silences it', async () => {
    const dir = path.join(FIXTURES, 'compose-gpu');
    const { rows } = await runJson(dir, ['--rule', 'gpu-memory-utilization=off', 'docker-compose.yml'], {});
    assert.equal(rows.find((r) => r.rule === 'gpu-memory-utilization'), undefined);
  });

  test('a clean launch script exits 0 in text format', async () => {
    const cap = capture(FIXTURES);
    const code = await main(['clean.sh'], cap.io);
    assert.equal(code, 0, cap.stdout() + cap.stderr());
    assert.equal(cap.stdout(), '✔ No problems in 1 file\n');
  });

  test('vllm serve --config: the referenced YAML is linted as a vLLM config', async () => {
    const dir = path.join(FIXTURES, 'config-link');
    const { code, rows, stderr } = await runJson(dir, ['serve.sh'], {});
    assert.equal(code, 1, stderr);
    const hit = rows.find((r) => r.rule === 'gpu-memory-utilization');
    assert.ok(hit, `a finding in the config file: ${JSON.stringify(rows)}`);
    assert.equal(hit.file, 'configs/serve.yaml');
    assert.equal(hit.line, 3);
    assert.equal(hit.column, 'gpu-memory-utilization: '.length + 1);
  });

  test('sarif lists every registered rule with its docs URL', async () => {
    const dir = path.join(FIXTURES, 'compose-gpu');
    const cap = capture(dir);
    assert.equal(await main(['--format', 'sarif', '.'], cap.io), 1);
    const log = JSON.parse(cap.stdout());
    const registered = listRules().map((r) => r.id);
    assert.ok(registered.includes('gpu-memory-utilization'));
    validateSarif(log, registered);
    assert.ok(log.runs[0].results.some((r: SarifResult) => r.ruleId === 'gpu-memory-utilization' && r.level === 'error'));
  });
});

// ------------------------------------------------------------------------------------ the bundle

test('dist/cli.js runs as a program', () => {
  const cli = path.join(REPO, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} is missing: build it with \`node scripts/build.mjs\` before running this test`);
  const json = spawnSync(process.execPath, [cli, '--format', 'json', 'compose-gpu/docker-compose.yml'], {
    cwd: FIXTURES,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(json.status, 1, json.stderr);
  const rows = JSON.parse(json.stdout) as JsonRow[];
  assert.ok(rows.some((r) => r.rule === 'gpu-memory-utilization' && r.file === 'compose-gpu/docker-compose.yml'));

  const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `${PACKAGE_VERSION}\n`);

  const usage = spawnSync(process.execPath, [cli, '--nope'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--nope/);
  assert.equal(usage.stdout, '');
});

test('--gpu reaches the sizing rules', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servelint-gpu-'));
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(
    file,
    'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command: ["meta-llama/Llama-3.1-70B-Instruct"]\n    ipc: host\n    environment: [HF_TOKEN]\n    volumes: ["hf:/root/.cache/huggingface"]\n    deploy: {resources: {reservations: {devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]}}}\n',
  );
  const run = async (args: string[]) => {
    let out = '';
    const io = { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: () => true }, cwd: dir };
    await main([...args, '--format', 'json', file], io as never);
    return (JSON.parse(out) as { rule: string }[]).map((f) => f.rule);
  };
  assert.deepEqual(await run([]), []);
  assert.deepEqual(await run(['--gpu', 'L4']), ['model-does-not-fit']);
});
