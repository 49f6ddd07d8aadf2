#!/usr/bin/env bash
# trtllm-build (argparse, underscores) for the TensorRT engine backend.
trtllm-build --checkpoint_dir ./ckpt/llama-8b-tp1 \
  --output_dir ./engines/llama-8b \
  --gemm_plugin float16 \
  --paged_kv_cache enable \
  --kv_cache_type pagd \
  --max_batch_size 64 \
  --max-input-len 4096 \
  --max_seq_len 8192
