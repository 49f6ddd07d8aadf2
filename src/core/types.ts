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
  /**
   * A mechanical fix that keeps the author's intent (drop a removed flag, write `--no-x`): applied by
   * "Fix all" and on save. Fixes that choose a value for the author (a did-you-mean, a lower threshold) are not.
   */
  preferred?: boolean;
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
  preferred?: boolean;
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
  /** The whole launch the finding belongs to (where a suppression comment for it can go). */
  launchRange?: Range;
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
  | 'sglang-config'
  | 'trtllm-config'
  | 'markdown'
  | 'yaml'
  | 'unknown';

/**
 * How the engine was launched:
 * - `vllm-serve`: `vllm serve …`
 * - `api-server-module`: `python -m vllm.entrypoints.openai.api_server …`
 * - `image-entrypoint`: arguments handed to the vllm/vllm-openai image, whose ENTRYPOINT runs the server
 * - `config-file`: keys of an engine config file (`vllm serve --config`, `sglang … --config`,
 *   `trtllm-serve --config` / `--extra_llm_api_options`)
 * - `sglang-module`: `python -m sglang.launch_server …`; `sglang-serve`: `sglang serve …`
 * - `trtllm-serve`: `trtllm-serve [serve|grpc|disaggregated] …`; `trtllm-build`: `trtllm-build …`
 *   (Invocation.command says which subcommand)
 */
export type LaunchForm =
  | 'vllm-serve'
  | 'api-server-module'
  | 'image-entrypoint'
  | 'config-file'
  | 'sglang-module'
  | 'sglang-serve'
  | 'trtllm-serve'
  | 'trtllm-build';

/** The TensorRT-LLM command of a launch (its flag table): engine-facts.md §8. */
export type TrtllmCommand = 'trtllm-serve serve' | 'trtllm-serve grpc' | 'trtllm-serve disaggregated' | 'trtllm-build' | 'trtllm-llm-api-yaml';

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
  /** Where an unknown value comes from: a Kubernetes secret/configMap/field ref, or the host environment (`- NAME`, `-e NAME`). */
  from?: 'secret' | 'configmap' | 'field' | 'host';
}

/** A place where a shell command is cut short by mistake (the server starts without the lines after it). */
export interface BrokenContinuation {
  kind: 'comment-in-continuation' | 'space-after-backslash' | 'missing-backslash';
  span: Span;
}

/** One engine launch found in a file. */
export interface Invocation {
  engine: Engine;
  form: LaunchForm;
  /** TensorRT-LLM: which command's flags apply (`trtllm-build`, `trtllm-serve grpc`, …). Unset: the engine's main server command. */
  command?: TrtllmCommand;
  /**
   * Config files only: settings the launch that passes this file also gives on its command line
   * (filled by the CLI's `--config` linking), for rules about precedence between the two.
   */
  linkedCli?: LinkedCliSetting[];
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
  /** What the launch runs in (container resources, ports, volumes, …), when the file says. */
  deployment?: Deployment;
}

/** Where the deployment facts come from. */
export type DeploymentKind = 'compose' | 'kubernetes' | 'docker-run' | 'dockerfile' | 'shell';

/** A GPU reservation: compose device request / `gpus:` / `runtime: nvidia`, Kubernetes resource, `docker run --gpus`. */
export interface GpuRequest {
  /** Number of GPUs, or 'all'; undefined when interpolated/unknown. */
  count?: number | 'all';
  vendor?: 'nvidia' | 'amd' | 'intel';
  /** compose-count | compose-device-ids | compose-gpus | compose-runtime | k8s-resource | docker-gpus | docker-device | visible-devices */
  via: string;
  span: Span;
}

/** `CUDA_VISIBLE_DEVICES` / `NVIDIA_VISIBLE_DEVICES` / `HIP_VISIBLE_DEVICES` … from the environment. */
export interface VisibleDevices {
  name: string;
  /** Number of listed devices, 'all', 'none'; undefined when unknown. */
  count?: number | 'all' | 'none';
  span: Span;
}

export interface SharedMemory {
  via: 'ipc-host' | 'shm-size' | 'dev-shm-volume' | 'host-ipc';
  /** shm size in bytes when given. */
  bytes?: number;
  span: Span;
}

/** A port the container declares: compose `ports` (container side) / `expose`, Kubernetes `containerPort` or probe, `docker run -p`. */
export interface DeclaredPort {
  kind: 'published' | 'expose' | 'container-port' | 'probe';
  /** Single port, or the first of a range. Undefined when unknown. */
  port?: number;
  /** Last port of a range. */
  end?: number;
  /** Kubernetes named port (`port: http`), resolved into `port` when the container names it. */
  name?: string;
  span: Span;
}

export interface VolumeMount {
  /** Path inside the container; undefined when unknown. */
  target?: string;
  source?: string;
  span: Span;
}

/** What a launch runs in. Every list holds what the file says; nothing is guessed. */
export interface Deployment {
  kind: DeploymentKind;
  /** A container spec where resource requests, ports and volumes would be written (compose service, pod container, docker run). */
  container: boolean;
  /** Parts of the spec could not be read (templates, interpolated keys): rules about absent things stay quiet. */
  incomplete?: boolean;
  /** Name of the compose service / Kubernetes container, for messages. */
  name?: string;
  /** Kubernetes object kind holding the pod template (Deployment, LeaderWorkerSet, ServingRuntime, …). */
  objectKind?: string;
  /** The image is built here (compose `build:`), not pulled. */
  builtLocally?: boolean;
  /** How many engine launches this container runs (a script may start several). */
  launchesInContainer?: number;
  gpus: GpuRequest[];
  visibleDevices: VisibleDevices[];
  /** Raw device mounts (compose `devices:`, `docker run --device`), e.g. /dev/kfd for ROCm. */
  devices: Span[];
  sharedMemory: SharedMemory[];
  ports: DeclaredPort[];
  /** compose `network_mode: host`, Kubernetes `hostNetwork: true`, `docker run --network host`. */
  hostNetwork?: Span;
  volumes: VolumeMount[];
  /** compose `env_file`, Kubernetes `envFrom`, `docker run --env-file`: variables we cannot see. */
  envFiles: Span[];
  /** Kubernetes Services defined in the same file. */
  services: { name: string; span: Span }[];
  /** Kubernetes `enableServiceLinks` of the pod, when written. */
  enableServiceLinks?: { value: boolean; span: Span };
  /** GPU model from a node selector / affinity label (`nvidia.com/gpu.product`, `cloud.google.com/gke-accelerator`). */
  gpuProducts: { value: string; span: Span }[];
}

/** A command-line setting of the launch that passes a config file (see Invocation.linkedCli). */
export interface LinkedCliSetting {
  /** The config-file key the option corresponds to (`kv_cache_config.free_gpu_memory_fraction`). */
  key: string;
  /** The option and value as written on the command line (`--free_gpu_memory_fraction 0.8`). */
  written: string;
  /** Where: `serve.sh:12`. */
  where: string;
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
