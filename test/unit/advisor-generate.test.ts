// Generated configs and the shipped snippets lint clean with ServeLint itself; the snippet form expands
// to the same text; the combinations ServeLint does not generate fail with a clear message.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core/lint';
import { expandSnippet, generateConfig, type EngineId, type GenerateRequest, type Target } from '../../src/core/advisor/index';

const REPO = path.resolve(__dirname, '..', '..', '..');
const ENGINES: EngineId[] = ['vllm', 'sglang', 'trtllm'];
const TARGETS: Target[] = ['compose', 'shell', 'kubernetes', 'engine-yaml'];
const KIND: Record<Target, Record<EngineId, string>> = {
  compose: { vllm: 'compose', sglang: 'compose', trtllm: 'compose' },
  shell: { vllm: 'shell', sglang: 'shell', trtllm: 'shell' },
  kubernetes: { vllm: 'kubernetes', sglang: 'kubernetes', trtllm: 'kubernetes' },
  'engine-yaml': { vllm: 'vllm-config', sglang: 'sglang-config', trtllm: 'trtllm-config' },
};

interface Combo {
  model: string;
  gpu: string;
  gpuCount: number;
  deployment?: GenerateRequest['deployment'];
  parametersB?: number;
  engines?: EngineId[];
  targets?: Target[];
}

const COMBOS: Combo[] = [
  { model: 'Qwen/Qwen2.5-7B-Instruct', gpu: 'H100', gpuCount: 1 },
  { model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'L4', gpuCount: 1 }, // gated: HF_TOKEN
  { model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'H100', gpuCount: 4 }, // TP 4
  { model: 'Qwen/Qwen3-8B', gpu: 'H100', gpuCount: 4 }, // data parallel (vLLM/SGLang), one TP group (trtllm)
  { model: 'openai/gpt-oss-120b', gpu: 'A100', gpuCount: 2 },
  { model: 'google/gemma-3-27b-it', gpu: 'L40S', gpuCount: 2 },
  { model: 'acme/Frontier-13B-Instruct', parametersB: 13, gpu: 'H200', gpuCount: 1 },
  // AMD: no TensorRT-LLM.
  { model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'MI300X', gpuCount: 2, engines: ['vllm', 'sglang'] },
  { model: 'deepseek-ai/DeepSeek-R1', gpu: 'MI355X', gpuCount: 8, engines: ['vllm', 'sglang'] },
  // Multi-node: beyond one node (LeaderWorkerSet, Ray / --nnodes); not compose, not TensorRT-LLM.
  { model: 'deepseek-ai/DeepSeek-R1', gpu: 'H100', gpuCount: 16, engines: ['vllm', 'sglang'], targets: ['shell', 'kubernetes', 'engine-yaml'] },
  { model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', gpuCount: 16, deployment: 'multi-node', engines: ['vllm', 'sglang'], targets: ['shell', 'kubernetes', 'engine-yaml'] },
];

describe('generated configs lint clean', () => {
  for (const c of COMBOS) {
    for (const engine of c.engines ?? ENGINES) {
      for (const target of c.targets ?? TARGETS) {
        test(`${engine} ${target}: ${c.model} on ${c.gpuCount}×${c.gpu}${c.deployment ? ` (${c.deployment})` : ''}`, async () => {
          const req: GenerateRequest = { engine, target, model: c.model, gpu: c.gpu, gpuCount: c.gpuCount };
          if (c.deployment) req.deployment = c.deployment;
          if (c.parametersB) req.parametersB = c.parametersB;
          const g = generateConfig(req);
          const result = await analyze(g.text, { fileName: g.fileName });
          assert.equal(result.kind, KIND[target][engine], 'detected as the intended kind');
          assert.ok((result.launches ?? []).length >= 1, 'the launch is found');
          assert.deepEqual(
            result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.range.start.line + 1}: ${f.message}`),
            [],
            g.text,
          );
          assert.equal(expandSnippet(g.snippet), g.text, 'the snippet with its defaults is the text');
          assert.match(g.snippet, /\$\{1:[^}]+\}/);
          assert.doesNotMatch(g.text, /:latest\b|nightly/);
          assert.match(g.text, /0\.0\.0\.0/);
        });
      }
    }
  }
});

describe('what the configs contain', () => {
  test('compose: pinned image, ipc host, published port, GPU reservation = TP', () => {
    const g = generateConfig({ engine: 'sglang', target: 'compose', model: 'meta-llama/Llama-3.3-70B-Instruct', gpu: 'H100', gpuCount: 4 });
    assert.match(g.text, /image: lmsysorg\/sglang:v0\.5\.13\n/);
    assert.match(g.text, /ipc: host/);
    assert.match(g.text, /"30000:30000"/);
    assert.match(g.text, /--tp-size\n\s+- "4"/);
    assert.match(g.text, /count: 4/);
    assert.equal(g.languageId, 'dockercompose');
  });

  test('kubernetes: Deployment + Service, /dev/shm in memory, GPU limit, probes on the port, HF cache, HF_TOKEN from a Secret', () => {
    const g = generateConfig({ engine: 'trtllm', target: 'kubernetes', model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'H100', gpuCount: 2 });
    for (const re of [/kind: Deployment/, /kind: Service/, /kind: PersistentVolumeClaim/, /mountPath: \/dev\/shm/, /medium: Memory/, /nvidia\.com\/gpu: "1"/, /secretKeyRef:\n\s+name: hf-token/, /mountPath: \/root\/\.cache\/huggingface/]) {
      assert.match(g.text, re);
    }
    assert.equal((g.text.match(/port: 8000/g) ?? []).length, 4); // three probes + the Service
    assert.doesNotMatch(g.text, /optional: true/); // gated model: the Secret is required
    assert.match(g.text, /# trtllm-serve runs one TP group per launch/);
  });

  test('AMD: ROCm image, amd.com/gpu, /dev/kfd', () => {
    const k = generateConfig({ engine: 'vllm', target: 'kubernetes', model: 'Qwen/Qwen3-8B', gpu: 'MI300X', gpuCount: 1 });
    assert.match(k.text, /image: vllm\/vllm-openai-rocm:v0\.29\.0/);
    assert.match(k.text, /amd\.com\/gpu: "1"/);
    assert.match(k.text, /command:\n\s+- vllm\n\s+- serve/);
    const c = generateConfig({ engine: 'vllm', target: 'compose', model: 'Qwen/Qwen3-8B', gpu: 'MI300X', gpuCount: 1 });
    assert.match(c.text, /- \/dev\/kfd/);
  });

  test('multi-node Kubernetes is a LeaderWorkerSet', () => {
    const g = generateConfig({ engine: 'vllm', target: 'kubernetes', model: 'meta-llama/Llama-3.1-405B-Instruct', gpu: 'H100', gpuCount: 16 });
    assert.match(g.text, /kind: LeaderWorkerSet/);
    assert.match(g.text, /size: 2/);
    assert.match(g.text, /--tensor-parallel-size 8 --pipeline-parallel-size 2 --distributed-executor-backend ray/);
    const s = generateConfig({ engine: 'sglang', target: 'kubernetes', model: 'deepseek-ai/DeepSeek-R1', gpu: 'H100', gpuCount: 16 });
    assert.match(s.text, /- --nnodes\n\s+- "2"/);
    assert.match(s.text, /\$\(LWS_WORKER_INDEX\)/);
  });

  test('engine YAML: the trtllm file is LLM-API snake_case with a kv_cache_config section', () => {
    const g = generateConfig({ engine: 'trtllm', target: 'engine-yaml', model: 'Qwen/Qwen3-8B', gpu: 'H100', gpuCount: 2 });
    assert.equal(g.fileName, 'extra-llm-api-config.yml');
    assert.match(g.text, /^tensor_parallel_size: 1$/m);
    assert.match(g.text, /^kv_cache_config:\n\s+# .*\n\s+free_gpu_memory_fraction: 0\.9$/m);
  });

  test('a nonexistent model id is served as the real one, with a comment', () => {
    const g = generateConfig({ engine: 'vllm', target: 'shell', model: 'meta-llama/Llama-3.2-70B-Instruct', gpu: 'H100', gpuCount: 4 });
    assert.match(g.text, /# meta-llama\/Llama-3\.2-70B-Instruct does not exist; this config serves meta-llama\/Llama-3\.3-70B-Instruct/);
    assert.match(g.text, /vllm serve meta-llama\/Llama-3\.3-70B-Instruct/);
  });

  test('overrides: tensor parallel size and max model len', () => {
    const g = generateConfig({ engine: 'vllm', target: 'shell', model: 'Qwen/Qwen3-8B', gpu: 'H100', gpuCount: 2, tensorParallelSize: 2, maxModelLen: 16384 });
    assert.match(g.text, /--tensor-parallel-size 2 \\\n\s+--max-model-len 16384/);
  });

  test('snippet escaping: $ outside placeholders is escaped, tab stops carry the defaults', () => {
    const g = generateConfig({ engine: 'vllm', target: 'compose', model: 'Qwen/Qwen3-8B', gpu: 'H100', gpuCount: 1 });
    assert.match(g.snippet, /HF_TOKEN=\\\$\{HF_TOKEN:-\}/);
    assert.match(g.snippet, /- \$\{1:Qwen\/Qwen3-8B\}/);
    assert.match(g.snippet, /"\$\{4:8000\}:\$\{4:8000\}"/);
    assert.equal(expandSnippet('a ${1:x\\}y} $1 \\$z ${2}'), 'a x}y x}y $z ');
  });
});

describe('combinations ServeLint does not generate', () => {
  test('TensorRT-LLM on AMD', () => {
    assert.throws(() => generateConfig({ engine: 'trtllm', target: 'compose', model: 'Qwen/Qwen3-8B', gpu: 'MI300X', gpuCount: 1 }), /NVIDIA GPUs only/);
  });
  test('multi-node compose, multi-node TensorRT-LLM', () => {
    assert.throws(() => generateConfig({ engine: 'vllm', target: 'compose', model: 'deepseek-ai/DeepSeek-R1', gpu: 'H100', gpuCount: 16 }), /one host/);
    assert.throws(() => generateConfig({ engine: 'trtllm', target: 'kubernetes', model: 'deepseek-ai/DeepSeek-R1', gpu: 'H100', gpuCount: 16 }), /Multi-node TensorRT-LLM/);
  });
  test('a TP that does not divide the heads; unknown engine; unknown GPU', () => {
    assert.throws(() => generateConfig({ engine: 'vllm', target: 'shell', model: 'Qwen/Qwen2.5-7B-Instruct', gpu: 'H100', gpuCount: 8, tensorParallelSize: 8 }), /does not divide the 28 attention heads/);
    assert.throws(() => generateConfig({ engine: 'tgi' as EngineId, target: 'shell', model: 'Qwen/Qwen3-8B', gpu: 'H100', gpuCount: 1 }), /Unknown engine/);
    assert.throws(() => generateConfig({ engine: 'vllm', target: 'shell', model: 'Qwen/Qwen3-8B', gpu: 'K80', gpuCount: 1 }), /Unknown GPU "K80"/);
  });
  test('maxModelLen above the model context', () => {
    assert.throws(() => generateConfig({ engine: 'vllm', target: 'shell', model: 'Qwen/Qwen2.5-7B-Instruct', gpu: 'H100', gpuCount: 1, maxModelLen: 65536 }), /above .*32768/);
  });
});

describe('the shipped snippets (snippets/*.code-snippets)', () => {
  const dir = path.join(REPO, 'snippets');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { snippets: Array<{ language: string; path: string }> } };
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.code-snippets'));

  test('every snippet file is registered in package.json for its languages', () => {
    const registered = new Set(pkg.contributes.snippets.map((s) => path.basename(s.path)));
    assert.deepEqual(files.filter((f) => !registered.has(f)), []);
    const languages = new Set(pkg.contributes.snippets.map((s) => s.language));
    for (const l of ['dockercompose', 'yaml', 'shellscript', 'dockerfile']) assert.ok(languages.has(l), l);
    for (const s of pkg.contributes.snippets) {
      const j = JSON.parse(fs.readFileSync(path.join(REPO, s.path), 'utf8')) as Record<string, { scope: string }>;
      assert.ok(Object.values(j).every((x) => x.scope.split(',').includes(s.language)), `${s.path} for ${s.language}`);
    }
  });

  for (const file of files) {
    const snippets = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, { scope: string; prefix: string; body: string[] }>;
    for (const [name, s] of Object.entries(snippets)) {
      test(`${file}: ${name} expands and lints clean`, async () => {
        let text = `${expandSnippet(s.body.join('\n'))}\n`;
        const scopes = s.scope.split(',');
        let fileName: string;
        if (scopes.includes('dockerfile')) fileName = 'Dockerfile';
        else if (scopes.includes('shellscript')) fileName = 'serve.sh';
        else if (/k8s|kubernetes/.test(s.prefix)) fileName = 'deployment.yaml';
        else {
          fileName = 'docker-compose.yml';
          // A compose service snippet is typed under `services:`.
          if (!text.startsWith('services:')) text = `services:\n${text.replace(/^(?=.)/gm, '  ')}`;
        }
        const result = await analyze(text, { fileName });
        assert.ok((result.launches ?? []).length >= 1, `no launch found in ${fileName}:\n${text}`);
        assert.deepEqual(result.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`), [], text);
        assert.doesNotMatch(text, /\$\{\d/);
      });
    }
  }
});

describe('regression: trtllm-serve --tp_size is read by the GPU rules', () => {
  test('--tp_size 4 with 4 GPUs reserved is not a mismatch', async () => {
    const text = 'services:\n  trtllm:\n    image: nvcr.io/nvidia/tensorrt-llm/release:1.2.1\n    ipc: host\n    volumes: [~/.cache/huggingface:/root/.cache/huggingface]\n    command: [trtllm-serve, Qwen/Qwen3-8B, --host, 0.0.0.0, --tp_size, "4"]\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 4\n              capabilities: [gpu]\n';
    const result = await analyze(text, { fileName: 'docker-compose.yml' });
    assert.deepEqual(result.findings.map((f) => f.ruleId), []);
    const wrong = await analyze(text.replace('count: 4', 'count: 2'), { fileName: 'docker-compose.yml' });
    assert.deepEqual(wrong.findings.map((f) => f.ruleId), ['gpu-count-mismatch']);
  });
});
