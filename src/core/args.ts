// The argument model: turns an invocation's argv (Word[]) into flags and positionals the way
// vLLM's argparse-based parser reads them (engine-facts.md §1).
import { sliceWord, wordSubSpan } from './text';
import type { FlagSpec, FlagTable } from './facts/flags';
import type { Invocation, Span, Word } from './types';
import type { Version } from './version';

export interface ParsedFlag {
  /** The option as written, without an inline value: `--gpu_memory_utilization`, `-tp`, `-O`. */
  written: string;
  /** How messages name it: as written, or the bare key in a vLLM config file (`max_model_len`). */
  display: string;
  /** Canonical key: the spec's name when known, else the normalised written name (dotted part removed). */
  key: string;
  spec?: FlagSpec;
  /** Written as `--no-x`. */
  negated: boolean;
  /** `mode` in `--compilation-config.mode 3`; `+` suffix kept in `append`. */
  dottedKey?: string;
  append?: boolean;
  /** Span of the option name as written (for `--a=b` only the `--a` part). */
  nameSpan: Span;
  /** The word holding the option. */
  word: Word;
  values: Word[];
  /** Value given with `=` (or attached, as in `-O3`). */
  inline: boolean;
  /** A boolean flag followed by a word that looks like a boolean (`--enforce-eager false`). */
  strayBooleanValue?: Word;
  /** From a vLLM config file: the YAML boolean the key was given. */
  yamlBoolean?: boolean;
  /** The flag wants a value and none followed. */
  missingValue: boolean;
  /** A unique prefix of a known flag (argparse abbreviation). */
  abbreviationOf?: FlagSpec;
  /**
   * SGLang / trtllm-build: the unique argparse prefix this flag was accepted as (`--tp` → `--tp-size`).
   * `spec` is set too: these engines accept prefixes without a word.
   */
  prefixOf?: FlagSpec;
  /** A prefix of several option strings: argparse stops with "ambiguous option". */
  ambiguous?: string[];
  /**
   * The name differs from a known one only in `-` versus `_` (`--max-batch-size` for trtllm-serve's
   * `--max_batch_size`, `--model_path` for SGLang's `--model-path`), which the engine does not accept.
   * Parsed with that flag's arity so its value is not taken for a stray argument.
   */
  variantOf?: FlagSpec;
  /** The option string `variantOf` is really spelled as (`--tp-size` for `--tp_size`). */
  variantOption?: string;
  /** Index of the option word in the invocation's args. */
  index: number;
}

export interface ParsedArgs {
  flags: ParsedFlag[];
  /** Words that are neither options nor option values. */
  positionals: Word[];
  /** The model and where it came from. */
  model?: { word: Word; via: 'positional' | '--model' };
  /** Some argv is unknown (a splat): relation rules must not conclude a flag is absent. */
  incomplete: boolean;
  byKey: Map<string, ParsedFlag[]>;
}

const BOOLEAN_WORD = /^(true|false|yes|no|on|off|1|0)$/i;
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$|^-\.\d+$/;

function looksLikeOption(word: Word | undefined): boolean {
  if (!word || word.unknown) return false;
  const t = word.text;
  return t.startsWith('-') && t.length > 1 && !NEGATIVE_NUMBER.test(t);
}

/** How many values a flag takes: 0, 1 or 'many' (nargs +). */
function arity(spec: FlagSpec | undefined, negated: boolean): 0 | 1 | 'many' {
  if (!spec) return 1;
  if (spec.type === 'bool' || negated) return 0;
  if (spec.type === 'list') return 'many';
  return 1;
}

interface ResolvedName {
  key: string;
  spec?: FlagSpec;
  negated: boolean;
  dottedKey?: string;
  append?: boolean;
  abbreviationOf?: FlagSpec;
  prefixOf?: FlagSpec;
  ambiguous?: string[];
  variantOf?: FlagSpec;
  variantOption?: string;
}

/** SGLang, TensorRT-LLM: names as written, argparse prefixes (not click), `-`/`_` variants reported. */
function resolveVerbatim(written: string, flags: FlagTable, version: Version): ResolvedName {
  const exact = flags.get(written);
  if (exact) return { key: exact.name, spec: exact, negated: false };
  const style = flags.options.nameStyle;
  if (style === 'argparse-verbatim' && written.length >= 3) {
    // argparse: a unique prefix of one option string is that option; several are an error.
    const matches = flags.optionStringsAt(version).filter((o) => o.option.startsWith(written));
    if (matches.length === 1) {
      const spec = (matches[0] as { spec: FlagSpec }).spec;
      return { key: spec.name, spec, negated: false, prefixOf: spec };
    }
    if (matches.length > 1) return { key: written, negated: false, ambiguous: matches.map((m) => m.option) };
  }
  const body = written.slice(2);
  const swapped = `--${body.includes('_') ? body.replace(/_/g, '-') : body.replace(/-/g, '_')}`;
  const variant = swapped !== written ? flags.get(swapped) : undefined;
  if (variant) return { key: variant.name, negated: false, variantOf: variant, variantOption: swapped };
  return { key: written, negated: false };
}

function resolveName(written: string, flags: FlagTable, version: Version): ResolvedName {
  if (!written.startsWith('--')) {
    const spec = flags.alias(written, version);
    return { key: spec?.name ?? written, spec, negated: false };
  }
  if (flags.options.nameStyle !== 'vllm') return resolveVerbatim(written, flags, version);
  const normalized = flags.normalize(written);
  const dot = normalized.indexOf('.');
  let head = dot >= 0 ? normalized.slice(0, dot) : normalized;
  let dottedKey: string | undefined;
  let append = false;
  if (dot >= 0) {
    dottedKey = normalized.slice(dot + 1);
    if (dottedKey.endsWith('+')) {
      append = true;
      dottedKey = dottedKey.slice(0, -1);
    }
  }
  let spec = flags.get(head);
  let negated = false;
  if (!spec && head.startsWith('--no-')) {
    const positive = flags.get('--' + head.slice(5));
    if (positive && positive.type === 'bool' && positive.boolStyle === 'optional') {
      spec = positive;
      negated = true;
    }
  }
  let abbreviationOf: FlagSpec | undefined;
  if (!spec && !dottedKey && head.length >= 4) {
    const candidates = flags.specs.filter((s) => {
      if (!s.name.startsWith(head)) return false;
      const status = flags.status(s, version).kind;
      return status !== 'removed' && status !== 'not-yet';
    });
    if (candidates.length === 1) abbreviationOf = candidates[0];
  }
  if (spec) head = spec.name;
  return { key: head, spec, negated, dottedKey, append, abbreviationOf };
}

export function parseArgs(invocation: Invocation, flags: FlagTable, version: Version): ParsedArgs {
  const words = invocation.args;
  const parsed: ParsedArgs = { flags: [], positionals: [], incomplete: invocation.incomplete === true, byKey: new Map() };
  let i = 0;
  let optionsEnded = false;
  while (i < words.length) {
    const word = words[i] as Word;
    if (word.splat) {
      parsed.incomplete = true;
      i += 1;
      continue;
    }
    if (optionsEnded || !looksLikeOption(word)) {
      parsed.positionals.push(word);
      i += 1;
      continue;
    }
    if (word.text === '--') {
      optionsEnded = true;
      i += 1;
      continue;
    }
    const index = i;
    let written = word.text;
    let inlineValue: Word | undefined;
    const eq = word.text.indexOf('=');
    if (eq > 0) {
      written = word.text.slice(0, eq);
      inlineValue = sliceWord(word, eq + 1);
    } else if (/^-O\d+$/.test(word.text)) {
      // -O3: attached value of the short option.
      written = '-O';
      inlineValue = sliceWord(word, 2);
    }
    const name = resolveName(written, flags, version);
    const flag: ParsedFlag = {
      written,
      display: invocation.form === 'config-file' ? written.replace(/^--/, '') : written,
      key: name.key,
      spec: name.spec,
      negated: name.negated,
      dottedKey: name.dottedKey,
      append: name.append || undefined,
      abbreviationOf: name.abbreviationOf,
      prefixOf: name.prefixOf,
      ambiguous: name.ambiguous,
      variantOf: name.variantOf,
      variantOption: name.variantOption,
      nameSpan: wordSubSpan(word, 0, written.length),
      word,
      values: [],
      inline: inlineValue !== undefined,
      missingValue: false,
      yamlBoolean: word.yamlBoolean,
      index,
    };
    i += 1;
    const effectiveSpec = name.spec ?? name.abbreviationOf ?? name.variantOf;
    // A dotted key always takes one value (a JSON field), whatever the parent's type.
    const takes = name.dottedKey !== undefined ? 1 : arity(effectiveSpec, name.negated);
    if (word.yamlBoolean !== undefined && effectiveSpec?.type === 'bool') {
      // From a config file: `key: true|false` is the flag itself, never a stray value.
    } else if (inlineValue !== undefined) {
      flag.values.push(inlineValue);
    } else if (takes === 0) {
      const next = words[i];
      if (next && !next.splat && !next.unknown && BOOLEAN_WORD.test(next.text) && effectiveSpec?.type === 'bool') {
        flag.strayBooleanValue = next;
        i += 1;
      }
    } else if (takes === 1) {
      const next = words[i];
      if (next && (next.splat || !looksLikeOption(next))) {
        if (next.splat) parsed.incomplete = true;
        flag.values.push(next);
        i += 1;
      } else if (effectiveSpec || word.yamlBoolean === undefined) {
        // An unknown flag followed by another option is most likely a switch; only known flags miss values.
        flag.missingValue = effectiveSpec !== undefined;
      }
    } else {
      while (i < words.length && !looksLikeOption(words[i])) {
        const next = words[i] as Word;
        if (next.splat) parsed.incomplete = true;
        flag.values.push(next);
        i += 1;
      }
      flag.missingValue = flag.values.length === 0;
    }
    parsed.flags.push(flag);
    const list = parsed.byKey.get(flag.key);
    if (list) list.push(flag);
    else parsed.byKey.set(flag.key, [flag]);
  }
  // Flags may also come from a `--config` file, and a config file's launch may add flags on the
  // command line: either way relation rules cannot conclude that a flag is absent.
  if (invocation.form === 'config-file' || parsed.byKey.has('--config') || parsed.byKey.has('--extra_llm_api_options')) parsed.incomplete = true;
  // SGLang names the model --model-path (alias --model); trtllm-build has none (--checkpoint_dir).
  const modelFlag = parsed.byKey.get('--model')?.[0] ?? parsed.byKey.get('--model-path')?.[0];
  const firstPositional = parsed.positionals[0];
  const takesPositionalModel = !['api-server-module', 'sglang-module', 'sglang-serve', 'trtllm-build'].includes(invocation.form);
  if (firstPositional && takesPositionalModel) parsed.model = { word: firstPositional, via: 'positional' };
  else if (modelFlag?.values[0]) parsed.model = { word: modelFlag.values[0], via: '--model' };
  return parsed;
}

/** The last value given for a flag (argparse: the last occurrence wins), if known. */
export function lastValue(parsed: ParsedArgs, key: string): Word | undefined {
  const list = parsed.byKey.get(key);
  if (!list) return undefined;
  for (let k = list.length - 1; k >= 0; k--) {
    const flag = list[k] as ParsedFlag;
    if (flag.dottedKey !== undefined) continue;
    return flag.values[flag.values.length - 1];
  }
  return undefined;
}

/** Whether a boolean flag ends up enabled (last occurrence wins), or undefined when never given. */
export function booleanState(parsed: ParsedArgs, key: string): boolean | undefined {
  const list = parsed.byKey.get(key);
  if (!list || list.length === 0) return undefined;
  const last = list[list.length - 1] as ParsedFlag;
  if (last.yamlBoolean !== undefined) return last.yamlBoolean;
  return !last.negated;
}

export function isPresent(parsed: ParsedArgs, key: string): boolean {
  const list = parsed.byKey.get(key);
  if (!list || list.length === 0) return false;
  // `enable_x: false` in a config file does not set the flag.
  return list.some((f) => !(f.yamlBoolean === false && f.spec?.boolStyle === 'store_true'));
}
