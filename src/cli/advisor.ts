// `servelint recommend` and `servelint generate`: the decision guide on the command line. Parsing is
// pure (node:util parseArgs, strict); running writes to the injected streams and returns the exit code
// (0 done, 2 usage error: bad options, unknown GPU, model outside the table without --parameters-b).
import { parseArgs } from 'node:util';
import { generateConfig, recommend, recommendationSchema, type AdvisorInput, type GenerateRequest, type Reason, type Recommendation } from '../core/advisor/index';

export const RECOMMEND_USAGE = `Usage: servelint recommend --model <hf-id> --gpu <name> [--gpu-count N] [options]

Recommend an inference engine (vLLM, SGLang, TensorRT-LLM) for a model on given GPUs, with the
evidence behind it (source and date of every number), the memory sizing and a benchmark command.

Options:
      --model <id>              Hugging Face model id, e.g. meta-llama/Llama-3.1-8B-Instruct
      --gpu <name>              Accelerator: H100, H200, A100-40GB, L40S, L4, MI300X, B200, Gaudi3, …
      --gpu-count <N>           GPUs available (default 1)
      --objective <o>           latency, throughput or balanced (default balanced)
      --input-len <L>           Prompt tokens per request (default 1024)
      --output-len <L>          Generated tokens per request (default 512)
      --concurrency <N>         Concurrent requests to hold
      --requests-per-second <R> Request rate (with the lengths: tokens per second)
      --time-to-production <t>  days, weeks or months (default weeks)
      --deployment <d>          compose, shell, kubernetes or multi-node (default compose)
      --parameters-b <B>        Billions of parameters, for models outside ServeLint's table
  -f, --format <text|json>      Output format (default text)
  -h, --help                    Show this help
`;

export const GENERATE_USAGE = `Usage: servelint generate --engine <vllm|sglang|trtllm> --model <hf-id> --gpu <name> --target <t> [options]

Print a launch config that lints clean with ServeLint.

Options:
      --engine <e>              vllm, sglang or trtllm
      --model <id>              Hugging Face model id
      --gpu <name>              Accelerator (as for recommend)
      --gpu-count <N>           GPUs (default 1)
      --target <t>              compose, shell, kubernetes or engine-yaml
      --tensor-parallel-size <N> Override the tensor-parallel size ServeLint sizes
      --max-model-len <L>       Context length to serve (default min(8192, the model's))
      --deployment <d>          multi-node: a LeaderWorkerSet / multi-node launch
      --parameters-b <B>        Billions of parameters, for models outside ServeLint's table
  -f, --format <text|json>      text (the config) or json (with file name, language and snippet)
  -h, --help                    Show this help
`;

export interface SubcommandIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

type Outcome<T> = { action: 'help' } | { action: 'run'; value: T; format: 'text' | 'json' } | { action: 'error'; message: string };

function firstSentence(message: string): string {
  const m = /^(.*?[.'"])\s+[A-Z]/.exec(message);
  return (m ? m[1] : message) ?? message;
}

function intOption(name: string, raw: string | undefined, min = 1): number | undefined | string {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) return `Invalid value for --${name}: '${raw}' (expected an integer ≥ ${min}).`;
  return Number(raw);
}

function numOption(name: string, raw: string | undefined): number | undefined | string {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) return `Invalid value for --${name}: '${raw}' (expected a positive number).`;
  return n;
}

function choice<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined | { error: string } {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) return { error: `Invalid value for --${name}: '${raw}' (expected ${allowed.join(', ')}).` };
  return raw as T;
}

const FORMATS = ['text', 'json'] as const;
const OBJECTIVES = ['latency', 'throughput', 'balanced'] as const;
const TIMES = ['days', 'weeks', 'months'] as const;
const DEPLOYMENTS = ['compose', 'shell', 'kubernetes', 'multi-node'] as const;
const ENGINES = ['vllm', 'sglang', 'trtllm'] as const;
const TARGETS = ['compose', 'shell', 'kubernetes', 'engine-yaml'] as const;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
const COMMON_OPTIONS: OptionSpec = { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } };

/** Parses a subcommand's options (plus --format and --help): a string getter, or what to do instead. */
function readOptions(argv: readonly string[], options: OptionSpec): ((name: string) => string | undefined) | Outcome<never> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { ...options, ...COMMON_OPTIONS } }));
  } catch (error) {
    return { action: 'error', message: firstSentence(error instanceof Error ? error.message : String(error)) };
  }
  if (values['help']) return { action: 'help' };
  return (name) => values[name] as string | undefined;
}

export function parseRecommendArgs(argv: readonly string[]): Outcome<AdvisorInput> {
  const s = readOptions(argv, {
    model: { type: 'string' },
    gpu: { type: 'string' },
    'gpu-count': { type: 'string' },
    objective: { type: 'string' },
    'input-len': { type: 'string' },
    'output-len': { type: 'string' },
    concurrency: { type: 'string' },
    'requests-per-second': { type: 'string' },
    'time-to-production': { type: 'string' },
    deployment: { type: 'string' },
    'parameters-b': { type: 'string' },
  });
  if (typeof s !== 'function') return s;
  if (!s('model')?.trim()) return { action: 'error', message: 'Missing --model (a Hugging Face id, e.g. meta-llama/Llama-3.1-8B-Instruct).' };
  if (!s('gpu')?.trim()) return { action: 'error', message: 'Missing --gpu (e.g. H100, A100-40GB, L4, MI300X).' };
  const input: AdvisorInput = { model: (s('model') as string).trim(), gpu: (s('gpu') as string).trim() };
  const ints: Array<[string, keyof AdvisorInput]> = [
    ['gpu-count', 'gpuCount'],
    ['input-len', 'inputLen'],
    ['output-len', 'outputLen'],
    ['concurrency', 'concurrency'],
  ];
  for (const [flag, key] of ints) {
    const r = intOption(flag, s(flag));
    if (typeof r === 'string') return { action: 'error', message: r };
    if (r !== undefined) (input as Record<string, unknown>)[key] = r;
  }
  for (const [flag, key] of [['requests-per-second', 'requestsPerSecond'], ['parameters-b', 'parametersB']] as const) {
    const r = numOption(flag, s(flag));
    if (typeof r === 'string') return { action: 'error', message: r };
    if (r !== undefined) input[key] = r;
  }
  const objective = choice('objective', s('objective'), OBJECTIVES);
  if (typeof objective === 'object') return { action: 'error', message: objective.error };
  if (objective) input.objective = objective;
  const time = choice('time-to-production', s('time-to-production'), TIMES);
  if (typeof time === 'object') return { action: 'error', message: time.error };
  if (time) input.timeToProduction = time;
  const deployment = choice('deployment', s('deployment'), DEPLOYMENTS);
  if (typeof deployment === 'object') return { action: 'error', message: deployment.error };
  if (deployment) input.deployment = deployment;
  const format = choice('format', s('format'), FORMATS);
  if (typeof format === 'object') return { action: 'error', message: format.error };
  return { action: 'run', value: input, format: format ?? 'text' };
}

export function parseGenerateArgs(argv: readonly string[]): Outcome<GenerateRequest> {
  const s = readOptions(argv, {
    engine: { type: 'string' },
    model: { type: 'string' },
    gpu: { type: 'string' },
    'gpu-count': { type: 'string' },
    target: { type: 'string' },
    'tensor-parallel-size': { type: 'string' },
    'max-model-len': { type: 'string' },
    deployment: { type: 'string' },
    'parameters-b': { type: 'string' },
  });
  if (typeof s !== 'function') return s;
  const engine = choice('engine', s('engine'), ENGINES);
  if (engine === undefined) return { action: 'error', message: 'Missing --engine (vllm, sglang or trtllm).' };
  if (typeof engine === 'object') return { action: 'error', message: engine.error };
  const target = choice('target', s('target'), TARGETS);
  if (target === undefined) return { action: 'error', message: 'Missing --target (compose, shell, kubernetes or engine-yaml).' };
  if (typeof target === 'object') return { action: 'error', message: target.error };
  if (!s('model')?.trim()) return { action: 'error', message: 'Missing --model (a Hugging Face id).' };
  if (!s('gpu')?.trim()) return { action: 'error', message: 'Missing --gpu (e.g. H100, L4, MI300X).' };
  const count = intOption('gpu-count', s('gpu-count'));
  if (typeof count === 'string') return { action: 'error', message: count };
  const req: GenerateRequest = { engine, target, model: (s('model') as string).trim(), gpu: (s('gpu') as string).trim(), gpuCount: count ?? 1 };
  const tp = intOption('tensor-parallel-size', s('tensor-parallel-size'));
  if (typeof tp === 'string') return { action: 'error', message: tp };
  if (tp !== undefined) req.tensorParallelSize = tp;
  const len = intOption('max-model-len', s('max-model-len'));
  if (typeof len === 'string') return { action: 'error', message: len };
  if (len !== undefined) req.maxModelLen = len;
  const params = numOption('parameters-b', s('parameters-b'));
  if (typeof params === 'string') return { action: 'error', message: params };
  if (params !== undefined) req.parametersB = params;
  const deployment = choice('deployment', s('deployment'), DEPLOYMENTS);
  if (typeof deployment === 'object') return { action: 'error', message: deployment.error };
  if (deployment) req.deployment = deployment;
  const format = choice('format', s('format'), FORMATS);
  if (typeof format === 'object') return { action: 'error', message: format.error };
  return { action: 'run', value: req, format: format ?? 'text' };
}

// ---------------------------------------------------------------------------------------------

const NAMES = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' } as const;

function cite(r: Reason): string {
  return `${r.text}\n      [${r.source}, ${r.date}]`;
}

export function formatRecommendation(r: Recommendation, model: string): string {
  const out: string[] = [];
  out.push(`Recommended engine: ${NAMES[r.engine]}${r.score !== undefined ? ` (score ${r.score}/100)` : ''}`);
  const alts = r.alternatives.map((a) => (a.excluded ? `${NAMES[a.engine]} (excluded: ${a.excluded})` : `${NAMES[a.engine]} ${a.score}`));
  if (alts.length) out.push(`Alternatives: ${alts.join('; ')}`);
  out.push('', 'Why:');
  for (const reason of r.reasons) out.push(`  - ${cite(reason)}`);
  const s = r.sizing;
  out.push('', `Sizing: ${model} on ${s.gpuCount} × ${s.gpu} (${s.gpuMemoryGiB} GiB each)`);
  out.push(`  fits: ${s.fits ? 'yes' : 'NO'}; tensor parallel ${s.tensorParallelSize}${s.pipelineParallelSize ? ` × pipeline ${s.pipelineParallelSize}` : ''}; weights ${s.weightsGiB} GiB`);
  out.push(`  per GPU: weights ${s.perGpu.weightsGiB} GiB, KV cache ${s.perGpu.kvCacheGiB} GiB, headroom ${s.perGpu.headroomGiB} GiB`);
  out.push(`  KV cache per token: ${Math.round(s.kvCacheBytesPerToken / 1024)} KiB; concurrent sequences that fit: ${s.concurrentSequences}`);
  for (const n of s.notes) out.push(`  · ${n}`);
  if (r.blogCorrections.length) {
    out.push('', 'Corrections of the blog "vLLM vs TensorRT-LLM: 2026 LLM inference engine decision guide":');
    for (const c of r.blogCorrections) out.push(`  - ${cite(c)}`);
  }
  out.push('', 'Measure it on your own hardware (with the server running):', `  ${r.benchmarkCommand}`, '');
  return out.join('\n');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `servelint recommend …`: 0, or 2 on a usage error (bad option, unknown GPU, unknown model without --parameters-b). */
export function runRecommend(argv: readonly string[], io: SubcommandIO): number {
  const parsed = parseRecommendArgs(argv);
  if (parsed.action === 'help') {
    io.stdout.write(RECOMMEND_USAGE);
    return 0;
  }
  if (parsed.action === 'error') {
    io.stderr.write(`servelint recommend: ${parsed.message}\nRun 'servelint recommend --help' for usage.\n`);
    return 2;
  }
  let rec: Recommendation;
  try {
    rec = recommend(parsed.value);
  } catch (error) {
    io.stderr.write(`servelint recommend: ${errorText(error)}\n`);
    return 2;
  }
  if (parsed.format === 'json') io.stdout.write(`${JSON.stringify(recommendationSchema.parse(rec), null, 2)}\n`);
  else io.stdout.write(formatRecommendation(rec, parsed.value.model));
  return 0;
}

/** `servelint generate …`: prints the config; 2 on a usage error or a combination ServeLint does not generate. */
export function runGenerate(argv: readonly string[], io: SubcommandIO): number {
  const parsed = parseGenerateArgs(argv);
  if (parsed.action === 'help') {
    io.stdout.write(GENERATE_USAGE);
    return 0;
  }
  if (parsed.action === 'error') {
    io.stderr.write(`servelint generate: ${parsed.message}\nRun 'servelint generate --help' for usage.\n`);
    return 2;
  }
  try {
    const config = generateConfig(parsed.value);
    io.stdout.write(parsed.format === 'json' ? `${JSON.stringify(config, null, 2)}\n` : config.text);
    return 0;
  } catch (error) {
    io.stderr.write(`servelint generate: ${errorText(error)}\n`);
    return 2;
  }
}
