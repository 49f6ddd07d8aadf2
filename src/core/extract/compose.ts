// docker-compose files: every service that launches vLLM, through the image's entrypoint
// (`image: vllm/vllm-openai` + `command: [args]`), an explicit `entrypoint`/`command` argv, or a
// `bash -c` script. Anchors, `<<:` merge keys, `x-` fields and `${VAR:-default}` interpolation resolved.
import { isMap, isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import { parseImageRef } from '../launch';
import { wordSubSpan } from '../text';
import type { EnvVar, ExtractContext, ExtractResult, ImageRef, Span, Word } from '../types';
import { splitShellWords } from './shellwords';
import { composeDeployment } from './deployment';
import {
  containerLaunch,
  interpolate,
  listArgv,
  mapEntries,
  mapGet,
  mapGetEntry,
  nodeSpan,
  parseYaml,
  scalarToWord,
  seqItems,
  soleUnknownMark,
  trimmedWord,
  yamlSyntaxIssues,
} from './yamlWords';
import type { ArgvSource, MapEntry, YamlContext } from './yamlWords';

/** Top-level keys of a compose file that are not services (for files without `services:`). */
const TOP_LEVEL = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'models']);

/** A compose value with interpolation applied (no splitting). */
export function composeWord(node: Scalar, text: string): Word {
  return interpolate(scalarToWord(node, text), 'compose').word;
}

/** Parses a compose `image:` value, interpolation included (`vllm/vllm-openai:${TAG:-v0.9.2}` has tag v0.9.2). */
export function composeImage(node: unknown, text: string): { ref: ImageRef; raw: string } | null {
  if (!isScalar(node) || node.value === null) return null;
  const raw = scalarToWord(node, text);
  const word = trimmedWord(interpolate(raw, 'compose').word);
  if (word.text === '') return null;
  return { ref: parseImageRef(word), raw: raw.text };
}

/** `command` / `entrypoint` as an argv: a list, or a string split the way Compose splits it. */
export function composeArgv(entry: MapEntry | null, text: string, yctx: YamlContext): ArgvSource | null {
  if (!entry) return null;
  const node = entry.value;
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    if (node.value === null) return null;
    const raw = scalarToWord(node, text);
    const interp = interpolate(raw, 'compose', { splitContext: true });
    let words: Word[];
    if (soleUnknownMark(interp)) {
      // `command: ${VLLM_ARGS}`: the whole argument list is in one variable.
      words = [{ ...trimmedWord(interp.word), unknown: true, splat: true }];
    } else {
      words = splitShellWords(interp.word, interp.marks);
    }
    return {
      words,
      span: nodeSpan(node),
      isString: true,
      script: (index) => words[index] ?? null,
      wholeScript: () => trimmedWord(interpolate(raw, 'compose-script').word),
    };
  }
  return listArgv(
    node,
    yctx,
    (item) => composeWord(item, text),
    (item) => interpolate(scalarToWord(item, text), 'compose-script').word,
  );
}

function envFromAssignmentWord(w: Word, marks: Array<{ start: number; end: number; kind: string }>): EnvVar | null {
  const eq = w.text.indexOf('=');
  if (eq === 0) return null;
  if (eq < 0) {
    // `- NAME`: the value comes from the host environment.
    const name = w.text.trim();
    return name ? { name, unknown: true, nameSpan: w.span, from: 'host' } : null;
  }
  const unknown = marks.some((m) => m.kind === 'unknown' && m.end > eq + 1);
  const env: EnvVar = {
    name: w.text.slice(0, eq),
    nameSpan: wordSubSpan(w, 0, eq),
    valueSpan: wordSubSpan(w, eq + 1, w.text.length),
  };
  if (unknown) env.unknown = true;
  else env.value = w.text.slice(eq + 1);
  return env;
}

/** compose `environment:` as a list of `NAME=value` or a mapping. */
export function composeEnv(node: unknown, text: string, yctx: YamlContext): EnvVar[] {
  const out: EnvVar[] = [];
  if (isMap(node)) {
    for (const e of mapEntries(node, yctx)) {
      const nameSpan = nodeSpan(e.keyNode) ?? { start: 0, end: 0 };
      const v = e.value;
      if (!isScalar(v) || v.value === null) {
        // `NAME:` with no value: passed through from the host environment.
        out.push({ name: e.key, unknown: true, nameSpan, from: 'host' });
        continue;
      }
      const interp = interpolate(scalarToWord(v, text), 'compose');
      const env: EnvVar = { name: e.key, nameSpan, valueSpan: interp.word.text ? wordSubSpan(interp.word, 0, interp.word.text.length) : interp.word.span };
      if (interp.word.unknown) env.unknown = true;
      else env.value = interp.word.text;
      out.push(env);
    }
    return out;
  }
  for (const item of seqItems(node, yctx)) {
    if (!isScalar(item) || item.value === null) continue;
    const interp = interpolate(scalarToWord(item, text), 'compose');
    const env = envFromAssignmentWord(interp.word, interp.marks);
    if (env) out.push(env);
  }
  return out;
}

async function extractService(name: MapEntry, text: string, yctx: YamlContext, ctx: ExtractContext): Promise<ExtractResult> {
  const svc = name.value;
  const empty: ExtractResult = { invocations: [], issues: [] };
  if (!isMap(svc)) return empty;
  const image = composeImage(mapGet(svc, 'image', yctx), text);
  const env = composeEnv(mapGet(svc, 'environment', yctx), text, yctx);
  const keySpan: Span = nodeSpan(name.keyNode) ?? { start: 0, end: 0 };
  const r = await containerLaunch(
    {
      fileKind: 'compose',
      image: image?.ref,
      imageText: image?.raw,
      env,
      entrypoint: composeArgv(mapGetEntry(svc, 'entrypoint', yctx), text, yctx),
      command: composeArgv(mapGetEntry(svc, 'command', yctx), text, yctx),
      fallbackSpan: keySpan,
    },
    ctx,
  );
  // What the service runs in: GPUs, shared memory, ports, volumes (extract/deployment.ts).
  for (const inv of r.invocations) {
    inv.deployment = composeDeployment(svc, yctx, (n) => composeWord(n, text), inv.env ?? env, name.key);
    inv.deployment.launchesInContainer = r.invocations.length;
  }
  return r;
}

/** Extracts the vLLM launches of a docker-compose file. Never throws. */
export async function extractCompose(text: string, ctx: ExtractContext): Promise<ExtractResult> {
  const result: ExtractResult = { invocations: [], issues: [] };
  try {
    const parsed = parseYaml(text);
    result.issues.push(...yamlSyntaxIssues(parsed, text));
    for (const d of parsed.docs) {
      const yctx = d.ctx;
      const root = d.doc.contents;
      if (!isMap(root)) continue;
      const services = mapGet(root, 'services', yctx);
      let entries: MapEntry[];
      if (isMap(services)) {
        entries = mapEntries(services, yctx);
      } else if (services === null && !mapGetEntry(root, 'services', yctx)) {
        // Compose v1: services at the top level.
        entries = mapEntries(root, yctx).filter(
          (e) => !TOP_LEVEL.has(e.key) && !e.key.startsWith('x-') && isMap(e.value) && ['image', 'build', 'command', 'entrypoint'].some((k) => mapGetEntry(e.value, k, yctx)),
        );
      } else {
        entries = [];
      }
      for (const e of entries) {
        if (e.key.startsWith('x-')) continue;
        try {
          const r = await extractService(e, text, yctx, ctx);
          result.invocations.push(...r.invocations);
          result.issues.push(...r.issues);
        } catch {
          // one broken service never hides the others
        }
      }
    }
  } catch {
    // total
  }
  return result;
}
