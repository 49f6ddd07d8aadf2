// The fast YAML path against the `yaml` package it replaces (extract/yamlParser.ts, extract/yamlCompose.ts):
//   - the synchronous lexer and parser give exactly the lexemes and CST tokens of yaml's Lexer and Parser;
//   - whenever the light composer answers, its documents equal yaml's Composer's field by field
//     (comments and the source tokens of non-scalars aside), on the same tokens, and yaml reports no
//     error or warning for them;
// on every fixture, example and corpus file, and on fuzzed mutations of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Composer, Lexer, Parser } from 'yaml';
import type { CST } from 'yaml';
import { lexYaml, parseCst } from '../../src/core/extract/yamlParser';
import { composeLight } from '../../src/core/extract/yamlCompose';

const repo = join(__dirname, '..', '..', '..');
const corpus = resolve(process.env.SERVELINT_CORPUS ?? join(repo, '..', 'shared', 'corpus'));
const RUNS = Math.max(200, Math.round(Number(process.env.SERVELINT_FUZZ_RUNS ?? 2400) / 3));
const SEED = process.env.SERVELINT_FUZZ_SEED !== undefined ? Number(process.env.SERVELINT_FUZZ_SEED) : 20261125;

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (!/\.(expected|tsv)$/.test(entry)) out.push(p);
  }
  return out;
}

const TEXTS = [...filesUnder(join(repo, 'test', 'fixtures')), ...filesUnder(join(repo, 'examples')), ...filesUnder(corpus)].map((p) => readFileSync(p, 'utf8'));
const YAML_TEXTS = TEXTS.filter((t) => /^\s*[\w"'-][^\n]*:/m.test(t));

const options = (version: '1.1' | '1.2') =>
  ({ keepSourceTokens: true, merge: false, uniqueKeys: false, prettyErrors: false, strict: false, version, intAsBigInt: false }) as const;

/**
 * A canonical form of a composed node: every own field but comments, source tokens by identity (on
 * scalars; the light composer keeps no others).
 */
function describe(x: unknown, ids: Map<object, number>): unknown {
  if (typeof x === 'bigint') return `${x}n`;
  // yaml 1.1 merge keys resolve to a new Symbol('<<') each time.
  if (typeof x === 'symbol') return `Symbol(${x.description ?? ''})`;
  if (typeof x === 'number') return Number.isFinite(x) ? (Object.is(x, -0) ? '-0' : x) : String(x);
  if (x === null || typeof x !== 'object') return x;
  if (x instanceof Date) return `Date(${x.getTime()})`;
  if (Array.isArray(x)) return x.map((v) => describe(v, ids));
  const nodeType = (x as Record<symbol, symbol | undefined>)[Symbol.for('yaml.node.type')];
  const out: Record<string, unknown> = { $class: (x as object).constructor?.name, $node: nodeType?.description };
  for (const key of Object.keys(x).sort()) {
    if (key === 'comment' || key === 'commentBefore' || key === 'spaceBefore') continue;
    const v = (x as Record<string, unknown>)[key];
    if (key === 'srcToken' && nodeType !== Symbol.for('yaml.scalar')) continue; // only scalars keep theirs (yamlCompose.ts)
    if (key === 'srcToken') {
      if (!ids.has(v as object)) ids.set(v as object, ids.size);
      out[key] = `token#${ids.get(v as object)}`;
    } else out[key] = describe(v, ids);
  }
  return out;
}

let lightAnswers = 0;
let lightDeclines = 0;

function checkText(text: string): void {
  assert.deepEqual(lexYaml(text), [...new Lexer().lex(text)], 'lexemes');
  const tokens = parseCst(text);
  assert.deepEqual(tokens, [...new Parser().parse(text)], 'CST tokens');
  for (const version of ['1.1', '1.2'] as const) {
    const light = composeLight(tokens as CST.Token[], options(version));
    if (!light) {
      lightDeclines++;
      continue;
    }
    lightAnswers++;
    const full = [...new Composer(options(version)).compose(tokens)];
    assert.equal(light.length, full.length, 'document count');
    const ids = new Map<object, number>();
    full.forEach((doc, i) => {
      const mine = light[i]!;
      assert.deepEqual(doc.errors.map((e) => e.message), [], `yaml reports no error where the light composer answers (${version})`);
      assert.deepEqual(doc.warnings.map((e) => e.message), [], `yaml reports no warning where the light composer answers (${version})`);
      assert.deepEqual(describe(mine.range, ids), describe(doc.range, ids), 'document range');
      assert.deepEqual(describe(mine.contents, ids), describe(doc.contents, ids), `document ${i} contents (${version})`);
    });
  }
}

test('yaml fast path: identical lexemes, CST and nodes on every fixture, example and corpus file', () => {
  assert.ok(TEXTS.length > 50);
  for (const text of TEXTS) checkText(text);
  assert.ok(lightAnswers > YAML_TEXTS.length, `the light composer answers for most files (${lightAnswers} answers, ${lightDeclines} declines)`);
});

const TOKENS = [
  ':', ': ', '- ', '  ', '\t', '\n', '\r\n', '"', "'", '\\', '${', '}', '&a ', '*a', '<<: *a', '{', '[', ']', ',', '|', '>-', '|+', '|2', '#', ' #', '---\n', '...\n',
  '?', '? ', '!!str ', '!t ', '%YAML 1.1\n', '@', '`', '\u00A0', '\uFEFF', 'yes', 'on', '0x1F', '1e3', '.inf', '~', 'null', '2001-12-14', '12:30:00', '0o17', '010',
];

test(`yaml fast path: identical on fuzzed YAML (${RUNS} cases)`, () => {
  const answersBefore = lightAnswers;
  const edit = fc.record({ at: fc.nat(), del: fc.nat(6), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })) });
  fc.assert(
    fc.property(fc.nat(YAML_TEXTS.length - 1), fc.array(edit, { minLength: 1, maxLength: 5 }), (seed, edits) => {
      let text = YAML_TEXTS[seed]!;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.text + text.slice(at + e.del);
      }
      checkText(text);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // Mutated YAML is often broken YAML (yaml's Composer then); the light path must still be the common one.
  assert.ok(lightAnswers - answersBefore > RUNS / 2, `the light composer answered ${lightAnswers - answersBefore} of ${2 * RUNS} compositions`);
});
