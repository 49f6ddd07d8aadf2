// The wizard's only door to the advisor (src/core/advisor): recommend, generate, the quick questions
// and the choices the forms offer. Everything the panel and the quick flow show comes through here.
import { advisorInputSchema, generateConfig, listGpus, listModels, quickQuestions, recommend } from '../../core/advisor/index';
import type { AdvisorInput, EngineId, GeneratedConfig, QuickQuestion, Recommendation, Target } from '../../core/advisor/index';
import type { QuestionView } from '../../webview/messages';

export { quickQuestions, recommend };

export interface Choice {
  /** The value sent to the advisor (GPU id, Hub id). */
  id: string;
  label: string;
  detail?: string;
}

export const ENGINE_NAMES: Record<EngineId, string> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };

export const TARGETS: Array<{ id: Target; label: string }> = [
  { id: 'compose', label: 'Docker Compose' },
  { id: 'shell', label: 'Shell script' },
  { id: 'kubernetes', label: 'Kubernetes' },
  { id: 'engine-yaml', label: 'Engine config YAML' },
];

export function gpuChoices(): Choice[] {
  return listGpus().map((g) => ({
    id: g.id,
    label: g.name,
    detail: `${Math.round(g.memoryGiB)} GiB · ${g.engines.map((e) => ENGINE_NAMES[e]).join(', ')}`,
  }));
}

export function modelChoices(): Choice[] {
  return listModels().map((m) => ({
    id: m.id,
    label: m.id,
    detail: `${m.family} · ${m.parametersB} B parameters${m.gated ? ' · gated' : ''}`,
  }));
}

/** The option that sets nothing but the advisor's defaults (e.g. "Within weeks", "No"), else the first. */
export function defaultOption(q: QuickQuestion): number {
  const defaults = advisorInputSchema.parse({ model: 'm', gpu: 'g' }) as Record<string, unknown>;
  const i = q.options.findIndex((o) => Object.entries(o.input).every(([k, v]) => defaults[k] === v));
  return i < 0 ? 0 : i;
}

export function questionViews(): QuestionView[] {
  return quickQuestions().map((q) => ({
    id: q.id,
    question: q.question,
    blogAnswer: q.blogAnswer,
    options: q.options.map((o) => o.label),
    defaultIndex: defaultOption(q),
    correction: q.correction,
  }));
}

/** A config for the engine and target, sized as the recommendation says. */
export function configFor(engine: EngineId, target: Target, input: AdvisorInput, recommendation: Recommendation): GeneratedConfig {
  return generateConfig({
    engine,
    target,
    model: input.model,
    gpu: input.gpu,
    gpuCount: recommendation.sizing.gpuCount,
    tensorParallelSize: recommendation.sizing.tensorParallelSize,
    ...(input.deployment ? { deployment: input.deployment } : {}),
    ...(input.parametersB !== undefined ? { parametersB: input.parametersB } : {}),
  });
}
