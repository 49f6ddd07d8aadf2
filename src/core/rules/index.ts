// The registry: the only place that lists rules. Order is the order rules run and are documented.
import type { Rule, RuleMeta } from './types';
import { gpuMemoryUtilization } from './gpu-memory-utilization';
import { unknownFlag } from './unknown-flag';
import { invalidValue } from './invalid-value';
import { removedFlag } from './removed-flag';
import { deprecatedFlag } from './deprecated-flag';
import { booleanWithValue } from './boolean-with-value';
import { duplicateFlag } from './duplicate-flag';
import { toolChoiceNeedsParser } from './tool-choice-needs-parser';
import { batchedTokensBelowSeqs } from './batched-tokens-below-seqs';
import { logOutputsNeedsLogRequests } from './log-outputs-needs-log-requests';
import { unexpectedArgument } from './unexpected-argument';
import { preferVllmServe } from './prefer-vllm-serve';
import { redundantServeCommand } from './redundant-serve-command';
import { brokenContinuation } from './broken-continuation';
import { defaultOnFlag } from './default-on-flag';
import { trtllmDashedFlag } from './trtllm-dashed-flag';
import { sglangMemFractionStatic } from './sglang-mem-fraction-static';
import { trtllmFreeGpuMemoryFraction } from './trtllm-free-gpu-memory-fraction';
import { sglangServedModelNameColon } from './sglang-served-model-name-colon';
import { sglangChunkedPrefillPageSize } from './sglang-chunked-prefill-page-size';
import { sglangNnodesParallel } from './sglang-nnodes-parallel';
import { trtllmConfigOverridesCli } from './trtllm-config-overrides-cli';
import { unknownModelId } from './unknown-model-id';
import { tensorParallelHeads } from './tensor-parallel-heads';
import { maxModelLenTooLong } from './max-model-len-too-long';
import { modelDoesNotFit } from './model-does-not-fit';
import { gpuCountMismatch } from './gpu-count-mismatch';
import { noGpuRequested } from './no-gpu-requested';
import { missingSharedMemory } from './missing-shared-memory';
import { portMismatch } from './port-mismatch';
import { loopbackBind } from './loopback-bind';
import { unpinnedImage } from './unpinned-image';
import { deprecatedEnvVar } from './deprecated-env-var';
import { invalidEnvValue } from './invalid-env-value';
import { vllmServiceName } from './vllm-service-name';
import { gatedModelToken } from './gated-model-token';
import { hfCacheVolume } from './hf-cache-volume';
import { yamlSyntax } from './yaml-syntax';
import { fileTooLarge } from './file-too-large';
import { binaryFile } from './binary-file';

export const RULES: readonly Rule[] = [
  gpuMemoryUtilization,
  unknownFlag,
  invalidValue,
  removedFlag,
  deprecatedFlag,
  booleanWithValue,
  duplicateFlag,
  toolChoiceNeedsParser,
  batchedTokensBelowSeqs,
  logOutputsNeedsLogRequests,
  unexpectedArgument,
  preferVllmServe,
  redundantServeCommand,
  brokenContinuation,
  defaultOnFlag,
  trtllmDashedFlag,
  sglangMemFractionStatic,
  trtllmFreeGpuMemoryFraction,
  sglangServedModelNameColon,
  sglangChunkedPrefillPageSize,
  sglangNnodesParallel,
  trtllmConfigOverridesCli,
  unknownModelId,
  tensorParallelHeads,
  maxModelLenTooLong,
  modelDoesNotFit,
  gpuCountMismatch,
  noGpuRequested,
  missingSharedMemory,
  portMismatch,
  loopbackBind,
  unpinnedImage,
  deprecatedEnvVar,
  invalidEnvValue,
  vllmServiceName,
  gatedModelToken,
  hfCacheVolume,
  yamlSyntax,
  fileTooLarge,
  binaryFile,
];

/** Not a rule users configure: an exception inside ServeLint, reported instead of crashing. */
export const INTERNAL_ERROR: RuleMeta = {
  id: 'internal-error',
  severity: 'error',
  summary: 'ServeLint failed on this file; please report it with the file attached.',
  fixable: false,
  engines: ['vllm', 'sglang', 'trtllm'],
};

const byId = new Map<string, Rule>(RULES.map((r) => [r.meta.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export function listRules(): RuleMeta[] {
  return RULES.map((r) => r.meta);
}

export { DOCS_BASE, docsUrl } from '../docs';
