// `servelint recommend` and `servelint generate`: in-process through main(), plus one run of the bundle.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliIO } from '../../src/cli/main';
import { parseGenerateArgs, parseRecommendArgs } from '../../src/cli/advisor';
import { analyze } from '../../src/core/lint';

const REPO = path.resolve(__dirname, '..', '..', '..');

async function run(argv: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('servelint recommend', () => {
  test('--format json: engine, alternatives, reasons with source and date, sizing', async () => {
    const r = await run(['recommend', '--model', 'openai/gpt-oss-120b', '--gpu', 'H100', '--gpu-count', '2', '--objective', 'throughput', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      engine: string;
      alternatives: Array<{ engine: string; score: number }>;
      reasons: Array<{ text: string; source: string; date: string }>;
      sizing: { fits: boolean; weightsGiB: number; tensorParallelSize: number };
      benchmarkCommand: string;
      blogCorrections: unknown[];
    };
    assert.equal(json.engine, 'vllm');
    assert.equal(json.alternatives.length, 2);
    assert.ok(json.reasons.length > 0);
    for (const reason of json.reasons) {
      assert.ok(reason.source);
      assert.match(reason.date, /^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
    assert.equal(json.sizing.fits, true);
    assert.equal(json.sizing.weightsGiB, 64.38);
    assert.equal(json.sizing.tensorParallelSize, 2);
    assert.match(json.benchmarkCommand, /^vllm bench serve /);
    assert.ok(json.blogCorrections.length > 0);
  });

  test('text output: engine, reasons with their sources, sizing, corrections, benchmark command', async () => {
    const r = await run(['recommend', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--gpu', 'MI300X', '--input-len', '2000', '--output-len', '200']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Recommended engine: vLLM/);
    assert.match(r.stdout, /TensorRT-LLM \(excluded: TensorRT-LLM runs on NVIDIA GPUs only/);
    assert.match(r.stdout, /\[SemiAnalysis InferenceMAX v1 .*, 2025-10-09\]/);
    assert.match(r.stdout, /fits: yes; tensor parallel 1/);
    assert.match(r.stdout, /vllm bench serve --model meta-llama\/Llama-3\.1-8B-Instruct --port 8000 --dataset-name random --random-input-len 2000 --random-output-len 200/);
  });

  test('a model that does not fit says so', async () => {
    const r = await run(['recommend', '--model', 'meta-llama/Llama-3.1-405B-Instruct', '--gpu', 'L4']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /fits: NO/);
    assert.match(r.stdout, /Does not fit/);
  });

  test('a model outside the table: --parameters-b', async () => {
    const ok = await run(['recommend', '--model', 'acme/Frontier-13B', '--parameters-b', '13', '--gpu', 'L40S', '-f', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { sizing: { weightsGiB: number } }).sizing.weightsGiB, 24.21);
    const missing = await run(['recommend', '--model', 'acme/Frontier-13B', '--gpu', 'L40S']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--parameters-b/);
  });

  test('usage errors exit 2 with a message', async () => {
    for (const [argv, message] of [
      [['recommend', '--gpu', 'H100'], /Missing --model/],
      [['recommend', '--model', 'Qwen/Qwen3-8B'], /Missing --gpu/],
      [['recommend', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--objective', 'cheap'], /Invalid value for --objective: 'cheap'/],
      [['recommend', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--gpu-count', '0'], /Invalid value for --gpu-count/],
      [['recommend', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--format', 'sarif'], /Invalid value for --format/],
      [['recommend', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--bogus'], /Unknown option '--bogus'/],
      [['recommend', '--model', 'Qwen/Qwen3-8B', '--gpu', 'Voodoo5'], /Unknown GPU "Voodoo5"/],
    ] as Array<[string[], RegExp]>) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^servelint recommend: /);
      assert.equal(r.stdout, '');
    }
  });

  test('--help', async () => {
    const r = await run(['recommend', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: servelint recommend/);
  });

  test('argument parsing is pure and typed', () => {
    const p = parseRecommendArgs(['--model', 'm/x', '--gpu', 'H100', '--requests-per-second', '2.5', '--time-to-production', 'days', '--deployment', 'kubernetes']);
    assert.deepEqual(p, { action: 'run', format: 'text', value: { model: 'm/x', gpu: 'H100', requestsPerSecond: 2.5, timeToProduction: 'days', deployment: 'kubernetes' } });
    const g = parseGenerateArgs(['--engine', 'sglang', '--model', 'm/x', '--gpu', 'L4', '--target', 'shell', '--tensor-parallel-size', '2']);
    assert.deepEqual(g, { action: 'run', format: 'text', value: { engine: 'sglang', target: 'shell', model: 'm/x', gpu: 'L4', gpuCount: 1, tensorParallelSize: 2 } });
  });
});

describe('servelint generate', () => {
  test('prints a config that lints clean', async () => {
    for (const target of ['compose', 'shell', 'kubernetes', 'engine-yaml']) {
      const r = await run(['generate', '--engine', 'trtllm', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--gpu-count', '2', '--target', target]);
      assert.equal(r.code, 0, r.stderr);
      const fileName = { compose: 'docker-compose.yml', shell: 'serve.sh', kubernetes: 'deployment.yaml', 'engine-yaml': 'extra-llm-api-config.yml' }[target] as string;
      const result = await analyze(r.stdout, { fileName });
      assert.deepEqual(result.findings.map((f) => f.ruleId), [], r.stdout);
    }
  });

  test('--format json carries the file name, language and snippet', async () => {
    const r = await run(['generate', '--engine', 'vllm', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--target', 'engine-yaml', '--format', 'json']);
    assert.equal(r.code, 0);
    const g = JSON.parse(r.stdout) as { fileName: string; languageId: string; snippet: string; text: string };
    assert.equal(g.fileName, 'vllm-config.yaml');
    assert.equal(g.languageId, 'yaml');
    assert.match(g.snippet, /\$\{1:Qwen\/Qwen3-8B\}/);
  });

  test('errors exit 2: missing options, TensorRT-LLM on AMD', async () => {
    const missing = await run(['generate', '--engine', 'vllm', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Missing --target/);
    const amd = await run(['generate', '--engine', 'trtllm', '--model', 'Qwen/Qwen3-8B', '--gpu', 'MI300X', '--target', 'compose']);
    assert.equal(amd.code, 2);
    assert.match(amd.stderr, /NVIDIA GPUs only/);
    const engine = await run(['generate', '--engine', 'tgi', '--model', 'Qwen/Qwen3-8B', '--gpu', 'H100', '--target', 'compose']);
    assert.equal(engine.code, 2);
    assert.match(engine.stderr, /Invalid value for --engine: 'tgi'/);
  });
});

describe('the lint command stays the default', () => {
  test('a file literally named recommend is linted as ./recommend', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'servelint-advisor-')));
    fs.writeFileSync(path.join(dir, 'recommend'), '#!/usr/bin/env bash\nvllm serve Qwen/Qwen2.5-7B-Instruct --disable-log-requests\n');
    const r = await run(['./recommend'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /removed-flag/);
    const usage = await run(['--help']);
    assert.match(usage.stdout, /servelint recommend --model/);
    assert.match(usage.stdout, /\.\/recommend/);
  });

  test('the bundled CLI runs recommend', () => {
    const cli = path.join(REPO, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) return;
    const out = spawnSync(process.execPath, [cli, 'recommend', '--model', 'Qwen/Qwen3-32B', '--gpu', 'H100', '--objective', 'throughput', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal((JSON.parse(out.stdout) as { engine: string }).engine, 'trtllm');
  });
});
