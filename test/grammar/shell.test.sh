# SYNTAX TEST "source.shell" "engine launches in shell scripts"
vllm serve Qwen/Qwen2.5-7B-Instruct --tensor-parallel-size 2 --dtype bfloat16
# <---- entity.name.function.servelint.engine
#    ^^^^^ keyword.other.servelint.subcommand
#          ^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.servelint.model
#                                   ^^^^^^^^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                          ^ constant.numeric.servelint.value
#                                                            ^^^^^^^ variable.parameter.servelint.flag
#                                                                    ^^^^^^^^ constant.other.servelint.value
python -m vllm.entrypoints.openai.api_server --model Qwen/Qwen2.5-7B-Instruct --gpu-memory-utilization=0.9
# <------ support.function.servelint.interpreter
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.function.servelint.engine
#                                            ^^^^^^^ variable.parameter.servelint.flag
#                                                                             ^^^^^^^^^^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                                                                     ^ keyword.operator.assignment.servelint
#                                                                                                      ^^^ constant.numeric.servelint.value
python3 -m sglang.launch_server --model-path Qwen/Qwen3-8B --tp-size 4 --mem-fraction-static 0.85
#          ^^^^^^^^^^^^^^^^^^^^ entity.name.function.servelint.engine
#                               ^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                          ^^^^^^^^^ variable.parameter.servelint.flag
#                                                                    ^ constant.numeric.servelint.value
#                                                                      ^^^^^^^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                                                            ^^^^ constant.numeric.servelint.value
sglang serve --model-path Qwen/Qwen3-8B --host 0.0.0.0
# <------ entity.name.function.servelint.engine
#      ^^^^^ keyword.other.servelint.subcommand
#                                       ^^^^^^ variable.parameter.servelint.flag
#                                              ^^^^^^^ constant.other.servelint.value
trtllm-serve meta-llama/Llama-3.1-8B-Instruct --tp_size 2 --max_batch_size 64 --extra_llm_api_options cfg.yml
# <------------ entity.name.function.servelint.engine
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.servelint.model
#                                             ^^^^^^^^^ variable.parameter.servelint.flag
#                                                       ^ constant.numeric.servelint.value
#                                                                             ^^^^^^^^^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
trtllm-build --checkpoint_dir ./ckpt --output_dir ./engine
# <------------ entity.name.function.servelint.engine
#            ^^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
# vllm serve in a comment stays a comment
#   ^^^^ - entity.name.function.servelint.engine
docker run --gpus all -p 8000:8000 vllm/vllm-openai:v0.29.0 --max-model-len 8192
#          ^^^^^^ - variable.parameter.servelint.flag
#                                  ^^^^ - entity.name.function.servelint.engine
#                                                           ^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                                           ^^^^ constant.numeric.servelint.value
