// Where this project departs from the rows of shared/reference/vllm-flags.json, and why. Each
// correction comes from the same reference's own prose (engine-facts.md), which is more precise than
// the JSON row. Listed in the README's "Facts" section too.
import type { FlagRow } from './flags';
import type { ChoiceEnforcement } from './flags';

interface Correction {
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
