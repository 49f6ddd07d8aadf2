#!/usr/bin/env bash
# A clean launch: ServeLint reports nothing here.
set -euo pipefail
MODEL="${MODEL:-Qwen/Qwen2.5-7B-Instruct}"
# servelint-disable-next-line gpu-memory-utilization -- measured on our H100s, 0.96 is stable
vllm serve "$MODEL" --host 0.0.0.0 --port 8000 --gpu-memory-utilization 0.96 \
  --max-model-len 32k --tensor-parallel-size 2 --served-model-name chat assistant \
  --speculative-config '{"method": "ngram", "num_speculative_tokens": 5, "prompt_lookup_max": 4}'
