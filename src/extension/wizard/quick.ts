// The blog's quick questions (the core's quickQuestions()) -> AdvisorInput, and the keyboard flow
// (`ServeLint: Quick Engine Recommendation`) that asks them with QuickPicks. The UI is injected so the
// tests can drive the flow.
import * as vscode from 'vscode';
import type { AdvisorInput, EngineId, GeneratedConfig, Recommendation, Target } from '../../core/advisor/index';
import { quickAnswersSchema, type QuickAnswers } from '../../webview/messages';
import { ENGINE_NAMES, TARGETS, configFor, defaultOption, modelChoices, quickQuestions, recommend } from './advisor';

/** The answers as an AdvisorInput: each chosen option contributes the fields it sets. */
export function quickToInput(raw: QuickAnswers): AdvisorInput {
  const a = quickAnswersSchema.parse(raw);
  const input: AdvisorInput = { mode: 'quick', model: a.model, gpu: '', gpuCount: a.gpuCount };
  if (a.parametersB !== undefined) input.parametersB = a.parametersB;
  for (const q of quickQuestions()) {
    const index = a.choices[q.id] ?? defaultOption(q);
    const option = q.options[index];
    if (!option) throw new Error(`"${q.question}" has no answer ${index + 1}`);
    Object.assign(input, option.input);
  }
  if (!input.gpu) throw new Error('No GPU chosen.');
  return input;
}

export interface PickItem extends vscode.QuickPickItem {
  value: string;
}

/** The prompts the flow needs; `vscodeQuickUi` shows them, tests answer them. */
export interface QuickUi {
  pick(items: PickItem[], options: { title: string; step: number; totalSteps: number; placeholder: string }): Promise<PickItem | undefined>;
  input(options: { title: string; prompt: string; value: string; validate: (v: string) => string | undefined }): Promise<string | undefined>;
}

export const vscodeQuickUi: QuickUi = {
  pick: (items, o) =>
    new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<PickItem>();
      qp.title = o.title;
      qp.step = o.step;
      qp.totalSteps = o.totalSteps;
      qp.placeholder = o.placeholder;
      qp.items = items;
      qp.matchOnDetail = true;
      qp.matchOnDescription = true;
      const first = items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && i.picked);
      if (first) qp.activeItems = [first];
      let done = false;
      qp.onDidAccept(() => {
        done = true;
        resolve(qp.selectedItems[0] ?? qp.activeItems[0]);
        qp.hide();
      });
      qp.onDidHide(() => {
        if (!done) resolve(undefined);
        qp.dispose();
      });
      qp.show();
    }),
  input: (o) => Promise.resolve(vscode.window.showInputBox({ title: o.title, prompt: o.prompt, value: o.value, validateInput: o.validate })),
};

export interface QuickOutcome {
  input: AdvisorInput;
  recommendation: Recommendation;
  /** What the user chose to insert, if anything. */
  config?: GeneratedConfig;
}

const SEPARATOR = vscode.QuickPickItemKind.Separator;

/**
 * Asks the model and the blog's four questions (each answer shows what the evidence says about the
 * blog's rule), shows the recommendation with its dated reasons, then offers the configs to insert.
 * Resolves undefined when the user cancels a step.
 */
export async function runQuickFlow(ui: QuickUi, insert: (config: GeneratedConfig) => Promise<unknown>): Promise<QuickOutcome | undefined> {
  const title = 'ServeLint: Quick Engine Recommendation';
  const questions = quickQuestions();
  const total = questions.length + 2;
  const OTHER = '\u0000other';
  const models: PickItem[] = modelChoices().map((m) => ({ label: m.label, detail: m.detail, value: m.id }));
  models.push({ label: 'Another model…', description: 'type a Hugging Face id', value: OTHER });
  const m = await ui.pick(models, { title, step: 1, totalSteps: total, placeholder: 'Which model will you serve?' });
  if (!m) return undefined;
  let model = m.value;
  let parametersB: number | undefined;
  if (model === OTHER) {
    const typed = await ui.input({
      title,
      prompt: 'Hugging Face model id (org/name)',
      value: '',
      validate: (v) => (/^[\w.-]+\/[\w.-]+$/.test(v.trim()) ? undefined : 'Enter an id like Qwen/Qwen2.5-7B-Instruct'),
    });
    if (!typed) return undefined;
    model = typed.trim();
    const size = await ui.input({
      title,
      prompt: `Parameters of ${model}, in billions (total, for MoE)`,
      value: '',
      validate: (v) => (Number(v) > 0 && Number(v) <= 10000 ? undefined : 'A number of billions, e.g. 8 or 70'),
    });
    if (!size) return undefined;
    parametersB = Number(size);
  }

  const choices: Record<string, number> = {};
  for (const [i, q] of questions.entries()) {
    const def = defaultOption(q);
    const items: PickItem[] = q.options.map((o, k) => ({ label: o.label, value: String(k), picked: k === def }));
    items.push(
      { label: `The blog: ${q.blogAnswer}`, kind: SEPARATOR, value: '' },
      { label: `$(info) ${q.correction.text}`, detail: `${q.correction.source} · ${q.correction.date}`, value: 'info' },
    );
    let picked: PickItem | undefined;
    do {
      picked = await ui.pick(items, { title, step: i + 2, totalSteps: total, placeholder: q.question });
      if (!picked) return undefined;
    } while (picked.value === 'info'); // the note is there to read, not to choose
    choices[q.id] = Number(picked.value);
  }

  const input = quickToInput({ model, ...(parametersB ? { parametersB } : {}), choices });
  const recommendation = recommend(input);
  const best = recommendation.engine;
  const items: PickItem[] = [{ label: `Insert a ${ENGINE_NAMES[best]} config`, kind: SEPARATOR, value: '' }];
  for (const t of TARGETS) items.push({ label: `Insert ${t.label}`, description: ENGINE_NAMES[best], value: `${best}:${t.id}` });
  items.push({ label: `Why ${ENGINE_NAMES[best]}`, kind: SEPARATOR, value: '' });
  for (const r of recommendation.reasons) items.push({ label: `$(info) ${r.text}`, detail: `${r.source} · ${r.date}`, value: 'info' });
  const others = recommendation.alternatives.filter((a) => a.engine !== best && !a.excluded);
  if (others.length) items.push({ label: 'Or another engine', kind: SEPARATOR, value: '' });
  for (const alt of others) {
    for (const t of TARGETS) items.push({ label: `Insert ${t.label}`, description: `${ENGINE_NAMES[alt.engine]} (score ${alt.score.toFixed(2)})`, value: `${alt.engine}:${t.id}` });
  }
  items.push({ label: '', kind: SEPARATOR, value: '' }, { label: 'Done', description: 'close without inserting', value: 'done' });

  let choice: PickItem | undefined;
  do {
    choice = await ui.pick(items, {
      title: `${title}: ${ENGINE_NAMES[best]} for ${model}`,
      step: total,
      totalSteps: total,
      placeholder: `Recommended: ${ENGINE_NAMES[best]}. Insert a config at the cursor?`,
    });
  } while (choice?.value === 'info');
  if (!choice || !choice.value.includes(':')) return { input, recommendation };
  const [engine, target] = choice.value.split(':') as [EngineId, Target];
  const config = configFor(engine, target, input, recommendation);
  await insert(config);
  return { input, recommendation, config };
}
