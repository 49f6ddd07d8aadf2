// Shared shapes of the ServeLint core. Everything inside the core works in UTF-16 offsets into the
// linted document (Span); only lint() converts to line/character ranges at the very end.

/** Half-open span [start, end) of UTF-16 offsets into the linted document. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface SpanEdit {
  span: Span;
  newText: string;
}

export interface SpanFix {
  title: string;
  edits: SpanEdit[];
}

export interface SpanRelated {
  span: Span;
  message: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInformation {
  range: Range;
  message: string;
}

/** One problem, as returned by lint(). Ranges are 0-based. */
export interface Finding {
  range: Range;
  severity: Severity;
  ruleId: string;
  message: string;
  fixes?: Fix[];
  related?: RelatedInformation[];
}

/**
 * One argv element as the launched program receives it, with its source mapping.
 * `offsets[i]` is the document offset of `text[i]`; `offsets[text.length]` is the offset just past
 * the last character. Characters with no single source position (YAML line folding, a JSON string
 * made from a YAML mapping) map to the closest source offset before them, so sub-ranges stay inside
 * the word's span.
 */
export interface Word {
  text: string;
  /** The whole word as written, quotes included. */
  span: Span;
  offsets: number[];
  /** Part of the value comes from an interpolation without a literal default: the value is unknown. */
  unknown?: boolean;
  /** A literal default of an interpolation was substituted (`${X:-0.9}`): checked like a literal. */
  fromDefault?: boolean;
  /** The word may expand to any number of words (unquoted `$ARGS`, `"$@"`, a template): argv after it is uncertain. */
  splat?: boolean;
  /** Set by the vLLM config-file extractor on a flag made from a YAML key whose value is a boolean. */
  yamlBoolean?: boolean;
}

export type Engine = 'vllm' | 'sglang' | 'trtllm';

export type FileKind =
  | 'shell'
  | 'makefile'
  | 'compose'
  | 'kubernetes'
  | 'dockerfile'
  | 'vllm-config'
  | 'markdown'
  | 'yaml'
  | 'unknown';

/**
 * How the engine was launched:
 * - `vllm-serve`: `vllm serve …`
 * - `api-server-module`: `python -m vllm.entrypoints.openai.api_server …`
 * - `image-entrypoint`: arguments handed to the vllm/vllm-openai image, whose ENTRYPOINT runs the server
 * - `config-file`: keys of a `vllm serve --config` YAML file
 */
export type LaunchForm = 'vllm-serve' | 'api-server-module' | 'image-entrypoint' | 'config-file';

export interface ImageRef {
  /** Repository without tag or digest, e.g. `vllm/vllm-openai` (registry prefix kept if written). */
  name: string;
  tag?: string;
  digest?: string;
  /** The image reference as written. */
  span: Span;
  tagSpan?: Span;
  /** The reference is (partly) interpolated, e.g. `vllm/vllm-openai:${TAG}`. */
  unknownTag?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  /** The value is interpolated or comes from a secret/ref: unknown. */
  unknown?: boolean;
  nameSpan: Span;
  valueSpan?: Span;
}

/** A place where a shell command is cut short by mistake (the server starts without the lines after it). */
export interface BrokenContinuation {
  kind: 'comment-in-continuation' | 'space-after-backslash';
  span: Span;
}

/** One engine launch found in a file. */
export interface Invocation {
  engine: Engine;
  form: LaunchForm;
  fileKind: FileKind;
  /** Span of the launcher words (`vllm serve`, `python3 -m vllm.entrypoints.openai.api_server`). */
  launcherSpan?: Span;
  /** The argv after the launcher: flags, their values and the positional model. */
  args: Word[];
  /** The container image that runs this launch, when known. */
  image?: ImageRef;
  /** Some arguments could not be known (a variable expanding to many words, a template): relation rules stay quiet. */
  incomplete?: boolean;
  /** Environment set for the launch (shell prefix assignments, compose `environment`, Kubernetes `env`). */
  env?: EnvVar[];
  /** Compose/Kubernetes: a command that repeats the image's entrypoint (`serve …`, `vllm serve …`). */
  redundantLauncher?: Span;
  /** Shell: continuations that end the command early. */
  brokenContinuations?: BrokenContinuation[];
  /** Value of a `--config` flag pointing at a vLLM config file, filled in by lint() after parsing. */
  configPath?: string;
  /** Span covering the whole launch, used for findings about the launch as a whole. */
  span: Span;
}

/** A problem found while extracting (broken YAML, …), reported under a registered rule id. */
export interface ExtractIssue {
  ruleId: string;
  span: Span;
  message: string;
  severity?: Severity;
  fixes?: SpanFix[];
}

export interface ExtractResult {
  invocations: Invocation[];
  issues: ExtractIssue[];
}

/** What every extractor receives besides the text. */
export interface ExtractContext {
  fileName: string;
  /** Runs the shell extractor on a script held in a word (compose `bash -c "…"`), mapping spans back. */
  extractShellWord(word: Word, fileKind: FileKind): Promise<ExtractResult>;
}

export type Extractor = (text: string, ctx: ExtractContext) => Promise<ExtractResult> | ExtractResult;
