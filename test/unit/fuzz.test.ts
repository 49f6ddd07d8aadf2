// Property-based robustness of the whole lint pipeline (fast-check): random configs of every kind,
// mutations of real ones (test/fixtures, examples/, ../shared/corpus) and junk. For every input:
//   - no exception and no internal-error finding,
//   - every range (finding, fix edit, related information, launch) inside the document, edits of one
//     fix never overlapping (VS Code rejects such a WorkspaceEdit),
//   - the same input gives the same findings (twice in a row, and again after other inputs),
//   - bounded time per input.
// `npm test` runs SERVELINT_FUZZ_RUNS (default 2,400) cases with a fixed seed; `npm run fuzz` runs
// 100,000 with a fresh seed (printed; replay with SERVELINT_FUZZ_SEED and SERVELINT_FUZZ_PATH).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../src/core/lint';
import { sglangFlags, trtllmFlags, vllmFlags } from '../../src/core/facts/flags';
import type { Finding, Range } from '../../src/core/types';

const repo = join(__dirname, '..', '..', '..');
const corpus = resolve(process.env.SERVELINT_CORPUS ?? join(repo, '..', 'shared', 'corpus'));

const RUNS = Number(process.env.SERVELINT_FUZZ_RUNS ?? 2400);
const SEED = process.env.SERVELINT_FUZZ_SEED !== undefined ? Number(process.env.SERVELINT_FUZZ_SEED) : 20261125;
const PATH = process.env.SERVELINT_FUZZ_PATH;
/** Wall-clock bound of one lint, generous for a loaded CI machine (typical inputs take 1–5 ms). */
const MAX_MS = Number(process.env.SERVELINT_FUZZ_MAX_MS ?? 2000);

// ---------------------------------------------------------------------------------------------
// Seeds

interface Case {
  name: string;
  text: string;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (!/\.(expected|tsv|json)$/.test(entry) && statSync(p).size < 200_000) out.push(p);
  }
  return out;
}

/** The name detection sees: `bad.docker-compose.yml` → `docker-compose.yml`. */
function detectionName(path: string): string {
  return basename(path).replace(/^(bad|good)\./, '');
}

const SEEDS: Case[] = [
  ...filesUnder(join(repo, 'test', 'fixtures')),
  ...filesUnder(join(repo, 'examples')),
  ...filesUnder(corpus).filter((f) => !f.endsWith('README.md')),
].map((p) => ({ name: detectionName(p), text: readFileSync(p, 'utf8') }));

const FILE_NAMES = [
  'docker-compose.yml', 'compose.yaml', 'serve.sh', 'run', 'Dockerfile', 'Makefile', 'README.md', 'deployment.yaml',
  'values.yaml', 'vllm-config.yaml', 'sglang-config.yaml', 'extra-llm-api-config.yml', 'templates/deployment.yaml', 'notes.txt',
];

// ---------------------------------------------------------------------------------------------
// Generators of configs

const longFlags = (names: string[]) => names.filter((n) => n.startsWith('--'));
const VLLM_FLAGS = longFlags(vllmFlags().specs.map((s) => s.name));
const SGLANG_FLAGS = longFlags(sglangFlags().specs.map((s) => s.name));
const TRTLLM_FLAGS = longFlags(trtllmFlags().specs.map((s) => s.name));
const CHOICES = [...vllmFlags().specs, ...sglangFlags().specs].flatMap((s) => (s.choices ?? []).map(String)).slice(0, 400);

const MODELS = ['Qwen/Qwen2.5-7B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct', 'mistralai/Mistral-7B-v0.1', 'm', '/models/llama', 'deepseek-ai/DeepSeek-V3', ''];
const IMAGES = [
  'vllm/vllm-openai', 'vllm/vllm-openai:v0.9.2', 'vllm/vllm-openai:v0.11.0', 'vllm/vllm-openai:v0.12.0', 'vllm/vllm-openai:latest',
  'vllm/vllm-openai:${TAG:-v0.10.1}', 'vllm/vllm-openai:${TAG}', 'lmsysorg/sglang:v0.5.6.post2-cu129', 'lmsysorg/sglang:latest',
  'nvcr.io/nvidia/tensorrt-llm/release:1.0.0rc4', 'python:3.12', 'my-registry/vllm-custom:1', 'postgres:16', '${IMAGE}',
];
const ENV_NAMES = ['HF_TOKEN', 'VLLM_ATTENTION_BACKEND', 'VLLM_WORKER_MULTIPROC_METHOD', 'CUDA_VISIBLE_DEVICES', 'VLLM_USE_V1', 'NCCL_DEBUG', 'FOO'];

const value = fc.oneof(
  fc.constantFrom(...MODELS, ...CHOICES),
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.tuple(fc.double({ min: -2, max: 3, noNaN: true }), fc.integer({ min: 0, max: 3 })).map(([d, digits]) => d.toFixed(digits)),
  fc.constantFrom('true', 'false', 'yes', 'on', '0.9', '1.5', '64k', '2M', '{"a": 1}', '["x"]', '${X:-0.95}', '$X', '${ARGS}', '"$@"', "'q'", '""', 'a b', '-1', '1e3'),
  fc.string({ maxLength: 12 }),
);

function typo(name: string, k: number): string {
  switch (k % 5) {
    case 0:
      return name;
    case 1:
      return name.replace(/-/g, '_');
    case 2:
      return name.slice(0, Math.max(3, name.length - 2));
    case 3:
      return name + 's';
    default:
      return name.toUpperCase();
  }
}

const flagArg = (names: string[]) =>
  fc.record({ name: fc.constantFrom(...names), typo: fc.nat(12), value: fc.option(value, { nil: undefined }), eq: fc.boolean() }).map(({ name, typo: k, value: v, eq }) => {
    const n = k < 8 ? name : typo(name, k);
    if (v === undefined) return [n];
    return eq ? [`${n}=${v}`] : [n, v];
  });

const engineArgs = fc.oneof(
  fc.array(flagArg(VLLM_FLAGS), { maxLength: 10 }).map((a) => ({ engine: 'vllm' as const, args: a.flat() })),
  fc.array(flagArg(SGLANG_FLAGS), { maxLength: 8 }).map((a) => ({ engine: 'sglang' as const, args: a.flat() })),
  fc.array(flagArg(TRTLLM_FLAGS), { maxLength: 8 }).map((a) => ({ engine: 'trtllm' as const, args: a.flat() })),
);

const LAUNCHERS: Record<'vllm' | 'sglang' | 'trtllm', string[]> = {
  vllm: ['vllm serve MODEL', 'python -m vllm.entrypoints.openai.api_server --model MODEL', 'python3 -m vllm.entrypoints.api_server', 'exec vllm serve MODEL', 'CUDA_VISIBLE_DEVICES=0,1 vllm serve MODEL', 'srun --gpus 2 vllm serve MODEL', 'docker run --gpus all -p 8000:8000 --ipc=host vllm/vllm-openai:v0.9.2 --model MODEL', 'vllm serve'],
  sglang: ['python3 -m sglang.launch_server --model-path MODEL', 'sglang serve --model-path MODEL', 'python -m sglang.launch_server'],
  trtllm: ['trtllm-serve MODEL', 'trtllm-serve serve MODEL', 'trtllm-build --checkpoint_dir /c', 'trtllm-serve disaggregated -c cfg.yml'],
};

function shellQuote(s: string, style: number): string {
  if (style % 3 === 0 || /^[A-Za-z0-9_./:=,+@%-]+$/.test(s)) return s === '' ? "''" : s;
  if (style % 3 === 1) return `'${s.replace(/'/g, `'\\''`)}'`;
  return `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

function yamlScalar(s: string, style: number): string {
  if (style % 3 === 0 && /^[A-Za-z0-9_./-][A-Za-z0-9_./=:-]*$/.test(s) && !/: /.test(s)) return s;
  if (style % 3 === 1) return `'${s.replace(/'/g, "''")}'`;
  return JSON.stringify(s);
}

const launch = fc.record({ e: engineArgs, launcher: fc.nat(20), model: fc.constantFrom(...MODELS), quote: fc.nat(8) }).map(({ e, launcher, model, quote }) => {
  const list = LAUNCHERS[e.engine];
  const head = (list[launcher % list.length] as string).replace('MODEL', model || 'm');
  return { engine: e.engine, head, args: e.args, quote };
});

const SEPARATORS = [' ', ' \\\n  ', ' \\\n    ', ' \\ \n  ', ' \\\n  # a comment\n  ', '\n  ', ' \\\r\n  ', '\t'];
const shellScript = fc.record({ launches: fc.array(launch, { minLength: 1, maxLength: 4 }), sep: fc.nat(40), wrap: fc.nat(12), pre: fc.nat(6) }).map(({ launches, sep, wrap, pre }) => {
  const blocks = launches.map((l, i) => {
    const s = (SEPARATORS[(sep + i) % SEPARATORS.length] as string);
    const argv = [l.head, ...l.args.map((a) => shellQuote(a, l.quote + i))].join((sep + i) % 9 < 5 ? ' ' : s);
    switch ((wrap + i) % 12) {
      case 0:
        return `bash -c "${argv.replace(/(["\\$`])/g, '\\$1')}"`;
      case 1:
        return `bash <<EOF\n${argv}\nEOF`;
      case 2:
        return `${argv} &`;
      case 3:
        return `if [ -n "$X" ]; then\n  ${argv}\nfi`;
      case 4:
        return `run() {\n  ${argv} "$@"\n}`;
      case 5:
        return `cat > extra.yml <<EOF\nkv_cache_config:\n  free_gpu_memory_fraction: 0.9\nEOF\n${argv} --extra_llm_api_options extra.yml`;
      default:
        return argv;
    }
  });
  const prelude = ['#!/bin/bash', '#!/usr/bin/env bash\nset -euo pipefail', '', 'export HF_TOKEN=x', '# servelint: gpu=H100-80GB', 'MODEL=${MODEL:-m}', '# servelint-disable-next-line unknown-flag'][pre % 7];
  return `${prelude}\n${blocks.join('\n\n')}\n`;
});

const composeService = fc.record({
  name: fc.constantFrom('vllm', 'api', 'sglang', 'x-defaults', 'db', 'svc'),
  image: fc.option(fc.constantFrom(...IMAGES), { nil: undefined }),
  l: launch,
  form: fc.nat(5),
  style: fc.nat(9),
  env: fc.array(fc.record({ k: fc.constantFrom(...ENV_NAMES), v: value }), { maxLength: 3 }),
  envForm: fc.boolean(),
  extras: fc.subarray(['    ipc: host', '    gpus: all', '    shm_size: 16gb', '    ports: ["8000:8000"]', '    volumes:\n      - ~/.cache/huggingface:/root/.cache/huggingface', '    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 2\n              capabilities: [gpu]', '    <<: *defaults', '    env_file: .env']),
});

const composeFile = fc.record({ services: fc.array(composeService, { minLength: 1, maxLength: 4 }), anchor: fc.boolean(), top: fc.boolean() }).map(({ services, anchor, top }) => {
  const out: string[] = [];
  if (anchor) out.push('x-defaults: &defaults', '  image: vllm/vllm-openai:v0.10.1', '  ipc: host');
  if (top) out.push('services:');
  services.forEach((s, i) => {
    out.push(`  ${s.name}${i}:`);
    if (s.image !== undefined) out.push(`    image: ${yamlScalar(s.image, s.style)}`);
    const argv = s.form % 3 === 0 ? s.l.args : [...s.l.head.split(' '), ...s.l.args];
    if (s.form % 2 === 0) {
      out.push('    command:');
      for (const a of argv) out.push(`      - ${yamlScalar(a, s.style + a.length)}`);
    } else if (s.form === 1) {
      out.push(`    command: ${yamlScalar(argv.map((a) => shellQuote(a, s.style)).join(' '), s.style)}`);
    } else if (s.form === 3) {
      out.push('    command: >', ...argv.map((a) => `      ${shellQuote(a, s.style)}`));
    } else {
      out.push('    entrypoint: ["/bin/bash", "-c"]', '    command:', '      - |', `        ${argv.map((a) => shellQuote(a, s.style)).join(' \\\n          ')}`);
    }
    if (s.env.length > 0) {
      out.push('    environment:');
      for (const { k, v } of s.env) out.push(s.envForm ? `      - ${yamlScalar(`${k}=${v}`, s.style)}` : `      ${k}: ${yamlScalar(v, s.style)}`);
    }
    out.push(...s.extras);
  });
  return out.join('\n') + '\n';
});

const kubernetes = fc.record({ l: launch, image: fc.constantFrom(...IMAGES), style: fc.nat(9), gpus: fc.nat(9), label: fc.boolean() }).map(({ l, image, style, gpus, label }) => {
  const [cmd, ...rest] = l.head.split(' ');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:\n  name: vllm',
    'spec:',
    '  template:',
    '    spec:',
    ...(label ? ['      nodeSelector:', '        cloud.google.com/gke-accelerator: nvidia-l4'] : []),
    '      containers:',
    '        - name: vllm',
    `          image: ${yamlScalar(image, style)}`,
    `          command: [${yamlScalar(cmd ?? 'vllm', style)}]`,
    '          args:',
    ...[...rest, ...l.args].map((a) => `            - ${yamlScalar(a.replace(/\$\{?(\w+)\}?/g, '$($1)'), style + a.length)}`),
    '          resources:',
    `            limits: {nvidia.com/gpu: ${gpus}}`,
    '---',
    'apiVersion: v1\nkind: Service\nmetadata: {name: vllm}\nspec:\n  ports: [{port: 80, targetPort: 8000}]',
  ].join('\n');
});

const dockerfile = fc.record({ l: launch, image: fc.constantFrom(...IMAGES), exec: fc.boolean(), env: fc.array(fc.constantFrom(...ENV_NAMES), { maxLength: 2 }) }).map(
  ({ l, image, exec, env }) =>
    [
      `FROM ${image} AS base`,
      'ARG TAG=v0.9.2',
      ...env.map((e) => `ENV ${e}=1`),
      'RUN pip install flashinfer',
      exec ? `ENTRYPOINT ${JSON.stringify(l.head.split(' '))}\nCMD ${JSON.stringify(l.args)}` : `CMD ${l.head} ${l.args.map((a) => shellQuote(a, 1)).join(' \\\n    ')}`,
    ].join('\n') + '\n',
);

const engineConfig = fc.record({ e: engineArgs, style: fc.nat(9) }).map(({ e, style }) => {
  const out: string[] = [];
  for (let i = 0; i < e.args.length; i++) {
    const a = e.args[i] as string;
    if (!a.startsWith('--')) continue;
    const [k, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, e.args[i + 1]?.startsWith('--') === false ? (e.args[++i] as string) : 'true'];
    out.push(`${k.slice(2).replace(/-/g, style % 2 ? '_' : '-')}: ${yamlScalar(v ?? '', style)}`);
  }
  return (out.join('\n') || 'model: m') + '\n';
});

const markdown = fc.array(fc.oneof(shellScript.map((s) => ['```bash', s, '```']), composeFile.map((s) => ['```yaml', 'services:', s, '```']), dockerfile.map((s) => ['```Dockerfile', s, '```']), fc.constantFrom(['Some text.'], ['<!-- servelint-disable unknown-flag -->'], ['    vllm serve m --bogus'], ['~~~sh', 'vllm serve m', '~~~'], ['```', 'unterminated'])), { minLength: 1, maxLength: 4 }).map((blocks) => `# Deploy\n\n${blocks.map((b) => b.join('\n')).join('\n\n')}\n`);

const generated: fc.Arbitrary<Case> = fc.oneof(
  shellScript.map((text) => ({ name: 'serve.sh', text })),
  composeFile.map((text) => ({ name: 'docker-compose.yml', text })),
  kubernetes.map((text) => ({ name: 'deployment.yaml', text })),
  dockerfile.map((text) => ({ name: 'Dockerfile', text })),
  engineConfig.map((text) => ({ name: 'vllm-config.yaml', text })),
  engineConfig.map((text) => ({ name: 'sglang-config.yaml', text })),
  markdown.map((text) => ({ name: 'README.md', text })),
  shellScript.map((text) => ({ name: 'Makefile', text: `serve:\n\t${text.split('\n').filter((l) => !l.startsWith('#')).join('\n\t')}\n` })),
);

// ---------------------------------------------------------------------------------------------
// Mutations of real configs

/** Snippets that tend to break parsers and extractors. */
const TOKENS = [
  ':', ': ', '- ', '  ', '\t', '\n', '\r\n', '\r', '"', "'", '\\', '\\\n', '\\ \n', '${', '}', '$(', ')', '${X:-', '$$', '&a ', '*a', '<<: *a', '{', '[', ']', ',', '|', '>-', '|+', '#', ' #', '---\n', '...\n', '`', '?', '!!str ', '!tag ', '%YAML 1.1\n', '@', '*',
  'vllm serve ', 'vllm ', '--model ', '--tensor-parallel-size 2 ', '--gpu-memory-utilization 1.2 ', '=', 'bash -c "', 'sh -c ', '<<EOF\n', 'EOF\n', '<<-\'X\'\n', ';', '&&', '|| ', '$(', '"$@"',
  '\u0000', '\uFEFF', '\uD800', '\uDC00', '😀', 'é', '\u2028', '\u00A0', '{{ .Values.x }}', '{{- if .Values.y }}', '```bash\n', '```\n', '~~~', '<!-- ', ' -->',
  'RUN ', 'CMD [', 'ENTRYPOINT ', 'FROM vllm/vllm-openai:v0.9.2\n', 'command: ', 'args: ', 'image: vllm/vllm-openai\n', 'services:\n', 'python -m sglang.launch_server ', 'trtllm-serve ', 'exec ',
];

type Edit =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; from: number; len: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), at: fc.nat(), from: fc.nat(), len: fc.integer({ min: 1, max: 300 }) }) },
);

function applyEdit(text: string, e: Edit, donor: string): string {
  const n = text.length;
  const pos = (x: number) => (n === 0 ? 0 : x % (n + 1));
  switch (e.op) {
    case 'delete': {
      const at = pos(e.at);
      return text.slice(0, at) + text.slice(at + e.len);
    }
    case 'insert': {
      const at = pos(e.at);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'duplicate': {
      const at = pos(e.at);
      return text.slice(0, at + e.len) + text.slice(at, at + e.len) + text.slice(at + e.len);
    }
    case 'truncate':
      return text.slice(0, pos(e.at));
    case 'splice': {
      const at = pos(e.at);
      const from = donor.length === 0 ? 0 : e.from % donor.length;
      return text.slice(0, at) + donor.slice(from, from + e.len) + text.slice(at);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = e.a % lines.length;
      const b = e.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join('\n');
    }
    case 'indent': {
      const lines = text.split('\n');
      const i = e.line % lines.length;
      const line = lines[i] as string;
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
  }
}

const mutated: fc.Arbitrary<Case> = fc
  .record({
    seed: fc.nat(SEEDS.length - 1),
    donor: fc.nat(SEEDS.length - 1),
    edits: fc.array(edit, { minLength: 1, maxLength: 6 }),
    rename: fc.option(fc.constantFrom(...FILE_NAMES), { nil: undefined, freq: 8 }),
  })
  .map(({ seed, donor, edits, rename }) => {
    const s = SEEDS[seed] as Case;
    const d = (SEEDS[donor] as Case).text;
    let text = s.text;
    for (const e of edits) text = applyEdit(text, e, d);
    return { name: rename ?? s.name, text };
  });

// ---------------------------------------------------------------------------------------------
// Junk: binary, minified one-liners, pathological nesting

const junk: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ name: fc.constantFrom(...FILE_NAMES), text: fc.string({ unit: 'binary', maxLength: 3000 }) }),
  fc.record({ name: fc.constantFrom(...FILE_NAMES), text: fc.string({ unit: 'grapheme-ascii', maxLength: 3000 }) }),
  // A compose file minified to one line of JSON (JSON is YAML).
  fc.record({ l: launch, n: fc.integer({ min: 1, max: 150 }) }).map(({ l, n }) => ({
    name: 'docker-compose.yml',
    text: JSON.stringify({ services: Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, { image: 'vllm/vllm-openai:v0.9.2', command: [l.head, ...l.args] }])) }),
  })),
  // One very long launch line.
  fc.record({ l: launch, n: fc.integer({ min: 1, max: 1000 }) }).map(({ l, n }) => ({ name: 'serve.sh', text: `${l.head} ${Array.from({ length: n }, (_, i) => l.args[i % Math.max(1, l.args.length)] ?? '--port 1').join(' ')}` })),
  // Deep nesting and alias bombs.
  fc.record({ depth: fc.integer({ min: 1, max: 3000 }), kind: fc.nat(5), name: fc.constantFrom('docker-compose.yml', 'deployment.yaml', 'values.yaml', 'vllm-config.yaml') }).map(({ depth, kind, name }) => {
    let text: string;
    switch (kind) {
      case 0:
        text = '['.repeat(depth) + ']'.repeat(depth);
        break;
      case 1:
        text = '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
        break;
      case 2:
        text = Array.from({ length: Math.min(depth, 400) }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' vllm serve m';
        break;
      case 3: {
        const levels = Math.min(2 + (depth % 14), 14);
        const lines = ['a0: &a0 ["vllm", "serve", "m", "--port", "1"]'];
        for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
        lines.push(`services:\n  s:\n    image: vllm/vllm-openai\n    command: *a${levels - 1}\n    <<: *a${levels - 1}`);
        text = lines.join('\n');
        break;
      }
      case 4:
        text = `services:\n  s:\n    image: vllm/vllm-openai\n    command: ${'- '.repeat(depth)}x\n`;
        break;
      default:
        text = 'x: |\n' + Array.from({ length: Math.min(depth, 1000) }, () => '  vllm serve m --port 1').join('\n');
    }
    return { name, text };
  }),
);

// ---------------------------------------------------------------------------------------------
// Invariants

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function checkRange(r: Range | undefined, lens: number[], what: string): void {
  assert.ok(r, `${what}: a range`);
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position`);
    assert.ok(p.line >= 0 && p.line < lens.length, `${what}: line ${p.line} outside 0..${lens.length - 1}`);
    assert.ok(p.character >= 0 && p.character <= (lens[p.line] as number), `${what}: character ${p.character} outside line ${p.line} of length ${lens[p.line]}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start before end`);
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function checkFinding(f: Finding, lens: number[]): void {
  checkRange(f.range, lens, `${f.ruleId} range`);
  if (f.launchRange) checkRange(f.launchRange, lens, `${f.ruleId} launchRange`);
  for (const rel of f.related ?? []) checkRange(rel.range, lens, `${f.ruleId} related`);
  for (const fix of f.fixes ?? []) {
    const edits = [...fix.edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    edits.forEach((e, i) => {
      checkRange(e.range, lens, `${f.ruleId} fix "${fix.title}"`);
      const next = edits[i + 1];
      if (next) assert.ok(before(e.range.end, next.range.start) && !(e.range.start.line === next.range.start.line && e.range.start.character === next.range.start.character && (e.range.end.line !== e.range.start.line || e.range.end.character !== e.range.start.character)), `${f.ruleId} fix "${fix.title}": overlapping edits`);
    });
  }
}

/** Lints once and checks the per-run invariants; returns a canonical form of the result. */
async function lintChecked(c: Case): Promise<string> {
  const started = performance.now();
  let result;
  try {
    result = await analyze(c.text, { fileName: c.name });
  } catch (error) {
    assert.fail(`analyze threw on ${c.name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < MAX_MS, `${c.name} of ${c.text.length} characters took ${elapsed.toFixed(0)} ms`);
  const internal = result.findings.filter((f) => f.ruleId === 'internal-error');
  assert.deepEqual(internal.map((f) => f.message), [], 'no internal errors');
  const lens = lineLengths(c.text);
  for (const f of result.findings) checkFinding(f, lens);
  return JSON.stringify(result);
}

/** A sample of cases and their results, re-linted at the end (no state carried between inputs). */
const remembered: Array<{ c: Case; out: string }> = [];
let seen = 0;

async function property(c: Case): Promise<void> {
  const first = await lintChecked(c);
  const second = await lintChecked(c);
  assert.equal(second, first, 'the same input gives the same result');
  if (++seen % 16 === 0 && remembered.length < 400) remembered.push({ c, out: first });
}

function params(share: number): fc.Parameters<[Case]> {
  const p: fc.Parameters<[Case]> = { numRuns: Math.max(1, Math.round(RUNS * share)), seed: SEED, endOnFailure: false };
  if (PATH) p.path = PATH;
  return p;
}

test('fuzz: seeds are there', () => {
  assert.ok(SEEDS.length >= 50, `only ${SEEDS.length} seed files`);
  if (process.env.SERVELINT_FUZZ_SEED === undefined && RUNS > 10_000) console.log(`fuzz seed ${SEED}`);
});

test('warm-up (tree-sitter and flag tables load once, outside the time bound)', async () => {
  await analyze('vllm serve m --port 1\n', { fileName: 'a.sh' });
  await analyze('services: {v: {image: vllm/vllm-openai, command: [m]}}\n', { fileName: 'docker-compose.yml' });
});

test(`fuzz: mutated real configs (${Math.round(RUNS * 0.5)} cases)`, async () => {
  await fc.assert(fc.asyncProperty(mutated, property), params(0.5));
});

test(`fuzz: generated configs of every kind (${Math.round(RUNS * 0.35)} cases)`, async () => {
  await fc.assert(fc.asyncProperty(generated, property), params(0.35));
});

test(`fuzz: junk, minified one-liners, deep nesting, alias bombs (${Math.round(RUNS * 0.15)} cases)`, async () => {
  await fc.assert(fc.asyncProperty(junk, property), params(0.15));
});

test('fuzz: results do not depend on what was linted before', async () => {
  for (const { c, out } of remembered.reverse()) assert.equal(await lintChecked(c), out, `${c.name}: result changed after other inputs`);
});
