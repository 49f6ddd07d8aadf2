// Helm charts.
// - Chart templates (`{{ … }}`, usually not valid YAML): masked and read like a Kubernetes manifest,
//   never any YAML-syntax issue; words made from template actions are unknown.
// - Values files: vLLM arguments live in chart-specific places. Supported, conservatively:
//   1. vllm-project/production-stack `servingEngineSpec.modelSpec[]` (repository/tag/modelURL +
//      `vllmConfig` keys the chart renders into flags, and `vllmConfig.extraArgs`);
//   2. container-like mappings: `image` (string or {registry, repository, tag}) next to
//      `command`/`args`/`extraArgs` (plain charts, bjw-s app-template `controllers.*.containers.*`);
//   3. a mapping under a vLLM-named key (`vllm:`, `vllmConfig:`) holding an explicit flag list in
//      `args`/`extraArgs`.
//   Anything else yields nothing.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import type { EnvVar, ExtractContext, ExtractResult, Invocation, Span, Word } from '../types';
import { containerEnv, containerImage, extractContainer, extractKubernetes } from './kubernetes';
import {
  hasGoTemplates,
  isVllmImageName,
  mapEntries,
  mapGet,
  mapGetEntry,
  maskGoTemplates,
  nodeSpan,
  parseYaml,
  scalarToWord,
  seqItems,
  syntheticWord,
  walkMaps,
  yamlSyntaxIssues,
} from './yamlWords';
import type { MapEntry, TemplateMask, YamlContext } from './yamlWords';

/** Does the text contain Helm/Go template actions? */
export function isHelmTemplate(text: string): boolean {
  return hasGoTemplates(text);
}

/** A chart template (`templates/*.yaml`): Kubernetes extraction on the masked text, no YAML-syntax issues. */
export async function extractHelmTemplate(text: string, ctx: ExtractContext): Promise<ExtractResult> {
  try {
    const r = await extractKubernetes(text, ctx);
    // extractKubernetes masks templated files itself; a template without actions is plain Kubernetes,
    // but a chart template must never report YAML syntax.
    return { invocations: r.invocations, issues: r.issues.filter((i) => i.ruleId !== 'yaml-syntax') };
  } catch {
    return { invocations: [], issues: [] };
  }
}

/** production-stack `vllmConfig` keys the chart renders into flags (deployment-vllm-multi.yaml). */
const PRODUCTION_STACK_VALUE_FLAGS: Record<string, string> = {
  maxModelLen: '--max-model-len',
  dtype: '--dtype',
  tensorParallelSize: '--tensor-parallel-size',
  maxNumSeqs: '--max-num-seqs',
  gpuMemoryUtilization: '--gpu-memory-utilization',
  maxLoras: '--max-loras',
};
const PRODUCTION_STACK_BOOL_FLAGS: Record<string, string> = {
  enableChunkedPrefill: '--enable-chunked-prefill',
  enablePrefixCaching: '--enable-prefix-caching',
};

function isTrue(node: unknown): boolean | null {
  if (!isScalar(node)) return null;
  if (node.value === true) return true;
  if (node.value === false) return false;
  if (typeof node.value === 'string' && /^(true|false)$/i.test(node.value)) return node.value.toLowerCase() === 'true';
  return null;
}

function valueWords(node: unknown, text: string, yctx: YamlContext, mask?: TemplateMask): Word[] {
  const read = (s: Scalar) => (mask ? mask.restoreWord(scalarToWord(s, text)) : scalarToWord(s, text));
  if (isScalar(node) && node.value !== null) return [read(node)];
  if (isSeq(node)) return seqItems(node, yctx).filter((i): i is Scalar => isScalar(i) && i.value !== null).map(read);
  return [];
}

function keySpan(e: MapEntry): Span {
  return nodeSpan(e.keyNode) ?? { start: 0, end: 0 };
}

/** One production-stack `modelSpec` entry → `vllm serve <modelURL> …`. */
function productionStackModel(spec: YAMLMap, text: string, yctx: YamlContext, mask?: TemplateMask): Invocation | null {
  const modelEntry = mapGetEntry(spec, 'modelURL', yctx);
  if (!modelEntry || !isScalar(modelEntry.value) || modelEntry.value.value === null) return null;
  const args: Word[] = [...valueWords(modelEntry.value, text, yctx, mask)];
  const flag = (e: MapEntry, name: string) => syntheticWord(name, keySpan(e));
  const topBool = (key: string, name: string) => {
    const e = mapGetEntry(spec, key, yctx);
    if (e && isTrue(e.value) === true) args.push(flag(e, name));
  };
  topBool('enableLoRA', '--enable-lora');
  topBool('enableTool', '--enable-auto-tool-choice');
  const parser = mapGetEntry(spec, 'toolCallParser', yctx);
  if (parser && isScalar(parser.value) && parser.value.value) args.push(flag(parser, '--tool-call-parser'), ...valueWords(parser.value, text, yctx, mask));
  const cfg = mapGet(spec, 'vllmConfig', yctx);
  if (isMap(cfg)) {
    for (const e of mapEntries(cfg, yctx)) {
      const boolFlag = PRODUCTION_STACK_BOOL_FLAGS[e.key];
      if (boolFlag) {
        const b = isTrue(e.value);
        if (b === true) args.push(flag(e, boolFlag));
        else if (b === false) args.push(flag(e, `--no-${boolFlag.slice(2)}`));
        continue;
      }
      const valueFlag = PRODUCTION_STACK_VALUE_FLAGS[e.key];
      if (valueFlag && isScalar(e.value) && e.value.value !== null) {
        args.push(flag(e, valueFlag), ...valueWords(e.value, text, yctx, mask));
      }
    }
    const extra = mapGetEntry(cfg, 'extraArgs', yctx);
    if (extra) args.push(...valueWords(extra.value, text, yctx, mask));
  }
  const image = mapGetEntry(spec, 'repository', yctx) ? containerImage(spec, text, yctx, { mask })?.ref : undefined;
  const { env } = containerEnv(mapGet(spec, 'env', yctx), text, yctx, { mask });
  const nameNode = mapGet(spec, 'name', yctx);
  const span = nodeSpan(nameNode) ?? keySpan(modelEntry);
  const inv: Invocation = {
    engine: 'vllm',
    form: 'vllm-serve',
    fileKind: 'yaml',
    args,
    span,
  };
  if (image) inv.image = image;
  if (env.length > 0) inv.env = env;
  if (args.some((a) => a.splat)) inv.incomplete = true;
  return inv;
}

function isFlagList(node: unknown, yctx: YamlContext): boolean {
  const items = seqItems(node, yctx).filter(isScalar);
  if (items.length === 0) return false;
  const first = items[0] as Scalar;
  return typeof first.value === 'string' && first.value.startsWith('-') && items.some((i) => typeof i.value === 'string' && i.value.startsWith('--'));
}

/** A mapping that looks like a container: an image next to command/args/extraArgs. */
function isContainerLike(map: YAMLMap, yctx: YamlContext): boolean {
  if (!mapGetEntry(map, 'image', yctx)) return false;
  const image = mapGet(map, 'image', yctx);
  if (!isScalar(image) && !(isMap(image) && mapGetEntry(image, 'repository', yctx))) return false;
  return ['command', 'args', 'extraArgs'].some((k) => {
    const v = mapGet(map, k, yctx);
    return isSeq(v) || (isScalar(v) && v.value !== null && v.value !== '');
  });
}

async function fromValues(parseText: string, text: string, ctx: ExtractContext, mask?: TemplateMask): Promise<ExtractResult> {
  const result: ExtractResult = { invocations: [], issues: [] };
  const parsed = parseYaml(parseText, { reuse: true });
  if (!mask) result.issues.push(...yamlSyntaxIssues(parsed, text));
  for (const d of parsed.docs) {
    const yctx = d.ctx;
    const jobs: Array<() => Promise<Invocation[]>> = [];
    walkMaps(d.doc.contents, yctx, (map, key) => {
      if (jobs.length >= 200) return false;
      // 1. production-stack modelSpec entry
      if (mapGetEntry(map, 'modelURL', yctx) && (mapGetEntry(map, 'repository', yctx) || mapGetEntry(map, 'vllmConfig', yctx))) {
        jobs.push(async () => {
          const inv = productionStackModel(map, parseText, yctx, mask);
          return inv ? [inv] : [];
        });
        return false;
      }
      // 2. container-like mapping
      if (isContainerLike(map, yctx)) {
        jobs.push(async () => {
          const hasCommand = mapGetEntry(map, 'command', yctx) !== null;
          const r = await extractContainer(map, parseText, yctx, ctx, {
            fileKind: 'yaml',
            mask,
            argsMayBeIncomplete: !hasCommand,
            extraArgsKeys: ['extraArgs'],
          });
          result.issues.push(...r.issues);
          return r.invocations;
        });
        // Keep walking: a values file's root can be container-like and hold other blocks.
        return true;
      }
      // 3. explicit flag list under a vLLM-named key
      if (/vllm/i.test(key)) {
        const listEntry = ['args', 'extraArgs'].map((k) => mapGetEntry(map, k, yctx)).find((e): e is MapEntry => e !== null && isFlagList(e.value, yctx));
        if (listEntry) {
          jobs.push(async () => {
            const args = valueWords(listEntry.value, parseText, yctx, mask);
            const image = containerImage(mapGet(map, 'image', yctx), parseText, yctx, { mask })?.ref;
            const env: EnvVar[] = containerEnv(mapGet(map, 'env', yctx), parseText, yctx, { mask }).env;
            const spans = args.map((a) => a.span);
            const inv: Invocation = {
              engine: 'vllm',
              form: 'image-entrypoint',
              fileKind: 'yaml',
              args,
              incomplete: true,
              span: nodeSpan(listEntry.value) ?? (spans[0] as Span),
            };
            if (image && isVllmImageName(image.name)) inv.image = image;
            if (env.length > 0) inv.env = env;
            return [inv];
          });
          return false;
        }
      }
      return true;
    });
    for (const job of jobs) {
      try {
        result.invocations.push(...(await job()));
      } catch {
        // never throw
      }
    }
  }
  return result;
}

/**
 * Extracts vLLM launches from a Helm values file (see the header for the shapes understood).
 * Values that use `{{ }}` (tpl) are masked and report no YAML syntax. Never throws.
 */
export async function extractHelmValues(text: string, ctx: ExtractContext): Promise<ExtractResult> {
  try {
    if (hasGoTemplates(text)) {
      const mask = maskGoTemplates(text);
      return await fromValues(mask.masked, text, ctx, mask);
    }
    return await fromValues(text, text, ctx, undefined);
  } catch {
    return { invocations: [], issues: [] };
  }
}

/** Helm values file name: `values.yaml`, `values-prod.yml`, `my-values.yaml`, `values/xyz.yaml`. */
export function isHelmValuesFileName(fileName: string): boolean {
  const name = fileName.replace(/\\/g, '/');
  const baseName = name.slice(name.lastIndexOf('/') + 1);
  return /(^|[-_.])values([-_.][^/]*)?\.ya?ml$/i.test(baseName) || /\/values\/[^/]+\.ya?ml$/i.test(name);
}
