import type { Rule } from './types';
import { valueSpan } from '../text';
import { deploymentOf, ENGINE_DEFAULTS } from '../sizing/launch';
import { gpusNeeded, visibleGpus } from '../sizing/gpus';

/**
 * engine-facts §2: on one node TP × PP must not exceed the visible GPUs (vLLM raises a ValueError);
 * more GPUs reserved than the launch uses is waste.
 */
export const gpuCountMismatch: Rule = {
  meta: {
    id: 'gpu-count-mismatch',
    severity: 'warning',
    summary: 'The GPUs a container reserves (or CUDA_VISIBLE_DEVICES lists) do not match tensor × pipeline (× data) parallel sizes.',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const dep = deploymentOf(ctx.invocation);
    const visible = visibleGpus(dep);
    if (!visible || visible.count === 'all') return;
    const needed = gpusNeeded(ctx.parsed, ctx.invocation.engine);
    if (!needed) return;
    const engine = ENGINE_DEFAULTS[ctx.invocation.engine].name;
    const gpus = (n: number) => `${n} GPU${n === 1 ? '' : 's'}`;
    if (needed.count > visible.count) {
      if (visible.count === 0) return; // no-gpu-requested / an explicit "none" is another problem
      const at = needed.word ? valueSpan(needed.word) : (ctx.invocation.launcherSpan ?? ctx.invocation.span);
      ctx.report({
        span: at,
        message: `${needed.formula} needs ${gpus(needed.count)} on this node, but ${visible.how} gives the ${dep.container ? 'container' : 'process'} ${gpus(visible.count)}: ${engine} stops at startup (vLLM: "World size … is larger than the number of available GPUs"). Reserve ${gpus(needed.count)} or lower the parallel size.`,
        related: [{ span: visible.span, message: `${gpus(visible.count)} here` }],
      });
      return;
    }
    // Reserving more than one launch uses leaves GPUs idle (only when the container runs one launch).
    if (needed.count < visible.count && dep.container && (dep.launchesInContainer ?? 1) === 1 && visible.how !== 'CUDA_VISIBLE_DEVICES') {
      ctx.report({
        span: visible.span,
        message: `${visible.how} reserves ${gpus(visible.count)} but the launch uses ${gpus(needed.count)} (${needed.formula}): the other ${gpus(visible.count - needed.count)} sit idle and cannot be scheduled for anything else. Reserve ${gpus(needed.count)} or raise the parallel size.`,
        related: needed.word ? [{ span: valueSpan(needed.word), message: `${needed.formula}` }] : undefined,
      });
    }
  },
};
