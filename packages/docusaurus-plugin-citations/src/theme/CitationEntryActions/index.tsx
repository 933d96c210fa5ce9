/**
 * "Copy BibLaTeX" / "Download BibLaTeX (.bib)" and the same for classic BibTeX, for one entry.
 * Each pair uses the entry's own file, written by the plugin: the link downloads it (with the
 * keyboard, and without JavaScript too), and a small client script copies what the link beside
 * the button points to and tells screen readers (src/clientModules/copyToClipboard.ts). Pages do not carry the BibTeX themselves.
 */
import useBaseUrl from '@docusaurus/useBaseUrl';
import { Fragment, type ReactNode } from 'react';

import type { EntryData } from '../../citations/render';
import { EXPORT_LABELS, type ExportFormat } from '../../citations/formats';

function Actions({
  entryKey,
  format,
  file,
}: {
  entryKey: string;
  format: ExportFormat;
  file: string;
}): ReactNode {
  const href = useBaseUrl(`/${file}`);
  const label = EXPORT_LABELS[format];
  const extension = file.slice(file.lastIndexOf('.'));
  // No class on the pair's children: `.entry-action-pair > *` styles them, and every byte of
  // this markup is repeated for each entry of each page.
  return (
    <span className="entry-action-pair">
      {/* What is announced once copied comes from this label (copyToClipboard.ts). */}
      <button type="button" data-copy-link aria-label={`Copy ${label} of ${entryKey}`}>
        {`Copy ${label}`}
      </button>{' '}
      {/* The address ends in the file's name, which the browser saves it under; the link's
          purpose is clear in its list item (WCAG 2.4.4), so no label repeats the key. */}
      <a href={href} download>
        {`Download ${label} (${extension})`}
      </a>
    </span>
  );
}

export interface Props {
  entry: EntryData;
}

export default function CitationEntryActions({ entry }: Props): ReactNode {
  const files = Object.entries(entry.files) as [ExportFormat, string][];
  if (files.length === 0) return null;
  return (
    <span className="entry-actions">
      {files.map(([format, file], i) => (
        <Fragment key={format}>
          {i > 0 && ' '}
          <Actions entryKey={entry.key} format={format} file={file} />
        </Fragment>
      ))}
    </span>
  );
}
