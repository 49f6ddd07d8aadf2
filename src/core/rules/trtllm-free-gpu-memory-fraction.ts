import type { Rule } from './types';
import type { SpanFix } from '../types';
import { valueSpan } from '../text';
import { parseFloatValue } from '../values';
import { replaceWordText } from '../fixes';

/** Where the setting can be written: trtllm-serve serve (alias), trtllm-serve grpc, the LLM-API YAML. */
const KEYS = ['--free_gpu_memory_fraction', '--kv_cache_free_gpu_memory_fraction', '--kv_cache_config.free_gpu_memory_fraction'];

/**
 * TensorRT-LLM's KV-cache memory fraction: KvCacheConfig's validator requires 0 ≤ v ≤ 1
 * (engine-facts.md §8). It is a share of the memory still FREE after the weights and buffers are
 * loaded, not of total memory like vLLM's --gpu-memory-utilization or SGLang's --mem-fraction-static.
 */
export const trtllmFreeGpuMemoryFraction: Rule = {
  meta: {
    id: 'trtllm-free-gpu-memory-fraction',
    severity: 'error',
    summary: 'TensorRT-LLM free_gpu_memory_fraction outside [0, 1]: the KvCacheConfig validator refuses it.',
    fixable: true,
    engines: ['trtllm'],
  },
  check(ctx) {
    for (const key of KEYS) {
      const flag = ctx.parsed.byKey.get(key)?.at(-1);
      const word = flag?.values[0];
      if (!flag || !word || word.unknown) continue;
      const value = parseFloatValue(word.text);
      if (value === undefined || (value >= 0 && value <= 1)) continue;
      const fixes: SpanFix[] = [];
      if (value >= 10 && value <= 100) {
        const fraction = String(Number((value / 100).toFixed(4)));
        fixes.push({ title: `Use ${fraction} (${word.text}% as a fraction)`, edits: [replaceWordText(word, fraction)], preferred: true });
      }
      ctx.report({
        span: valueSpan(word),
        message: `${flag.display} ${word.text} is outside [0, 1]; TensorRT-LLM's KvCacheConfig validator refuses it at startup. It is the share of the GPU memory still FREE after the weights and buffers are loaded that goes to the KV cache (default 0.9), not a share of total memory like vLLM's --gpu-memory-utilization or SGLang's --mem-fraction-static.`,
        fixes,
      });
    }
  },
};
