import type { Rule } from './types';
import type { DeclaredPort } from '../types';
import { valueSpan } from '../text';
import { deploymentOf, ENGINE_DEFAULTS, intSetting, setting } from '../sizing/launch';

const KIND: Record<DeclaredPort['kind'], string> = {
  published: 'published port',
  expose: 'exposed port',
  'container-port': 'containerPort',
  probe: 'probe port',
};

function covers(p: DeclaredPort, port: number): boolean {
  return p.port !== undefined && port >= p.port && port <= (p.end ?? p.port);
}

/** The engine listens on --port (vLLM 8000, SGLang 30000, trtllm-serve 8000 by default). */
export const portMismatch: Rule = {
  meta: {
    id: 'port-mismatch',
    severity: 'warning',
    summary: "The engine's port (--port or its default) is not among the container ports the file publishes, declares or probes.",
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const dep = deploymentOf(inv);
    if (!dep.container || dep.hostNetwork || dep.ports.length === 0) return;
    const defaults = ENGINE_DEFAULTS[inv.engine];
    const written = setting(ctx.parsed, inv.engine, 'port');
    let port: number;
    if (written) {
      const v = intSetting(ctx.parsed, inv.engine, 'port');
      if (!v) return;
      port = v.value;
    } else {
      if (ctx.parsed.incomplete) return;
      port = defaults.port;
    }
    const where = written ? `${written.flag.display} ${port}` : `${defaults.name}'s default port ${port}`;
    const at = written ? valueSpan(written.word) : (inv.launcherSpan ?? inv.span);
    // Published/declared ports: the engine port must be one of them.
    const declared = dep.ports.filter((p) => p.kind !== 'probe');
    if (declared.length > 0 && declared.every((p) => p.port !== undefined) && !declared.some((p) => covers(p, port))) {
      const list = declared.map((p) => (p.end ? `${p.port}-${p.end}` : String(p.port))).join(', ');
      ctx.report({
        span: at,
        message: `The server listens on ${where}, but the container ${declared.length === 1 ? KIND[declared[0]!.kind] + ' is' : 'ports are'} ${list}: requests to ${list.includes(',') ? 'them' : 'it'} reach nothing. Make them match.`,
        related: declared.map((p) => ({ span: p.span, message: `${KIND[p.kind]} ${p.port}` })),
      });
    }
    // Probes that knock on another port fail, and Kubernetes restarts or never readies the pod.
    for (const p of dep.ports) {
      if (p.kind !== 'probe' || p.port === undefined || covers(p, port)) continue;
      ctx.report({
        span: p.span,
        message: `This probe checks port ${p.port}${p.name ? ` (${p.name})` : ''}, but the server listens on ${where}: the probe never succeeds, so the pod is restarted or never becomes ready.`,
        related: written ? [{ span: valueSpan(written.word), message: `${written.flag.display} ${port}` }] : undefined,
      });
    }
  },
};
