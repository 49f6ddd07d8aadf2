#!/bin/bash
# A comment inside a continued command ends it: vLLM starts without the flags below.
vllm serve Qwen/Qwen2.5-7B-Instruct \
  --port 8000 \
  # --quantization awq \
  --tensor-parallel-size 2 \
  --max-model-len 8192

# A blank after the backslash does the same.
vllm serve Qwen/Qwen2.5-7B-Instruct --port 8001 \ 
  --tensor-parallel-size 2
