// Where each rule's documentation page lives (also used by the editor at activation, so no imports).
export const DOCS_BASE = 'https://github.com/servelint/servelint/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
