#!/bin/bash
# Typical hand-written mistakes in a launch script.
export CUDA_VISIBLE_DEVICES=0,1
exec vllm serve Qwen/Qwen2.5-14B-Instruct \
  --gpu-memory-utilisation 0.9 \
  --tensor-parallel-size 0 \
  --dtype float8 \
  --kv-cache-dtype int8 \
  --block-size 48 \
  --max-model-len 16384 \
  --max_model_len 32768 \
  --max-num-batched-tokens 128 \
  --max-num-seqs 256 \
  --enable-log-outputs
