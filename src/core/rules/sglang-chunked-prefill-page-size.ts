import type { Rule } from './types';
import { valueSpan } from '../text';
import { lastValue } from '../args';
import { parseIntValue } from '../values';

/** check_server_args asserts that a positive --chunked-prefill-size is a multiple of --page-size. */
export const sglangChunkedPrefillPageSize: Rule = {
  meta: {
    id: 'sglang-chunked-prefill-page-size',
    severity: 'error',
    summary: 'SGLang --chunked-prefill-size that is not a multiple of --page-size: SGLang refuses to start.',
    fixable: false,
    engines: ['sglang'],
  },
  check(ctx) {
    const chunkWord = lastValue(ctx.parsed, '--chunked-prefill-size');
    const pageWord = lastValue(ctx.parsed, '--page-size');
    // Both must be written: the defaults (auto chunk size, page size 1) always pass.
    if (!chunkWord || !pageWord || chunkWord.unknown || pageWord.unknown) return;
    const chunk = parseIntValue(chunkWord.text);
    const page = parseIntValue(pageWord.text);
    if (chunk === undefined || page === undefined || chunk <= 0 || page <= 0 || chunk % page === 0) return;
    const lower = Math.floor(chunk / page) * page;
    ctx.report({
      span: valueSpan(chunkWord),
      message: `--chunked-prefill-size ${chunkWord.text} is not a multiple of --page-size ${pageWord.text}; SGLang's check_server_args asserts it and the server stops at startup. Use a multiple such as ${lower > 0 ? lower : page}, or -1 to turn chunked prefill off.`,
      related: [{ span: valueSpan(pageWord), message: '--page-size is set here' }],
    });
  },
};
