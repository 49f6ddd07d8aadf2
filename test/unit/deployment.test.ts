// Invocation.deployment: what compose, Kubernetes, docker run and plain shell launches run in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCompose } from '../../src/core/extract/compose';
import { extractKubernetes } from '../../src/core/extract/kubernetes';
import { extractShell, extractShellWord } from '../../src/core/extract/shell';
import { extractDockerfile } from '../../src/core/extract/dockerfile';
import { parseByteSize, visibleDeviceCount, volumeTargetOfSpec, containerSideOfPortSpec } from '../../src/core/extract/deployment';
import type { Deployment } from '../../src/core/types';

const ctx = (fileName: string) => ({ fileName, extractShellWord });
const strip = (d: Deployment | undefined) => JSON.parse(JSON.stringify(d ?? null, (k, v) => (k === 'span' ? undefined : v)));
const at = (text: string, d: { span: { start: number; end: number } } | undefined) => (d ? text.slice(d.span.start, d.span.end) : undefined);

test('small parsers: byte sizes, device lists, volume and port specs', () => {
  assert.equal(parseByteSize('2gb'), 2 * 2 ** 30);
  assert.equal(parseByteSize('6.15g'), Math.round(6.15 * 2 ** 30));
  assert.equal(parseByteSize('32Gi'), 32 * 2 ** 30);
  assert.equal(parseByteSize('lots'), undefined);
  assert.equal(visibleDeviceCount('0,1'), 2);
  assert.equal(visibleDeviceCount('all'), 'all');
  assert.equal(visibleDeviceCount('GPU-1a2b,GPU-3c4d'), 2);
  assert.equal(visibleDeviceCount('$X'), undefined);
  assert.deepEqual(volumeTargetOfSpec('${HF:-~/.cache/hf}:/root/.cache/huggingface:ro'), { source: '${HF:-~/.cache/hf}', target: '/root/.cache/huggingface' });
  assert.equal(containerSideOfPortSpec('127.0.0.1:8080:8000/tcp'), '8000/tcp');
  assert.equal(containerSideOfPortSpec('${HOST:-80}:${PORT:-8000}'), '${PORT:-8000}');
});

test('compose: device reservations, gpus, runtime, shared memory, ports, volumes, env_file', async () => {
  const text = `services:
  a:
    image: vllm/vllm-openai:v0.11.0
    command: ["m"]
    ipc: host
    shm_size: 8gb
    env_file: .env
    environment:
      - CUDA_VISIBLE_DEVICES=0,1
      - HF_TOKEN
    ports:
      - "127.0.0.1:9000:8000"
      - target: 8001
        published: 80
      - "\${P}:\${Q}"
    expose: ["8002"]
    volumes:
      - ~/.cache/huggingface:/root/.cache/huggingface
      - type: volume
        source: models
        target: /models
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              device_ids: ["0", "1"]
              capabilities: [gpu]
  b:
    image: vllm/vllm-openai:v0.11.0
    command: ["m"]
    runtime: nvidia
    network_mode: host
    environment:
      NVIDIA_VISIBLE_DEVICES: "2"
  c:
    image: vllm/vllm-openai:v0.11.0
    command: ["m"]
    gpus: all
`;
  const r = await extractCompose(text, ctx('docker-compose.yml'));
  const [a, b, c] = r.invocations.map((i) => i.deployment);
  assert.deepEqual(strip(a).gpus, [{ count: 2, vendor: 'nvidia', via: 'compose-device-ids' }]);
  assert.deepEqual(strip(a).visibleDevices, [{ name: 'CUDA_VISIBLE_DEVICES', count: 2 }]);
  assert.deepEqual(strip(a).sharedMemory, [{ via: 'ipc-host' }, { via: 'shm-size', bytes: 8 * 2 ** 30 }]);
  assert.deepEqual(strip(a).ports, [
    { kind: 'published', port: 8000 },
    { kind: 'published', port: 8001 },
    { kind: 'published' },
    { kind: 'expose', port: 8002 },
  ]);
  assert.equal(at(text, a?.ports[0]), '8000');
  assert.deepEqual(strip(a).volumes, [{ target: '/root/.cache/huggingface', source: '~/.cache/huggingface' }, { target: '/models', source: 'models' }]);
  assert.equal(a?.envFiles.length, 1);
  assert.equal(a?.container, true);
  assert.equal(r.invocations[0]?.env?.find((e) => e.name === 'HF_TOKEN')?.from, 'host');
  assert.deepEqual(strip(b).gpus, [{ count: 1, vendor: 'nvidia', via: 'compose-runtime' }]);
  assert.ok(b?.hostNetwork);
  assert.deepEqual(strip(c).gpus, [{ count: 'all', vendor: 'nvidia', via: 'compose-gpus' }]);
});

test('Kubernetes: GPU limits, /dev/shm, ports and probes (named), services, links, node labels, secrets', async () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  template:
    spec:
      enableServiceLinks: true
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-l4
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          args: ["m"]
          env:
            - name: HF_TOKEN
              valueFrom: {secretKeyRef: {name: hf, key: token}}
          envFrom:
            - secretRef: {name: more}
          ports:
            - {name: http, containerPort: 8000}
          readinessProbe:
            httpGet: {path: /health, port: http}
          livenessProbe:
            tcpSocket: {port: 8001}
          resources:
            limits: {nvidia.com/gpu: "2"}
          volumeMounts:
            - {name: shm, mountPath: /dev/shm}
            - {name: cache, mountPath: /root/.cache/huggingface}
      volumes:
        - {name: shm, emptyDir: {medium: Memory, sizeLimit: 16Gi}}
        - {name: cache, persistentVolumeClaim: {claimName: c}}
---
apiVersion: v1
kind: Service
metadata: {name: vllm}
`;
  const r = await extractKubernetes(text, ctx('k8s.yaml'));
  const d = r.invocations[0]?.deployment;
  assert.deepEqual(strip(d).gpus, [{ count: 2, vendor: 'nvidia', via: 'k8s-resource' }]);
  assert.deepEqual(strip(d).sharedMemory, [{ via: 'dev-shm-volume', bytes: 16 * 2 ** 30 }]);
  assert.deepEqual(strip(d).ports, [
    { kind: 'container-port', port: 8000, name: 'http' },
    { kind: 'probe', port: 8001 },
    { kind: 'probe', port: 8000, name: 'http' },
  ]);
  assert.deepEqual(d?.services.map((s) => s.name), ['vllm']);
  assert.equal(d?.enableServiceLinks?.value, true);
  assert.deepEqual(strip(d).gpuProducts, [{ value: 'nvidia-l4' }]);
  assert.equal(d?.envFiles.length, 1);
  assert.equal(d?.objectKind, 'Deployment');
  assert.equal(r.invocations[0]?.env?.[0]?.from, 'secret');
  assert.deepEqual(strip(d).volumes.map((v: { target: string }) => v.target), ['/dev/shm', '/root/.cache/huggingface']);
});

test('Helm templates leave the deployment incomplete; LeaderWorkerSet pods and affinity labels are read', async () => {
  const tpl = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          args: ["m"]
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;
  const t = await extractKubernetes(tpl, ctx('templates/deployment.yaml'));
  assert.equal(t.invocations[0]?.deployment?.incomplete, true);
  const lws = `apiVersion: leaderworkerset.x-k8s.io/v1
kind: LeaderWorkerSet
spec:
  leaderWorkerTemplate:
    workerTemplate:
      spec:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - {key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-H100-80GB-HBM3]}
        containers:
          - name: w
            image: vllm/vllm-openai:v0.11.0
            args: ["m", "-tp", "8"]
            resources: {limits: {nvidia.com/gpu: 8}}
`;
  const l = await extractKubernetes(lws, ctx('lws.yaml'));
  assert.equal(l.invocations[0]?.deployment?.objectKind, 'LeaderWorkerSet');
  assert.deepEqual(strip(l.invocations[0]?.deployment).gpuProducts, [{ value: 'NVIDIA-H100-80GB-HBM3' }]);
  assert.deepEqual(strip(l.invocations[0]?.deployment).gpus, [{ count: 8, vendor: 'nvidia', via: 'k8s-resource' }]);
});

test('docker run options; plain shell gets only CUDA_VISIBLE_DEVICES; Dockerfile ENV', async () => {
  const sh = `docker run --gpus '"device=0,1"' --ipc=host -p 8080:8000 -v ~/.cache/huggingface:/root/.cache/huggingface --env-file .env vllm/vllm-openai:v0.11.0 m
CUDA_VISIBLE_DEVICES=2,3 vllm serve m -tp 2
docker run --rm --runtime nvidia -e NVIDIA_VISIBLE_DEVICES=1 --shm-size 10g img bash -c "vllm serve m"
`;
  const r = await extractShell(sh, ctx('run.sh'));
  const [d1, d2, d3] = r.invocations.map((i) => i.deployment);
  assert.deepEqual(strip(d1).gpus, [{ count: 2, vendor: 'nvidia', via: 'docker-gpus' }]);
  assert.deepEqual(strip(d1).sharedMemory, [{ via: 'ipc-host' }]);
  assert.deepEqual(strip(d1).ports, [{ kind: 'published', port: 8000 }]);
  assert.equal(d1?.volumes[0]?.target, '/root/.cache/huggingface');
  assert.equal(d1?.envFiles.length, 1);
  assert.equal(d1?.kind, 'docker-run');
  assert.equal(d2?.kind, 'shell');
  assert.equal(d2?.container, false);
  assert.deepEqual(strip(d2).visibleDevices, [{ name: 'CUDA_VISIBLE_DEVICES', count: 2 }]);
  assert.deepEqual(strip(d3).gpus, [{ count: 1, vendor: 'nvidia', via: 'docker-runtime' }]);
  assert.deepEqual(strip(d3).sharedMemory, [{ via: 'shm-size', bytes: 10 * 2 ** 30 }]);
  const df = await extractDockerfile('FROM vllm/vllm-openai:v0.11.0\nENV CUDA_VISIBLE_DEVICES=0\nCMD ["m"]\n', ctx('Dockerfile'));
  assert.equal(df.invocations[0]?.deployment?.kind, 'dockerfile');
  assert.deepEqual(strip(df.invocations[0]?.deployment).visibleDevices, [{ name: 'CUDA_VISIBLE_DEVICES', count: 1 }]);
});
