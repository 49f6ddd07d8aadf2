import type { Rule } from './types';

/**
 * trtllm-serve applies its `--config` / `--extra_llm_api_options` YAML AFTER its command-line options,
 * so a setting given in both places takes the YAML value: the opposite of vLLM and SGLang, where the
 * command line wins (engine-facts.md §8, §9.8). Reported on the YAML key when the CLI links the file
 * to the launch that passes it.
 */
export const trtllmConfigOverridesCli: Rule = {
  meta: {
    id: 'trtllm-config-overrides-cli',
    severity: 'warning',
    summary: 'A setting in both the trtllm-serve command line and its --config YAML: the YAML value wins, unlike vLLM and SGLang.',
    fixable: false,
    engines: ['trtllm'],
  },
  check(ctx) {
    const cli = ctx.invocation.linkedCli;
    if (ctx.invocation.form !== 'config-file' || !cli || cli.length === 0) return;
    for (const flag of ctx.parsed.flags) {
      const key = flag.written.replace(/^--/, '');
      const same = cli.filter((c) => c.key === key);
      if (same.length === 0) continue;
      const value = flag.yamlBoolean !== undefined ? String(flag.yamlBoolean) : flag.values.map((v) => v.text).join(' ');
      const onCli = same.map((c) => `${c.written} (${c.where})`).join(', ');
      ctx.report({
        span: flag.nameSpan,
        message: `${key} is also set on the trtllm-serve command line: ${onCli}. trtllm-serve applies this YAML after its options, so ${key}: ${value} wins and the command-line value is ignored (vLLM and SGLang do the opposite). Keep the setting in one place.`,
      });
    }
  },
};
