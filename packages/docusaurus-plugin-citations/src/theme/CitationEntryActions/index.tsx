/**
 * "Cite ▾": the one control an entry carries. It opens the entry's actions ("Copy BibLaTeX",
 * "Download BibLaTeX (.bib)", the same in BibTeX, on the entry's own files, which the plugin
 * writes), built in the browser when asked (src/clientModules/lazy/entryActions.ts): one set of
 * actions per page, moved to the entry it is opened for, so that a list carries one button per
 * entry and no more. Pages do not carry the BibTeX themselves.
 */
import type { ReactNode } from 'react';

import type { EntryData } from '../../citations/render';
import { EXPORT_SUFFIXES } from '../../citations/formats';

export interface Props {
  entry: EntryData;
}

export default function CitationEntryActions({ entry }: Props): ReactNode {
  const file = entry.files.biblatex;
  if (!file?.endsWith(EXPORT_SUFFIXES.biblatex)) return null;
  return (
    <button
      type="button"
      className="entry-actions"
      aria-expanded="false"
      // The entry's files without their suffix, under the site's base URL: the actions add
      // each dialect's suffix (and the base URL) when they are built.
      data-file={file.slice(0, -EXPORT_SUFFIXES.biblatex.length)}
    >
      Cite
    </button>
  );
}
