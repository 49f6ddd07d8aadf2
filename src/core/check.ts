// Runs every rule on one launch: resolve the target version, parse the argv, collect reports.
import type { Invocation, Severity, Span } from './types';
import { parseArgs, type ParsedArgs } from './args';
import { flagsFor, type FlagTable } from './facts/flags';
import { NEWEST_KNOWN_SGLANG, NEWEST_KNOWN_TRTLLM, NEWEST_KNOWN_VLLM, parseVersion, versionFromImageTag, type ResolvedVersion, type Version } from './version';
import { RULES, INTERNAL_ERROR } from './rules/index';
import type { RuleContext, RuleReport } from './rules/types';
import { defaultSettings, type LintSettings } from './settings';
import { engineOfImage, isVllmImageName } from './launch';
import type { Engine } from './types';

export interface RawFinding {
  ruleId: string;
  span: Span;
  severity: Severity;
  message: string;
  fixes?: RuleReport['fixes'];
  related?: RuleReport['related'];
  /** The launch the finding belongs to, for suppression comments placed above a multi-line command. */
  launchSpan?: Span;
}


const ENGINE_NAMES: Record<Engine, string> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };
const NEWEST_KNOWN: Record<Engine, Version> = { vllm: NEWEST_KNOWN_VLLM, sglang: NEWEST_KNOWN_SGLANG, trtllm: NEWEST_KNOWN_TRTLLM };

/** Target version of an SGLang or TensorRT-LLM launch: its engine's image tag, else the option, else the newest known. */
function resolveEngineVersion(inv: Invocation, option: string | undefined): ResolvedVersion {
  const image = inv.image;
  const ours = image !== undefined && engineOfImage(image.name) === inv.engine;
  if (image && ours && !image.unknownTag) {
    // `lmsysorg/sglang:v0.4.6.post1-cu124` → 0.4.6; `…/tensorrt-llm/release:1.0.0rc4` → 1.0.0.
    const fromTag = versionFromImageTag(image.tag);
    if (fromTag) return { version: fromTag, source: 'image-tag', explanation: `image tag ${image.name}:${image.tag}` };
  }
  const name = ENGINE_NAMES[inv.engine];
  const fromOption = parseVersion(option);
  if (fromOption) return { version: fromOption, source: 'option', explanation: `the configured ${name} version` };
  const why = image && ours ? (image.unknownTag ? 'image tag is interpolated' : image.tag ? `image tag :${image.tag}` : 'image has no tag') : 'no version pinned';
  return { version: NEWEST_KNOWN[inv.engine], source: 'newest-known', explanation: `newest known ${name} release; ${why}` };
}

export function resolveVersion(inv: Invocation, option: string | undefined): ResolvedVersion {
  if (inv.engine !== 'vllm') return resolveEngineVersion(inv, option);
  const image = inv.image;
  if (image && isVllmImageName(image.name) && !image.unknownTag) {
    const fromTag = versionFromImageTag(image.tag);
    if (fromTag) return { version: fromTag, source: 'image-tag', explanation: `image tag ${image.name}:${image.tag}` };
  }
  const fromOption = parseVersion(option);
  if (fromOption) return { version: fromOption, source: 'option', explanation: 'the configured vLLM version' };
  const why =
    image && isVllmImageName(image.name)
      ? image.unknownTag
        ? 'image tag is interpolated'
        : image.tag
          ? `image tag :${image.tag}`
          : 'image has no tag'
      : 'no version pinned';
  return { version: NEWEST_KNOWN_VLLM, source: 'newest-known', explanation: `newest known release; ${why}` };
}


/** The flag table, target version and parsed argv of a launch: what rules, hovers and completions read. */
export function prepareInvocation(
  invocation: Invocation,
  vllmVersion: string | undefined,
  engineVersion?: string,
): { flags: FlagTable; version: ResolvedVersion; parsed: ParsedArgs } {
  const flags = flagsFor(invocation.engine, invocation.command);
  const version = resolveVersion(invocation, invocation.engine === 'vllm' ? vllmVersion : engineVersion);
  return { flags, version, parsed: parseArgs(invocation, flags, version.version) };
}

export interface CheckOptions {
  text: string;
  settings?: LintSettings;
  vllmVersion?: string;
  /** Target versions of the other engines when no image tag pins one (default: newest known). */
  engineVersions?: { sglang?: string; trtllm?: string };
}

export function checkInvocation(
  invocation: Invocation,
  options: CheckOptions,
): { findings: RawFinding[]; parsed: ParsedArgs; version: ResolvedVersion } {
  const settings = options.settings ?? defaultSettings;
  const engineVersion = invocation.engine === 'vllm' ? undefined : options.engineVersions?.[invocation.engine];
  const { flags, version, parsed } = prepareInvocation(invocation, options.vllmVersion, engineVersion);
  const findings: RawFinding[] = [];
  // One context for every rule of the launch (rules run one after the other, synchronously).
  let current = RULES[0] as (typeof RULES)[number];
  const ctx: RuleContext = {
    invocation,
    parsed,
    flags,
    version,
    settings,
    text: options.text,
    report: (r: RuleReport) =>
      findings.push({
        ruleId: current.meta.id,
        span: r.span,
        severity: r.severity ?? current.meta.severity,
        message: r.message,
        fixes: r.fixes,
        related: r.related,
        launchSpan: invocation.span,
      }),
  };
  for (const rule of RULES) {
    if (!rule.check || settings.rules[rule.meta.id] === 'off') continue;
    if (!rule.meta.engines.includes(invocation.engine)) continue;
    current = rule;
    try {
      rule.check(ctx);
    } catch (error) {
      findings.push(internalError(`rule ${rule.meta.id}`, error, invocation.span));
    }
  }
  return { findings, parsed, version };
}

export function internalError(where: string, error: unknown, span: Span): RawFinding {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ruleId: INTERNAL_ERROR.id,
    span,
    severity: 'error',
    message: `ServeLint failed in ${where}: ${message}. Please report this with the file.`,
  };
}

