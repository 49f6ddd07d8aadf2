// SGLang and TensorRT-LLM: flag tables, name resolution, launch recognition in every extractor,
// target versions, config-file recognition and linking, and the engine-specific rules.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import rawSglang from '../../src/core/facts/data/sglang-flags.json';
import rawTrtllm from '../../src/core/facts/data/trtllm-flags.json';
import { flagsFor, sglangFlags, trtllmFlags, vllmFlags } from '../../src/core/facts/flags';
import { engineFlagRowSchema } from '../../src/core/facts/schemas';
import { SGLANG_ADDED_ROWS, TRTLLM_BUILD_PLUGIN_ROWS } from '../../src/core/facts/corrections';
import { parseArgs } from '../../src/core/args';
import { findLaunch, parseImageRef } from '../../src/core/launch';
import { resolveVersion } from '../../src/core/check';
import { analyze, lint } from '../../src/core/lint';
import { parseVersion, NEWEST_KNOWN_SGLANG, NEWEST_KNOWN_TRTLLM } from '../../src/core/version';
import { looksLikeTrtllmConfig, looksLikeSglangConfig } from '../../src/core/extract/engineConfig';
import { main } from '../../src/cli/main';
import { literalWord } from '../../src/core/text';
import type { Invocation, TrtllmCommand, Word } from '../../src/core/types';
import { wordsOf } from '../helpers';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const V = (s: string) => parseVersion(s)!;

function inv(engine: 'sglang' | 'trtllm', args: string, command?: TrtllmCommand, form: Invocation['form'] = engine === 'sglang' ? 'sglang-module' : 'trtllm-serve'): Invocation {
  return { engine, form, command, fileKind: 'shell', args: wordsOf(args), span: { start: 0, end: args.length } };
}

const rules = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId);

describe('flag tables', () => {
  test('every SGLang and TensorRT-LLM row validates; our additions too', () => {
    const rows = z.array(engineFlagRowSchema);
    assert.equal(rows.parse(rawSglang).length, 309);
    assert.equal(rows.parse(rawTrtllm).length, 94);
    rows.parse(SGLANG_ADDED_ROWS);
    rows.parse(TRTLLM_BUILD_PLUGIN_ROWS);
  });

  test('tables per engine and command', () => {
    assert.equal(sglangFlags().specs.length, 309 + SGLANG_ADDED_ROWS.length);
    assert.equal(trtllmFlags().specs.length, 33);
    assert.equal(trtllmFlags('trtllm-serve grpc').specs.length, 4);
    assert.equal(trtllmFlags('trtllm-serve disaggregated').specs.length, 5);
    assert.equal(trtllmFlags('trtllm-build').specs.length, 42 + TRTLLM_BUILD_PLUGIN_ROWS.length);
    assert.equal(trtllmFlags('trtllm-llm-api-yaml').specs.length, 10);
    assert.equal(flagsFor('vllm'), vllmFlags());
    assert.equal(flagsFor('sglang'), sglangFlags());
    assert.equal(flagsFor('trtllm', 'trtllm-build'), trtllmFlags('trtllm-build'));
    assert.equal(flagsFor('trtllm').label, 'trtllm-serve');
    for (const t of [sglangFlags(), trtllmFlags(), trtllmFlags('trtllm-build')]) {
      for (const spec of t.specs) assert.equal(t.engine, spec.engine);
    }
  });

  test('the FlagTable API the editor uses still works for every engine', () => {
    const s = sglangFlags();
    assert.equal(s.get('--tp-size')?.name, '--tensor-parallel-size', 'long aliases resolve');
    assert.equal(s.get('--model')?.name, '--model-path');
    assert.equal(s.get('--mem-fraction-static')?.type, 'float');
    assert.ok(s.namesAt(NEWEST_KNOWN_SGLANG).includes('--context-length'));
    assert.equal(s.status(s.get('--enable-ep-moe')!, V('0.5.13')).kind, 'deprecated');
    assert.equal(s.status(s.get('--enable-ep-moe')!, V('0.4.6')).kind, 'ok', 'not deprecated before the docs snapshot');
    const t = trtllmFlags();
    assert.equal(t.get('--tp_size')?.name, '--tensor_parallel_size');
    assert.equal(t.get('--kv_cache_free_gpu_memory_fraction')?.name, '--free_gpu_memory_fraction');
    assert.equal(t.get('--trust_remote_code')?.boolStyle, 'store_true', 'click is_flag takes no value');
    assert.equal(trtllmFlags('trtllm-serve disaggregated').alias('-c', V('1.0.0'))?.name, '--config_file');
    assert.equal(vllmFlags().normalize('--max_model_len'), '--max-model-len');
    assert.equal(s.normalize('--max_model_len'), '--max_model_len', 'SGLang names are verbatim');
  });
});

describe('name resolution', () => {
  const flagsOf = (i: Invocation) => parseArgs(i, flagsFor(i.engine, i.command), V('9.0.0')).flags;

  test('SGLang: verbatim names, unique prefixes accepted, ambiguous prefixes and underscores reported', () => {
    const [tp, dp, multim, under, amb] = flagsOf(inv('sglang', '--tp 2 --dp 2 --enable-multim --model_path m --enable-dp'));
    assert.equal(tp?.spec?.name, '--tensor-parallel-size');
    assert.equal(tp?.prefixOf?.name, '--tensor-parallel-size');
    assert.equal(dp?.spec?.name, '--data-parallel-size');
    assert.equal(multim?.spec?.name, '--enable-multimodal');
    assert.equal(under?.spec, undefined);
    assert.equal(under?.variantOf?.name, '--model-path');
    assert.equal(under?.values[0]?.text, 'm', 'parsed with the arity of the flag it means');
    assert.deepEqual(amb?.ambiguous, ['--enable-dp-attention', '--enable-dp-lm-head']);
  });

  test('trtllm-serve: click takes no prefixes; dashes are a variant; trtllm-build takes prefixes', () => {
    const [dashed, prefix] = flagsOf(inv('trtllm', 'm --max-batch-size 8 --max_batch 8', 'trtllm-serve serve'));
    assert.equal(dashed?.variantOf?.name, '--max_batch_size');
    assert.equal(prefix?.spec, undefined, 'click has no abbreviations');
    const [buildPrefix] = flagsOf(inv('trtllm', '--checkpoint --x', 'trtllm-build', 'trtllm-build'));
    assert.equal(buildPrefix?.spec?.name, '--checkpoint_dir');
    const [metrics] = flagsOf(inv('trtllm', '--metrics_log_interval 5', 'trtllm-serve disaggregated'));
    assert.equal(metrics?.variantOf?.name, '--metrics-log-interval');
  });

  test('the model: --model-path for SGLang, the positional for trtllm-serve', () => {
    const s = inv('sglang', '--model-path Qwen/Qwen3-8B');
    assert.equal(parseArgs(s, sglangFlags(), V('0.5.0')).model?.word.text, 'Qwen/Qwen3-8B');
    const t = inv('trtllm', 'Qwen/Qwen3-8B --tp_size 2', 'trtllm-serve serve');
    assert.equal(parseArgs(t, trtllmFlags(), V('1.0.0')).model?.via, 'positional');
  });
});

describe('launch recognition', () => {
  const cases: Array<[string, string, string, string | undefined, string]> = [
    ['python -m sglang.launch_server --model-path m', 'sglang', 'sglang-module', undefined, '--model-path'],
    ['python3 -u -m sglang.launch_server --model-path m', 'sglang', 'sglang-module', undefined, '--model-path'],
    ['sglang serve --model-path m', 'sglang', 'sglang-serve', undefined, '--model-path'],
    ['trtllm-serve m --tp_size 2', 'trtllm', 'trtllm-serve', 'trtllm-serve serve', 'm'],
    ['trtllm-serve serve m --tp_size 2', 'trtllm', 'trtllm-serve', 'trtllm-serve serve', 'm'],
    ['trtllm-serve grpc m --port 50051', 'trtllm', 'trtllm-serve', 'trtllm-serve grpc', 'm'],
    ['trtllm-serve disaggregated -c d.yaml', 'trtllm', 'trtllm-serve', 'trtllm-serve disaggregated', '-c'],
    ['trtllm-build --checkpoint_dir c', 'trtllm', 'trtllm-build', 'trtllm-build', '--checkpoint_dir'],
    ['mpirun -n 2 --allow-run-as-root trtllm-serve m', 'trtllm', 'trtllm-serve', 'trtllm-serve serve', 'm'],
    ['mpiexec -n 4 python3 -m sglang.launch_server --model-path m', 'sglang', 'sglang-module', undefined, '--model-path'],
    ['srun -N 2 --gres=gpu:8 trtllm-llmapi-launch trtllm-serve m', 'trtllm', 'trtllm-serve', 'trtllm-serve serve', 'm'],
    ['nohup sglang serve --model-path m', 'sglang', 'sglang-serve', undefined, '--model-path'],
    ['env CUDA_VISIBLE_DEVICES=0 trtllm-build --checkpoint_dir c', 'trtllm', 'trtllm-build', 'trtllm-build', '--checkpoint_dir'],
    ['docker run --gpus all --shm-size 32g lmsysorg/sglang:v0.4.6.post1-cu124 python3 -m sglang.launch_server --model-path m', 'sglang', 'sglang-module', undefined, '--model-path'],
    ['docker run --rm nvcr.io/nvidia/tensorrt-llm/release:1.0.0rc4 trtllm-serve m', 'trtllm', 'trtllm-serve', 'trtllm-serve serve', 'm'],
  ];
  for (const [line, engine, form, command, firstArg] of cases) {
    test(line, () => {
      const m = findLaunch(wordsOf(line));
      assert.ok(m, 'a launch');
      assert.equal(m.engine, engine);
      assert.equal(m.form, form);
      assert.equal(m.command, command);
      assert.equal(m.args[0]?.text, firstArg);
    });
  }
  test('not launches', () => {
    for (const line of ['echo sglang serve', 'pip install sglang', 'which trtllm-serve', 'cat trtllm-build.log']) {
      assert.equal(findLaunch(wordsOf(line)), null, line);
    }
  });
});

describe('target versions', () => {
  const at = (engine: 'sglang' | 'trtllm', image: string, option?: string) => {
    const i = inv(engine, '--x');
    i.image = parseImageRef(literalWord(image, 0));
    return resolveVersion(i, option);
  };
  test('from image tags', () => {
    assert.equal(at('sglang', 'lmsysorg/sglang:v0.4.6.post1-cu124').version.text, '0.4.6');
    assert.equal(at('sglang', 'docker.io/lmsysorg/sglang:v0.5.1.post3-cu126').version.text, '0.5.1');
    assert.equal(at('trtllm', 'nvcr.io/nvidia/tensorrt-llm/release:1.0.0rc4').version.text, '1.0.0');
    assert.equal(at('trtllm', 'nvcr.io/nvidia/tensorrt-llm/release:0.21.0').version.text, '0.21.0');
  });
  test('newest known for latest/untagged/other images, the option in between', () => {
    const latest = at('sglang', 'lmsysorg/sglang:latest-runtime');
    assert.equal(latest.version.text, NEWEST_KNOWN_SGLANG.text);
    assert.match(latest.explanation, /newest known SGLang release; image tag :latest-runtime/);
    assert.equal(at('trtllm', 'ubuntu:22.04').version.text, NEWEST_KNOWN_TRTLLM.text);
    assert.equal(at('sglang', 'lmsysorg/sglang:latest', '0.5.2').version.text, '0.5.2');
    assert.equal(at('trtllm', 'vllm/vllm-openai:v0.9.0').source, 'newest-known', "another engine's image pins nothing");
  });
});

describe('extractors find the launches', () => {
  test('shell, Makefile, compose, Kubernetes, Dockerfile, Markdown, Helm values', async () => {
    const kinds: Array<[string, string, string]> = [
      ['run.sh', 'export X=1\nCUDA_VISIBLE_DEVICES=0,1 python -m sglang.launch_server --model-path m --tp 2 &\n', 'sglang'],
      ['Makefile', 'serve:\n\ttrtllm-serve m --tp_size 2\n', 'trtllm'],
      ['docker-compose.yml', 'services:\n  s:\n    image: lmsysorg/sglang:v0.5.2-cu126\n    command: python3 -m sglang.launch_server --model-path m\n', 'sglang'],
      ['deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: t}\nspec:\n  template:\n    spec:\n      containers:\n        - name: t\n          image: nvcr.io/nvidia/tensorrt-llm/release:1.0.0\n          command: ["trtllm-serve", "serve", "m"]\n          args: ["--tp_size", "2"]\n', 'trtllm'],
      ['Dockerfile', 'FROM lmsysorg/sglang:v0.5.2-cu126\nCMD ["python3", "-m", "sglang.launch_server", "--model-path", "m"]\n', 'sglang'],
      ['README.md', '# Run\n\n```bash\ntrtllm-serve m --max_batch_size 8\n```\n', 'trtllm'],
      ['values.yaml', 'server:\n  image: lmsysorg/sglang:v0.5.2-cu126\n  command: ["python3", "-m", "sglang.launch_server", "--model-path", "m"]\n', 'sglang'],
    ];
    for (const [name, text, engine] of kinds) {
      const r = await analyze(text, { fileName: name });
      assert.deepEqual(r.launches?.map((l) => l.engine), [engine], name);
    }
  });

  test('the corpus launches (026, 065, 067, 107, 071, 073) with their versions', { skip: !existsSync(CORPUS) }, async () => {
    const expected: Record<string, [string, string]> = {
      '026-sglang.yml': ['sglang', NEWEST_KNOWN_SGLANG.text],
      '065-sglang.yml': ['sglang', '0.4.9'],
      '067-sglang.yml': ['sglang', '0.5.1'],
      '107-sglang.yml': ['sglang', NEWEST_KNOWN_SGLANG.text],
      '071-trtllm.yml': ['trtllm', '0.21.0'],
      '073-trtllm.yaml': ['trtllm', '1.3.0'],
    };
    for (const [file, [engine, version]] of Object.entries(expected)) {
      const r = await analyze(readFileSync(join(CORPUS, file), 'utf8'), { fileName: join(CORPUS, file) });
      assert.deepEqual(r.launches?.map((l) => [l.engine, l.version]), [[engine, version]], file);
    }
  });

  test('corpus 073: the missing backslash and the repeated --port, nothing else', { skip: !existsSync(CORPUS) }, async () => {
    const f = await lint(readFileSync(join(CORPUS, '073-trtllm.yaml'), 'utf8'), { fileName: '073-trtllm.yaml' });
    const mine = f.filter((x) => ['broken-continuation', 'duplicate-flag', 'unknown-flag', 'invalid-value'].includes(x.ruleId));
    assert.deepEqual(mine.map((x) => [x.ruleId, x.range.start.line + 1]), [['broken-continuation', 30], ['duplicate-flag', 36]]);
  });
});

describe('config files', () => {
  test('074 is a TensorRT-LLM config, client configs are not, by name and content', { skip: !existsSync(CORPUS) }, async () => {
    const text = readFileSync(join(CORPUS, '074-trtllm-config.yml'), 'utf8');
    assert.equal(looksLikeTrtllmConfig(text, '074-trtllm-config.yml'), true);
    assert.equal(looksLikeTrtllmConfig(text, 'extra-llm-api-config.yml'), true);
    assert.equal(looksLikeTrtllmConfig(text, 'config.yml'), false, 'the name must hint at TensorRT-LLM');
    assert.equal((await analyze(text, { fileName: join(CORPUS, '074-trtllm-config.yml') })).kind, 'trtllm-config');
    for (const neg of ['053-negative.yaml', '094-negative.yaml']) {
      const t = readFileSync(join(CORPUS, neg), 'utf8');
      assert.equal(looksLikeTrtllmConfig(t, 'trtllm-client.yaml'), false, neg);
      assert.equal(looksLikeSglangConfig(t, 'sglang.yaml', (n) => sglangFlags().get(n.startsWith('-') ? n : `--${n}`) !== undefined), false, neg);
    }
  });

  test('an SGLang config by name and content; keys are flags verbatim', async () => {
    const text = 'model-path: Qwen/Qwen3-8B\ntp-size: 2\nmem-fraction-static: 1.5\nenable-metrics: true\n';
    const r = await analyze(text, { fileName: 'sglang/config.yaml' });
    assert.equal(r.kind, 'sglang-config');
    assert.deepEqual(rules(r.findings), ['sglang-mem-fraction-static']);
    assert.equal((await analyze(text, { fileName: 'config.yaml' })).kind, 'yaml', 'no engine in the name: not claimed');
  });

  test('configLinks carry the engine, kind, version and trtllm command-line settings', async () => {
    const r = await analyze(
      'python -m sglang.launch_server --config s.yaml\ntrtllm-serve m --max_batch_size 8 --extra_llm_api_options x.yml\nvllm serve m --config v.yaml\n',
      { fileName: 'run.sh' },
    );
    assert.deepEqual(r.configReferences, ['v.yaml'], 'the vLLM-only list is unchanged');
    assert.deepEqual(
      r.configLinks?.map((l) => [l.path, l.engine, l.kind, l.cliSettings?.map((c) => `${c.key}=${c.written}@${c.where}`)]),
      [
        ['s.yaml', 'sglang', 'sglang-config', undefined],
        ['x.yml', 'trtllm', 'trtllm-config', ['max_batch_size=--max_batch_size 8@run.sh:2']],
        ['v.yaml', 'vllm', 'vllm-config', undefined],
      ],
    );
  });

  test('CLI: a linked trtllm YAML is linted as a TensorRT-LLM config, with the precedence warning', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'servelint-engines-')));
    writeFileSync(join(dir, 'serve.sh'), 'trtllm-serve m --max_batch_size 64 --config ./llm.yml\n');
    writeFileSync(join(dir, 'llm.yml'), 'max_batch_size: 32\nkv_cache_config:\n  free_gpu_memory_fraction: 2\n');
    let out = '';
    const code = await main(['--format', 'json', 'serve.sh'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: dir, env: {} });
    assert.equal(code, 1);
    const found = (JSON.parse(out) as { rule: string; file: string }[]).map((f) => `${f.file}:${f.rule}`).sort();
    assert.deepEqual(found, ['llm.yml:trtllm-config-overrides-cli', 'llm.yml:trtllm-free-gpu-memory-fraction']);
  });
});

describe('engine rules on whole documents', () => {
  test('vLLM rules stay vLLM-only, generic rules name the engine', async () => {
    const f = await lint('python -m sglang.launch_server --model-path m --enable-prefix-caching --gpu-memory-utilization 2\n', { fileName: 'x.sh' });
    assert.deepEqual(rules(f), ['unknown-flag', 'unknown-flag']);
    assert.match(f[0]!.message, /SGLang/);
    assert.match(f[1]!.message, /--mem-fraction-static/);
  });

  test('heredoc config in a Markdown document', async () => {
    const md = '```bash\ncat > cfg.yml <<EOF\nkv_cache_config:\n  free_gpu_memory_fraction: 1.5\nEOF\ntrtllm-serve m --extra_llm_api_options cfg.yml\n```\n';
    const f = await lint(md, { fileName: 'README.md' });
    assert.deepEqual(rules(f), ['trtllm-free-gpu-memory-fraction']);
    assert.equal(f[0]!.range.start.line, 3);
  });
});

// Keep the Word import used (type-only helpers above).
export type _W = Word;
