// What the extension uses of the core's heavy parts (rules, flag tables, YAML and shell parsers, the
// language service). Bundled on its own as dist/extension-core.js and loaded on first use (core.ts),
// so that activating the extension does not evaluate any of it.
export { analyze } from '../core/lint';
export { completionsAt, disableCommentEdit, fixAll, hoverAt, minimalEdit } from '../core/language';
