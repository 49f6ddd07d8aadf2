// What the deployment and sizing rules need to know about a launch, engine by engine: settings by
// canonical flag name (tolerating engines whose parser does not produce a key yet), the engine's
// defaults (port, bind address), the model, the GPU, the deployment.
import type { ParsedArgs, ParsedFlag } from '../args';
import type { Deployment, Engine, Invocation, Span, Word } from '../types';
import { parseFloatValue, parseIntValue } from '../values';
import { envDeployment } from '../extract/deployment';
import { gpuFromComment, resolveGpuName, type GpuSpec } from '../facts/gpus';
import type { LintSettings } from '../settings';

export type Setting =
  | 'tp'
  | 'pp'
  | 'dp'
  | 'dp-local'
  | 'nnodes'
  | 'port'
  | 'host'
  | 'max-model-len'
  | 'gpu-memory-utilization'
  | 'dtype'
  | 'quantization'
  | 'kv-cache-dtype'
  | 'executor'
  | 'model';

/** Canonical flag keys per engine (vLLM keys are the flag table's names; others are normalised written names). */
const FLAGS: Record<Engine, Partial<Record<Setting, string[]>>> = {
  vllm: {
    tp: ['--tensor-parallel-size'],
    pp: ['--pipeline-parallel-size'],
    dp: ['--data-parallel-size'],
    'dp-local': ['--data-parallel-size-local'],
    nnodes: ['--nnodes'],
    port: ['--port'],
    host: ['--host'],
    'max-model-len': ['--max-model-len'],
    'gpu-memory-utilization': ['--gpu-memory-utilization'],
    dtype: ['--dtype'],
    quantization: ['--quantization'],
    'kv-cache-dtype': ['--kv-cache-dtype'],
    executor: ['--distributed-executor-backend'],
    model: ['--model'],
  },
  sglang: {
    tp: ['--tp-size', '--tensor-parallel-size', '--tp'],
    pp: ['--pp-size', '--pipeline-parallel-size', '--pp'],
    dp: ['--dp-size', '--data-parallel-size', '--dp'],
    nnodes: ['--nnodes'],
    port: ['--port'],
    host: ['--host'],
    'max-model-len': ['--context-length'],
    'gpu-memory-utilization': ['--mem-fraction-static'],
    dtype: ['--dtype'],
    quantization: ['--quantization'],
    'kv-cache-dtype': ['--kv-cache-dtype'],
    model: ['--model-path', '--model'],
  },
  trtllm: {
    // The trtllm flag table canonicalises the aliases: `--tp_size` is parsed under `--tensor_parallel_size`.
    tp: ['--tp_size', '--tp-size', '--tensor_parallel_size'],
    pp: ['--pp_size', '--pp-size', '--pipeline_parallel_size'],
    port: ['--port'],
    host: ['--host'],
    'max-model-len': ['--max_seq_len', '--max-seq-len'],
    model: ['--model'],
  },
};

/** Default port and bind address of each engine's OpenAI server (engine-facts §2, §7, §8). */
export const ENGINE_DEFAULTS: Record<Engine, { port: number; host: string; hostIsLoopback: boolean; name: string }> = {
  vllm: { port: 8000, host: 'all interfaces', hostIsLoopback: false, name: 'vLLM' },
  sglang: { port: 30000, host: '127.0.0.1', hostIsLoopback: true, name: 'SGLang' },
  trtllm: { port: 8000, host: 'localhost', hostIsLoopback: true, name: 'trtllm-serve' },
};

export interface SettingValue {
  flag: ParsedFlag;
  word: Word;
}

/** The last value of a setting (argparse/click: the last occurrence wins), if written. */
export function setting(parsed: ParsedArgs, engine: Engine, name: Setting): SettingValue | undefined {
  const keys = FLAGS[engine][name] ?? [];
  let best: ParsedFlag | undefined;
  for (const key of keys) {
    for (const flag of parsed.byKey.get(key) ?? []) {
      if (flag.dottedKey !== undefined || flag.values.length === 0) continue;
      if (!best || flag.index > best.index) best = flag;
    }
  }
  if (!best) return undefined;
  return { flag: best, word: best.values[best.values.length - 1] as Word };
}

/** The setting as a known integer (`-1`/non-numbers/unknown words give undefined). */
export function intSetting(parsed: ParsedArgs, engine: Engine, name: Setting, humanReadable = false): { value: number; word: Word; flag: ParsedFlag } | undefined {
  const s = setting(parsed, engine, name);
  if (!s || s.word.unknown) return undefined;
  const value = parseIntValue(s.word.text, humanReadable);
  return value === undefined ? undefined : { value, word: s.word, flag: s.flag };
}

export function floatSetting(parsed: ParsedArgs, engine: Engine, name: Setting): { value: number; word: Word } | undefined {
  const s = setting(parsed, engine, name);
  if (!s || s.word.unknown) return undefined;
  const value = parseFloatValue(s.word.text);
  return value === undefined ? undefined : { value, word: s.word };
}

/**
 * A parallel size: the written value, 1 when the flag is absent and the argv is complete, undefined
 * when unknown (interpolated, or possibly set by an unknown part of the argv).
 */
export function parallelSize(parsed: ParsedArgs, engine: Engine, name: 'tp' | 'pp' | 'dp'): { value: number; word?: Word; flag?: ParsedFlag } | undefined {
  const s = setting(parsed, engine, name);
  if (s) {
    if (s.word.unknown) return undefined;
    const value = parseIntValue(s.word.text);
    return value === undefined || value < 1 ? undefined : { value, word: s.word, flag: s.flag };
  }
  if (!FLAGS[engine][name]) return { value: 1 };
  return parsed.incomplete ? undefined : { value: 1 };
}

/** The model id as written (positional, `--model`, SGLang `--model-path`). */
export function modelWord(parsed: ParsedArgs, engine: Engine): Word | undefined {
  if (parsed.model) return parsed.model.word;
  return setting(parsed, engine, 'model')?.word;
}

/** A Hugging Face Hub id (`org/name`), not a path, URL or interpolation. */
export function isHubId(word: Word | undefined): word is Word {
  if (!word || word.unknown) return false;
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(word.text) && !/^\.{1,2}\//.test(word.text) && !/(^|\/)\.\.?(\/|$)/.test(word.text);
}

/** The launch's deployment, or the environment-only one of a plain launch. */
export function deploymentOf(inv: Invocation): Deployment {
  return inv.deployment ?? envDeployment(inv.env, 'shell');
}

/** The value of an environment variable set for the launch (last wins), if known. */
export function envValue(inv: Invocation, name: string): { value?: string; unknown: boolean; span: Span } | undefined {
  const list = (inv.env ?? []).filter((e) => e.name === name);
  const e = list[list.length - 1];
  if (!e) return undefined;
  return { value: e.unknown ? undefined : e.value, unknown: e.unknown === true, span: e.valueSpan ?? e.nameSpan };
}

export interface ResolvedGpu {
  gpu: GpuSpec;
  /** Where the GPU model comes from, for messages. */
  via: string;
}

/**
 * The GPU the launch runs on: a `# servelint: gpu=…` comment in the file, else a Kubernetes GPU node
 * label of the pod, else the `servelint.gpu` setting. Undefined when none is known.
 */
export function resolveGpu(text: string, deployment: Deployment, settings: LintSettings): ResolvedGpu | undefined {
  const comment = gpuFromComment(text);
  if (comment) {
    const gpu = resolveGpuName(comment.name);
    if (gpu) return { gpu, via: `the # servelint: gpu=${comment.name} comment` };
  }
  for (const p of deployment.gpuProducts) {
    const gpu = resolveGpuName(p.value);
    if (gpu) return { gpu, via: `the node label ${p.value}` };
  }
  const fromSetting = settings.gpu ? resolveGpuName(settings.gpu) : undefined;
  if (fromSetting) return { gpu: fromSetting, via: `the servelint.gpu setting (${settings.gpu})` };
  return undefined;
}

/** Is the value a loopback bind address? */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Known vLLM/SGLang/TensorRT-LLM CUDA images (for "no GPU requested" and "pin a version"). */
export function engineImage(name: string): { engine: Engine; cuda: boolean } | undefined {
  const n = name.toLowerCase().replace(/^docker\.io\//, '');
  const repo = n.split('/').slice(-2).join('/');
  if (/^vllm\/vllm-openai$/.test(repo)) return { engine: 'vllm', cuda: true };
  if (/^vllm\/vllm-openai-[a-z0-9]+$/.test(repo)) return { engine: 'vllm', cuda: false };
  if (repo === 'lmsysorg/sglang') return { engine: 'sglang', cuda: true };
  if (/(^|\/)nvcr\.io\/nvidia\/tensorrt-llm\/release$/.test(n) || /^nvidia\/tensorrt-llm\/release$/.test(n.split('/').slice(-3).join('/'))) return { engine: 'trtllm', cuda: true };
  return undefined;
}
