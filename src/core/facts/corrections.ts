// Where this project departs from the rows of shared/reference/vllm-flags.json, and why. Each
// correction comes from the same reference's own prose (engine-facts.md), which is more precise than
// the JSON row. Listed in the README's "Facts" section too.
import type { FlagRow } from './flags';
import type { ChoiceEnforcement } from './flags';

export interface Correction {
  patch?: Partial<FlagRow>;
  /** The removal version comes from a "will be removed in" message, not a checked release. */
  scheduled?: boolean;
  removedUnverified?: string;
  why: string;
}

const GONE_BY_011 =
  'engine-facts.md §3: absent from arg_utils.py@99d7eb5d (v0.11.x); the JSON row had no removal version.';
const GONE_IN_NEWER =
  'engine-facts.md §3: absent from the newer upstream snapshot (about v0.14–v0.16), exact version not verified; 0.17.0 is the safe upper bound.';

const goneBy011: Correction = { patch: { removedIn: '0.11.0' }, why: GONE_BY_011 };
const goneInNewer: Correction = {
  patch: { removedIn: '0.17.0' },
  removedUnverified: 'absent from the upstream snapshot of about v0.14–v0.16; removed by 0.17.0 at the latest',
  why: GONE_IN_NEWER,
};

const SCHEDULED = 'engine-facts.md §3: the removal version comes from the deprecation message ("scheduled for removal").';
const scheduled: Correction = { scheduled: true, why: SCHEDULED };

export const FLAG_CORRECTIONS: Record<string, Correction> = {
  '--num-redundant-experts': scheduled,
  '--eplb-window-size': scheduled,
  '--eplb-step-interval': scheduled,
  '--eplb-log-balancedness': scheduled,
  '--lora-extra-vocab-size': scheduled,
  '--disable-mm-preprocessor-cache': scheduled,
  '--enable-multimodal-encoder-data-parallel': scheduled,
  '--cuda-graph-sizes': scheduled,
  // engine-facts.md §9.2 lists both among flags that fail on recent releases; §3 dates them only loosely.
  '--engine-use-ray': {
    patch: { removedIn: '0.11.0' },
    removedUnverified: 'removed soon after its 2024 deprecation (version not verified); gone by 0.11.0 at the latest',
    why: 'engine-facts.md §3: deprecated Aug 2024, "removed soon after (version not verified)"; 0.11.0 is the safe upper bound.',
  },
  '--use-v2-block-manager': {
    patch: { removedIn: '0.11.0' },
    removedUnverified: 'removed with the V0 engine (during 0.10–0.11); gone by 0.11.0 at the latest',
    why: 'engine-facts.md §3: a no-op since ~0.6.4, "gone with V0"; V0 was removed during 0.10–0.11.',
  },
  // Unused by the V1 engine, the default since 0.8 (engine-facts.md §3, §9.2).
  '--swap-space': {
    patch: { deprecatedIn: '0.8.0' },
    why: 'engine-facts.md §3: "unused by V1"; V1 is the default since 0.8, so the deprecation counts from there.',
  },
  // Prompt adapters, tokenizer pool and the old speculative-decoding flags: "gone by v0.11".
  '--enable-prompt-adapter': goneBy011,
  '--max-prompt-adapters': goneBy011,
  '--max-prompt-adapter-token': goneBy011,
  '--tokenizer-pool-size': goneBy011,
  '--tokenizer-pool-type': goneBy011,
  '--tokenizer-pool-extra-config': goneBy011,
  '--speculative-model': goneBy011,
  '--num-speculative-tokens': goneBy011,
  '--speculative-draft-tensor-parallel-size': goneBy011,
  '--speculative-max-model-len': goneBy011,
  '--ngram-prompt-lookup-max': goneBy011,
  '--ngram-prompt-lookup-min': goneBy011,
  // V0-only scheduler flags: "V0-only, gone by v0.11".
  '--preemption-mode': goneBy011,
  '--scheduler-delay-factor': goneBy011,
  '--max-seq-len-to-capture': goneBy011,
  '--disable-async-output-proc': goneBy011,
  // "gone from the newer upstream snapshot; exact version not verified".
  '--rope-scaling': goneInNewer,
  '--rope-theta': goneInNewer,
  '--override-pooler-config': goneInNewer,
  '--num-lookahead-slots': goneInNewer,
  '--disable-frontend-multiprocessing': goneInNewer,
};

/**
 * Flags whose listed choices are not the whole story: the notes say the set grows per release or
 * with plugins, so a value outside the list is a warning, not an error.
 */
export const CHOICE_ENFORCEMENT: Record<string, ChoiceEnforcement> = {
  '--tokenizer-mode': 'warning',
  '--quantization': 'warning',
  '--data-parallel-backend': 'error',
};

// ---------------------------------------------------------------------------------------------
// SGLang (shared/reference/sglang-flags.json, engine-facts.md §7)

/** A row of our own, in the reference's shape. */
function row(
  name: string,
  type: FlagRow['type'],
  command: string,
  source: string,
  extra: Partial<FlagRow> = {},
): FlagRow {
  return {
    name,
    aliases: [],
    type,
    default: null,
    choices: null,
    min: null,
    max: null,
    exclusiveMin: null,
    exclusiveMax: null,
    deprecated: false,
    removedIn: null,
    since: null,
    replacement: null,
    notes: null,
    boolStyle: type === 'bool' ? 'store_true' : null,
    deprecatedIn: null,
    group: null,
    command,
    source,
    ...extra,
  };
}

const SGLANG_CMD = 'python -m sglang.launch_server (also: sglang serve)';
const SGLANG_NEW_GRAPH_FLAGS =
  'engine-facts.md §7 ("--cuda-graph-max-bs … deprecated alias of --cuda-graph-max-bs-decode" in the newest code); the prefill/backend siblings are used by real configs (shared/corpus/026) and SGLang\'s own tests';

/**
 * Flags of the newest SGLang that the 2026 docs table misses. Without them a config written for the
 * newest release (shared/corpus/026 uses the first two) would get unknown-flag errors.
 */
export const SGLANG_ADDED_ROWS: FlagRow[] = [
  row('--cuda-graph-max-bs-decode', 'int', SGLANG_CMD, SGLANG_NEW_GRAPH_FLAGS, { notes: 'Largest decode batch captured in a CUDA graph (newest name of --cuda-graph-max-bs).' }),
  row('--cuda-graph-max-bs-prefill', 'int', SGLANG_CMD, SGLANG_NEW_GRAPH_FLAGS, { notes: 'Largest prefill size captured in a CUDA graph.' }),
  row('--cuda-graph-bs-decode', 'list', SGLANG_CMD, SGLANG_NEW_GRAPH_FLAGS),
  row('--cuda-graph-bs-prefill', 'list', SGLANG_CMD, SGLANG_NEW_GRAPH_FLAGS),
  row('--cuda-graph-backend-decode', 'str', SGLANG_CMD, SGLANG_NEW_GRAPH_FLAGS),
  row('--cuda-graph-backend-prefill', 'str', SGLANG_CMD, SGLANG_NEW_GRAPH_FLAGS),
];

export const SGLANG_FLAG_CORRECTIONS: Record<string, Correction> = {};

/**
 * SGLang choice lists that grow with every release or come from a registry (parsers, kernels,
 * quantization methods, loaders): a value outside them is a warning, not an error.
 */
export const SGLANG_CHOICE_ENFORCEMENT: Record<string, ChoiceEnforcement> = {
  // "Docs list; registry is dynamic": newer releases add parsers (poolside_v1 is in later docs and in
  // shared/corpus/026), so only near misses of known names (deepseek_r1 for deepseek-r1) are reported.
  '--reasoning-parser': 'typo',
  '--tool-call-parser': 'typo',
  '--load-format': 'warning', // "Plugins may extend the list"
  '--speculative-draft-load-format': 'warning',
  '--quantization': 'warning', // server_args.py list differs from the docs list by release
  '--speculative-draft-model-quantization': 'warning',
  '--speculative-algorithm': 'warning', // "Newer code also knows DFLASH and DSPARK"
  '--attention-backend': 'warning',
  '--prefill-attention-backend': 'warning',
  '--decode-attention-backend': 'warning',
  '--speculative-draft-attention-backend': 'warning',
  '--mm-attention-backend': 'warning',
  '--moe-runner-backend': 'warning',
  '--speculative-moe-runner-backend': 'warning',
  '--moe-a2a-backend': 'warning',
  '--speculative-moe-a2a-backend': 'warning',
  '--fp8-gemm-backend': 'warning',
  '--fp4-gemm-backend': 'warning',
  '--dsa-prefill-backend': 'warning',
  '--dsa-decode-backend': 'warning',
  '--disaggregation-transfer-backend': 'warning',
  '--encoder-transfer-backend': 'warning',
  '--hicache-storage-backend': 'warning',
  '--hicache-mem-layout': 'warning',
  '--lora-target-modules': 'warning',
  '--load-balance-method': 'warning',
  '--schedule-policy': 'warning',
  '--radix-eviction-policy': 'warning', // "Docs list only lru/lfu"
};

// ---------------------------------------------------------------------------------------------
// TensorRT-LLM (shared/reference/trtllm-flags.json, engine-facts.md §8)

export const TRTLLM_FLAG_CORRECTIONS: Record<string, Correction> = {
  '--backend': {
    patch: { choices: ['pytorch', 'tensorrt', '_autodeploy', 'trt'] },
    why: "The row's own note: 'trt' is accepted as an alias of tensorrt.",
  },
  '--kv_cache_type': {
    patch: { choices: ['continuous', 'paged', 'disabled', 'CONTINUOUS', 'PAGED', 'DISABLED'] },
    why: "The row's own note: a case-insensitive enum name.",
  },
};

export const TRTLLM_CHOICE_ENFORCEMENT: Record<string, ChoiceEnforcement> = {};

const PLUGIN_SOURCE = 'tensorrt_llm/plugin/plugin.py@035b99e0d09d (cli_plugin_args, add_plugin_argument)';
const PLUGIN_DTYPES = ['float16', 'float32', 'bfloat16', 'disable'];

/**
 * trtllm-build's plugin and feature options, which the reference did not read (engine-facts.md §8:
 * "Plugin flags (add_plugin_argument) were not read"). From plugin.py: dtype plugins take
 * float16|float32|bfloat16|disable (newer releases add values such as `auto` for --gemm_plugin, so the
 * list only warns), features take enable|disable, --tokens_per_block an int. `--paged_kv_cache` is
 * already in the reference (deprecated).
 */
export const TRTLLM_BUILD_PLUGIN_ROWS: FlagRow[] = [
  // Later plugin.py versions let --gemm_plugin pick itself (`auto`, used throughout the TensorRT-LLM
  // examples) or run FP8 GEMMs (`fp8`).
  row('--gemm_plugin', 'str', 'trtllm-build', `${PLUGIN_SOURCE}; auto/fp8 from later releases' examples`, { choices: [...PLUGIN_DTYPES, 'auto', 'fp8'], group: 'plugin' }),
  ...['bert_attention_plugin', 'gpt_attention_plugin', 'lookup_plugin', 'lora_plugin', 'moe_plugin', 'mamba_conv1d_plugin', 'nccl_plugin'].map((n) =>
    row(`--${n}`, 'str', 'trtllm-build', PLUGIN_SOURCE, { choices: PLUGIN_DTYPES, group: 'plugin' }),
  ),
  ...[
    'context_fmha', 'context_fmha_fp32_acc', 'remove_input_padding', 'use_custom_all_reduce', 'multi_block_mode', 'enable_xqa',
    'attention_qk_half_accumulation', 'use_paged_context_fmha', 'use_fp8_context_fmha', 'use_context_fmha_for_generation',
    'multiple_profiles', 'paged_state', 'streamingllm',
  ].map((n) => row(`--${n}`, 'choice', 'trtllm-build', PLUGIN_SOURCE, { choices: ['enable', 'disable'], group: 'plugin' })),
  row('--tokens_per_block', 'int', 'trtllm-build', PLUGIN_SOURCE, { default: 128, group: 'plugin' }),
];
