import type { Rule } from './types';

/** Reported by the CLI for a file named on the command line that holds binary data (a NUL byte). */
export const binaryFile: Rule = {
  meta: {
    id: 'binary-file',
    severity: 'info',
    summary: 'The file is binary and was not linted.',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
};
