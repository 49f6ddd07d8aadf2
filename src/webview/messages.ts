// The wizard's message protocol, shared by the extension host (src/extension/wizard/panel.ts) and the
// webview (src/webview/main.ts). Every message in both directions, and the state the webview persists
// with setState (which the panel serializer hands back after a reload), is parsed with these schemas;
// anything else is dropped. The webview never sends text that ends up in a document or a command:
// it names an engine and a target, and the host generates the config from its own last result.
import { z } from 'zod';
import { advisorInputSchema, engineIdSchema, reasonSchema, recommendationSchema, targetSchema } from '../core/advisor/types';

export { VIEW_TYPE } from './viewType';

const questionIdSchema = z.enum(['fast-launch', 'hardware', 'budget', 'scale']);

/** Quick mode: the model, and one option index per question of the core's quickQuestions(). */
export const quickAnswersSchema = z.object({
  model: z.string().trim().min(1).max(200),
  parametersB: z.number().positive().max(10000).optional(),
  gpuCount: z.number().int().min(1).max(1024).default(1),
  choices: z.partialRecord(questionIdSchema, z.number().int().min(0).max(50)),
});
export type QuickAnswers = z.input<typeof quickAnswersSchema>;

export const choiceSchema = z.object({ id: z.string().max(200), label: z.string().max(200), detail: z.string().max(300).optional() });

/** A quick question as the page shows it (the answers' AdvisorInput fields stay in the host). */
export const questionViewSchema = z.object({
  id: questionIdSchema,
  question: z.string().max(300),
  blogAnswer: z.string().max(300),
  options: z.array(z.string().max(200)).min(1).max(50),
  defaultIndex: z.number().int().min(0),
  correction: reasonSchema,
});
export type QuestionView = z.infer<typeof questionViewSchema>;

/** Form fields as typed (strings), so a half-filled form survives a reload exactly: `model`, `gpu`, `q:budget`… */
export const formFieldSchema = z.string().regex(/^[A-Za-z][\w:-]{0,39}$/);
export const formSchema = z.record(formFieldSchema, z.string().max(200)).refine((f) => Object.keys(f).length <= 40, 'too many fields');

export const resultSchema = z.object({ input: advisorInputSchema, recommendation: recommendationSchema });
export type WizardResult = z.input<typeof resultSchema>;

export const wizardStateSchema = z.object({
  v: z.literal(1),
  mode: z.enum(['quick', 'detailed']),
  form: formSchema,
  result: resultSchema.optional(),
});
export type WizardState = z.input<typeof wizardStateSchema>;

/** What the form asks the host to compute: the quick questions, or the full AdvisorInput. */
export const recommendRequestSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('quick'), answers: quickAnswersSchema }),
  z.object({ mode: z.literal('detailed'), input: advisorInputSchema }),
]);
export type RecommendRequest = z.input<typeof recommendRequestSchema>;

// ---- webview -> host ----
export const toHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('recommend'), request: recommendRequestSchema }),
  z.object({ type: z.literal('insert'), engine: engineIdSchema, target: targetSchema }),
  z.object({ type: z.literal('copyBenchmark') }),
]);
export type ToHost = z.input<typeof toHostSchema>;

// ---- host -> webview ----
export const toWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    gpus: z.array(choiceSchema).max(500),
    models: z.array(choiceSchema).max(2000),
    targets: z.array(z.object({ id: targetSchema, label: z.string() })),
    questions: z.array(questionViewSchema).max(10),
    /** Where Insert goes now: the editor the user came from, or a new untitled file. */
    insertInto: z.string().max(300),
  }),
  z.object({ type: z.literal('recommendation'), result: resultSchema }),
  z.object({ type: z.literal('insertInto'), label: z.string().max(300) }),
  z.object({ type: z.literal('inserted'), target: targetSchema, into: z.string().max(300) }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
]);
export type ToWebview = z.input<typeof toWebviewSchema>;
