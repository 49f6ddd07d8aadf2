#!/usr/bin/env bash
# The launch command from the blog post that started ServeLint, unchanged.
# Today: the api_server module is the legacy entry point, --disable-log-requests was removed in
# vLLM 0.12.0 (request logging is off by default), and prefix caching is already on in V1.
python -m vllm.entrypoints.openai.api_server \
  --model meta-llama/Llama-3.2-3B-Instruct --host 0.0.0.0 --port 8000 \
  --gpu-memory-utilization 0.85 --max-model-len 8192 --max-num-seqs 256 \
  --disable-log-requests --enable-prefix-caching --uvicorn-log-level warning
