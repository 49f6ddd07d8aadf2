// The core, loaded on first use: dist/extension.js holds only the VS Code glue, and the first lint,
// hover or completion loads dist/extension-core.js (coreApi.ts) next to it. Activation stays cheap.
import type * as CoreApi from './coreApi';

let loaded: typeof CoreApi | undefined;

export function core(): typeof CoreApi {
  // A runtime require of the file beside the bundle (scripts/build.mjs keeps it external).
  loaded ??= require('./extension-core.js') as typeof CoreApi;
  return loaded;
}
