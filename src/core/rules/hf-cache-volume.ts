import type { Rule } from './types';
import { valueSpan } from '../text';
import { deploymentOf, envValue, isHubId, modelWord } from '../sizing/launch';

const DEFAULT_CACHES = ['/root/.cache/huggingface', '/home/vllm/.cache/huggingface'];
const CACHE_VARS = ['HF_HOME', 'HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'TRANSFORMERS_CACHE'];

function norm(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

function related(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  return x === y || y.startsWith(`${x}/`) || x.startsWith(`${y}/`);
}

/** engine-facts §6: mount the Hugging Face cache so the weights are not downloaded on every start. */
export const hfCacheVolume: Rule = {
  meta: {
    id: 'hf-cache-volume',
    severity: 'info',
    summary: 'A container downloads a Hub model but mounts no volume at the Hugging Face cache: every new container downloads the weights again.',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const dep = deploymentOf(inv);
    if (!dep.container || dep.incomplete) return;
    if (dep.objectKind && /ServingRuntime|InferenceService/.test(dep.objectKind)) return;
    const model = modelWord(ctx.parsed, inv.engine);
    if (!isHubId(model)) return;
    const offline = envValue(inv, 'HF_HUB_OFFLINE');
    if (offline && (offline.unknown || /^(1|true)$/i.test(offline.value ?? ''))) return;
    const caches = [...DEFAULT_CACHES];
    for (const name of CACHE_VARS) {
      const v = envValue(inv, name);
      if (!v) continue;
      if (v.unknown || v.value === undefined) return;
      caches.push(v.value);
    }
    const download = ctx.parsed.byKey.get('--download-dir')?.at(-1)?.values[0];
    if (download) {
      if (download.unknown) return;
      caches.push(download.text);
    }
    for (const v of dep.volumes) {
      if (v.target === undefined) return; // an interpolated mount may be the cache
      if (/huggingface/i.test(v.target) || caches.some((c) => related(c, v.target as string))) return;
    }
    ctx.report({
      span: valueSpan(model),
      message: `${model.text} is downloaded from the Hugging Face Hub into the container, but no volume is mounted at the cache (${DEFAULT_CACHES[0]}${caches.length > DEFAULT_CACHES.length ? ` or ${caches.slice(DEFAULT_CACHES.length).join(', ')}` : ''}): every new container downloads the weights again. Mount a volume there.`,
    });
  },
};
