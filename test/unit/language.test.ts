// Hovers, completion, suppression comments and fix-all, computed in the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, completionsAt, disableCommentEdit, fixAll, minimalEdit } from '../../src/core/language';
import { lint } from '../../src/core/lint';

const at = (text: string, needle: string, delta = 0) => text.indexOf(needle) + delta;

test('hover on a flag: description, type, default, status at the target version, source', async () => {
  const text = 'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command: ["m", "--disable-log-requests", "--gpu-memory-utilization", "0.92"]\n';
  const h = await hoverAt(text, at(text, '--disable-log-requests', 3), { fileName: 'compose.yml' });
  assert.ok(h);
  assert.equal(text.slice(h.span.start, h.span.end), '--disable-log-requests');
  assert.match(h.markdown, /\*\*Deprecated\*\* since 0\.10\.0, removed in 0\.12\.0; the target is vLLM 0\.11\.0 \(image tag vllm\/vllm-openai:v0\.11\.0\)/);
  assert.match(h.markdown, /Source: \[vllm\/engine\/arg_utils\.py@99d7eb5d\]\(https:\/\/github\.com\/vllm-project\/vllm\/blob\/99d7eb5d6a51\/vllm\/engine\/arg_utils\.py\)/);
  const v = await hoverAt(text, at(text, '0.92', 1), { fileName: 'compose.yml', gpu: { name: 'H100-80GB', memoryGiB: 80 } });
  assert.ok(v);
  assert.equal(text.slice(v.span.start, v.span.end), '0.92');
  assert.match(v.markdown, /73\.6 GiB/);
  const launcher = await hoverAt('vllm serve m --port 1\n', 2, { fileName: 'run.sh' });
  assert.match(launcher?.markdown ?? '', /vLLM launch.*0\.29\.0/);
  assert.equal(await hoverAt(text, at(text, 'image'), { fileName: 'compose.yml' }), undefined);
});

test('completion: flags after the launcher, removed flags not offered, deprecated marked', async () => {
  const text = 'vllm serve m --gpu-mem';
  const c = await completionsAt(text, text.length, { fileName: 'run.sh' });
  assert.ok(c);
  assert.equal(text.slice(c.replace.start, c.replace.end), '--gpu-mem');
  const labels = c.items.map((i) => i.label);
  assert.ok(labels.includes('--gpu-memory-utilization'));
  assert.ok(!labels.includes('--disable-log-requests'), 'removed at the newest version');
  assert.ok(labels.includes('--no-enable-prefix-caching'));
  const old = await completionsAt(text, text.length, { fileName: 'run.sh', vllmVersion: '0.11.0' });
  const dep = old?.items.find((i) => i.label === '--disable-log-requests');
  assert.equal(dep?.deprecated, true);
  const fresh = await completionsAt('vllm serve m ', 13, { fileName: 'run.sh' });
  assert.ok(fresh && fresh.items.length > 100);
});

test('completion: values for choice flags, in shell, compose lists and --x=', async () => {
  const sh = 'vllm serve m --dtype ';
  const c = await completionsAt(sh, sh.length, { fileName: 'run.sh' });
  assert.deepEqual(c?.items.map((i) => i.label), ['auto', 'half', 'float16', 'bfloat16', 'float', 'float32']);
  const eq = 'vllm serve m --kv-cache-dtype=fp';
  const e = await completionsAt(eq, eq.length, { fileName: 'run.sh' });
  assert.equal(eq.slice(e!.replace.start, e!.replace.end), 'fp');
  assert.ok(e!.items.some((i) => i.label === 'fp8'));
  const compose = 'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command:\n      - m\n      - --max-mod\n';
  const cc = await completionsAt(compose, at(compose, '--max-mod', 9), { fileName: 'compose.yml' });
  assert.ok(cc?.items.some((i) => i.label === '--max-model-len'));
});

test('completion: vLLM config keys in the file\'s style, and their values', async () => {
  const text = 'model: m\nmax_model_len: 4096\nenforce_ea';
  const c = await completionsAt(text, text.length, { fileName: 'x.yaml', kind: 'vllm-config' });
  assert.ok(c?.items.some((i) => i.label === 'enforce_eager' && i.insertText === 'enforce_eager: '));
  assert.ok(!c?.items.some((i) => i.label === 'max_model_len'), 'keys already present are not offered');
  const v = 'model: m\nenforce_eager: ';
  const vc = await completionsAt(v, v.length, { fileName: 'x.yaml', kind: 'vllm-config' });
  assert.deepEqual(vc?.items.map((i) => i.label), ['true', 'false']);
});

test('disable comments go above the line, or above a continued command, in its indentation', async () => {
  const sh = 'vllm serve m \\\n  --gpu-memory-utilization 1.5\n';
  const [f] = await lint(sh, { fileName: 'run.sh' });
  const edit = disableCommentEdit(sh, f!, 'shell');
  assert.deepEqual(edit.range.start, { line: 0, character: 0 });
  assert.equal(edit.newText, '# servelint-disable-next-line gpu-memory-utilization\n');
  const yaml = 'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command:\n      - m\n      - --gpu-memory-utilization\n      - "1.5"\n';
  const g = (await lint(yaml, { fileName: 'compose.yml' })).find((x) => x.ruleId === 'gpu-memory-utilization');
  const e2 = disableCommentEdit(yaml, g!, 'compose');
  assert.deepEqual(e2.range.start, { line: 6, character: 0 });
  assert.equal(e2.newText, '      # servelint-disable-next-line gpu-memory-utilization\n');
  const after = yaml.split('\n');
  after.splice(6, 0, e2.newText.trimEnd());
  assert.deepEqual((await lint(after.join('\n'), { fileName: 'compose.yml' })).filter((x) => x.ruleId === 'gpu-memory-utilization'), [], 'the comment silences it');
  const folded = 'services:\n  v:\n    image: vllm/vllm-openai:v0.11.0\n    command: >\n      m\n      --gpu-memory-utilization 1.5\n';
  const h = (await lint(folded, { fileName: 'compose.yml' })).find((x) => x.ruleId === 'gpu-memory-utilization');
  const e3 = disableCommentEdit(folded, h!, 'compose');
  assert.equal(e3.range.start.line, 3, 'above `command: >`, not inside the block scalar');
});

test('fix-all applies preferred fixes only, until stable', async () => {
  const text = 'vllm serve m --disable-log-requests --enforce-eager false --gpu-memory-utilization 0.97 --gpu-memory-utilisation 1\n';
  const { text: fixed, fixed: count } = await fixAll(text, { fileName: 'run.sh' });
  assert.equal(fixed, 'vllm serve m --no-enforce-eager --gpu-memory-utilization 0.97 --gpu-memory-utilisation 1\n');
  assert.equal(count, 2);
  const m = minimalEdit('abcXdef', 'abcYYdef');
  assert.deepEqual(m, { span: { start: 3, end: 4 }, newText: 'YY' });
});
