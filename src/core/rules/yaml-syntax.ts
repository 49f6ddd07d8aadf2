import type { Rule } from './types';

/** Reported by the YAML extractors (compose, Kubernetes, vLLM config) when the document does not parse. */
export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    severity: 'error',
    summary: 'The YAML does not parse, so the launch configuration in it cannot be read.',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
};
