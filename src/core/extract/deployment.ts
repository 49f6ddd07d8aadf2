// Deployment facts of a launch (Invocation.deployment): GPUs reserved, shared memory, published
// ports, volumes, env files, Kubernetes Services and GPU node labels. One builder per context
// (compose service, Kubernetes container + pod spec, `docker run` options, plain environment).
// Nothing is guessed: an interpolated value is recorded with an unknown count/port/target.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import { wordSubSpan } from '../text';
import type { DeclaredPort, Deployment, DeploymentKind, EnvVar, GpuRequest, Span, VisibleDevices, VolumeMount, Word } from '../types';
import { interpolate, mapEntries, mapGet, mapGetEntry, nodeSpan, scalarToWord, seqItems, trimmedWord } from './yamlWords';
import type { K8sEnvValue, TemplateMask, YamlContext } from './yamlWords';

export function emptyDeployment(kind: DeploymentKind, container: boolean): Deployment {
  return { kind, container, gpus: [], visibleDevices: [], devices: [], sharedMemory: [], ports: [], volumes: [], envFiles: [], services: [], gpuProducts: [] };
}

const VISIBLE_DEVICE_VARS = new Set(['CUDA_VISIBLE_DEVICES', 'NVIDIA_VISIBLE_DEVICES', 'HIP_VISIBLE_DEVICES', 'ROCR_VISIBLE_DEVICES']);

/** `0,1` → 2; `all` → 'all'; `none`/`void`/empty → 'none'; unknown → undefined. */
export function visibleDeviceCount(value: string | undefined): VisibleDevices['count'] {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^all$/i.test(v)) return 'all';
  if (v === '' || /^(none|void|-1)$/i.test(v)) return 'none';
  const parts = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return 'none';
  // GPU indices or UUIDs (GPU-…, MIG-…).
  if (!parts.every((p) => /^(\d+|GPU-[0-9a-fA-F-]+|MIG-[\w/-]+)$/.test(p))) return undefined;
  return parts.length;
}

/** CUDA_VISIBLE_DEVICES and friends, from a launch's environment. */
export function visibleDevicesFromEnv(env: EnvVar[] | undefined): VisibleDevices[] {
  const out: VisibleDevices[] = [];
  for (const e of env ?? []) {
    if (!VISIBLE_DEVICE_VARS.has(e.name)) continue;
    out.push({ name: e.name, count: e.unknown ? undefined : visibleDeviceCount(e.value), span: e.valueSpan ?? e.nameSpan });
  }
  return out;
}

/** A deployment for a launch that only has an environment (plain shell). */
export function envDeployment(env: EnvVar[] | undefined, kind: DeploymentKind = 'shell'): Deployment {
  const d = emptyDeployment(kind, false);
  d.visibleDevices = visibleDevicesFromEnv(env);
  return d;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1, b: 1, k: 1024, kb: 1024, ki: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mi: 1024 ** 2, mib: 1024 ** 2,
  g: 1024 ** 3, gb: 1024 ** 3, gi: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, ti: 1024 ** 4, tib: 1024 ** 4,
};

/** `2gb`, `6.15g`, `64m`, `32Gi`, `1073741824` → bytes (Docker units are binary). */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = SIZE_UNITS[(m[2] as string).toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit);
}

/** A container port spec (`8000`, `8000/tcp`, `8000-8010`) → [start, end]. */
function parsePortRange(text: string): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(?:tcp|udp|sctp))?$/i.exec(text.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return a <= b ? [a, b] : undefined;
}

/** The container side of a compose/docker short port spec: `[ip:][host:]container[/proto]`. */
export function containerSideOfPortSpec(text: string): string {
  // IPv6 host addresses are bracketed: `[::1]:8000:8000`.
  const t = text.trim().replace(/^\[[^\]]*\]:/, '');
  const parts = splitColons(t);
  return parts[parts.length - 1] as string;
}

function portFromWord(word: Word, kind: DeclaredPort['kind'], containerSide: boolean): DeclaredPort {
  const w = trimmedWord(word);
  const span = w.text ? wordSubSpan(w, 0, w.text.length) : w.span;
  if (w.unknown && !containerSide) return { kind, span };
  let text = w.text;
  let sub = span;
  if (containerSide) {
    text = containerSideOfPortSpec(w.text);
    const at = w.text.lastIndexOf(text);
    if (at >= 0) sub = wordSubSpan(w, at, at + text.length);
    // `${HOST}:8000`: the container side may be known even when the host side is not.
    if (w.unknown && /\$/.test(text)) return { kind, span: sub };
  }
  const range = parsePortRange(text);
  if (!range) return { kind, span: sub };
  const p: DeclaredPort = { kind, port: range[0], span: sub };
  if (range[1] !== range[0]) p.end = range[1];
  return p;
}

/** Splits on `:` outside `${…}`. */
function splitColons(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      cur += '${';
      i++;
      continue;
    }
    if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

/** `src:target[:mode]` → source and target (container path). */
export function volumeTargetOfSpec(text: string): { source?: string; target?: string } {
  const parts = splitColons(text);
  if (parts.length === 1) return { target: parts[0] };
  // Windows drive letters: `C:\x:/target`.
  if (parts.length >= 3 && /^[A-Za-z]$/.test(parts[0] as string)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  const [source, target] = parts;
  return { source, target };
}

// ---------------------------------------------------------------------------------------------
// compose

type ComposeWord = (node: Scalar) => Word;

function scalarWord(node: unknown, word: ComposeWord): Word | null {
  return isScalar(node) && node.value !== null ? word(node) : null;
}

function countOf(w: Word | null): number | 'all' | undefined {
  if (!w || w.unknown) return undefined;
  const t = w.text.trim();
  if (/^all$/i.test(t)) return 'all';
  if (/^-1$/.test(t)) return 'all';
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}

function vendorOfDriver(driver: string | undefined): GpuRequest['vendor'] {
  if (!driver) return 'nvidia';
  if (/nvidia|cdi/i.test(driver)) return 'nvidia';
  if (/amd|rocm/i.test(driver)) return 'amd';
  return undefined;
}

/** One compose device request (`deploy.resources.reservations.devices[]` or a `gpus:` list item). */
function composeDeviceRequest(item: unknown, yctx: YamlContext, word: ComposeWord, via: string): GpuRequest | null {
  if (!isMap(item)) return null;
  const caps = seqItems(mapGet(item, 'capabilities', yctx), yctx).map((c) => (isScalar(c) ? String(c.value) : ''));
  const driverWord = scalarWord(mapGet(item, 'driver', yctx), word);
  const driver = driverWord && !driverWord.unknown ? driverWord.text : undefined;
  if (caps.length > 0 && !caps.includes('gpu') && !/nvidia|amd/i.test(driver ?? '')) return null;
  const span = nodeSpan(item) ?? { start: 0, end: 0 };
  const vendor = vendorOfDriver(driver);
  const idsEntry = mapGetEntry(item, 'device_ids', yctx);
  if (idsEntry) {
    const ids = seqItems(idsEntry.value, yctx).map((i) => scalarWord(i, word));
    let count: number | undefined = 0;
    for (const w of ids) {
      if (!w || w.unknown) {
        count = undefined;
        break;
      }
      count += w.text.split(',').filter((p) => p.trim() !== '').length;
    }
    return { count, vendor, via: `${via}-device-ids`, span: nodeSpan(idsEntry.value) ?? span };
  }
  const countEntry = mapGetEntry(item, 'count', yctx);
  if (countEntry) {
    return { count: countOf(scalarWord(countEntry.value, word)), vendor, via: `${via}-count`, span: nodeSpan(countEntry.value) ?? span };
  }
  // Neither count nor device_ids: Docker reserves all GPUs.
  return { count: 'all', vendor, via: `${via}-count`, span };
}

/** The deployment facts of one compose service. */
export function composeDeployment(svc: YAMLMap, yctx: YamlContext, word: ComposeWord, env: EnvVar[], name?: string): Deployment {
  const d = emptyDeployment('compose', true);
  if (name) d.name = name;
  if (mapGetEntry(svc, 'build', yctx)) d.builtLocally = true;
  d.visibleDevices = visibleDevicesFromEnv(env);
  // GPUs: deploy.resources.reservations.devices
  const devices = mapGet(mapGet(mapGet(mapGet(svc, 'deploy', yctx), 'resources', yctx), 'reservations', yctx), 'devices', yctx);
  for (const item of seqItems(devices, yctx)) {
    const r = composeDeviceRequest(item, yctx, word, 'compose');
    if (r) d.gpus.push(r);
  }
  // gpus: all | N | [device requests]
  const gpusEntry = mapGetEntry(svc, 'gpus', yctx);
  if (gpusEntry) {
    if (isSeq(gpusEntry.value)) {
      for (const item of seqItems(gpusEntry.value, yctx)) {
        const r = composeDeviceRequest(item, yctx, word, 'compose-gpus');
        if (r) d.gpus.push(r);
      }
    } else {
      const w = scalarWord(gpusEntry.value, word);
      d.gpus.push({ count: countOf(w), vendor: 'nvidia', via: 'compose-gpus', span: nodeSpan(gpusEntry.value) ?? nodeSpan(gpusEntry.keyNode) ?? { start: 0, end: 0 } });
    }
  }
  // runtime: nvidia exposes NVIDIA_VISIBLE_DEVICES (the CUDA images default it to all).
  const runtime = mapGetEntry(svc, 'runtime', yctx);
  const runtimeWord = runtime ? scalarWord(runtime.value, word) : null;
  if (runtime && runtimeWord && (runtimeWord.unknown || /nvidia/i.test(runtimeWord.text))) {
    const nvidiaVisible = d.visibleDevices.find((v) => v.name === 'NVIDIA_VISIBLE_DEVICES');
    const count = runtimeWord.unknown ? undefined : nvidiaVisible ? (nvidiaVisible.count === 'none' ? 0 : nvidiaVisible.count) : 'all';
    d.gpus.push({ count, vendor: 'nvidia', via: 'compose-runtime', span: nvidiaVisible?.span ?? nodeSpan(runtime.value) ?? { start: 0, end: 0 } });
  }
  for (const item of seqItems(mapGet(svc, 'devices', yctx), yctx)) {
    const span = nodeSpan(item);
    if (span) d.devices.push(span);
  }
  // shared memory
  const ipc = mapGetEntry(svc, 'ipc', yctx);
  const ipcWord = ipc ? scalarWord(ipc.value, word) : null;
  if (ipc && ipcWord && !ipcWord.unknown && ipcWord.text.trim() === 'host') d.sharedMemory.push({ via: 'ipc-host', span: nodeSpan(ipc.value) ?? { start: 0, end: 0 } });
  const shm = mapGetEntry(svc, 'shm_size', yctx);
  const shmWord = shm ? scalarWord(shm.value, word) : null;
  if (shm && shmWord) {
    const bytes = shmWord.unknown ? undefined : parseByteSize(shmWord.text);
    d.sharedMemory.push({ via: 'shm-size', bytes, span: nodeSpan(shm.value) ?? { start: 0, end: 0 } });
  }
  // network_mode: host
  const net = mapGetEntry(svc, 'network_mode', yctx);
  const netWord = net ? scalarWord(net.value, word) : null;
  if (net && netWord && !netWord.unknown && netWord.text.trim() === 'host') d.hostNetwork = nodeSpan(net.value) ?? undefined;
  // ports (container side) and expose
  for (const item of seqItems(mapGet(svc, 'ports', yctx), yctx)) {
    if (isMap(item)) {
      const target = mapGet(item, 'target', yctx);
      const w = scalarWord(target, word);
      if (w) d.ports.push(portFromWord(w, 'published', false));
      else d.ports.push({ kind: 'published', span: nodeSpan(item) ?? { start: 0, end: 0 } });
      continue;
    }
    const w = scalarWord(item, word);
    if (w) d.ports.push(portFromWord(w, 'published', true));
  }
  for (const item of seqItems(mapGet(svc, 'expose', yctx), yctx)) {
    const w = scalarWord(item, word);
    if (w) d.ports.push(portFromWord(w, 'expose', false));
  }
  // volumes
  for (const item of seqItems(mapGet(svc, 'volumes', yctx), yctx)) {
    if (isMap(item)) {
      const t = scalarWord(mapGet(item, 'target', yctx), word);
      const s = scalarWord(mapGet(item, 'source', yctx), word);
      const v: VolumeMount = { span: nodeSpan(item) ?? { start: 0, end: 0 } };
      if (t && !t.unknown) v.target = t.text.trim();
      if (s && !s.unknown) v.source = s.text.trim();
      d.volumes.push(v);
      continue;
    }
    const w = scalarWord(item, word);
    if (!w) continue;
    const spec = volumeTargetOfSpec(w.text.trim());
    const v: VolumeMount = { span: nodeSpan(item) ?? w.span };
    if (spec.target !== undefined && !/\$/.test(spec.target)) v.target = spec.target;
    if (spec.source !== undefined) v.source = spec.source;
    d.volumes.push(v);
  }
  // env_file
  const envFile = mapGetEntry(svc, 'env_file', yctx);
  if (envFile) d.envFiles.push(nodeSpan(envFile.value) ?? nodeSpan(envFile.keyNode) ?? { start: 0, end: 0 });
  return d;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

const GPU_RESOURCES: Record<string, GpuRequest['vendor']> = {
  'nvidia.com/gpu': 'nvidia',
  'amd.com/gpu': 'amd',
  'gpu.intel.com/i915': 'intel',
  'gpu.intel.com/xe': 'intel',
  'habana.ai/gaudi': 'intel',
};

/** Node labels whose value names the GPU model. */
const GPU_PRODUCT_LABELS = new Set([
  'nvidia.com/gpu.product',
  'cloud.google.com/gke-accelerator',
  'gpu.nvidia.com/model',
  'gpu.nvidia.com/class',
  'karpenter.k8s.aws/instance-gpu-name',
  'amd.com/gpu.product-name',
  'amd.com/gpu.device-id',
]);

export interface PodContext {
  /** The mapping holding `containers` (a pod spec). */
  pod: YAMLMap | null;
  /** `kind` of the document. */
  objectKind?: string;
  services: { name: string; span: Span }[];
  /** The file is a chart template: parts are unknown. */
  templated: boolean;
}

function k8sScalar(node: unknown, text: string, values: Map<string, K8sEnvValue>, mask?: TemplateMask): Word | null {
  if (!isScalar(node) || node.value === null) return null;
  const raw = scalarToWord(node, text);
  const restored = mask ? mask.restoreWord(raw) : raw;
  return interpolate(restored, 'k8s', { env: values }).word;
}

/** The deployment facts of one Kubernetes container in its pod spec. */
export function k8sDeployment(
  container: YAMLMap,
  ctx: PodContext,
  text: string,
  yctx: YamlContext,
  env: EnvVar[],
  values: Map<string, K8sEnvValue>,
  mask?: TemplateMask,
): Deployment {
  const d = emptyDeployment('kubernetes', true);
  const word = (n: unknown) => k8sScalar(n, text, values, mask);
  const nameWord = word(mapGet(container, 'name', yctx));
  if (nameWord && !nameWord.unknown) d.name = nameWord.text;
  if (ctx.objectKind) d.objectKind = ctx.objectKind;
  if (ctx.templated) d.incomplete = true;
  d.services = ctx.services;
  d.visibleDevices = visibleDevicesFromEnv(env);
  // GPUs: limits first (Kubernetes requires GPU requests to equal limits).
  const resources = mapGet(container, 'resources', yctx);
  for (const section of ['limits', 'requests']) {
    const m = mapGet(resources, section, yctx);
    let found = false;
    for (const e of mapEntries(m, yctx)) {
      const vendor = GPU_RESOURCES[e.key];
      if (!vendor) continue;
      const w = word(e.value);
      d.gpus.push({ count: countOf(w) === 'all' ? undefined : countOf(w), vendor, via: 'k8s-resource', span: nodeSpan(e.value) ?? nodeSpan(e.keyNode) ?? { start: 0, end: 0 } });
      found = true;
    }
    if (found) break;
  }
  const claims = mapGetEntry(resources, 'claims', yctx);
  if (claims) d.gpus.push({ via: 'k8s-claim', span: nodeSpan(claims.value) ?? { start: 0, end: 0 } });
  // ports and probes
  const named = new Map<string, number>();
  for (const p of seqItems(mapGet(container, 'ports', yctx), yctx)) {
    if (!isMap(p)) continue;
    const cp = word(mapGet(p, 'containerPort', yctx));
    if (!cp) continue;
    const port = portFromWord(cp, 'container-port', false);
    const n = word(mapGet(p, 'name', yctx));
    if (n && !n.unknown) {
      port.name = n.text;
      if (port.port !== undefined) named.set(n.text, port.port);
    }
    d.ports.push(port);
  }
  for (const probeKey of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = mapGet(container, probeKey, yctx);
    if (!isMap(probe)) continue;
    for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
      const portNode = mapGet(mapGet(probe, handler, yctx), 'port', yctx);
      const w = word(portNode);
      if (!w) continue;
      const trimmed = trimmedWord(w);
      if (!trimmed.unknown && /^[a-z][a-z0-9-]*$/i.test(trimmed.text) && !/^\d+$/.test(trimmed.text)) {
        const span = wordSubSpan(trimmed, 0, trimmed.text.length);
        const resolved = named.get(trimmed.text);
        d.ports.push(resolved !== undefined ? { kind: 'probe', port: resolved, name: trimmed.text, span } : { kind: 'probe', name: trimmed.text, span });
      } else {
        d.ports.push(portFromWord(w, 'probe', false));
      }
    }
  }
  // volumes: mounts, /dev/shm backed by memory
  const podVolumes = new Map<string, unknown>();
  for (const v of seqItems(mapGet(ctx.pod, 'volumes', yctx), yctx)) {
    const n = mapGet(v, 'name', yctx);
    if (isScalar(n) && n.value !== null) podVolumes.set(String(n.value), v);
  }
  for (const m of seqItems(mapGet(container, 'volumeMounts', yctx), yctx)) {
    if (!isMap(m)) continue;
    const path = word(mapGet(m, 'mountPath', yctx));
    const span = nodeSpan(m) ?? { start: 0, end: 0 };
    const mount: VolumeMount = { span };
    if (path && !path.unknown) mount.target = path.text.trim();
    const volName = mapGet(m, 'name', yctx);
    const vol = isScalar(volName) ? podVolumes.get(String(volName.value)) : undefined;
    if (mount.target === '/dev/shm') {
      const medium = mapGet(mapGet(vol, 'emptyDir', yctx), 'medium', yctx);
      const limit = mapGet(mapGet(vol, 'emptyDir', yctx), 'sizeLimit', yctx);
      if (isScalar(medium) && String(medium.value) === 'Memory') {
        const bytes = isScalar(limit) && limit.value !== null ? parseByteSize(String(limit.value)) : undefined;
        d.sharedMemory.push({ via: 'dev-shm-volume', bytes, span });
      } else if (vol === undefined || !isMap(vol) || !mapGetEntry(vol, 'emptyDir', yctx)) {
        // A host path or other volume at /dev/shm: a deliberate shared-memory mount.
        d.sharedMemory.push({ via: 'dev-shm-volume', span });
      }
    }
    d.volumes.push(mount);
  }
  const envFrom = mapGetEntry(container, 'envFrom', yctx);
  if (envFrom) d.envFiles.push(nodeSpan(envFrom.value) ?? { start: 0, end: 0 });
  // pod-level facts
  const pod = ctx.pod;
  if (pod) {
    const bool = (key: string): { value: boolean; span: Span } | undefined => {
      const e = mapGetEntry(pod, key, yctx);
      if (!e || !isScalar(e.value)) return undefined;
      const v = e.value.value;
      const b = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
      return b === undefined ? undefined : { value: b, span: nodeSpan(e.value) ?? { start: 0, end: 0 } };
    };
    const hostIPC = bool('hostIPC');
    if (hostIPC?.value) d.sharedMemory.push({ via: 'host-ipc', span: hostIPC.span });
    const hostNetwork = bool('hostNetwork');
    if (hostNetwork?.value) d.hostNetwork = hostNetwork.span;
    const links = bool('enableServiceLinks');
    if (links) d.enableServiceLinks = links;
    for (const e of mapEntries(mapGet(pod, 'nodeSelector', yctx), yctx)) {
      if (!GPU_PRODUCT_LABELS.has(e.key)) continue;
      const w = word(e.value);
      if (w && !w.unknown) d.gpuProducts.push({ value: w.text.trim(), span: nodeSpan(e.value) ?? { start: 0, end: 0 } });
    }
    const terms = mapGet(mapGet(mapGet(mapGet(pod, 'affinity', yctx), 'nodeAffinity', yctx), 'requiredDuringSchedulingIgnoredDuringExecution', yctx), 'nodeSelectorTerms', yctx);
    const termItems = seqItems(terms, yctx);
    // Only a single term is a requirement (terms are ORed).
    if (termItems.length === 1) {
      for (const expr of seqItems(mapGet(termItems[0], 'matchExpressions', yctx), yctx)) {
        const key = mapGet(expr, 'key', yctx);
        const op = mapGet(expr, 'operator', yctx);
        if (!isScalar(key) || !GPU_PRODUCT_LABELS.has(String(key.value)) || !isScalar(op) || String(op.value) !== 'In') continue;
        const vals = seqItems(mapGet(expr, 'values', yctx), yctx);
        if (vals.length !== 1) continue;
        const w = word(vals[0]);
        if (w && !w.unknown) d.gpuProducts.push({ value: w.text.trim(), span: nodeSpan(vals[0]) ?? { start: 0, end: 0 } });
      }
    }
  }
  return d;
}

/** Kubernetes Services of a document (`kind: Service`, literal `metadata.name`). */
export function servicesOf(root: unknown, yctx: YamlContext): { name: string; span: Span }[] {
  if (!isMap(root)) return [];
  const kind = mapGet(root, 'kind', yctx);
  if (!isScalar(kind) || String(kind.value) !== 'Service') return [];
  const name = mapGet(mapGet(root, 'metadata', yctx), 'name', yctx);
  if (!isScalar(name) || typeof name.value !== 'string') return [];
  return [{ name: name.value, span: nodeSpan(name) ?? { start: 0, end: 0 } }];
}

// ---------------------------------------------------------------------------------------------
// docker run

export interface DockerOption {
  name: string;
  value?: Word;
  word: Word;
}

/** The deployment facts of `docker run` options. */
export function dockerRunDeployment(options: DockerOption[], env: EnvVar[]): Deployment {
  const d = emptyDeployment('docker-run', true);
  d.visibleDevices = visibleDevicesFromEnv(env);
  let runtimeNvidia: Span | undefined;
  for (const o of options) {
    const v = o.value;
    const span = v ? v.span : o.word.span;
    const text = v && !v.unknown ? v.text.trim() : undefined;
    switch (o.name) {
      case '--gpus': {
        if (!v) break;
        let count: GpuRequest['count'];
        if (text !== undefined) {
          const t = text.replace(/^["']|["']$/g, '');
          const device = /(?:^|,)device=([^"]*)/.exec(t);
          const countMatch = /(?:^|,)count=(\w+)/.exec(t);
          if (/^all$/i.test(t)) count = 'all';
          else if (/^\d+$/.test(t)) count = Number(t);
          else if (device) count = (device[1] as string).split(',').filter((x) => x.trim() !== '').length;
          else if (countMatch) count = countMatch[1] === 'all' ? 'all' : /^\d+$/.test(countMatch[1] as string) ? Number(countMatch[1]) : undefined;
        }
        d.gpus.push({ count, vendor: 'nvidia', via: 'docker-gpus', span });
        break;
      }
      case '--device':
        if (text !== undefined && /^nvidia\.com\/gpu=/.test(text)) {
          const which = text.slice('nvidia.com/gpu='.length);
          d.gpus.push({ count: which === 'all' ? 'all' : /^\d+$/.test(which) ? 1 : undefined, vendor: 'nvidia', via: 'docker-device', span });
        } else d.devices.push(span);
        break;
      case '--runtime':
        if (text === undefined || /nvidia/.test(text)) runtimeNvidia = span;
        break;
      case '--ipc':
        if (text === 'host') d.sharedMemory.push({ via: 'ipc-host', span });
        break;
      case '--shm-size':
        d.sharedMemory.push({ via: 'shm-size', bytes: text !== undefined ? parseByteSize(text) : undefined, span });
        break;
      case '-p':
      case '--publish':
        if (v) d.ports.push(portFromWord(v, 'published', true));
        break;
      case '--expose':
        if (v) d.ports.push(portFromWord(v, 'expose', false));
        break;
      case '--network':
      case '--net':
        if (text === 'host') d.hostNetwork = span;
        break;
      case '-v':
      case '--volume': {
        if (!v) break;
        const spec = volumeTargetOfSpec(v.text.trim());
        const m: VolumeMount = { span };
        if (spec.target !== undefined && !/\$/.test(spec.target)) m.target = spec.target;
        if (spec.source !== undefined) m.source = spec.source;
        d.volumes.push(m);
        break;
      }
      case '--mount': {
        if (!v) break;
        const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(v.text);
        const m: VolumeMount = { span };
        if (target && !/\$/.test(target[1] as string)) m.target = target[1];
        d.volumes.push(m);
        if (/(?:^|,)type=tmpfs/.test(v.text) && target?.[1] === '/dev/shm') d.sharedMemory.push({ via: 'dev-shm-volume', span });
        break;
      }
      case '--env-file':
        d.envFiles.push(span);
        break;
      default:
        break;
    }
  }
  if (runtimeNvidia && d.gpus.length === 0) {
    const nvidiaVisible = d.visibleDevices.find((x) => x.name === 'NVIDIA_VISIBLE_DEVICES');
    d.gpus.push({ count: nvidiaVisible ? (nvidiaVisible.count === 'none' ? 0 : nvidiaVisible.count) : 'all', vendor: 'nvidia', via: 'docker-runtime', span: nvidiaVisible?.span ?? runtimeNvidia });
  }
  return d;
}
