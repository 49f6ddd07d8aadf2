import type { Rule } from './types';
import { valueSpan } from '../text';
import { deploymentOf, ENGINE_DEFAULTS, parallelSize } from '../sizing/launch';

/** engine-facts §6/§7: tensor parallelism shares tensors through /dev/shm; Docker's default is 64 MB. */
export const missingSharedMemory: Rule = {
  meta: {
    id: 'missing-shared-memory',
    severity: 'warning',
    summary: 'Tensor or pipeline parallelism in a container without shared memory (ipc: host, shm_size, --ipc=host/--shm-size, a memory-backed /dev/shm volume).',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const dep = deploymentOf(inv);
    if (!dep.container || dep.incomplete || dep.sharedMemory.length > 0) return;
    const tp = parallelSize(ctx.parsed, inv.engine, 'tp');
    const pp = parallelSize(ctx.parsed, inv.engine, 'pp');
    const over = [tp, pp].find((p) => p && p.value > 1 && p.word);
    if (!over?.word || !over.flag) return;
    const how =
      dep.kind === 'kubernetes'
        ? 'mount an `emptyDir: {medium: Memory}` volume at /dev/shm (the container runtime default is 64 MiB)'
        : dep.kind === 'docker-run'
          ? 'add `--ipc=host` or `--shm-size=16g` (Docker\'s default /dev/shm is 64 MB)'
          : 'add `ipc: host` or `shm_size: 16gb` (Docker\'s default /dev/shm is 64 MB)';
    ctx.report({
      span: valueSpan(over.word),
      message: `${over.flag.display} ${over.word.text} runs several worker processes that exchange tensors through shared memory, but the container gets no more than the default /dev/shm: ${ENGINE_DEFAULTS[inv.engine].name} fails or hangs once NCCL/PyTorch run out of it. ${how[0]?.toUpperCase()}${how.slice(1)}.`,
    });
  },
};
