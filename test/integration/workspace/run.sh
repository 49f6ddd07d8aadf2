#!/usr/bin/env bash
# Launches a vLLM server (integration-test fixture: the flag below is misspelt on purpose).
vllm serve Qwen/Qwen2.5-7B-Instruct --gpu-memory-utilisation 0.9
