// How many GPUs a launch sees and how many its parallel settings need (pure, over Deployment and ParsedArgs).
import type { ParsedArgs } from '../args';
import { booleanState, isPresent } from '../args';
import type { Deployment, Engine, Span, Word } from '../types';
import type { ParsedFlag } from '../args';
import { intSetting, parallelSize, setting } from './launch';

export interface GpuCount {
  /** Number of GPUs the process sees, or 'all' (whatever the machine has). */
  count: number | 'all';
  span: Span;
  /** How the file says it, for messages. */
  how: string;
}

const HOW: Record<string, string> = {
  'compose-count': 'deploy.resources.reservations.devices count',
  'compose-device-ids': 'deploy.resources.reservations.devices device_ids',
  'compose-gpus': 'gpus:',
  'compose-gpus-count': 'gpus: count',
  'compose-gpus-device-ids': 'gpus: device_ids',
  'compose-runtime': 'runtime: nvidia',
  'k8s-resource': 'the GPU resource limit',
  'docker-gpus': '--gpus',
  'docker-device': '--device nvidia.com/gpu',
  'docker-runtime': '--runtime nvidia',
};

/**
 * GPUs visible to the engine: the reservation, narrowed by CUDA_VISIBLE_DEVICES. Undefined when any
 * part is unknown, or when nothing says (a container without a request: see no-gpu-requested).
 */
export function visibleGpus(dep: Deployment): GpuCount | undefined {
  let requests = dep.gpus;
  // `runtime: nvidia` next to a device request describes the same GPUs.
  if (requests.some((r) => !/runtime$/.test(r.via))) requests = requests.filter((r) => !/runtime$/.test(r.via));
  let reserved: GpuCount | undefined;
  if (requests.length > 0) {
    if (requests.some((r) => r.count === undefined)) return undefined;
    const all = requests.find((r) => r.count === 'all');
    if (all) reserved = { count: 'all', span: all.span, how: HOW[all.via] ?? all.via };
    else {
      const first = requests[0] as (typeof requests)[number];
      const n = requests.reduce((a, r) => a + (r.count as number), 0);
      reserved = { count: n, span: first.span, how: HOW[first.via] ?? first.via };
    }
  }
  const cvd = dep.visibleDevices.filter((v) => v.name === 'CUDA_VISIBLE_DEVICES' || v.name === 'HIP_VISIBLE_DEVICES' || v.name === 'ROCR_VISIBLE_DEVICES').at(-1);
  if (cvd) {
    if (cvd.count === undefined) return undefined;
    if (cvd.count !== 'all') {
      const n = cvd.count === 'none' ? 0 : cvd.count;
      if (!reserved || reserved.count === 'all' || n < reserved.count) return { count: n, span: cvd.span, how: cvd.name };
    }
  }
  return reserved;
}

export interface GpusNeeded {
  count: number;
  /** The flag to point at (the largest factor written), if any. */
  flag?: ParsedFlag;
  word?: Word;
  /** `TP 2 × PP 2`. */
  formula: string;
}

/**
 * GPUs one node needs for this launch: TP × PP (× local DP). Undefined when a factor is unknown or the
 * launch may span nodes (Ray executor, --nnodes > 1, headless/DP-rank flags, SGLang --nnodes).
 */
export function gpusNeeded(parsed: ParsedArgs, engine: Engine): GpusNeeded | undefined {
  const tp = parallelSize(parsed, engine, 'tp');
  const pp = parallelSize(parsed, engine, 'pp');
  if (!tp || !pp) return undefined;
  const nnodes = intSetting(parsed, engine, 'nnodes');
  if (setting(parsed, engine, 'nnodes') && (!nnodes || nnodes.value > 1)) return undefined;
  let dp = 1;
  let dpWord: { word?: Word; flag?: ParsedFlag } = {};
  if (engine === 'vllm') {
    const executor = setting(parsed, engine, 'executor');
    if (executor && (executor.word.unknown || /ray|external_launcher/.test(executor.word.text))) return undefined;
    for (const k of ['--headless', '--data-parallel-address', '--data-parallel-start-rank', '--data-parallel-rank', '--node-rank']) {
      if (isPresent(parsed, k)) return undefined;
    }
    const local = intSetting(parsed, engine, 'dp-local');
    if (setting(parsed, engine, 'dp-local') && !local) return undefined;
    const d = local ?? parallelSize(parsed, engine, 'dp');
    if (!d) return undefined;
    dp = d.value;
    dpWord = { word: d.word, flag: d.flag };
  } else if (engine === 'sglang') {
    const d = parallelSize(parsed, engine, 'dp');
    if (!d) return undefined;
    // With DP attention the DP ranks live inside the TP group.
    if (booleanState(parsed, '--enable-dp-attention') !== true) {
      dp = d.value;
      dpWord = { word: d.word, flag: d.flag };
    }
  }
  const parts: string[] = [];
  const label = engine === 'trtllm' ? { tp: '--tp_size', pp: '--pp_size', dp: '' } : { tp: 'TP', pp: 'PP', dp: 'DP' };
  parts.push(`${label.tp} ${tp.value}`);
  if (pp.value > 1 || pp.flag) parts.push(`${label.pp} ${pp.value}`);
  if (dp > 1) parts.push(`${label.dp} ${dp}`);
  const candidates = [
    { v: tp.value, word: tp.word, flag: tp.flag },
    { v: pp.value, word: pp.word, flag: pp.flag },
    { v: dp, word: dpWord.word, flag: dpWord.flag },
  ].filter((c) => c.flag);
  candidates.sort((a, b) => b.v - a.v);
  const top = candidates[0];
  return { count: tp.value * pp.value * dp, flag: top?.flag, word: top?.word, formula: parts.join(' × ') };
}
