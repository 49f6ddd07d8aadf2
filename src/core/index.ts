// Public API of the core (bundled as dist/core.js, CommonJS). No `vscode` import anywhere in src/core.
export { lint, analyze } from './lint';
export type { LintOptions, LintResult } from './lint';
export { listRules, docsUrl } from './rules/index';
export type { RuleMeta } from './rules/types';
export { detectKind } from './detect';
export type { Finding, Fix, TextEdit, Range, Position, Severity, FileKind } from './types';
export { resolveSettings, defaultSettings } from './settings';
export type { LintSettings } from './settings';
// The decision guide (engine recommendation, sizing, config generation).
export { recommend, generateConfig, listGpus, listModels, quickQuestions, benchmarkCommand, expandSnippet } from './advisor/index';
export type { AdvisorInput, Recommendation, GeneratedConfig, GenerateRequest, Reason, Sizing, QuickQuestion, GpuChoice, ModelChoice, EngineId, Target } from './advisor/types';
