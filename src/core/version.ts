// Engine versions: parsing, comparison, and where the target version of a launch comes from.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** As it should be shown: `0.12.0`. */
  text: string;
}

export type VersionSource = 'image-tag' | 'option' | 'newest-known';

export interface ResolvedVersion {
  version: Version;
  source: VersionSource;
  /** Human explanation, e.g. "image tag vllm/vllm-openai:v0.9.2" or "newest known (image tag :latest)". */
  explanation: string;
}

const VERSION_PREFIX = /^v?(\d+)\.(\d+)(?:\.(\d+))?/i;

/** Parses `0.12.0`, `v0.9.2`, `0.10.x`, `0.14.0 (scheduled)`, `v0.10.1.1`, `v0.11.0-cu128`. */
export function parseVersion(text: string | null | undefined): Version | undefined {
  if (!text) return undefined;
  const m = VERSION_PREFIX.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = m[3] === undefined ? 0 : Number(m[3]);
  return { major, minor, patch, text: `${major}.${minor}.${patch}` };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function atLeast(v: Version, floor: Version): boolean {
  return compareVersions(v, floor) >= 0;
}

/**
 * The newest vLLM release we have evidence of (engine-facts.md: "vLLM releases reach at least
 * v0.29.0 (Sept 2026)"). `:latest`, `nightly` and untagged images resolve to it.
 */
export const NEWEST_KNOWN_VLLM = parseVersion('0.29.0') as Version;

/** Version pinned by an image tag, or undefined for `latest`, `nightly`, digests, interpolated tags. */
export function versionFromImageTag(tag: string | undefined): Version | undefined {
  if (!tag) return undefined;
  return parseVersion(tag);
}

/**
 * The newest SGLang release we have evidence of: 0.5.13, benchmarked by runinfra.ai on 2026-06-20
 * (shared/reference/decision-evidence.md §3, row 7). Untagged, `latest*` and `dev*` images resolve to it.
 */
export const NEWEST_KNOWN_SGLANG = parseVersion('0.5.13') as Version;

/**
 * The newest TensorRT-LLM release we have evidence of: 1.2.1, in the same runinfra.ai benchmark
 * (decision-evidence.md §3, row 7; GPUStack's lab used 1.0.0–1.2.0rc5). Release candidates of 1.3.0
 * exist (`nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc10`), and a tag that names one is used as written.
 */
export const NEWEST_KNOWN_TRTLLM = parseVersion('1.2.1') as Version;
