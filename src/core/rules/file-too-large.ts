import type { Rule } from './types';

/** Reported instead of linting a file larger than the size limit, so nothing hangs on huge inputs. */
export const fileTooLarge: Rule = {
  meta: {
    id: 'file-too-large',
    severity: 'info',
    summary: 'The file is larger than the size limit and was not linted.',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
};
