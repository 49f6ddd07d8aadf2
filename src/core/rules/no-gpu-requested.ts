import type { Rule } from './types';
import { deploymentOf, engineImage, ENGINE_DEFAULTS } from '../sizing/launch';

/** Kubernetes objects whose GPU requests are written elsewhere (KServe ServingRuntime: in the InferenceService). */
const RESOURCES_ELSEWHERE = /^(ClusterServingRuntime|ServingRuntime|InferenceService|TrainedModel)$/;

/** engine-facts §6: the CUDA image needs a GPU request (`--gpus`, compose device reservation, nvidia.com/gpu). */
export const noGpuRequested: Rule = {
  meta: {
    id: 'no-gpu-requested',
    severity: 'warning',
    summary: 'A container running a CUDA engine image asks for no GPU (no device reservation, gpus:, runtime: nvidia, nvidia.com/gpu or --gpus).',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const dep = deploymentOf(inv);
    if (!dep.container || dep.incomplete || dep.builtLocally) return;
    if (dep.gpus.length > 0 || dep.devices.length > 0) return;
    if (dep.visibleDevices.some((v) => v.name === 'NVIDIA_VISIBLE_DEVICES')) return;
    if (dep.objectKind && RESOURCES_ELSEWHERE.test(dep.objectKind)) return;
    const image = inv.image;
    if (!image || image.unknownTag) return;
    const known = engineImage(image.name);
    if (!known || !known.cuda || known.engine !== inv.engine) return;
    // CPU/ROCm tags of the same repository (`lmsysorg/sglang:…-rocm630`, `…-cpu`).
    if (/cpu|rocm|xpu|tpu|neuron|hpu/i.test(image.tag ?? '')) return;
    const device = ctx.parsed.byKey.get('--device')?.at(-1)?.values[0];
    if (device && (device.unknown || device.text !== 'cuda')) return;
    const how =
      dep.kind === 'kubernetes'
        ? 'a `nvidia.com/gpu` limit under resources.limits'
        : dep.kind === 'docker-run'
          ? '`--gpus all` (or `--runtime nvidia`)'
          : '`deploy.resources.reservations.devices` with `capabilities: [gpu]` (or `gpus: all`)';
    ctx.report({
      span: image.span,
      message: `${ENGINE_DEFAULTS[inv.engine].name} in ${image.name} needs a GPU, but this ${dep.kind === 'kubernetes' ? 'container' : dep.kind === 'docker-run' ? 'docker run' : 'service'} requests none: without ${how} the container sees no GPU and the engine fails at startup. (If another file adds it, e.g. a compose override, ignore this.)`,
    });
  },
};
