// Lazy, once-only initialisation of web-tree-sitter with the Bash grammar.
//
// The WebAssembly files are looked up next to the running file first (the esbuild bundles in dist/
// have tree-sitter.wasm and tree-sitter-bash.wasm copied beside them), then in node_modules (compiled
// tests under out/, development). Nothing is ever fetched.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import type * as TreeSitterModule from 'web-tree-sitter';

/**
 * web-tree-sitter, required on the first shell parse (not at load time). `require`, not `import`, so
 * that esbuild bundles its CommonJS build (the "require" export condition); its ES module build
 * relies on import.meta.url, which is empty in a CommonJS bundle.
 */
function treeSitter(): typeof TreeSitterModule {
  return require('web-tree-sitter') as typeof TreeSitterModule;
}

const RUNTIME_WASM = 'tree-sitter.wasm';
const BASH_WASM = 'tree-sitter-bash.wasm';

function resolveModuleFile(specifier: string): string | undefined {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}

/** First existing file among: beside this file (bundle), then the installed package. */
function locate(fileName: string, packageSpecifier: string): string {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(join(__dirname, fileName));
  const fromPackage = resolveModuleFile(packageSpecifier);
  if (fromPackage) candidates.push(fromPackage);
  for (const candidate of candidates) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`ServeLint: cannot find ${fileName} (looked in ${candidates.join(', ') || 'nowhere'})`);
}

let bashParser: Promise<Parser> | undefined;

async function createBashParser(): Promise<Parser> {
  const { Language, Parser: ParserClass } = treeSitter();
  const runtimeWasm = locate(RUNTIME_WASM, `web-tree-sitter/${RUNTIME_WASM}`);
  const bashWasm = locate(BASH_WASM, `tree-sitter-bash/${BASH_WASM}`);
  await ParserClass.init({
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? runtimeWasm : prefix + path),
  });
  const language = await Language.load(new Uint8Array(readFileSync(bashWasm)));
  const parser = new ParserClass();
  parser.setLanguage(language);
  return parser;
}

/** The shared Bash parser. Initialised on first use; later calls get the same parser. */
export function getBashParser(): Promise<Parser> {
  if (!bashParser) {
    bashParser = createBashParser().catch((error: unknown) => {
      // Let a later call try again instead of caching the failure forever.
      bashParser = undefined;
      throw error;
    });
  }
  return bashParser;
}

/**
 * Work allowed for one top-level extraction (a script and the scripts nested in it), counted in steps
 * rather than time so that the same input always gives the same result on any machine and under any
 * load. `parse`: tree-sitter progress callbacks (one per ~100 parser operations; a 2,000-line script
 * takes about 500, a 2 MB one about 15,000). `walk`: tree nodes visited.
 */
export interface ParseBudget {
  parse: number;
  walk: number;
}

export function newParseBudget(): ParseBudget {
  return { parse: 60_000, walk: 4_000_000 };
}

/**
 * Parses `text`, giving up (null) when the budget runs out or the parser throws. Parsing is
 * synchronous, so the shared parser is never used by two parses at once. The caller owns the tree and
 * must delete() it.
 */
export function parseWithBudget(parser: Parser, text: string, budget: ParseBudget): Tree | null {
  try {
    parser.reset();
    const tree = parser.parse(text, null, {
      // Returning true cancels the parse (the .d.ts types the callback as returning void).
      progressCallback: () => --budget.parse < 0,
    });
    if (!tree) parser.reset();
    return tree;
  } catch {
    try {
      parser.reset();
    } catch {
      // ignore: the next parse resets again
    }
    return null;
  }
}
