import type { Rule } from './types';
import { valueSpan } from '../text';
import { isPresent } from '../args';
import { findModel } from '../facts/models';
import { largestGpu } from '../facts/gpus';
import { bytesPerParamFor, formatGiB, GiB, kvBytesForSequencePerGpu, kvBytesPerElementFor, memoryFit, weightBytes } from '../sizing/memory';
import { deploymentOf, floatSetting, intSetting, isHubId, modelWord, parallelSize, resolveGpu, setting } from '../sizing/launch';

/**
 * decision-evidence §2: weights/(TP×PP) + the KV cache of one max-model-len sequence must fit in
 * util × GPU memory (vLLM: "model's max seq len … is larger than the maximum number of tokens that can
 * be stored in KV cache", or CUDA out of memory while loading).
 */
export const modelDoesNotFit: Rule = {
  meta: {
    id: 'model-does-not-fit',
    severity: 'warning',
    summary: "The model's weights per GPU plus the KV cache of one --max-model-len sequence exceed GPU memory × --gpu-memory-utilization.",
    fixable: false,
    engines: ['vllm'],
  },
  check(ctx) {
    const inv = ctx.invocation;
    const p = ctx.parsed;
    const model = modelWord(p, inv.engine);
    if (!isHubId(model)) return;
    const found = findModel(model.text);
    if (!found) return;
    // Settings that change the budget in ways we do not model.
    for (const k of ['--kv-cache-memory-bytes', '--cpu-offload-gb', '--enable-expert-parallel', '--load-format', '--config', '--speculative-config']) {
      if (isPresent(p, k)) return;
    }
    const tp = parallelSize(p, inv.engine, 'tp');
    const pp = parallelSize(p, inv.engine, 'pp');
    if (!tp || !pp) return;
    const spec = found.spec;
    // Weights.
    const dtype = setting(p, inv.engine, 'dtype');
    const quant = setting(p, inv.engine, 'quantization');
    if (dtype?.word.unknown || quant?.word.unknown) return;
    let weights: number;
    let weightsHow: string;
    const qMethod = quant?.word.text ?? found.quantization?.method;
    if (spec.checkpoint.weightsGiB !== undefined && !qMethod && (!dtype || dtype.word.text === 'auto')) {
      weights = spec.checkpoint.weightsGiB * GiB;
      weightsHow = `${spec.checkpoint.weightsGiB} GiB as loaded`;
    } else {
      const bytes = found.quantization && !quant ? found.quantization.bytesPerParam : bytesPerParamFor(dtype?.word.text, quant?.word.text, spec.checkpoint.bytesPerParam);
      if (bytes === undefined) return;
      weights = weightBytes(spec.paramsB, bytes);
      weightsHow = `${spec.paramsB}B parameters × ${bytes} byte${bytes === 1 ? '' : 's'}`;
    }
    // KV cache of one sequence.
    const lenSetting = setting(p, inv.engine, 'max-model-len');
    let tokens: number | undefined;
    if (lenSetting) tokens = intSetting(p, inv.engine, 'max-model-len', true)?.value;
    else if (!p.incomplete) tokens = spec.maxPositionEmbeddings;
    if (tokens !== undefined && tokens <= 0) tokens = undefined;
    const kvDtype = setting(p, inv.engine, 'kv-cache-dtype');
    if (kvDtype?.word.unknown) return;
    const modelDtypeBytes = dtype && /^(float32|float)$/.test(dtype.word.text) ? 4 : 2;
    const kvBytes = kvBytesPerElementFor(kvDtype?.word.text, modelDtypeBytes);
    const kv = tokens === undefined ? 0 : kvBytesForSequencePerGpu(spec, tokens, kvBytes, tp.value, pp.value);
    // The GPU and the share the engine may use.
    const util = floatSetting(p, inv.engine, 'gpu-memory-utilization');
    if (setting(p, inv.engine, 'gpu-memory-utilization') && !util) return;
    const utilization = util?.value ?? 0.9;
    if (utilization <= 0 || utilization > 1) return; // gpu-memory-utilization reports it
    const dep = deploymentOf(inv);
    const resolved = resolveGpu(ctx.text, dep, ctx.settings);
    const gpu = resolved?.gpu ?? largestGpu();
    const fit = memoryFit({ weightBytes: weights, kvBytesPerGpu: kv, tp: tp.value, pp: pp.value, gpuBytes: gpu.memoryGiB * GiB, utilization });
    if (fit.fits) return;
    const parallel = tp.value * pp.value > 1 ? ` over ${tp.value * pp.value} GPUs (TP ${tp.value}${pp.value > 1 ? ` × PP ${pp.value}` : ''})` : '';
    const kvPart = tokens !== undefined ? ` + ${formatGiB(fit.kvPerGpu)} of KV cache for one ${tokens}-token sequence (${lenSetting ? lenSetting.flag.display : `the model's ${spec.maxPositionEmbeddings} context, as --max-model-len is not set`}${kvBytes === 1 ? ', FP8 KV' : ''})` : '';
    const where = resolved
      ? `${utilization} × ${gpu.memoryGiB} GiB = ${formatGiB(fit.available)} on a ${gpu.name} (from ${resolved.via})`
      : `${utilization} × ${gpu.memoryGiB} GiB = ${formatGiB(fit.available)} even on the largest GPU ServeLint knows (${gpu.name}); set servelint.gpu or add \`# servelint: gpu=<name>\` for an exact check`;
    const weightsOnly = fit.weightsPerGpu > fit.available;
    const advice = weightsOnly
      ? 'Raise --tensor-parallel-size/--pipeline-parallel-size or use a quantised checkpoint.'
      : 'Lower --max-model-len, use --kv-cache-dtype fp8, or spread the model over more GPUs.';
    const at = !weightsOnly && lenSetting && !lenSetting.word.unknown ? valueSpan(lenSetting.word) : tp.word ? valueSpan(tp.word) : valueSpan(model);
    ctx.report({
      span: at,
      message: `${model.text} does not fit: ${formatGiB(fit.weightsPerGpu)} of weights per GPU (${weightsHow}${parallel})${kvPart} = ${formatGiB(fit.required)}, more than ${where}. vLLM fails at startup (out of memory, or "max seq len … larger than the maximum number of tokens that can be stored in KV cache"); activations and CUDA graphs need a few GiB more. ${advice}`,
      related: at.start !== valueSpan(model).start ? [{ span: valueSpan(model), message: `${model.text}: ${spec.paramsB}B parameters` }] : undefined,
    });
  },
};
