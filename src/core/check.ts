// Runs every rule on one launch: resolve the target version, parse the argv, collect reports.
import type { Invocation, Severity, Span } from './types';
import { parseArgs, type ParsedArgs } from './args';
import { vllmFlags } from './facts/flags';
import { NEWEST_KNOWN_VLLM, parseVersion, versionFromImageTag, type ResolvedVersion } from './version';
import { RULES, INTERNAL_ERROR } from './rules/index';
import type { RuleReport } from './rules/types';
import { defaultSettings, type LintSettings } from './settings';
import { isVllmImageName } from './launch';

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


export function resolveVersion(inv: Invocation, option: string | undefined): ResolvedVersion {
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


export interface CheckOptions {
  text: string;
  settings?: LintSettings;
  vllmVersion?: string;
}

export function checkInvocation(
  invocation: Invocation,
  options: CheckOptions,
): { findings: RawFinding[]; parsed: ParsedArgs; version: ResolvedVersion } {
  const settings = options.settings ?? defaultSettings;
  const flags = vllmFlags();
  const version = resolveVersion(invocation, options.vllmVersion);
  const parsed = parseArgs(invocation, flags, version.version);
  const findings: RawFinding[] = [];
  for (const rule of RULES) {
    if (!rule.check || settings.rules[rule.meta.id] === 'off') continue;
    try {
      rule.check({
        invocation,
        parsed,
        flags,
        version,
        settings,
        text: options.text,
        report: (r: RuleReport) =>
          findings.push({
            ruleId: rule.meta.id,
            span: r.span,
            severity: r.severity ?? rule.meta.severity,
            message: r.message,
            fixes: r.fixes,
            related: r.related,
            launchSpan: invocation.span,
          }),
      });
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

