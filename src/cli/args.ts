// Command-line parsing for `servelint` (node:util parseArgs, strict). Pure: no I/O, no process access.
import { parseArgs } from 'node:util';
import type { RuleLevel } from '../core/settings';

export type OutputFormat = 'text' | 'json' | 'sarif';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export interface CliOptions {
  format: OutputFormat;
  vllmVersion?: string;
  /** Accelerator for the sizing rules (`--gpu H100-80GB`). */
  gpu?: string;
  /** Undefined: unlimited. */
  maxWarnings?: number;
  /** Severity overrides from `--rule id=level`, in the order given (a later one wins). */
  rules: Record<string, RuleLevel>;
  quiet: boolean;
  /** `--no-color` was given. */
  noColor: boolean;
  paths: string[];
}

export type ParseOutcome =
  | { action: 'help' }
  | { action: 'version' }
  | { action: 'lint'; options: CliOptions }
  | { action: 'error'; message: string };

export const USAGE = `Usage: servelint [options] <files|dirs|globs>...
       servelint recommend --model <id> --gpu <name> [--gpu-count N] [...]   (see recommend --help)
       servelint generate --engine <e> --model <id> --gpu <name> --target <t> (see generate --help)

Lint vLLM inference-server launch configs: shell scripts, Makefiles, docker-compose files,
Dockerfiles, Kubernetes manifests, vLLM config YAML (vllm serve --config) and Markdown.

Options:
  -f, --format <text|json|sarif>  Output format (default: text)
      --vllm-version <X.Y[.Z]>    Target vLLM version when no image tag pins one (default: newest known)
      --gpu <name>                Accelerator for the sizing rules, e.g. H100-80GB, A100-40GB, L4, MI300X
      --max-warnings <N>          Exit with 1 when there are more than N warnings (default: unlimited)
      --rule <id=level>           Override a rule's severity: off, info, warning or error (repeatable)
      --quiet                     Report errors only
      --no-color                  Disable colours in text output (also: NO_COLOR=1)
  -h, --help                      Show this help
      --version                   Print the ServeLint version

Directories are searched recursively (node_modules, .git, dist, out, .venv, __pycache__ and hidden
directories are skipped). Globs support *, **, ? and {a,b}; quote them so the shell leaves them alone.

Exit codes: 0 no errors and warnings within --max-warnings, 1 problems found, 2 usage or internal error.
To lint a file named recommend or generate, write ./recommend or ./generate.
`;

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
const VERSION = /^v?(\d+(?:\.\d+){1,2}(?:[-.+]?[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?)$/;

/** First sentence of a Node parseArgs error ("Unknown option '--x'. To specify a positional…"). */
function firstSentence(message: string): string {
  const m = /^(.*?[.'"])\s+[A-Z]/.exec(message);
  return (m ? m[1] : message) ?? message;
}

/**
 * Parses argv (without the node binary and script path).
 * `isKnownRule` validates `--rule` ids when given; unknown ids are a usage error.
 */
export function parseCliArgs(argv: readonly string[], isKnownRule?: (id: string) => boolean): ParseOutcome {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'vllm-version': { type: 'string' },
        gpu: { type: 'string' },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    return { action: 'error', message: firstSentence(error instanceof Error ? error.message : String(error)) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  if (values.version) return { action: 'version' };

  const format = values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    return { action: 'error', message: `Invalid value for --format: '${format}' (expected text, json or sarif).` };
  }

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'].trim();
    if (!/^\d+$/.test(raw)) {
      return { action: 'error', message: `Invalid value for --max-warnings: '${values['max-warnings']}' (expected a non-negative integer).` };
    }
    maxWarnings = Number(raw);
  }

  let vllmVersion: string | undefined;
  if (values['vllm-version'] !== undefined) {
    const m = VERSION.exec(values['vllm-version'].trim());
    if (!m) {
      return { action: 'error', message: `Invalid value for --vllm-version: '${values['vllm-version']}' (expected e.g. 0.10.1).` };
    }
    vllmVersion = m[1];
  }

  const rules: Record<string, RuleLevel> = {};
  for (const spec of values.rule ?? []) {
    for (const part of spec.split(',')) {
      const item = part.trim();
      if (item === '') continue;
      const eq = item.indexOf('=');
      if (eq <= 0) {
        return { action: 'error', message: `Invalid value for --rule: '${item}' (expected <rule-id>=off|info|warning|error).` };
      }
      const id = item.slice(0, eq).trim();
      const level = item.slice(eq + 1).trim();
      if (!RULE_ID.test(id)) {
        return { action: 'error', message: `Invalid rule id in --rule: '${id}'.` };
      }
      if (isKnownRule && !isKnownRule(id)) {
        return { action: 'error', message: `Unknown rule in --rule: '${id}'.` };
      }
      if (!(RULE_LEVELS as readonly string[]).includes(level)) {
        return { action: 'error', message: `Invalid level for rule '${id}': '${level}' (expected off, info, warning or error).` };
      }
      rules[id] = level as RuleLevel;
    }
  }

  if (positionals.length === 0) {
    return { action: 'error', message: 'No files, directories or globs given.' };
  }

  return {
    action: 'lint',
    options: {
      format: format as OutputFormat,
      vllmVersion,
      ...(values.gpu?.trim() ? { gpu: values.gpu.trim() } : {}),
      maxWarnings,
      rules,
      quiet: values.quiet ?? false,
      noColor: values['no-color'] ?? false,
      paths: positionals,
    },
  };
}
