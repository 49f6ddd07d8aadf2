// The wizard's page script (bundled by esbuild into dist/webview/webview.js, runs in the webview under
// a nonce-only CSP). It collects the answers, asks the extension host for a recommendation, and renders
// what comes back with textContent only. Messages both ways and the saved state are zod-validated.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-form-group/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { Reason, Recommendation } from '../core/advisor/types';
import {
  toHostSchema, toWebviewSchema, wizardStateSchema,
  type QuestionView, type ToHost, type WizardResult, type WizardState,
} from './messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

const OTHER = '__other__';
const ENGINE_NAMES = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' } as const;
/** The fields kept in the saved state besides the quick answers (`q:<question id>` = option index). */
const FIELDS = ['model', 'customModel', 'parametersB', 'gpu', 'gpuCount', 'objective', 'inputLen', 'outputLen', 'concurrency', 'requestsPerSecond', 'timeToProduction', 'deployment'] as const;
const DEFAULTS: Record<string, string> = { model: 'Qwen/Qwen2.5-7B-Instruct', gpu: 'h100-sxm', gpuCount: '1', inputLen: '1024', outputLen: '512', objective: 'balanced', timeToProduction: 'weeks', deployment: 'compose' };

type Field = HTMLElement & { value: string; checked?: boolean; updateComplete?: Promise<unknown> };
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const field = (id: string) => $<Field>(id);

let state: WizardState = { v: 1, mode: 'quick', form: {} };
let current: WizardResult | undefined;
let questions: QuestionView[] = [];
/** Focus the result only when this page asked for it (not when a restored panel re-renders). */
let awaitingResult = false;

// ---- state ----
const saved = wizardStateSchema.safeParse(vscode.getState());
if (saved.success) state = saved.data;

function radios(name: string): Field[] {
  return [...document.querySelectorAll<Field>(`vscode-radio[name="${CSS.escape(name)}"]`)];
}

function readForm(): WizardState['form'] {
  const form: WizardState['form'] = {};
  for (const name of FIELDS) form[name] = String(field(name).value ?? '').slice(0, 200);
  for (const q of questions) {
    const i = radios(`q:${q.id}`).findIndex((r) => r.checked);
    if (i >= 0) form[`q:${q.id}`] = String(i);
  }
  return form;
}

function save(): void {
  state = { v: 1, mode: mode(), form: readForm(), ...(current ? { result: current } : {}) };
  vscode.setState(state);
}

async function applyForm(form: WizardState['form']): Promise<void> {
  const values = { ...DEFAULTS, ...form };
  for (const name of FIELDS) {
    const value = values[name];
    if (value !== undefined) field(name).value = value;
  }
  for (const q of questions) {
    const i = Number(values[`q:${q.id}`] ?? q.defaultIndex);
    radios(`q:${q.id}`).forEach((r, k) => { r.checked = k === i; });
  }
  await Promise.all(FIELDS.map((n) => field(n).updateComplete));
  showOtherModel();
}

function renderQuestions(list: QuestionView[]): void {
  questions = list;
  $('questions').replaceChildren(...list.map((q) => {
    const set = el('fieldset');
    const legend = el('legend', q.question);
    legend.id = `legend-${q.id}`;
    const group = el('vscode-radio-group' as 'div');
    group.setAttribute('aria-labelledby', legend.id);
    group.setAttribute('variant', 'vertical');
    q.options.forEach((label, k) => {
      const r = el('vscode-radio' as 'input');
      r.setAttribute('name', `q:${q.id}`);
      r.setAttribute('value', String(k));
      r.setAttribute('label', label);
      if (k === q.defaultIndex) r.setAttribute('checked', '');
      group.append(r);
    });
    const note = el('p', undefined, 'blog-note');
    note.append(el('span', `The blog: ${q.blogAnswer}. `, 'blog-answer'), el('span', q.correction.text), el('span', ` — ${q.correction.source}, ${q.correction.date}`, 'source'));
    set.append(legend, group, note);
    return set;
  }));
}

// ---- form ----
function mode(): 'quick' | 'detailed' {
  const checked = [...document.querySelectorAll<Field>('vscode-radio[name="mode"]')].find((r) => r.checked);
  return checked?.getAttribute('value') === 'detailed' ? 'detailed' : 'quick';
}

function setMode(m: 'quick' | 'detailed'): void {
  for (const r of document.querySelectorAll<Field>('vscode-radio[name="mode"]')) r.checked = r.getAttribute('value') === m;
  for (const el of document.querySelectorAll<HTMLElement>('.quick-only')) el.hidden = m !== 'quick';
  for (const el of document.querySelectorAll<HTMLElement>('.detailed-only')) el.hidden = m !== 'detailed';
}

function showOtherModel(): void {
  const other = field('model').value === OTHER;
  for (const el of document.querySelectorAll<HTMLElement>('.other-model')) el.hidden = !other;
}

const num = (id: string): number | undefined => {
  const raw = String(field(id).value ?? '').trim();
  return raw === '' ? undefined : Number(raw);
};

function request(): ToHost {
  const selected = field('model').value;
  const model = (selected === OTHER ? field('customModel').value : selected).trim();
  const gpu = String(field('gpu').value ?? '').trim();
  const gpuCount = num('gpuCount') ?? 1;
  const parametersB = selected === OTHER ? num('parametersB') : undefined;
  if (mode() === 'quick') {
    const choices: Record<string, number> = {};
    for (const q of questions) {
      const i = radios(`q:${q.id}`).findIndex((r) => r.checked);
      choices[q.id] = i < 0 ? q.defaultIndex : i;
    }
    return {
      type: 'recommend',
      request: { mode: 'quick', answers: { model, gpuCount, choices, ...(parametersB !== undefined ? { parametersB } : {}) } },
    } as ToHost;
  }
  const input: Record<string, unknown> = {
    mode: 'detailed', model, gpu, gpuCount,
    objective: field('objective').value,
    inputLen: num('inputLen'),
    outputLen: num('outputLen'),
    timeToProduction: field('timeToProduction').value,
    deployment: field('deployment').value,
  };
  for (const k of ['concurrency', 'requestsPerSecond'] as const) if (num(k) !== undefined) input[k] = num(k);
  if (parametersB !== undefined) input.parametersB = parametersB;
  return { type: 'recommend', request: { mode: 'detailed', input } } as ToHost;
}

function status(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', kind === 'error');
}

function submit(): void {
  save();
  const message = request();
  const checked = toHostSchema.safeParse(message);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.filter((p) => typeof p === 'string' && !['request', 'answers', 'input'].includes(p)).join('.') || 'form';
    status(`Check ${where}: ${issue?.message ?? 'invalid value'}`, 'error');
    return;
  }
  status('Working out a recommendation…');
  awaitingResult = true;
  vscode.postMessage(message);
}

// ---- rendering (textContent only) ----
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function reasonItem(r: Reason): HTMLLIElement {
  const li = el('li');
  li.append(el('span', r.text), el('span', ` — ${r.source}, ${r.date}`, 'source'));
  return li;
}

const gib = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} GiB`;

function renderSizing(rec: Recommendation): void {
  const s = rec.sizing;
  const total = s.gpuMemoryGiB || 1;
  const parts: Array<[string, number, string]> = [
    ['weights', s.perGpu.weightsGiB, 'Weights'],
    ['kv', s.perGpu.kvCacheGiB, 'KV cache'],
    ['headroom', Math.max(0, s.perGpu.headroomGiB), 'Headroom'],
  ];
  const bar = $('sizing-bar');
  bar.replaceChildren();
  let used = 0;
  for (const [cls, value, label] of parts) {
    const pct = Math.max(0, Math.min(100 - used, (value / total) * 100));
    used += pct;
    const seg = el('div', undefined, `seg ${cls}`);
    seg.style.width = `${pct}%`; // CSSOM, allowed by the CSP (no inline style attributes)
    seg.title = `${label}: ${gib(value)}`;
    bar.append(seg);
  }
  bar.classList.toggle('overflow', !s.fits);
  bar.setAttribute('aria-label', `Per GPU of ${gib(s.gpuMemoryGiB)}: ${parts.map(([, v, l]) => `${l} ${gib(v)}`).join(', ')}${s.fits ? '' : '. Does not fit.'}`);
  const legend = $('sizing-legend');
  legend.replaceChildren(...parts.map(([cls, v, l]) => {
    const li = el('li');
    li.append(el('span', undefined, `swatch ${cls}`), el('span', `${l} ${gib(v)}`));
    return li;
  }), el('li', `of ${gib(s.gpuMemoryGiB)} per ${s.gpu}`));
  $('sizing-text').textContent =
    `${s.fits ? 'Fits' : 'Does not fit'}: ${gib(s.weightsGiB)} of weights, tensor parallel ${s.tensorParallelSize} over ${s.gpuCount} GPU${s.gpuCount === 1 ? '' : 's'}; ` +
    `about ${Math.floor(s.concurrentSequences).toLocaleString('en-US')} concurrent sequences fit in the KV cache (${Math.round(s.kvCacheBytesPerToken / 1024)} KiB per token).`;
  $('sizing-notes').replaceChildren(...s.notes.map((n) => el('li', n)));
}

/** Side by side: the recommended engine (its reasons), then the alternatives by score. */
function renderComparison(rec: Recommendation): void {
  const body = $('comparison').querySelector('tbody')!;
  const rows = [
    { engine: rec.engine, score: undefined as number | undefined, reasons: rec.reasons, excluded: undefined as string | undefined },
    ...[...rec.alternatives].filter((a) => a.engine !== rec.engine).sort((a, b) => (a.excluded ? 1 : 0) - (b.excluded ? 1 : 0) || b.score - a.score),
  ];
  body.replaceChildren(...rows.map((row) => {
    const chosen = row.engine === rec.engine;
    const tr = el('tr', undefined, chosen ? 'chosen' : row.excluded ? 'excluded' : '');
    const name = el('th', ENGINE_NAMES[row.engine]);
    name.scope = 'row';
    const why = el('td');
    if (row.excluded) why.append(el('p', `Not usable here: ${row.excluded}`, 'excluded-text'));
    if (chosen) {
      why.append(el('p', `${row.reasons.length} reason${row.reasons.length === 1 ? '' : 's'}, listed under the recommendation above.`));
    } else {
      const list = el('ul', undefined, 'reasons');
      list.append(...row.reasons.map(reasonItem));
      why.append(list);
    }
    const score = row.score ?? 0;
    tr.append(name, el('td', chosen ? 'recommended' : row.excluded ? 'excluded' : score.toFixed(score >= 10 ? 0 : 2)), why);
    return tr;
  }));
}

function renderInsertEngines(rec: Recommendation): void {
  const select = field('insertEngine');
  const usable = rec.alternatives.filter((a) => !a.excluded).map((a) => a.engine);
  if (!usable.includes(rec.engine)) usable.unshift(rec.engine);
  select.replaceChildren(...usable.map((engine) => {
    const o = el('vscode-option' as 'option', ENGINE_NAMES[engine]);
    o.setAttribute('value', engine);
    if (engine === rec.engine) o.setAttribute('selected', '');
    return o;
  }));
  select.value = rec.engine;
}

function render(result: WizardResult, focus: boolean): void {
  current = result;
  const rec = result.recommendation;
  $('result').hidden = false;
  $('result-title').textContent = `Recommendation: ${ENGINE_NAMES[rec.engine]}`;
  $('result-summary').textContent = `For ${result.input.model} on ${result.input.gpuCount ?? 1} × ${rec.sizing.gpu}.`;
  $('reasons').replaceChildren(...rec.reasons.map(reasonItem));
  renderSizing(rec);
  renderComparison(rec);
  $('corrections').replaceChildren(...rec.blogCorrections.map(reasonItem));
  $('corrections-block').hidden = rec.blogCorrections.length === 0;
  $('benchmark').textContent = rec.benchmarkCommand;
  renderInsertEngines(rec);
  status(`Recommended ${ENGINE_NAMES[rec.engine]}.`);
  if (focus) $('result-title').focus();
  save();
}

function renderTargets(targets: Array<{ id: string; label: string }>): void {
  $('insert-buttons').replaceChildren(...targets.map((t) => {
    const b = el('vscode-button' as 'button', `Insert ${t.label}`);
    b.dataset.target = t.id;
    b.addEventListener('click', () => vscode.postMessage(toHostSchema.parse({ type: 'insert', engine: field('insertEngine').value, target: t.id })));
    return b;
  }));
}

function fillSelect(id: string, choices: Array<{ id: string; label: string; detail?: string }>, extra?: { id: string; label: string }): void {
  const options = choices.map((c) => {
    const o = el('vscode-option' as 'option', c.label);
    o.setAttribute('value', c.id);
    if (c.detail) o.setAttribute('description', c.detail);
    return o;
  });
  if (extra) {
    const o = el('vscode-option' as 'option', extra.label);
    o.setAttribute('value', extra.id);
    options.push(o);
  }
  $(id).replaceChildren(...options);
}

// ---- messages from the host ----
window.addEventListener('message', (event: MessageEvent) => {
  const parsed = toWebviewSchema.safeParse(event.data);
  if (!parsed.success) return; // not ours, or malformed: dropped
  const m = parsed.data;
  switch (m.type) {
    case 'init':
      fillSelect('model', m.models, { id: OTHER, label: 'Another model…' });
      fillSelect('gpu', m.gpus);
      renderTargets(m.targets);
      renderQuestions(m.questions);
      $('insert-into').textContent = m.insertInto;
      void applyForm(state.form).then(() => {
        setMode(state.mode);
        $('app').setAttribute('aria-busy', 'false');
        if (state.result) render(state.result, false);
      });
      break;
    case 'recommendation':
      render(m.result, awaitingResult);
      awaitingResult = false;
      break;
    case 'insertInto':
      $('insert-into').textContent = m.label;
      break;
    case 'inserted':
      status(`Inserted into ${m.into}.`);
      break;
    case 'error':
      awaitingResult = false;
      status(m.message, 'error');
      break;
  }
});

// ---- events ----
$('mode').addEventListener('change', () => { setMode(mode()); save(); });
$('model').addEventListener('change', () => { showOtherModel(); save(); });
$('form').addEventListener('change', save);
$('form').addEventListener('input', save);
$('recommend').addEventListener('click', submit);
$('form').addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.key !== 'Enter') return;
  const tag = (e.target as HTMLElement).tagName;
  if (tag === 'VSCODE-TEXTFIELD' || tag === 'VSCODE-RADIO' || tag === 'VSCODE-RADIO-GROUP') {
    e.preventDefault();
    submit();
  }
});
$('copyBenchmark').addEventListener('click', () => {
  vscode.postMessage({ type: 'copyBenchmark' });
  status('Benchmark command copied.');
});

setMode(state.mode);
vscode.postMessage({ type: 'ready' });
