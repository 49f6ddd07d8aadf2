// Typed GPU table from src/core/facts/data/gpus.json (copied from shared/reference,
// each row citing its sources), plus name matching for the `servelint.gpu` setting, a
// `# servelint: gpu=H100-80GB` comment and Kubernetes node labels (nvidia.com/gpu.product,
// cloud.google.com/gke-accelerator, …).
import type { GpuRow } from './schemas';
import { checkedTable } from './checked';

export type { GpuRow } from './schemas';

// The JSON is required on first use, not imported: the bundles keep it as a string until then (scripts/build.mjs).
const rawGpus = (): unknown => require('./data/gpus.json');

export interface GpuSpec {
  id: string;
  name: string;
  vendor: GpuRow['vendor'];
  /**
   * Memory the sizing rules count on, in GiB. The table gives marketing GB (80 for an H100 whose CUDA
   * total is 79.18 GiB); we read the number as GiB, which slightly over-counts memory, so a
   * "does not fit" finding is never caused by the unit. Where sources disagree, the larger figure.
   */
  memoryGiB: number;
  sources: string[];
}

let cached: GpuSpec[] | undefined;

export function gpuTable(): GpuSpec[] {
  if (!cached) {
    const rows = checkedTable<GpuRow[]>('gpus', (rawGpus() as { gpus: unknown[] }).gpus);
    cached = rows.map((r) => ({
      id: r.id,
      name: r.name,
      vendor: r.vendor,
      memoryGiB: Math.max(r.memory_gb, r.memory_gb_alt ?? 0, r.memory_gib_usable ?? 0),
      sources: r.sources,
    }));
  }
  return cached;
}

export function gpuById(id: string): GpuSpec | undefined {
  return gpuTable().find((g) => g.id === id);
}

/** The GPU with the most memory in the table: what "fits nowhere" is measured against. */
export function largestGpu(): GpuSpec {
  return gpuTable().reduce((a, b) => (b.memoryGiB > a.memoryGiB ? b : a));
}

/**
 * Name patterns, tried in order on a compacted name (lower case, vendor words and separators removed:
 * `NVIDIA-H100-80GB-HBM3` → `h10080gbhbm3`). A bare `A100` means the 80 GB part (the larger, so
 * sizing findings stay conservative); GKE's `nvidia-tesla-a100` is the 40 GB part.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/^gb300/, 'gb300-nvl72'],
  [/^gb200/, 'gb200-nvl72'],
  [/^b300/, 'b300'],
  [/^b200/, 'b200'],
  [/^h200(sxm\d?)?(141gb?)?(hbm3e?)?$/, 'h200-sxm'],
  [/^h100pcie(80gb?)?$/, 'h100-pcie'],
  [/^h100(sxm\d?)?(mega)?(80gb?)?(hbm3)?$/, 'h100-sxm'],
  [/^a100(sxm\d?)?80gb?$/, 'a100-sxm-80gb'],
  [/^a100pcie80gb?$/, 'a100-pcie-80gb'],
  [/^a100(sxm\d?|pcie)?40gb?$/, 'a100-40gb'],
  [/^a100(sxm\d?)?$/, 'a100-sxm-80gb'],
  [/^l40s(48gb?)?$/, 'l40s'],
  [/^l4(24gb?)?$/, 'l4'],
  [/^a10g(24gb?)?$/, 'a10g'],
  [/^(rtx)?4090(24gb?)?$/, 'rtx-4090'],
  [/^mi300x?(192gb?)?$/, 'mi300x'],
  [/^mi325x?(256gb?)?$/, 'mi325x'],
  [/^mi355x?(288gb?)?$/, 'mi355x'],
  [/^(hl325l?|gaudi3)/, 'gaudi3'],
  [/^rtxpro6000(blackwell)?(server(edition)?)?(96gb?)?$/, 'rtx-pro-6000-bw-server'],
];

/** Resolves a GPU name as people write it (`H100`, `H100-80GB`, `nvidia-l4`, `NVIDIA-A100-SXM4-40GB`, `MI300X`, `RTX-4090`). */
export function resolveGpuName(name: string): GpuSpec | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === '') return undefined;
  const exact = gpuById(lower);
  if (exact) return exact;
  if (/^nvidia-tesla-a100$/.test(lower)) return gpuById('a100-40gb');
  const compact = lower
    .replace(/\b(nvidia|geforce|tesla|amd|instinct|intel|habana)\b/g, '')
    .replace(/[^a-z0-9]/g, '');
  for (const [re, id] of PATTERNS) {
    if (re.test(compact)) return gpuById(id);
  }
  return undefined;
}

/** `# servelint: gpu=H100-80GB` anywhere in the file (a comment of any comment syntax). */
const GPU_COMMENT = /(?:^|[ \t])(?:#|\/\/|<!--)[ \t]*servelint:[ \t]*gpu[ \t]*=[ \t]*([A-Za-z0-9_.-]+)/m;

/** The last text looked at and its answer: every launch of a file asks about the same text. */
let lastText: string | undefined;
let lastComment: { name: string; offset: number } | undefined;

export function gpuFromComment(text: string): { name: string; offset: number } | undefined {
  if (text === lastText) return lastComment && { ...lastComment };
  let found: { name: string; offset: number } | undefined;
  const m = text.includes('servelint:') ? GPU_COMMENT.exec(text) : null;
  if (m) {
    const name = m[1] as string;
    found = { name, offset: m.index + m[0].length - name.length };
  }
  lastText = text;
  lastComment = found;
  return found && { ...found };
}
