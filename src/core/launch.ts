// Recognises an engine launch inside an argv (shell command, compose entrypoint+command, Kubernetes
// command+args, Dockerfile ENTRYPOINT+CMD, `docker run …`), looking through the usual wrappers.
import { sliceWord, wordSubSpan, coverSpans } from './text';
import type { Deployment, Engine, EnvVar, ImageRef, Invocation, LaunchForm, Span, Word, FileKind, TrtllmCommand } from './types';
import { dockerRunDeployment } from './extract/deployment';
import type { DockerOption } from './extract/deployment';

export interface LaunchMatch {
  /** Default 'vllm'. */
  engine?: Engine;
  command?: TrtllmCommand;
  form: LaunchForm;
  launcherSpan?: Span;
  args: Word[];
  image?: ImageRef;
  env: EnvVar[];
  incomplete: boolean;
  redundantLauncher?: Span;
  span: Span;
  /** `docker run` options: what the container gets (GPUs, ports, volumes). */
  deployment?: Deployment;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const PYTHON = /^(?:.*\/)?python(?:\d+(?:\.\d+)*)?$/;
const API_SERVER_MODULE = 'vllm.entrypoints.openai.api_server';

/** Wrappers that run the rest of the argv as a command, with the number of option words we can skip. */
const SIMPLE_WRAPPERS = new Set(['exec', 'nohup', 'time', 'command', 'builtin', 'stdbuf', 'setsid', 'chrt', 'caffeinate', 'trtllm-llmapi-launch']);
/** Wrappers whose own options come first; we skip until the engine launcher appears. */
const OPTION_WRAPPERS = new Set([
  'env', 'srun', 'mpirun', 'mpiexec', 'sudo', 'timeout', 'nice', 'numactl', 'taskset', 'ionice', 'unbuffer',
  'accelerate', 'dumb-init', 'tini', 'gosu', 'su-exec', 'xargs',
]);
/** `<tool> run …` style wrappers (uv run, conda run -n env, poetry run, pixi run, pipenv run). */
const RUN_WRAPPERS = new Set(['uv', 'conda', 'mamba', 'micromamba', 'poetry', 'pixi', 'pipenv', 'hatch', 'rye', 'pdm']);

const DOCKER_BOOLEAN_OPTIONS = new Set([
  '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--rm', '--privileged', '--init', '--read-only',
  '-P', '--publish-all', '--no-healthcheck', '--oom-kill-disable', '--sig-proxy', '-q', '--quiet', '--help',
]);

function basename(text: string): string {
  const i = text.lastIndexOf('/');
  return i >= 0 ? text.slice(i + 1) : text;
}

export function isVllmImageName(name: string): boolean {
  const repo = name.toLowerCase().split('/').slice(-2).join('/');
  return /^vllm\/vllm-openai(?:-[a-z0-9]+)?$/.test(repo);
}

/**
 * The SGLang images (`lmsysorg/sglang`, also `…/sglang-rocm`-style variants). They have no server
 * ENTRYPOINT: the command must launch the server.
 */
export function isSglangImageName(name: string): boolean {
  const repo = name.toLowerCase().split('/').slice(-2).join('/');
  return /^lmsysorg\/sglang(?:-[a-z0-9]+)?$/.test(repo);
}

/** NVIDIA's TensorRT-LLM images (`nvcr.io/nvidia/tensorrt-llm/release`, `…/devel`). */
export function isTrtllmImageName(name: string): boolean {
  return /(^|\/)tensorrt-llm\/(release|devel)$/i.test(name) || /(^|\/)tensorrt[-_]llm$/i.test(name);
}

/** The engine an image ships, judged by its name. */
export function engineOfImage(name: string): Engine | undefined {
  if (isVllmImageName(name)) return 'vllm';
  if (isSglangImageName(name)) return 'sglang';
  if (isTrtllmImageName(name)) return 'trtllm';
  return undefined;
}

/** Text that may hold a launch of one of the engines (a cheap filter before parsing). */
export const LAUNCH_HINT = /vllm|sglang|trtllm/i;

/** Parses `registry/repo:tag@digest` held in a word. */
export function parseImageRef(word: Word): ImageRef {
  const text = word.text.trim();
  const lead = word.text.indexOf(text);
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  const name = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  const ref: ImageRef = { name, span: word.span };
  if (tag !== undefined) {
    ref.tag = tag;
    ref.tagSpan = wordSubSpan(word, lead + colon + 1, lead + colon + 1 + tag.length);
  }
  if (digest !== undefined) ref.digest = digest;
  if (word.unknown && (tag === undefined || /\$/.test(word.text.slice(lead + (colon >= 0 ? colon : 0))))) {
    // `${IMAGE}` or `vllm/vllm-openai:${TAG}`: the tag is not known.
    ref.unknownTag = true;
  }
  return ref;
}

function isAssignment(w: Word): boolean {
  return ASSIGNMENT.test(w.text);
}

function envFromAssignment(w: Word): EnvVar {
  const eq = w.text.indexOf('=');
  return {
    name: w.text.slice(0, eq),
    value: w.unknown ? undefined : w.text.slice(eq + 1),
    unknown: w.unknown,
    nameSpan: wordSubSpan(w, 0, eq),
    valueSpan: wordSubSpan(w, eq + 1, w.text.length),
  };
}

interface LauncherAt {
  engine: Engine;
  command?: TrtllmCommand;
  form: LaunchForm;
  /** Index of the first argument after the launcher. */
  next: number;
  span: Span;
}

const TRTLLM_SUBCOMMANDS: Record<string, TrtllmCommand> = {
  serve: 'trtllm-serve serve',
  grpc: 'trtllm-serve grpc',
  disaggregated: 'trtllm-serve disaggregated',
};

/** Is there an engine launcher starting at words[i]? */
function launcherAt(words: Word[], i: number): LauncherAt | null {
  const w = words[i];
  if (!w || w.unknown) return null;
  const cmd = basename(w.text);
  if (cmd === 'vllm' && words[i + 1]?.text === 'serve') {
    return { engine: 'vllm', form: 'vllm-serve', next: i + 2, span: coverSpans([w.span, (words[i + 1] as Word).span]) };
  }
  if (cmd === 'sglang' && words[i + 1]?.text === 'serve') {
    return { engine: 'sglang', form: 'sglang-serve', next: i + 2, span: coverSpans([w.span, (words[i + 1] as Word).span]) };
  }
  if (cmd === 'trtllm-serve') {
    // `trtllm-serve MODEL …` is `trtllm-serve serve MODEL …` (serve is the default subcommand).
    const sub = words[i + 1];
    const command = sub && !sub.unknown ? TRTLLM_SUBCOMMANDS[sub.text] : undefined;
    if (command && sub) return { engine: 'trtllm', command, form: 'trtllm-serve', next: i + 2, span: coverSpans([w.span, sub.span]) };
    return { engine: 'trtllm', command: 'trtllm-serve serve', form: 'trtllm-serve', next: i + 1, span: w.span };
  }
  if (cmd === 'trtllm-build') {
    return { engine: 'trtllm', command: 'trtllm-build', form: 'trtllm-build', next: i + 1, span: w.span };
  }
  if (PYTHON.test(cmd)) {
    // python [-u] [-O] [-X opt] [-W arg] -m module
    let j = i + 1;
    while (j < words.length) {
      const t = (words[j] as Word).text;
      if (t === '-m') {
        const mod = words[j + 1];
        if (mod?.text === API_SERVER_MODULE) {
          return { engine: 'vllm', form: 'api-server-module', next: j + 2, span: coverSpans([w.span, mod.span]) };
        }
        if (mod?.text === 'vllm.entrypoints.cli.main' && words[j + 2]?.text === 'serve') {
          return { engine: 'vllm', form: 'vllm-serve', next: j + 3, span: coverSpans([w.span, (words[j + 2] as Word).span]) };
        }
        if (mod?.text === 'sglang.launch_server') {
          return { engine: 'sglang', form: 'sglang-module', next: j + 2, span: coverSpans([w.span, mod.span]) };
        }
        return null;
      }
      if (t === '-X' || t === '-W') j += 2;
      else if (/^-[a-zA-Z]+$/.test(t)) j += 1;
      else return null;
    }
  }
  return null;
}

/** Skips `docker|podman run` options; returns the index of the image word and what we learnt. */
export function parseDockerRun(words: Word[], start: number): { imageIndex: number; env: EnvVar[]; entrypoint?: Word; options: DockerOption[] } | null {
  const env: EnvVar[] = [];
  const options: DockerOption[] = [];
  let entrypoint: Word | undefined;
  let i = start;
  while (i < words.length) {
    const w = words[i] as Word;
    const t = w.text;
    if (!t.startsWith('-') || t === '-') return { imageIndex: i, env, entrypoint, options };
    if (t === '--') return i + 1 < words.length ? { imageIndex: i + 1, env, entrypoint, options } : null;
    const eq = t.indexOf('=');
    const name = eq >= 0 ? t.slice(0, eq) : t;
    let value: Word | undefined;
    if (eq >= 0) {
      value = sliceWord(w, eq + 1);
      i += 1;
    } else if (DOCKER_BOOLEAN_OPTIONS.has(name) || /^-[dit]{2,}$/.test(name)) {
      i += 1;
    } else {
      value = words[i + 1];
      i += 2;
    }
    options.push({ name, value, word: w });
    if (!value) continue;
    if (name === '-e' || name === '--env') {
      if (value.text.includes('=')) env.push(envFromAssignment(value));
      else env.push({ name: value.text, unknown: true, nameSpan: value.span });
    } else if (name === '--entrypoint') {
      entrypoint = value;
    }
  }
  return null;
}

/**
 * Arguments handed to an image whose ENTRYPOINT already runs `vllm serve` (or, in older images, the
 * api_server module). A command that repeats the launcher is recorded as redundant.
 */
export function imageEntrypointLaunch(args: Word[], image: ImageRef | undefined, env: EnvVar[] = []): LaunchMatch {
  let redundantLauncher: Span | undefined;
  let rest = args;
  const first = args[0];
  if (first && !first.unknown) {
    const launcher = launcherAt(args, 0);
    if (launcher && launcher.engine === 'vllm') {
      redundantLauncher = launcher.span;
      rest = args.slice(launcher.next);
    } else if (first.text === 'serve') {
      redundantLauncher = first.span;
      rest = args.slice(1);
    }
  }
  const spans = [...args.map((w) => w.span)];
  if (image) spans.push(image.span);
  return {
    form: 'image-entrypoint',
    args: rest,
    image,
    env,
    incomplete: rest.some((w) => w.splat === true),
    redundantLauncher,
    span: coverSpans(spans),
  };
}

/**
 * Finds a vLLM launch in one argv. Only looks through known wrappers, so `echo vllm serve x` or
 * `pip install vllm` are not launches.
 */
export function findLaunch(words: Word[]): LaunchMatch | null {
  const env: EnvVar[] = [];
  let i = 0;
  let inOptionWrapper = false;
  while (i < words.length) {
    const w = words[i] as Word;
    const found = launcherAt(words, i);
    if (found) {
      const args = words.slice(found.next);
      return {
        engine: found.engine,
        command: found.command,
        form: found.form,
        launcherSpan: found.span,
        args,
        env,
        incomplete: args.some((a) => a.splat === true),
        span: coverSpans([found.span, ...args.map((a) => a.span)]),
      };
    }
    if (w.unknown && !isAssignment(w)) {
      // `$LAUNCHER serve …` or `${CMD}`: we cannot know what runs.
      return null;
    }
    const t = w.text;
    const cmd = basename(t);
    if (isAssignment(w) && (i === 0 || inOptionWrapper || isAssignment(words[i - 1] as Word) || SIMPLE_WRAPPERS.has(basename((words[i - 1] as Word).text)))) {
      env.push(envFromAssignment(w));
      i += 1;
      continue;
    }
    if ((cmd === 'docker' || cmd === 'podman' || cmd === 'nerdctl') && (words[i + 1]?.text === 'run' || (words[i + 1]?.text === 'container' && words[i + 2]?.text === 'run'))) {
      const optionsStart = words[i + 1]?.text === 'run' ? i + 2 : i + 3;
      const parsed = parseDockerRun(words, optionsStart);
      if (!parsed) return null;
      const imageWord = words[parsed.imageIndex] as Word;
      const image = parseImageRef(imageWord);
      const after = words.slice(parsed.imageIndex + 1);
      const allEnv = [...env, ...parsed.env];
      if (isVllmImageName(image.name) && !parsed.entrypoint) {
        const match = imageEntrypointLaunch(after, image, allEnv);
        match.span = coverSpans([w.span, ...words.slice(i).map((x) => x.span)]);
        match.deployment = dockerRunDeployment(parsed.options, allEnv);
        return match;
      }
      const inner = findLaunch(parsed.entrypoint ? [parsed.entrypoint, ...after] : after);
      if (inner) {
        inner.image = image;
        inner.env = [...allEnv, ...inner.env];
        inner.deployment = dockerRunDeployment(parsed.options, inner.env);
      }
      return inner;
    }
    if (i === 0 || inOptionWrapper || SIMPLE_WRAPPERS.has(basename((words[i - 1] as Word).text)) || isAssignment(words[i - 1] as Word)) {
      if (SIMPLE_WRAPPERS.has(cmd)) {
        i += 1;
        continue;
      }
      if (OPTION_WRAPPERS.has(cmd)) {
        inOptionWrapper = true;
        i += 1;
        continue;
      }
      if (RUN_WRAPPERS.has(cmd) && words.slice(i + 1, i + 6).some((x) => x.text === 'run')) {
        inOptionWrapper = true;
        i += 1;
        continue;
      }
    }
    if (inOptionWrapper) {
      // Options of a wrapper (`srun -N 1 --gres=gpu:4`, `env -u X`, `timeout 1h`, `conda run -n env`).
      i += 1;
      continue;
    }
    return null;
  }
  return null;
}

/** Turns a match into an Invocation of the given file kind. */
export function toInvocation(match: LaunchMatch, fileKind: FileKind): Invocation {
  const inv: Invocation = {
    engine: match.engine ?? 'vllm',
    form: match.form,
    fileKind,
    launcherSpan: match.launcherSpan,
    args: match.args,
    image: match.image,
    incomplete: match.incomplete || undefined,
    env: match.env.length > 0 ? match.env : undefined,
    redundantLauncher: match.redundantLauncher,
    span: match.span,
  };
  if (match.command) inv.command = match.command;
  if (match.deployment) inv.deployment = match.deployment;
  return inv;
}
