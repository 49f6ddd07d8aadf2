// How trtllm-serve's command-line options map onto LLM-API keys of its `--config` /
// `--extra_llm_api_options` YAML. trtllm-serve builds a dict of LLM-API arguments from its options
// (serve.py, get_llm_args) and then updates it with the YAML, so a key set in both places takes the
// YAML value (engine-facts.md §8: "YAML overrides CLI values"). Only options whose LLM-API name we
// are sure of are listed; `--free_gpu_memory_fraction` is the one nested key (engine-facts.md §8).
export const TRTLLM_CLI_TO_YAML: Record<string, string> = {
  '--free_gpu_memory_fraction': 'kv_cache_config.free_gpu_memory_fraction',
  '--max_batch_size': 'max_batch_size',
  '--max_num_tokens': 'max_num_tokens',
  '--max_seq_len': 'max_seq_len',
  '--max_beam_width': 'max_beam_width',
  '--tensor_parallel_size': 'tensor_parallel_size',
  '--pipeline_parallel_size': 'pipeline_parallel_size',
  '--moe_expert_parallel_size': 'moe_expert_parallel_size',
  '--trust_remote_code': 'trust_remote_code',
  '--backend': 'backend',
  '--enable_chunked_prefill': 'enable_chunked_prefill',
};
