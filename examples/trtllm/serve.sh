#!/usr/bin/env bash
# trtllm-serve is click-based: options use underscores, and its --config / --extra_llm_api_options
# YAML OVERRIDES the command line (the opposite of vLLM and SGLang).
set -euo pipefail

cat > ./extra-llm-api-config.yml <<EOF
kv_cache_config:
  free_gpu_memory_fraction: 0.85
  enable_block_reuse: false
max_batch_size: 64
EOF

trtllm-serve Qwen/Qwen3-8B \
  --host 0.0.0.0 --port 8000 \
  --max_batch_size 128 \
  --max-num-tokens 8192 \
  --tp_size 2 \
  --trust_remote_code true \
  --extra_llm_api_options ./extra-llm-api-config.yml

# Multi-node behind srun with the LLM-API launcher.
srun -N 2 --ntasks-per-node 4 trtllm-llmapi-launch trtllm-serve meta-llama/Llama-3.1-70B-Instruct \
  --tp_size 8 \
  --kv_cache_free_gpu_memory_fraction 95
