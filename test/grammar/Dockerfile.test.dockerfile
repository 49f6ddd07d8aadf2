# SYNTAX TEST "source.dockerfile" "engine launches in Dockerfiles"
FROM vllm/vllm-openai:v0.29.0
#    ^^^^ - entity.name.function.servelint.engine
CMD ["Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "8192", "--enforce-eager"]
#                                 ^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                            ^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
ENTRYPOINT ["python3", "-m", "sglang.launch_server", "--model-path", "Qwen/Qwen3-8B"]
#                             ^^^^^^^^^^^^^^^^^^^^ entity.name.function.servelint.engine
#                                                     ^^^^^^^^^^^^ variable.parameter.servelint.flag
RUN trtllm-build --checkpoint_dir /ckpt --output_dir /engine --max_batch_size 8
#   ^^^^^^^^^^^^ entity.name.function.servelint.engine
#                                                            ^^^^^^^^^^^^^^^^ variable.parameter.servelint.flag
#                                                                             ^ constant.numeric.servelint.value
