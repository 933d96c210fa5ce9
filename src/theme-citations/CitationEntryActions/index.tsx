/**
 * "Copy BibLaTeX" / "Download BibLaTeX (.bib)" and the same for classic BibTeX, for one entry.
 * Each pair uses the entry's own file, written by the plugin: the link downloads it (with the keyboard, and without JavaScript too), and a small
 * client script copies what the link beside the button points to and tells screen readers
 * (src/clientModules/copyToClipboard.ts). Pages do not carry the BibTeX themselves.
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
  return (
    <span className="entry-action-pair">
      <button
        type="button"
        className="entry-action"
        data-copy-link
        data-copy-done={`${label} of ${entryKey} copied to the clipboard`}
        aria-label={`Copy ${label} of ${entryKey}`}
      >
        {`Copy ${label}`}
      </button>{' '}
      <a
        className="entry-action"
        href={href}
        download={file.slice(file.lastIndexOf('/') + 1)}
        aria-label={`Download ${label} (${extension}) of ${entryKey}`}
      >
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
