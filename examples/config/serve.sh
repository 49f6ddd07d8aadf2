#!/bin/sh
# The flags live in a config file; ServeLint lints it with the version of this launch.
vllm serve --config vllm-config.yaml
