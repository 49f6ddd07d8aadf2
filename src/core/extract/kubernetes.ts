// Kubernetes manifests: every `containers` / `initContainers` / `ephemeralContainers` list anywhere
// in any document (Pod, Deployment, StatefulSet, Job, CronJob, LeaderWorkerSet, KServe, Ray, …).
// For each container: a vLLM image without `command` gets `args` as image-entrypoint arguments;
// otherwise `command` + `args` form one argv (or a `sh -c` script). `$(VAR)` references are
// substituted from the container's literal `env` values; envsubst-style `${VAR}` is unknown.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import { parseImageRef } from '../launch';
import { wordSubSpan } from '../text';
import type { EnvVar, ExtractContext, ExtractResult, FileKind, ImageRef, Span, Word } from '../types';
import {
  containerLaunch,
  hasGoTemplates,
  interpolate,
  listArgv,
  mapEntries,
  mapGet,
  mapGetEntry,
  maskGoTemplates,
  nodeSpan,
  parseYaml,
  scalarToWord,
  seqItems,
  trimmedWord,
  walkMaps,
  yamlSyntaxIssues,
} from './yamlWords';
import type { ArgvSource, K8sEnvValue, MapEntry, TemplateMask, YamlContext } from './yamlWords';
import { k8sDeployment, servicesOf } from './deployment';
import type { PodContext } from './deployment';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

export interface ContainerOptions {
  fileKind?: FileKind;
  /** Applied to every word read from the YAML before interpolation (Helm template restoration). */
  mask?: TemplateMask;
  /** Image-entrypoint arguments may be completed by a chart (Helm values): mark launches incomplete. */
  argsMayBeIncomplete?: boolean;
  /** Extra argument nodes appended to `args` (Helm `extraArgs`). */
  extraArgsKeys?: string[];
  /** The pod around the container: fills Invocation.deployment (not for Helm values). */
  pod?: PodContext;
}

function readWord(node: Scalar, text: string, opts: ContainerOptions): Word {
  const w = scalarToWord(node, text);
  return opts.mask ? opts.mask.restoreWord(w) : w;
}

/** A Kubernetes value with `$(VAR)` and envsubst `${VAR}` resolved. */
function k8sWord(node: Scalar, text: string, env: Map<string, K8sEnvValue>, opts: ContainerOptions): Word {
  return interpolate(readWord(node, text, opts), 'k8s', { env }).word;
}

/**
 * A container image: a string (`vllm/vllm-openai:v0.9.2`) or, in Helm values, a mapping
 * `{registry?, repository, tag?}`.
 */
export function containerImage(node: unknown, text: string, yctx: YamlContext, opts: ContainerOptions = {}): { ref: ImageRef; raw: string } | null {
  if (isScalar(node)) {
    if (node.value === null) return null;
    const raw = readWord(node, text, opts);
    const word = trimmedWord(interpolate(raw, 'k8s').word);
    if (word.text === '') return null;
    const ref = parseImageRef(word);
    if (raw.unknown) ref.unknownTag = true;
    return { ref, raw: raw.text };
  }
  if (isMap(node)) {
    const repo = mapGet(node, 'repository', yctx) ?? mapGet(node, 'name', yctx);
    if (!isScalar(repo) || repo.value === null) return null;
    const repoWord = trimmedWord(interpolate(readWord(repo, text, opts), 'k8s').word);
    if (repoWord.text === '') return null;
    const registry = mapGet(node, 'registry', yctx);
    const registryText = isScalar(registry) && registry.value !== null ? String(registry.value).trim() : '';
    const name = registryText && !repoWord.text.startsWith(`${registryText}/`) ? `${registryText}/${repoWord.text}` : repoWord.text;
    const ref: ImageRef = { name, span: repoWord.span };
    const tag = mapGet(node, 'tag', yctx);
    if (isScalar(tag) && tag.value !== null) {
      const tagWord = trimmedWord(interpolate(readWord(tag, text, opts), 'k8s').word);
      if (tagWord.text !== '') {
        ref.tag = tagWord.text;
        ref.tagSpan = wordSubSpan(tagWord, 0, tagWord.text.length);
        if (tagWord.unknown) ref.unknownTag = true;
      }
    }
    if (repoWord.unknown) ref.unknownTag = true;
    const digest = mapGet(node, 'digest', yctx);
    if (isScalar(digest) && typeof digest.value === 'string' && digest.value) ref.digest = digest.value;
    return { ref, raw: repoWord.text };
  }
  return null;
}

/**
 * Container `env`: a list of `{name, value | valueFrom}` (Kubernetes) or a plain mapping (some Helm
 * values). Returns the EnvVars and the map `$(VAR)` references are resolved against; a value may
 * reference variables defined before it.
 */
export function containerEnv(node: unknown, text: string, yctx: YamlContext, opts: ContainerOptions = {}): { env: EnvVar[]; values: Map<string, K8sEnvValue> } {
  const env: EnvVar[] = [];
  const values = new Map<string, K8sEnvValue>();
  const add = (name: string, nameSpan: Span, valueNode: unknown, hasValueFrom: boolean, from?: EnvVar['from']) => {
    if (!name) return;
    if (hasValueFrom || (valueNode !== null && valueNode !== undefined && !isScalar(valueNode))) {
      env.push(from ? { name, unknown: true, nameSpan, from } : { name, unknown: true, nameSpan });
      values.set(name, { unknown: true });
      return;
    }
    if (!isScalar(valueNode) || valueNode.value === null) {
      // No value: the variable is set to the empty string.
      env.push({ name, value: '', nameSpan });
      values.set(name, { value: { text: '', span: nameSpan, offsets: [nameSpan.end] } });
      return;
    }
    const interp = interpolate(readWord(valueNode, text, opts), 'k8s', { env: values });
    const w = interp.word;
    const e: EnvVar = { name, nameSpan, valueSpan: w.text ? wordSubSpan(w, 0, w.text.length) : w.span };
    if (w.unknown) e.unknown = true;
    else e.value = w.text;
    env.push(e);
    values.set(name, w.unknown ? { unknown: true } : { value: w });
  };
  if (isMap(node)) {
    for (const e of mapEntries(node, yctx)) add(e.key, nodeSpan(e.keyNode) ?? { start: 0, end: 0 }, e.value, false);
    return { env, values };
  }
  for (const item of seqItems(node, yctx)) {
    if (!isMap(item)) continue;
    const nameEntry = mapGetEntry(item, 'name', yctx);
    const nameNode = nameEntry?.value;
    if (!isScalar(nameNode) || nameNode.value === null) continue;
    const name = String(nameNode.value);
    const valueFrom = mapGetEntry(item, 'valueFrom', yctx);
    const from: EnvVar['from'] = mapGetEntry(valueFrom?.value, 'secretKeyRef', yctx)
      ? 'secret'
      : mapGetEntry(valueFrom?.value, 'configMapKeyRef', yctx)
        ? 'configmap'
        : valueFrom
          ? 'field'
          : undefined;
    add(name, nodeSpan(nameNode) ?? { start: 0, end: 0 }, mapGet(item, 'value', yctx), valueFrom !== null, from);
  }
  return { env, values };
}

function k8sArgv(entry: MapEntry | null, text: string, yctx: YamlContext, values: Map<string, K8sEnvValue>, opts: ContainerOptions, extra: MapEntry[] = []): ArgvSource | null {
  const sources = [entry, ...extra].filter((e): e is MapEntry => e !== null && e.value !== null && e.value !== undefined);
  if (sources.length === 0) return null;
  const parts: ArgvSource[] = sources.map((e) => {
    const node = e.value;
    if (isSeq(node)) {
      return listArgv(
        node,
        yctx,
        (item) => k8sWord(item, text, values, opts),
        (item) => interpolate(scalarToWord(item, text), 'k8s-script', { env: values }).word,
      );
    }
    if (isScalar(node) && node.value !== null) {
      // Not valid Kubernetes (command/args are lists), but a lone string is one argv element.
      const w = k8sWord(node, text, values, opts);
      return {
        words: [w],
        span: nodeSpan(node),
        isString: false,
        script: () => interpolate(scalarToWord(node, text), 'k8s-script', { env: values }).word,
      };
    }
    return { words: [], span: nodeSpan(node), isString: false, script: () => null };
  });
  if (parts.length === 1) return parts[0] as ArgvSource;
  const words: Word[] = [];
  const origin: Array<{ part: ArgvSource; index: number }> = [];
  for (const p of parts) p.words.forEach((w, index) => (words.push(w), origin.push({ part: p, index })));
  const spans = parts.map((p) => p.span).filter((s): s is Span => s !== null);
  return {
    words,
    span: spans.length ? { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) } : null,
    isString: false,
    script: (i) => {
      const o = origin[i];
      return o ? o.part.script(o.index) : null;
    },
  };
}

/** The vLLM launch of one Kubernetes-style container mapping. */
export async function extractContainer(container: YAMLMap, text: string, yctx: YamlContext, ctx: ExtractContext, opts: ContainerOptions = {}): Promise<ExtractResult> {
  const fileKind = opts.fileKind ?? 'kubernetes';
  const image = containerImage(mapGet(container, 'image', yctx), text, yctx, opts);
  const { env, values } = containerEnv(mapGet(container, 'env', yctx), text, yctx, opts);
  const extra = (opts.extraArgsKeys ?? []).map((k) => mapGetEntry(container, k, yctx)).filter((e): e is MapEntry => e !== null);
  const commandEntry = mapGetEntry(container, 'command', yctx);
  const argsEntry = mapGetEntry(container, 'args', yctx);
  const nameNode = mapGet(container, 'name', yctx);
  const fallbackSpan = nodeSpan(nameNode) ?? nodeSpan(mapGetEntry(container, 'image', yctx)?.value) ?? nodeSpan(container) ?? { start: 0, end: 0 };
  let entrypoint = k8sArgv(commandEntry, text, yctx, values, opts);
  // `command: []` is the same as no command: the image's ENTRYPOINT runs.
  if (entrypoint && entrypoint.words.length === 0) entrypoint = null;
  const command = k8sArgv(argsEntry, text, yctx, values, opts, extra);
  const r = await containerLaunch(
    {
      fileKind,
      image: image?.ref,
      imageText: image?.raw,
      env,
      entrypoint,
      command,
      fallbackSpan,
      argsMayBeIncomplete: opts.argsMayBeIncomplete,
    },
    ctx,
  );
  const out = opts.mask ? opts.mask.restoreResult(r) : r;
  if (opts.pod) {
    for (const inv of out.invocations) {
      inv.deployment = k8sDeployment(container, opts.pod, text, yctx, inv.env ?? env, values, opts.mask);
      inv.deployment.launchesInContainer = out.invocations.length;
    }
  }
  return out;
}

async function extractFromText(parseText: string, text: string, ctx: ExtractContext, mask: TemplateMask | undefined): Promise<ExtractResult> {
  const result: ExtractResult = { invocations: [], issues: [] };
  const parsed = parseYaml(parseText);
  if (!mask) result.issues.push(...yamlSyntaxIssues(parsed, text));
  // Services anywhere in the file (a Service named `vllm` injects VLLM_PORT into pods).
  const services = parsed.docs.flatMap((d) => servicesOf(d.doc.contents, d.ctx));
  for (const d of parsed.docs) {
    const containers: Array<{ c: YAMLMap; pod: YAMLMap }> = [];
    const seen = new Set<unknown>();
    walkMaps(d.doc.contents, d.ctx, (map) => {
      for (const e of mapEntries(map, d.ctx)) {
        if (!CONTAINER_LISTS.has(e.key)) continue;
        for (const c of seqItems(e.value, d.ctx)) {
          if (isMap(c) && !seen.has(c)) {
            seen.add(c);
            containers.push({ c, pod: map });
          }
        }
      }
    });
    const kindNode = mapGet(d.doc.contents, 'kind', d.ctx);
    const objectKind = isScalar(kindNode) && typeof kindNode.value === 'string' ? kindNode.value : undefined;
    for (const { c, pod } of containers.slice(0, 500)) {
      try {
        const r = await extractContainer(c, parseText, d.ctx, ctx, { mask, pod: { pod, objectKind, services, templated: mask !== undefined } });
        result.invocations.push(...r.invocations);
        result.issues.push(...r.issues);
      } catch {
        // one broken container never hides the others
      }
    }
  }
  return result;
}

/**
 * Extracts the vLLM launches of a Kubernetes manifest (multi-document). A file with Helm `{{ … }}`
 * actions is handled as a chart template: masked before parsing, no YAML-syntax issues. Never throws.
 */
export async function extractKubernetes(text: string, ctx: ExtractContext): Promise<ExtractResult> {
  try {
    if (hasGoTemplates(text)) {
      const mask = maskGoTemplates(text);
      return await extractFromText(mask.masked, text, ctx, mask);
    }
    return await extractFromText(text, text, ctx, undefined);
  } catch {
    return { invocations: [], issues: [] };
  }
}
