import type { Rule } from './types';
import { valueSpan } from '../text';
import { deploymentOf, ENGINE_DEFAULTS, isLoopbackHost, setting } from '../sizing/launch';

/** engine-facts §9.9: SGLang binds 127.0.0.1 and trtllm-serve localhost by default; vLLM all interfaces. */
export const loopbackBind: Rule = {
  meta: {
    id: 'loopback-bind',
    severity: 'warning',
    summary: 'In a container with published ports, the server binds a loopback address (--host 127.0.0.1/localhost, or the SGLang/trtllm-serve default), so nothing outside reaches it.',
    fixable: true,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const dep = deploymentOf(inv);
    if (!dep.container || dep.hostNetwork || dep.ports.length === 0) return;
    const defaults = ENGINE_DEFAULTS[inv.engine];
    const host = setting(ctx.parsed, inv.engine, 'host');
    const reachable = 'only processes inside the container can connect; the published/probed ports and other pods get "connection refused"';
    if (host) {
      if (host.word.unknown || !isLoopbackHost(host.word.text)) return;
      ctx.report({
        span: valueSpan(host.word),
        message: `${host.flag.display} ${host.word.text} listens on the container's loopback interface: ${reachable}. Use 0.0.0.0.`,
        fixes: [{ title: 'Listen on 0.0.0.0', edits: [{ span: valueSpan(host.word), newText: '0.0.0.0' }] }],
      });
      return;
    }
    if (!defaults.hostIsLoopback || ctx.parsed.incomplete) return;
    const at = inv.launcherSpan ?? inv.span;
    ctx.report({
      span: at,
      message: `${defaults.name} binds ${defaults.host} unless --host is given: ${reachable}. Add --host 0.0.0.0.`,
      related: dep.ports.slice(0, 3).map((p) => ({ span: p.span, message: `port ${p.port ?? p.name ?? '?'}` })),
    });
  },
};
