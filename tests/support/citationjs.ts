import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

/** Reads an export back the way a reference manager built on citation-js would. */
export function parseExport(
  text: string,
  format: 'bibtex' | 'ris' | 'csl-json',
): Record<string, unknown>[] {
  if (format === 'csl-json') return JSON.parse(text) as Record<string, unknown>[];
  return plugins.input.chain(text, {
    forceType: format === 'bibtex' ? '@bibtex/text' : '@ris/file',
    generateGraph: false,
  }) as Record<string, unknown>[];
}
