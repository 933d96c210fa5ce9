/**
 * Exports for reference managers, written by citation-js: BibTeX, RIS and CSL-JSON. Two of
 * citation-js's defaults are wrong for us and are set for the duration of each call: BibTeX
 * labels are rewritten when a key holds ":" or "/" (ours must survive exactly), and BibTeX output
 * is squeezed to ASCII, which erases non-Latin names.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';

import { plainDeep, restoreBrackets } from './bibtex';
import type { CslItem } from './csl';
import type { ExportFormat } from './formats';

export * from './formats';

interface BibtexFormatConfig {
  format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean };
}

const bibtexConfig = plugins.config.get('@bibtex') as BibtexFormatConfig;

function withBibtexFormat<T>(run: () => T): T {
  const saved = { ...bibtexConfig.format };
  Object.assign(bibtexConfig.format, { useIdAsLabel: true, checkLabel: false, asciiOnly: false });
  try {
    return run();
  } finally {
    Object.assign(bibtexConfig.format, saved);
  }
}

/**
 * RIS from citation-js's mapping, written out here: its own writer folds lines every 70
 * characters, in mid-word (readers then see "Chi na"), and cuts IDs, our keys, to 20 characters.
 */
function toRis(items: readonly CslItem[]): string {
  const records = plugins.output.format('ris', items, { format: 'object' }) as Record<
    string,
    unknown
  >[];
  return records
    .map((record, i) => {
      const lines = [`TY  - ${String(record.TY)}`];
      for (const [tag, value] of Object.entries({ ...record, ID: items[i]!.id })) {
        if (tag === 'TY') continue;
        for (const v of ([] as unknown[]).concat(value)) lines.push(`${tag}  - ${String(v)}`);
      }
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

/** Strips what is ours, not the item's: citeproc and citation-js bookkeeping. */
function clean(item: CslItem): CslItem {
  const {
    _graph: _g,
    system_id: _s,
    ...rest
  } = item as CslItem & {
    _graph?: unknown;
    system_id?: unknown;
  };
  return rest;
}

/**
 * Writes items (library entries' `csl`, with rich text and protected brackets) in a format.
 * BibTeX turns the rich text into LaTeX; RIS has no formatting, so it gets plain text.
 */
export function exportItems(items: readonly CslItem[], format: ExportFormat): string {
  return restoreBrackets(write(items.map(clean), format));
}

function write(data: CslItem[], format: ExportFormat): string {
  switch (format) {
    case 'bibtex':
      return `${withBibtexFormat(() => plugins.output.format('bibtex', data, { format: 'text' }) as string).trimEnd()}\n`;
    case 'ris':
      return toRis(data.map(plainDeep));
    case 'csl-json':
      return `${JSON.stringify(data, null, 2)}\n`;
  }
}
