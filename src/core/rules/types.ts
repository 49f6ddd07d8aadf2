// The contract every rule file implements. The registry (rules/index.ts) is the only list of rules.
import type { Engine, Severity, SpanFix, SpanRelated, Span, Invocation } from '../types';
import type { ParsedArgs } from '../args';
import type { FlagTable } from '../facts/flags';
import type { ResolvedVersion } from '../version';
import type { LintSettings } from '../settings';

export interface RuleMeta {
  /** Stable kebab-case id, also the docs page name: docs/rules/<id>.md */
  id: string;
  /** Severity when the rule fires, unless the rule picks one per finding or the user overrides it. */
  severity: Severity;
  /** One sentence for listings, SARIF and hovers. */
  summary: string;
  fixable: boolean;
  engines: Engine[];
}

export interface RuleReport {
  span: Span;
  message: string;
  severity?: Severity;
  fixes?: SpanFix[];
  related?: SpanRelated[];
}

export interface RuleContext {
  invocation: Invocation;
  parsed: ParsedArgs;
  flags: FlagTable;
  /** Target engine version and where it came from. */
  version: ResolvedVersion;
  settings: LintSettings;
  /** The document text (for fixes that need to look at surrounding characters). */
  text: string;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Rules fed only by extractor issues (e.g. yaml-syntax) have no check. */
  check?(ctx: RuleContext): void;
}
