// Deterministic generators of realistic launch configs for `npm run bench` (and nothing else):
// a docker-compose file and a shell script of an exact number of lines, mixing vLLM, SGLang and
// TensorRT-LLM launches with the ordinary services and shell code around them.

const MODELS = [
  'Qwen/Qwen2.5-7B-Instruct',
  'meta-llama/Llama-3.1-8B-Instruct',
  'mistralai/Mistral-7B-Instruct-v0.3',
  'Qwen/Qwen2.5-0.5B-Instruct',
  'google/gemma-2-9b-it',
];
const TAGS = ['v0.9.2', 'v0.10.1', 'v0.11.0', 'latest', '${VLLM_TAG:-v0.11.0}'];

/** Blocks of compose services; each returns lines (indented for `services:`). */
const COMPOSE_BLOCKS = [
  (i) => [
    `  # vLLM replica ${i}: list-form command on the image entrypoint`,
    `  vllm-${i}:`,
    `    image: vllm/vllm-openai:${TAGS[i % TAGS.length]}`,
    `    ipc: host`,
    `    ports:`,
    `      - "${8000 + (i % 1000)}:8000"`,
    `    volumes:`,
    `      - ~/.cache/huggingface:/root/.cache/huggingface`,
    `    environment:`,
    `      - HF_TOKEN=\${HF_TOKEN}`,
    `      - VLLM_WORKER_MULTIPROC_METHOD=spawn`,
    `    command:`,
    `      - ${MODELS[i % MODELS.length]}`,
    `      - --tensor-parallel-size`,
    `      - "${1 + (i % 2)}"`,
    `      - --gpu-memory-utilization`,
    `      - "\${GPU_UTIL:-0.9}"`,
    `      - --max-model-len`,
    `      - "8192"`,
    `    deploy:`,
    `      resources:`,
    `        reservations:`,
    `          devices:`,
    `            - driver: nvidia`,
    `              count: ${1 + (i % 2)}`,
    `              capabilities: [gpu]`,
  ],
  (i) => [
    `  chat-${i}:`,
    // A few services share an anchor, as real files do; the count stays fixed as the file grows
    // (yaml's Alias.resolve walks the whole document per alias, which would swamp yaml-language-server).
    ...(i < 12 ? [`    <<: *vllm-defaults`] : [`    image: vllm/vllm-openai:v0.11.0`, `    gpus: all`]),
    `    ports: ["${9000 + (i % 1000)}:8000"]`,
    `    command: >`,
    `      ${MODELS[(i + 1) % MODELS.length]}`,
    `      --max-num-seqs 256`,
    `      --enable-prefix-caching`,
    `      --host 0.0.0.0 --port 8000`,
  ],
  (i) => [
    `  db-${i}:`,
    `    image: postgres:16`,
    `    restart: unless-stopped`,
    `    environment:`,
    `      POSTGRES_PASSWORD: example`,
    `      POSTGRES_DB: app${i}`,
    `    volumes:`,
    `      - db-${i}:/var/lib/postgresql/data`,
    `    healthcheck:`,
    `      test: ["CMD-SHELL", "pg_isready -U postgres"]`,
    `      interval: 10s`,
    `      timeout: 5s`,
    `      retries: 5`,
  ],
  (i) => [
    `  sglang-${i}:`,
    `    image: lmsysorg/sglang:v0.5.6.post2-cu129`,
    `    ipc: host`,
    `    ports: ["${30000 + (i % 1000)}:30000"]`,
    `    command: >`,
    `      python3 -m sglang.launch_server --model-path ${MODELS[i % MODELS.length]}`,
    `      --mem-fraction-static 0.85 --tp-size 1 --host 0.0.0.0 --port 30000`,
    `    deploy:`,
    `      resources:`,
    `        reservations:`,
    `          devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]`,
  ],
  (i) => [
    `  web-${i}:`,
    `    image: nginx:1.27`,
    `    depends_on: [vllm-${Math.max(0, i - 4)}]`,
    `    ports:`,
    `      - "${10000 + (i % 1000)}:80"`,
    `    volumes:`,
    `      - ./nginx.conf:/etc/nginx/nginx.conf:ro`,
  ],
  (i) => [
    `  worker-${i}:`,
    `    image: vllm/vllm-openai:v0.11.0`,
    `    entrypoint: ["/bin/bash", "-c"]`,
    `    command:`,
    `      - |`,
    `        set -e`,
    `        pip install --no-cache-dir flashinfer-python`,
    `        exec vllm serve ${MODELS[(i + 2) % MODELS.length]} \\`,
    `          --port 8000 --max-model-len 4096 \\`,
    `          --gpu-memory-utilization 0.9`,
    `    gpus: all`,
  ],
];

const COMPOSE_HEADER = [
  '# Generated for the ServeLint benchmark: a large compose file with many inference services.',
  'name: bench',
  'x-vllm-defaults: &vllm-defaults',
  '  image: vllm/vllm-openai:v0.11.0',
  '  ipc: host',
  '  gpus: all',
  '  volumes:',
  '    - ~/.cache/huggingface:/root/.cache/huggingface',
  '',
  'services:',
];

/** A docker-compose file of exactly `lines` lines (the last ones may be padding comments). */
export function composeFile(lines) {
  const out = [...COMPOSE_HEADER];
  const footer = ['', 'volumes:', '  db-0: {}'];
  for (let i = 0; ; i++) {
    const block = COMPOSE_BLOCKS[i % COMPOSE_BLOCKS.length](i);
    if (out.length + block.length + 1 + footer.length > lines) break;
    out.push(...block, '');
  }
  out.push(...footer);
  while (out.length < lines) out.push('# padding');
  return out.slice(0, lines).join('\n') + '\n';
}

const SHELL_BLOCKS = [
  (i) => [
    `# ---- replica ${i}`,
    `start_replica_${i}() {`,
    `  local port=$((8000 + ${i % 100}))`,
    `  echo "starting replica ${i} on port $port"`,
    `  CUDA_VISIBLE_DEVICES=${i % 8} vllm serve ${MODELS[i % MODELS.length]} \\`,
    `    --port "$port" \\`,
    `    --tensor-parallel-size 1 \\`,
    `    --gpu-memory-utilization \${GPU_UTIL:-0.9} \\`,
    `    --max-model-len 8192 \\`,
    `    --enable-prefix-caching &`,
    `  echo $! > /tmp/replica-${i}.pid`,
    `}`,
  ],
  (i) => [
    `if [ -n "\${HF_TOKEN:-}" ]; then`,
    `  huggingface-cli login --token "$HF_TOKEN" >/dev/null 2>&1 || true`,
    `else`,
    `  echo "HF_TOKEN is not set" >&2`,
    `fi`,
    `for f in /data/${i}/*.json; do`,
    `  [ -e "$f" ] || continue`,
    `  jq -r '.name' "$f" | while read -r name; do echo "model: $name"; done`,
    `done`,
  ],
  (i) => [
    `docker run --rm --gpus all --ipc=host -p ${20000 + (i % 1000)}:8000 \\`,
    `  -v ~/.cache/huggingface:/root/.cache/huggingface \\`,
    `  -e HF_TOKEN="$HF_TOKEN" \\`,
    `  vllm/vllm-openai:v0.11.0 \\`,
    `  --model ${MODELS[(i + 1) % MODELS.length]} --max-num-seqs 128`,
    ``,
  ],
  (i) => [
    `case "$MODE" in`,
    `  sglang) python3 -m sglang.launch_server --model-path ${MODELS[i % MODELS.length]} --port 30000 ;;`,
    `  trt) trtllm-serve ${MODELS[(i + 3) % MODELS.length]} --port 8000 --max_batch_size 64 ;;`,
    `  *) echo "unknown mode $MODE" ;;`,
    `esac`,
    `wait_for_port() { until curl -sf "http://localhost:$1/health"; do sleep 1; done; }`,
    ``,
  ],
];

/** A launch script of exactly `lines` lines. */
export function shellScript(lines) {
  const out = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
  for (let i = 0; ; i++) {
    const block = SHELL_BLOCKS[i % SHELL_BLOCKS.length](i);
    if (out.length + block.length > lines) break;
    out.push(...block);
  }
  while (out.length < lines) out.push('# padding');
  return out.slice(0, lines).join('\n') + '\n';
}
