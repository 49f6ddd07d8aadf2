// Launch configs for vLLM, SGLang and TensorRT-LLM × compose, shell, Kubernetes and the engines' own
// config YAML. Built as a template of literal text and numbered placeholders, so the same build gives
// the plain text and the VS Code snippet (tab stops with the same defaults). Every output lints clean
// with ServeLint itself (test/unit/advisor-generate.test.ts).
import type { EngineId, GeneratedConfig, GenerateRequest, Target } from './types';
import { NEWEST_KNOWN_SGLANG, NEWEST_KNOWN_TRTLLM, NEWEST_KNOWN_VLLM, type Version } from '../version';
import { computeSizing, resolveAccelerator, resolveModel, type Accelerator, type ModelInfo } from './sizing';
import { GiB } from '../sizing/memory';

// ---------------------------------------------------------------------------------------------
// Templates: literal text + placeholders → text and snippet.

type Part = string | { n: number; value: string };

class Template {
  readonly parts: Part[] = [];
  add(...parts: Part[]): this {
    this.parts.push(...parts);
    return this;
  }
  line(...parts: Part[]): this {
    return this.add(...parts, '\n');
  }
  text(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : p.value)).join('');
  }
  snippet(): string {
    return this.parts.map((p) => (typeof p === 'string' ? escapeSnippet(p, false) : `\${${p.n}:${escapeSnippet(p.value, true)}}`)).join('');
  }
}

/** VS Code snippet syntax: `\`, `$` are escaped everywhere, `}` inside a placeholder's default. */
export function escapeSnippet(text: string, inPlaceholder: boolean): string {
  const out = text.replace(/[\\$]/g, (c) => `\\${c}`);
  return inPlaceholder ? out.replace(/}/g, '\\}') : out;
}

/**
 * Expands a snippet with every placeholder at its default (`${1:x}` → `x`, `$1` / `${1}` → the default
 * of the same tab stop elsewhere, else empty; `\$`, `\}`, `\\` → the character). Enough for the
 * snippets ServeLint writes; not a full TextMate snippet engine (no choices, variables or transforms).
 */
export function expandSnippet(snippet: string): string {
  const defaults = new Map<string, string>();
  const parse = (s: string, i: number, stop: string | undefined): { text: string; end: number } => {
    let out = '';
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '\\' && i + 1 < s.length && '\\$}'.includes(s[i + 1] as string)) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      if (stop && c === stop) return { text: out, end: i };
      if (c === '$') {
        const m = /^\$(?:(\d+)|\{(\d+)(:|\}))/.exec(s.slice(i));
        if (m) {
          const n = (m[1] ?? m[2]) as string;
          if (m[1] !== undefined || m[3] === '}') {
            out += `\u0000${n}\u0000`;
            i += m[0].length;
            continue;
          }
          const inner = parse(s, i + m[0].length, '}');
          if (!defaults.has(n)) defaults.set(n, inner.text);
          out += inner.text;
          i = inner.end + 1;
          continue;
        }
      }
      out += c;
      i++;
    }
    return { text: out, end: i };
  };
  const first = parse(snippet, 0, undefined).text;
  return first.replace(/\u0000(\d+)\u0000/g, (_, n: string) => defaults.get(n) ?? '');
}

// ---------------------------------------------------------------------------------------------
// Images (pinned): the newest releases the evidence names (src/core/version.ts).

const v = (x: Version) => `${x.major}.${x.minor}.${x.patch}`;

function imageFor(engine: EngineId, gpu: Accelerator): string {
  if (engine === 'vllm') return gpu.vendor === 'amd' ? `vllm/vllm-openai-rocm:v${v(NEWEST_KNOWN_VLLM)}` : `vllm/vllm-openai:v${v(NEWEST_KNOWN_VLLM)}`;
  if (engine === 'sglang') return gpu.vendor === 'amd' ? `lmsysorg/sglang:v${v(NEWEST_KNOWN_SGLANG)}-rocm700-${gpu.id === 'mi355x' ? 'mi35x' : 'mi30x'}` : `lmsysorg/sglang:v${v(NEWEST_KNOWN_SGLANG)}`;
  return `nvcr.io/nvidia/tensorrt-llm/release:${v(NEWEST_KNOWN_TRTLLM)}`;
}

const PORTS: Record<EngineId, number> = { vllm: 8000, sglang: 30000, trtllm: 8000 };
const NAMES: Record<EngineId, string> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };

// ---------------------------------------------------------------------------------------------
// The plan: what to launch.

export interface Plan {
  engine: EngineId;
  target: Target;
  model: ModelInfo;
  gpu: Accelerator;
  gpuCount: number;
  tp: number;
  pp: number;
  /** Data-parallel replicas inside the launch (vLLM --data-parallel-size, SGLang --dp-size). */
  dp: number;
  /** Nodes of a multi-node launch (1: one node). */
  nodes: number;
  /** GPUs reserved per container / node. */
  gpusPerPod: number;
  maxModelLen: number;
  port: number;
  image: string;
  notes: string[];
}

const DEFAULT_MAX_MODEL_LEN = 8192;

export function planFor(req: GenerateRequest): Plan {
  const gpu = resolveAccelerator(req.gpu);
  const model = resolveModel(req.model, req.parametersB);
  if (!Number.isInteger(req.gpuCount) || req.gpuCount < 1) throw new Error(`gpuCount must be a positive integer (got ${req.gpuCount}).`);
  if (req.engine === 'trtllm' && gpu.vendor !== 'nvidia') {
    throw new Error(`TensorRT-LLM runs on NVIDIA GPUs only; the ${gpu.name} is not one (gpus.json engine_hardware_support). Use vLLM or SGLang.`);
  }
  if (gpu.vendor === 'intel') {
    throw new Error(`ServeLint has no pinned image for vLLM on ${gpu.name} (the vllm-gaudi hardware plugin); configs are generated for NVIDIA and AMD GPUs.`);
  }
  const notes: string[] = [];
  const sized = computeSizing(model, gpu, { gpuCount: req.gpuCount, inputLen: 1024, outputLen: 512 });
  let tp = req.tensorParallelSize ?? sized.layout.tp;
  let pp = req.tensorParallelSize !== undefined ? 1 : sized.layout.pp;
  if (!Number.isInteger(tp) || tp < 1) throw new Error(`tensorParallelSize must be a positive integer (got ${tp}).`);
  if (model.attentionHeads !== undefined && model.attentionHeads % tp !== 0) {
    throw new Error(`tensorParallelSize ${tp} does not divide the ${model.attentionHeads} attention heads of ${model.id}.`);
  }
  if (tp * pp > req.gpuCount) throw new Error(`tensorParallelSize ${tp}${pp > 1 ? ` × pipeline ${pp}` : ''} needs ${tp * pp} GPUs; gpuCount is ${req.gpuCount}.`);
  const multiNode = req.deployment === 'multi-node' || tp * pp > gpu.gpusPerNode;
  let nodes = 1;
  let dp = 1;
  let gpusPerPod = tp * pp;
  if (multiNode) {
    if (req.engine === 'trtllm') {
      throw new Error('Multi-node TensorRT-LLM (trtllm-llmapi-launch under MPI/Slurm) is not generated by ServeLint; generate vLLM or SGLang, or one node of TensorRT-LLM.');
    }
    if (req.target === 'compose') throw new Error('Docker Compose runs on one host: use target kubernetes (a LeaderWorkerSet) or shell for a multi-node launch.');
    if (tp * pp <= gpu.gpusPerNode) {
      // Multi-node asked for although one node holds the model: one TP group per node, a pipeline stage each.
      const perNode = Math.min(gpu.gpusPerNode, Math.max(1, Math.floor(req.gpuCount / 2)));
      nodes = Math.max(2, Math.floor(req.gpuCount / perNode));
      if (req.tensorParallelSize === undefined) {
        tp = 1;
        for (let c = 2; c <= perNode; c *= 2) if (model.attentionHeads === undefined || model.attentionHeads % c === 0) tp = c;
      }
      pp = nodes;
      if (tp * pp > req.gpuCount) throw new Error(`A multi-node launch needs at least 2 nodes' worth of GPUs; gpuCount is ${req.gpuCount}.`);
    } else {
      nodes = Math.ceil((tp * pp) / gpu.gpusPerNode);
    }
    gpusPerPod = Math.ceil((tp * pp) / nodes);
    if (req.engine === 'sglang') {
      // SGLang spans nodes with one TP group (--tp-size tp×pp, --nnodes), its documented multi-node form.
      if (model.attentionHeads === undefined || model.attentionHeads % (tp * pp) === 0) {
        tp = tp * pp;
        pp = 1;
      }
    }
  } else {
    const groups = Math.floor(req.gpuCount / (tp * pp));
    if (req.engine !== 'trtllm') dp = Math.max(1, groups);
    else if (groups > 1) notes.push(`trtllm-serve runs one TP group per launch: ${req.gpuCount - tp * pp} of the ${req.gpuCount} GPUs are left for another replica.`);
    gpusPerPod = tp * pp * dp;
  }
  let maxModelLen = req.maxModelLen ?? Math.min(model.maxContext ?? DEFAULT_MAX_MODEL_LEN, DEFAULT_MAX_MODEL_LEN);
  if (!Number.isInteger(maxModelLen) || maxModelLen < 1) throw new Error(`maxModelLen must be a positive integer (got ${maxModelLen}).`);
  if (model.maxContext !== undefined && maxModelLen > model.maxContext) {
    throw new Error(`maxModelLen ${maxModelLen} is above ${model.id}'s context of ${model.maxContext} tokens.`);
  }
  maxModelLen = Math.round(maxModelLen);
  if (model.substitutedFor) notes.push(`${model.substitutedFor} does not exist; this config serves ${model.id}.`);
  if (!sized.sizing.fits) notes.push(`ServeLint's sizing says the model does not fit on ${req.gpuCount} × ${gpu.name}: ${sized.sizing.notes.find((n) => n.startsWith('Does not fit')) ?? ''}`.trim());
  return {
    engine: req.engine,
    target: req.target,
    model,
    gpu,
    gpuCount: req.gpuCount,
    tp,
    pp,
    dp,
    nodes,
    gpusPerPod,
    maxModelLen,
    port: PORTS[req.engine],
    image: imageFor(req.engine, gpu),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Argument lists. Placeholders: 1 model, 2 tensor-parallel size, 3 max model length, 4 port.

const P = {
  model: (p: Plan): Part => ({ n: 1, value: p.model.id }),
  tp: (p: Plan): Part => ({ n: 2, value: String(p.tp) }),
  len: (p: Plan): Part => ({ n: 3, value: String(p.maxModelLen) }),
  port: (p: Plan): Part => ({ n: 4, value: String(p.port) }),
};

/** One argv element, possibly made of literal text and placeholders. */
type Arg = Part[];

/** Engine arguments after the launcher (`vllm serve`, `python3 -m sglang.launch_server`, `trtllm-serve`). */
function engineArgs(p: Plan, rank?: Part): Arg[] {
  const a: Arg[] = [];
  const flag = (name: string, ...value: Part[]) => {
    a.push([name]);
    if (value.length) a.push(value);
  };
  if (p.engine === 'vllm') {
    a.push([P.model(p)]);
    flag('--host', '0.0.0.0');
    flag('--port', P.port(p));
    flag('--tensor-parallel-size', P.tp(p));
    if (p.pp > 1) flag('--pipeline-parallel-size', String(p.pp));
    if (p.dp > 1) flag('--data-parallel-size', String(p.dp));
    if (p.nodes > 1) flag('--distributed-executor-backend', 'ray');
    flag('--max-model-len', P.len(p));
  } else if (p.engine === 'sglang') {
    flag('--model-path', P.model(p));
    flag('--host', '0.0.0.0');
    flag('--port', P.port(p));
    flag('--tp-size', P.tp(p));
    if (p.pp > 1) flag('--pp-size', String(p.pp));
    if (p.dp > 1) flag('--dp-size', String(p.dp));
    flag('--context-length', P.len(p));
    if (p.nodes > 1 && rank) {
      flag('--nnodes', String(p.nodes));
      flag('--node-rank', rank);
    }
  } else {
    a.push([P.model(p)]);
    flag('--host', '0.0.0.0');
    flag('--port', P.port(p));
    flag('--tp_size', P.tp(p));
    if (p.pp > 1) flag('--pp_size', String(p.pp));
    flag('--max_seq_len', P.len(p));
  }
  return a;
}

function launcher(engine: EngineId): string[] {
  return engine === 'vllm' ? ['vllm', 'serve'] : engine === 'sglang' ? ['python3', '-m', 'sglang.launch_server'] : ['trtllm-serve'];
}

/** Does the image's ENTRYPOINT already run the server? (vllm/vllm-openai: `vllm serve`, engine-facts §6.) */
function entrypointServes(p: Plan): boolean {
  return p.engine === 'vllm' && p.gpu.vendor === 'nvidia';
}

const argText = (arg: Arg): string => arg.map((x) => (typeof x === 'string' ? x : x.value)).join('');

/** YAML flow/block scalar: quote what YAML would read as a number, bool or null. */
function yamlNeedsQuotes(s: string): boolean {
  return /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) || /^(true|false|yes|no|on|off|null|~|y|n)$/i.test(s) || /^[\s&*!|>'"%@`#,[\]{}?:]|^-( |$)|: | #|:$/.test(s) || s === '';
}

/** A YAML scalar for an argv element made of parts: quoted when YAML would not read it as a string. */
function yamlArg(arg: Arg): Part[] {
  return yamlNeedsQuotes(argText(arg)) ? ['"', ...arg, '"'] : arg;
}

// ---------------------------------------------------------------------------------------------
// Headers

function header(t: Template, p: Plan, what: string): void {
  const fit = computeSizing(p.model, p.gpu, { gpuCount: p.gpuCount, inputLen: 1024, outputLen: 512 }).sizing;
  t.line(`# ${NAMES[p.engine]} serving ${p.model.id} on ${p.gpuCount} × ${p.gpu.name}${p.nodes > 1 ? ` (${p.nodes} nodes)` : ''}: ${what}.`);
  t.line(`# Generated by ServeLint (servelint generate). Weights ${fit.weightsGiB} GiB; TP ${p.tp}${p.pp > 1 ? ` × PP ${p.pp}` : ''}${p.dp > 1 ? ` × DP ${p.dp}` : ''}.`);
  for (const n of p.notes) t.line(`# ${n}`);
}

// ---------------------------------------------------------------------------------------------
// compose

function composeCommand(t: Template, p: Plan, indent: string): void {
  const args = entrypointServes(p) ? engineArgs(p) : [...launcher(p.engine).map((w) => [w] as Arg), ...engineArgs(p)];
  t.line(`${indent}command:`);
  for (const a of args) t.line(`${indent}  - `, ...yamlArg(a));
}

function compose(p: Plan): Template {
  const t = new Template();
  header(t, p, 'Docker Compose service');
  const n = p.gpusPerPod;
  t.line('services:');
  t.line(`  ${p.engine}:`);
  t.line(`    image: ${p.image}`);
  t.line('    ipc: host');
  t.line('    ports:');
  t.line('      - "', P.port(p), ':', P.port(p), '"');
  t.line('    volumes:');
  t.line('      - ~/.cache/huggingface:/root/.cache/huggingface');
  t.line('    environment:');
  t.line('      - HF_TOKEN=${HF_TOKEN:-}');
  if (p.gpu.vendor === 'amd') {
    t.line(`      - HIP_VISIBLE_DEVICES=${Array.from({ length: n }, (_, i) => i).join(',')}`);
    t.line('    devices:');
    t.line('      - /dev/kfd');
    t.line('      - /dev/dri');
    t.line('    group_add:');
    t.line('      - video');
    t.line('    security_opt:');
    t.line('      - seccomp=unconfined');
    if (!entrypointServes(p) && p.engine === 'vllm') t.line('    entrypoint: []');
  }
  composeCommand(t, p, '    ');
  if (p.gpu.vendor === 'nvidia') {
    t.line('    deploy:');
    t.line('      resources:');
    t.line('        reservations:');
    t.line('          devices:');
    t.line('            - driver: nvidia');
    t.line(`              count: ${n}`);
    t.line('              capabilities: [gpu]');
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// shell

function shellArgs(t: Template, words: Arg[], indent: string): void {
  const quote = (a: Arg): Part[] => (/^[\w@%+=:,./-]+$|^"[^"]*"$/.test(argText(a)) ? a : ["'", ...a, "'"]);
  t.add(indent, ...quote(words[0] as Arg));
  let i = 1;
  // Keep the launcher words (`vllm serve`, `python3 -m sglang.launch_server`) and a positional model on the first line.
  while (i < words.length && !argText(words[i] as Arg).startsWith('--')) t.add(' ', ...quote(words[i++] as Arg));
  while (i < words.length) {
    t.add(' \\\n', indent, '  ', ...quote(words[i++] as Arg));
    if (i < words.length && !argText(words[i] as Arg).startsWith('--')) t.add(' ', ...quote(words[i++] as Arg));
  }
  t.add('\n');
}

function shell(p: Plan): Template {
  const t = new Template();
  t.line('#!/usr/bin/env bash');
  header(t, p, p.nodes > 1 ? `launch script, run on each of the ${p.nodes} nodes` : 'launch script');
  t.line('set -euo pipefail');
  if (p.model.gated) t.line(`: "\${HF_TOKEN:?${p.model.id} is gated: export HF_TOKEN=<your Hugging Face token>}"`);
  if (p.nodes > 1) t.line(': "${NODE_RANK:?set NODE_RANK}" "${LEADER_ADDR:?set LEADER_ADDR}"');
  if (p.nodes > 1 && p.engine === 'vllm') {
    t.line(`# NODE_RANK=0 on the head node, 1…${p.nodes - 1} on the others; LEADER_ADDR = the head node's address.`);
    t.line('if [ "$NODE_RANK" != 0 ]; then');
    t.line('  exec ray start --block --address="$LEADER_ADDR:6379"');
    t.line('fi');
    t.line('ray start --head --port=6379');
    t.line(`# Start the ${p.nodes - 1} other node${p.nodes > 2 ? 's' : ''} now; vLLM needs all ${p.tp * p.pp} GPUs in the Ray cluster.`);
  } else if (p.nodes > 1) {
    t.line(`# NODE_RANK=0…${p.nodes - 1}; LEADER_ADDR = the address of the node with rank 0.`);
  }
  const words: Arg[] = [...launcher(p.engine).map((w) => [w] as Arg), ...engineArgs(p, '"$NODE_RANK"')];
  if (p.nodes > 1 && p.engine === 'sglang') words.push(['--dist-init-addr'], ['"$LEADER_ADDR:20000"']);
  shellArgs(t, words, '');
  return t;
}

// ---------------------------------------------------------------------------------------------
// engine config YAML

function engineYaml(p: Plan): { t: Template; fileName: string } {
  const t = new Template();
  const kv = (key: string, ...value: Part[]) => t.line(`${key}: `, ...value);
  if (p.engine === 'vllm') {
    header(t, p, 'vLLM config file');
    t.line('# Run: vllm serve --config vllm-config.yaml (command-line flags override these keys).');
    kv('model', P.model(p));
    kv('host', '"0.0.0.0"');
    kv('port', P.port(p));
    kv('tensor-parallel-size', P.tp(p));
    if (p.pp > 1) kv('pipeline-parallel-size', String(p.pp));
    if (p.dp > 1) kv('data-parallel-size', String(p.dp));
    if (p.nodes > 1) kv('distributed-executor-backend', 'ray');
    kv('max-model-len', P.len(p));
    return { t, fileName: 'vllm-config.yaml' };
  }
  if (p.engine === 'sglang') {
    header(t, p, 'SGLang config file');
    t.line('# Run: python3 -m sglang.launch_server --config sglang-config.yaml (keys are used verbatim as --<key>).');
    if (p.nodes > 1) t.line('# On each node add --node-rank <0…> --dist-init-addr <rank-0 address>:20000.');
    kv('model-path', P.model(p));
    kv('host', '"0.0.0.0"');
    kv('port', P.port(p));
    kv('tp-size', P.tp(p));
    if (p.pp > 1) kv('pp-size', String(p.pp));
    if (p.dp > 1) kv('dp-size', String(p.dp));
    if (p.nodes > 1) kv('nnodes', String(p.nodes));
    kv('context-length', P.len(p));
    return { t, fileName: 'sglang-config.yaml' };
  }
  header(t, p, 'TensorRT-LLM LLM-API options');
  t.line('# Run: trtllm-serve ', P.model(p), ' --host 0.0.0.0 --port ', P.port(p), ' --extra_llm_api_options extra-llm-api-config.yml');
  t.line('# This file OVERRIDES the command line (engine-facts.md §8); keys are LLM-API snake_case.');
  kv('tensor_parallel_size', P.tp(p));
  if (p.pp > 1) kv('pipeline_parallel_size', String(p.pp));
  kv('max_seq_len', P.len(p));
  t.line('kv_cache_config:');
  t.line('  # A share of the memory still FREE after the weights (not of total memory as in vLLM).');
  t.line('  free_gpu_memory_fraction: 0.9');
  return { t, fileName: 'extra-llm-api-config.yml' };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

function gpuResource(p: Plan): string {
  return p.gpu.vendor === 'amd' ? 'amd.com/gpu' : 'nvidia.com/gpu';
}

function k8sEnv(t: Template, p: Plan, i: string): void {
  t.line(`${i}env:`);
  t.line(`${i}  - name: HF_TOKEN`);
  t.line(`${i}    valueFrom:`);
  t.line(`${i}      secretKeyRef:`);
  t.line(`${i}        name: hf-token`);
  t.line(`${i}        key: token`);
  if (!p.model.gated) t.line(`${i}        optional: true`);
}

function k8sProbes(t: Template, p: Plan, i: string): void {
  for (const [probe, extra] of [
    ['startupProbe', ['failureThreshold: 180', 'periodSeconds: 10']],
    ['readinessProbe', ['periodSeconds: 10']],
    ['livenessProbe', ['periodSeconds: 30']],
  ] as const) {
    t.line(`${i}${probe}:`);
    t.line(`${i}  httpGet:`);
    t.line(`${i}    path: /health`);
    t.line(`${i}    port: `, P.port(p));
    for (const e of extra) t.line(`${i}  ${e}`);
  }
}

function k8sResources(t: Template, p: Plan, i: string): void {
  t.line(`${i}resources:`);
  t.line(`${i}  limits:`);
  t.line(`${i}    ${gpuResource(p)}: "${p.gpusPerPod}"`);
}

function k8sMounts(t: Template, i: string): void {
  t.line(`${i}volumeMounts:`);
  t.line(`${i}  - name: hf-cache`);
  t.line(`${i}    mountPath: /root/.cache/huggingface`);
  t.line(`${i}  - name: dshm`);
  t.line(`${i}    mountPath: /dev/shm`);
}

function k8sVolumes(t: Template, i: string, cache: 'pvc' | 'emptyDir'): void {
  t.line(`${i}volumes:`);
  t.line(`${i}  - name: hf-cache`);
  if (cache === 'pvc') {
    t.line(`${i}    persistentVolumeClaim:`);
    t.line(`${i}      claimName: hf-cache`);
  } else {
    t.line(`${i}    emptyDir: {}`);
  }
  t.line(`${i}  - name: dshm`);
  t.line(`${i}    emptyDir:`);
  t.line(`${i}      medium: Memory`);
}

/** A container's command/args: the image's entrypoint serves (vLLM CUDA image) → args only. */
function k8sCommand(t: Template, p: Plan, i: string, rank?: Part): void {
  if (entrypointServes(p)) {
    t.line(`${i}args:`);
    for (const a of engineArgs(p, rank)) t.line(`${i}  - `, ...yamlArg(a));
    return;
  }
  t.line(`${i}command:`);
  for (const a of [...launcher(p.engine).map((w) => [w] as Arg), ...engineArgs(p, rank)]) t.line(`${i}  - `, ...yamlArg(a));
  if (p.engine === 'sglang' && p.nodes > 1) {
    t.line(`${i}  - --dist-init-addr`);
    t.line(`${i}  - $(LWS_LEADER_ADDRESS):20000`);
  }
}

function k8sService(t: Template, p: Plan, name: string, selector: string[]): void {
  t.line('---');
  t.line('apiVersion: v1');
  t.line('kind: Service');
  t.line('metadata:');
  t.line(`  name: ${name}`);
  t.line('spec:');
  t.line('  selector:');
  for (const s of selector) t.line(`    ${s}`);
  t.line('  ports:');
  t.line('    - name: http');
  t.line('      port: ', P.port(p));
  t.line('      targetPort: ', P.port(p));
}

function kubernetes(p: Plan): Template {
  const t = new Template();
  const name = `${p.engine}-server`;
  const weights = p.model.weightsBytes / GiB;
  if (p.nodes > 1) return leaderWorkerSet(p, name);
  header(t, p, 'Kubernetes Deployment, Service and cache volume');
  t.line('# HF_TOKEN comes from a Secret: kubectl create secret generic hf-token --from-literal=token=<your token>');
  t.line('apiVersion: apps/v1');
  t.line('kind: Deployment');
  t.line('metadata:');
  t.line(`  name: ${name}`);
  t.line('spec:');
  t.line('  replicas: 1');
  t.line('  strategy:');
  t.line('    type: Recreate');
  t.line('  selector:');
  t.line('    matchLabels:');
  t.line(`      app: ${name}`);
  t.line('  template:');
  t.line('    metadata:');
  t.line('      labels:');
  t.line(`        app: ${name}`);
  t.line('    spec:');
  t.line('      enableServiceLinks: false');
  t.line('      containers:');
  t.line(`        - name: ${p.engine}`);
  t.line(`          image: ${p.image}`);
  k8sCommand(t, p, '          ');
  k8sEnv(t, p, '          ');
  t.line('          ports:');
  t.line('            - name: http');
  t.line('              containerPort: ', P.port(p));
  k8sProbes(t, p, '          ');
  k8sResources(t, p, '          ');
  k8sMounts(t, '          ');
  k8sVolumes(t, '      ', 'pvc');
  k8sService(t, p, name, [`app: ${name}`]);
  t.line('---');
  t.line('apiVersion: v1');
  t.line('kind: PersistentVolumeClaim');
  t.line('metadata:');
  t.line('  name: hf-cache');
  t.line('spec:');
  t.line('  accessModes:');
  t.line('    - ReadWriteOnce');
  t.line('  resources:');
  t.line('    requests:');
  t.line(`      storage: ${Math.ceil(weights / 10) * 10 + 10}Gi # weights: ${Math.round(weights * 100) / 100} GiB`);
  return t;
}

function leaderWorkerSet(p: Plan, name: string): Template {
  const t = new Template();
  header(t, p, 'LeaderWorkerSet (one leader and workers, one pod per node) and Service');
  t.line('# Needs the LeaderWorkerSet controller (leaderworkerset.x-k8s.io). HF_TOKEN from a Secret:');
  t.line('# kubectl create secret generic hf-token --from-literal=token=<your token>');
  t.line('apiVersion: leaderworkerset.x-k8s.io/v1');
  t.line('kind: LeaderWorkerSet');
  t.line('metadata:');
  t.line(`  name: ${name}`);
  t.line('spec:');
  t.line('  replicas: 1');
  t.line('  leaderWorkerTemplate:');
  t.line(`    size: ${p.nodes}`);
  t.line('    restartPolicy: RecreateGroupOnPodRestart');
  for (const role of ['leader', 'worker'] as const) {
    t.line(`    ${role}Template:`);
    t.line('      metadata:');
    t.line('        labels:');
    t.line(`          role: ${role}`);
    t.line('      spec:');
    t.line('        enableServiceLinks: false');
    t.line('        containers:');
    t.line(`          - name: ${p.engine}-${role}`);
    t.line(`            image: ${p.image}`);
    const i = '            ';
    if (p.engine === 'vllm') {
      const script = '/vllm-workspace/examples/online_serving/multi-node-serving.sh';
      t.line(`${i}command:`);
      t.line(`${i}  - sh`);
      t.line(`${i}  - -c`);
      if (role === 'leader') {
        const serve = [...launcher('vllm').map((w) => [w] as Arg), ...engineArgs(p)].flatMap((a, k) => (k === 0 ? a : [' ', ...a]));
        t.line(`${i}  - "bash ${script} leader --ray_cluster_size=$(LWS_GROUP_SIZE); `, ...serve, '"');
      } else {
        t.line(`${i}  - "bash ${script} worker --ray_address=$(LWS_LEADER_ADDRESS)"`);
      }
    } else {
      k8sCommand(t, p, i, role === 'leader' ? '0' : '$(LWS_WORKER_INDEX)');
    }
    k8sEnv(t, p, i);
    if (role === 'leader') {
      t.line(`${i}ports:`);
      t.line(`${i}  - name: http`);
      t.line(`${i}    containerPort: `, P.port(p));
      k8sProbes(t, p, i);
    }
    k8sResources(t, p, i);
    k8sMounts(t, i);
    k8sVolumes(t, '        ', 'emptyDir');
  }
  k8sService(t, p, name, [`leaderworkerset.sigs.k8s.io/name: ${name}`, 'role: leader']);
  return t;
}

// ---------------------------------------------------------------------------------------------

const LANGUAGE: Record<Target, string> = { compose: 'dockercompose', shell: 'shellscript', kubernetes: 'yaml', 'engine-yaml': 'yaml' };

export function generate(req: GenerateRequest): GeneratedConfig {
  const p = planFor(req);
  let t: Template;
  let fileName: string;
  switch (req.target) {
    case 'compose':
      t = compose(p);
      fileName = 'docker-compose.yml';
      break;
    case 'shell':
      t = shell(p);
      fileName = `serve-${p.engine}.sh`;
      break;
    case 'kubernetes':
      t = kubernetes(p);
      fileName = `${p.engine}-deployment.yaml`;
      break;
    case 'engine-yaml': {
      const r = engineYaml(p);
      t = r.t;
      fileName = r.fileName;
      break;
    }
  }
  return { engine: req.engine, target: req.target, languageId: LANGUAGE[req.target], fileName, text: t.text(), snippet: t.snippet() };
}
