import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind, languageIdToKind, sniffYamlKind, hasShellShebang, looksBinary } from '../../src/core/detect';

test('shell by extension', () => {
  for (const name of ['run.sh', 'serve.bash', 'x.zsh', 'y.ksh', '/a/b/START.SH', 'C:\\scripts\\serve.sh']) {
    assert.equal(detectKind(name, 'vllm serve m\n'), 'shell', name);
  }
});

test('shell by shebang, in a file of any name', () => {
  const shebangs = [
    '#!/bin/bash',
    '#!/usr/bin/env bash',
    '#!/bin/sh -e',
    '#! /bin/sh',
    '#!/usr/bin/zsh',
    '#!/bin/dash',
    '#!/usr/bin/ksh',
    '#!/usr/bin/env -S bash -x',
    '\uFEFF#!/bin/bash',
  ];
  for (const s of shebangs) {
    assert.equal(detectKind('start', `${s}\nvllm serve m\n`), 'shell', s);
    assert.equal(detectKind('entrypoint.txt', `${s}\r\nvllm serve m\r\n`), 'shell', s);
  }
  assert.equal(detectKind('run.py', '#!/usr/bin/env python3\nprint(1)\n'), 'unknown');
  assert.equal(detectKind('start', 'vllm serve m\n'), 'unknown');
  assert.equal(hasShellShebang('#!/usr/bin/env node\n'), false);
  assert.equal(hasShellShebang('# !/bin/bash\n'), false);
});

test('makefile', () => {
  for (const name of ['Makefile', 'makefile', 'GNUmakefile', 'rules.mk', 'sub/dir/Makefile']) {
    assert.equal(detectKind(name, 'serve:\n\tvllm serve m\n'), 'makefile', name);
  }
});

test('dockerfile', () => {
  for (const name of ['Dockerfile', 'Containerfile', 'gpu.Dockerfile', 'Dockerfile.vllm', 'Dockerfile.cuda12', 'serve.dockerfile', 'dockerfile', 'docker/Dockerfile.rocm']) {
    assert.equal(detectKind(name, 'FROM vllm/vllm-openai\n'), 'dockerfile', name);
  }
  // `Dockerfile.<ext>` of another known kind is that kind.
  assert.equal(detectKind('Dockerfile.md', '# Notes\n'), 'markdown');
  assert.equal(detectKind('Dockerfile.sh', 'docker build .\n'), 'shell');
});

test('markdown', () => {
  assert.equal(detectKind('README.md', '# x\n'), 'markdown');
  assert.equal(detectKind('docs/serving.markdown', '# x\n'), 'markdown');
});

test('compose by name', () => {
  for (const name of ['compose.yaml', 'compose.yml', 'compose.prod.yml', 'docker-compose.yml', 'docker-compose.override.yaml', 'docker-compose-gpu.yml', 'deploy/docker-compose.yml']) {
    assert.equal(detectKind(name, 'x: 1\n'), 'compose', name);
  }
});

test('compose by content', () => {
  assert.equal(detectKind('stack.yml', 'services:\n  vllm:\n    image: vllm/vllm-openai\n'), 'compose');
  assert.equal(detectKind('stack.yaml', '# comment\nversion: "3.8"\nx-gpu: &gpu\n  runtime: nvidia\nservices:\n  a: {}\n'), 'compose');
  assert.equal(detectKind('stack.yaml', '---\n# first doc\nfoo: 1\n---\nservices:\n  a: {}\n'), 'compose');
  assert.equal(detectKind('stack.yaml', 'version: "3"\r\nservices:\r\n  a: {}\r\n'), 'compose');
  assert.equal(detectKind('stack.yaml', '"services":\n  a: {}\n'), 'compose');
  // A nested `services:` key is not a compose file.
  assert.equal(detectKind('values.yaml', 'app:\n  services:\n    a: 1\n'), 'yaml');
  // Inside a block scalar.
  assert.equal(detectKind('cm.yaml', 'data: |\n  services:\n    a: 1\n'), 'yaml');
});

test('kubernetes by content', () => {
  assert.equal(detectKind('deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n'), 'kubernetes');
  assert.equal(detectKind('all.yml', '# header\n---\napiVersion: v1\nkind: Service\n---\napiVersion: apps/v1\nkind: Deployment\n'), 'kubernetes');
  // Only one of the two keys: not Kubernetes.
  assert.equal(detectKind('x.yaml', 'kind: foo\n'), 'yaml');
});

test('helm templates', () => {
  const tpl = '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\n{{- end }}\n';
  assert.equal(detectKind('charts/vllm/templates/deployment.yaml', tpl), 'kubernetes');
  assert.equal(detectKind('charts\\vllm\\templates\\deployment.yaml', '  replicas: {{ .Values.replicas }}\n'), 'kubernetes');
  assert.equal(detectKind('templates/x.yml', 'a: {{ .Values.a }}\n'), 'kubernetes');
  // No template syntax, no Kubernetes keys: plain YAML.
  assert.equal(detectKind('templates/x.yml', 'a: 1\n'), 'yaml');
});

test('plain yaml (a possible vLLM config file)', () => {
  assert.equal(detectKind('serve.yaml', 'model: m\ntensor-parallel-size: 2\n'), 'yaml');
  assert.equal(detectKind('values.yaml', 'image:\n  repository: vllm/vllm-openai\n'), 'yaml');
  assert.equal(detectKind('empty.yml', ''), 'yaml');
});

test('unknown files and binary junk', () => {
  assert.equal(detectKind('notes.txt', 'vllm serve m\n'), 'unknown');
  assert.equal(detectKind('config.json', '{"model": "m"}'), 'unknown');
  assert.equal(detectKind('', ''), 'unknown');
  const junk = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  assert.equal(looksBinary(junk), true);
  const t0 = Date.now();
  assert.equal(detectKind('blob', junk), 'unknown');
  assert.equal(detectKind('weights.yaml', junk), 'unknown');
  assert.equal(detectKind('run.sh', '\u0000\u0001\u0002ELF'), 'unknown');
  assert.ok(Date.now() - t0 < 200);
});

test('content sniffing only looks at the first 64 KB', () => {
  const big = `a: 1\n${'# padding padding padding padding\n'.repeat(5000)}services:\n  x: {}\n`;
  assert.ok(big.length > 64 * 1024);
  assert.equal(detectKind('big.yaml', big), 'yaml');
  const t0 = Date.now();
  const huge = 'k: v\n'.repeat(2_000_000);
  assert.equal(detectKind('huge.yaml', huge), 'yaml');
  assert.ok(Date.now() - t0 < 200);
});

test('sniffYamlKind accepts a uniformly indented document (a block inside a Markdown list)', () => {
  assert.equal(sniffYamlKind('   services:\n     a:\n       image: x\n'), 'compose');
  assert.equal(sniffYamlKind('  apiVersion: v1\n  kind: Pod\n'), 'kubernetes');
});

test('languageIdToKind', () => {
  assert.equal(languageIdToKind('shellscript', 'x', ''), 'shell');
  assert.equal(languageIdToKind('dockerfile', 'Dockerfile', ''), 'dockerfile');
  assert.equal(languageIdToKind('dockercompose', 'docker-compose.yml', ''), 'compose');
  assert.equal(languageIdToKind('markdown', 'README.md', ''), 'markdown');
  assert.equal(languageIdToKind('makefile', 'Makefile', ''), 'makefile');
  assert.equal(languageIdToKind('yaml', 'a.yaml', 'services:\n  a: {}\n'), 'compose');
  assert.equal(languageIdToKind('yaml', 'a.yaml', 'apiVersion: v1\nkind: Pod\n'), 'kubernetes');
  assert.equal(languageIdToKind('yaml', 'a.yaml', 'model: m\n'), 'yaml');
  assert.equal(languageIdToKind('yaml', 'compose.yaml', 'x: 1\n'), 'compose');
  assert.equal(languageIdToKind('helm', 'chart/templates/d.yaml', 'spec: {{ .Values.x }}\n'), 'kubernetes');
  assert.equal(languageIdToKind('plaintext', 'start', '#!/bin/bash\nvllm serve m\n'), 'shell');
  assert.equal(languageIdToKind('plaintext', 'notes.txt', 'hello'), 'unknown');
});
