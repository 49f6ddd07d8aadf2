// The wizard page. Static markup only: every value shown later is set with textContent by
// src/webview/main.ts. Loaded under a nonce-based Content-Security-Policy (see wizardHtml).
export interface PageAssets {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** Attribute-safe text (the URIs come from asWebviewUri, the nonce is base64; escaped anyway). */
const attr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function wizardHtml(a: PageAssets): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(a.cspSource, a.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(a.styleUri)}">
<title>Choose an Inference Engine</title>
</head>
<body>
<main id="app" aria-busy="true">
  <h1>Choose an inference engine</h1>
  <p class="lede">Answer the four questions of the "vLLM vs TensorRT-LLM: 2026 decision guide" blog post (or the
  detailed form): ServeLint recommends vLLM, SGLang or TensorRT-LLM for your model and GPU, sizes it, says where the
  blog is wrong, and writes a launch config that lints clean. Every reason shows its source and date.</p>

  <section id="form" aria-labelledby="form-title">
    <h2 id="form-title" class="visually-hidden">Your case</h2>
    <vscode-radio-group id="mode" aria-label="Mode">
      <vscode-radio name="mode" value="quick" label="Quick: the blog's four questions" checked></vscode-radio>
      <vscode-radio name="mode" value="detailed" label="Detailed: workload and deployment"></vscode-radio>
    </vscode-radio-group>

    <div class="grid">
      <vscode-form-group variant="vertical">
        <vscode-label for="model">Model</vscode-label>
        <vscode-single-select id="model" name="model" combobox filter="contains" aria-label="Model"></vscode-single-select>
      </vscode-form-group>
      <vscode-form-group variant="vertical" class="other-model" hidden>
        <vscode-label for="customModel">Hugging Face id</vscode-label>
        <vscode-textfield id="customModel" name="customModel" placeholder="org/model-name" maxLength="200"></vscode-textfield>
      </vscode-form-group>
      <vscode-form-group variant="vertical" class="other-model" hidden>
        <vscode-label for="parametersB">Parameters (billions)</vscode-label>
        <vscode-textfield id="parametersB" name="parametersB" type="number" min="0.1" step="0.1"></vscode-textfield>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="gpuCount">GPUs available</vscode-label>
        <vscode-textfield id="gpuCount" name="gpuCount" type="number" min="1" max="1024" value="1"></vscode-textfield>
      </vscode-form-group>
    </div>

    <div id="questions" class="quick-only"></div>

    <div class="grid detailed-only" hidden>
      <vscode-form-group variant="vertical">
        <vscode-label for="gpu">GPU</vscode-label>
        <vscode-single-select id="gpu" name="gpu" combobox filter="contains" aria-label="GPU"></vscode-single-select>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="objective">Objective</vscode-label>
        <vscode-single-select id="objective" name="objective" aria-label="Objective">
          <vscode-option value="balanced">Balanced</vscode-option>
          <vscode-option value="latency">Latency (time to first token, per-token latency)</vscode-option>
          <vscode-option value="throughput">Throughput (tokens/s per GPU, cost)</vscode-option>
        </vscode-single-select>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="inputLen">Input tokens per request</vscode-label>
        <vscode-textfield id="inputLen" name="inputLen" type="number" min="1" value="1024"></vscode-textfield>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="outputLen">Output tokens per request</vscode-label>
        <vscode-textfield id="outputLen" name="outputLen" type="number" min="1" value="512"></vscode-textfield>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="concurrency">Concurrent requests (optional)</vscode-label>
        <vscode-textfield id="concurrency" name="concurrency" type="number" min="1"></vscode-textfield>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="requestsPerSecond">Requests per second (optional)</vscode-label>
        <vscode-textfield id="requestsPerSecond" name="requestsPerSecond" type="number" min="0.01" step="0.01"></vscode-textfield>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="timeToProduction">In production within</vscode-label>
        <vscode-single-select id="timeToProduction" name="timeToProduction" aria-label="Time to production">
          <vscode-option value="days">Days</vscode-option>
          <vscode-option value="weeks" selected>Weeks</vscode-option>
          <vscode-option value="months">Months</vscode-option>
        </vscode-single-select>
      </vscode-form-group>
      <vscode-form-group variant="vertical">
        <vscode-label for="deployment">Deployment</vscode-label>
        <vscode-single-select id="deployment" name="deployment" aria-label="Deployment">
          <vscode-option value="compose">Docker Compose</vscode-option>
          <vscode-option value="shell">Shell script</vscode-option>
          <vscode-option value="kubernetes">Kubernetes</vscode-option>
          <vscode-option value="multi-node">Multi-node</vscode-option>
        </vscode-single-select>
      </vscode-form-group>
    </div>

    <div class="actions">
      <vscode-button id="recommend">Recommend</vscode-button>
      <span class="hint">Enter in a field also submits.</span>
    </div>
    <p id="status" role="status" aria-live="polite"></p>
  </section>

  <section id="result" aria-labelledby="result-title" hidden>
    <h2 id="result-title" tabindex="-1"></h2>
    <p id="result-summary"></p>
    <ul id="reasons" class="reasons"></ul>

    <h3>Sizing</h3>
    <div id="sizing-bar" class="bar" role="img"></div>
    <ul id="sizing-legend" class="legend"></ul>
    <p id="sizing-text"></p>
    <ul id="sizing-notes" class="notes"></ul>

    <h3>Engines for this case</h3>
    <table id="comparison" class="comparison">
      <caption class="visually-hidden">Engines compared for this case</caption>
      <thead><tr><th scope="col">Engine</th><th scope="col">Score</th><th scope="col">Why</th></tr></thead>
      <tbody></tbody>
    </table>

    <div id="corrections-block">
      <h3>What the blog got wrong (for this case)</h3>
      <ul id="corrections" class="reasons"></ul>
    </div>

    <h3>Measure it on your hardware</h3>
    <pre id="benchmark" class="code" tabindex="0" aria-label="Benchmark command"></pre>
    <vscode-button id="copyBenchmark" secondary>Copy benchmark command</vscode-button>

    <h3>Insert a launch config</h3>
    <div class="grid">
      <vscode-form-group variant="vertical">
        <vscode-label for="insertEngine">Engine</vscode-label>
        <vscode-single-select id="insertEngine" name="insertEngine" aria-label="Engine for the config"></vscode-single-select>
      </vscode-form-group>
    </div>
    <p>Into <strong id="insert-into"></strong>, at the cursor, with tab stops.</p>
    <div id="insert-buttons" class="actions" role="group" aria-label="Insert a config"></div>
  </section>
</main>
<script nonce="${attr(a.nonce)}" src="${attr(a.scriptUri)}"></script>
</body>
</html>
`;
}
