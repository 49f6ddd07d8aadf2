import type { Rule } from './types';
import { deploymentOf } from '../sizing/launch';

/** engine-facts §5: a Service named `vllm` makes Kubernetes inject VLLM_PORT=tcp://…, which vLLM rejects. */
export const vllmServiceName: Rule = {
  meta: {
    id: 'vllm-service-name',
    severity: 'warning',
    summary: 'A Kubernetes Service named `vllm` next to a vLLM pod without `enableServiceLinks: false`: Kubernetes injects VLLM_PORT=tcp://… and vLLM refuses it.',
    fixable: false,
    engines: ['vllm'],
  },
  check(ctx) {
    const dep = deploymentOf(ctx.invocation);
    if (dep.kind !== 'kubernetes' || dep.enableServiceLinks?.value === false) return;
    // A VLLM_PORT set in the container wins over the injected one.
    if ((ctx.invocation.env ?? []).some((e) => e.name === 'VLLM_PORT')) return;
    const service = dep.services.find((s) => s.name === 'vllm');
    if (!service) return;
    ctx.report({
      span: service.span,
      message:
        'A Service named `vllm` makes Kubernetes set VLLM_PORT=tcp://<cluster-ip>:<port> (and VLLM_SERVICE_*) in every pod of the namespace that starts after it. vLLM reads VLLM_PORT as its internal port and stops with "VLLM_PORT … appears to be a URI". Set `enableServiceLinks: false` in the pod spec or rename the Service.',
      related: dep.enableServiceLinks ? [{ span: dep.enableServiceLinks.span, message: 'enableServiceLinks is true here' }] : [{ span: ctx.invocation.span, message: 'the vLLM container' }],
    });
  },
};
