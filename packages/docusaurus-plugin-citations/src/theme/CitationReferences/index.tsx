/**
 * A document's reference list, under the References heading the remark plugin adds: the style
 * choice, the entries, and the document's own reference files. In the print edition each
 * document's list gives way to the one list at the end.
 */
import CitationDownloads from '@theme/CitationDownloads';
import CitationEntry from '@theme/CitationEntry';
import CitationStyleSwitcher from '@theme/CitationStyleSwitcher';
import type { ReactNode } from 'react';

import type { EntryData } from '../../citations/render';
import type { ExportFormat } from '../../citations/formats';
import { useCitationScope } from '../../plugin/client';

export interface Props {
  entries: readonly EntryData[];
  /** The styles a reader may choose, the default first. */
  styles: readonly { id: string; label: string }[];
  /** The document's own reference files. */
  downloads: readonly { format: ExportFormat; path: string }[];
}

export function CitationEntryList({
  entries,
  styles,
}: Pick<Props, 'entries' | 'styles'>): ReactNode {
  return (
    <ul
      className="references csl-bib-body"
      data-default-style={styles.length > 1 ? styles[0]!.id : undefined}
    >
      {entries.map((entry) => (
        <CitationEntry key={entry.key} entry={entry} />
      ))}
    </ul>
  );
}

export default function CitationReferences({ entries, styles, downloads }: Props): ReactNode {
  if (useCitationScope().combined) return null;
  return (
    <>
      {styles.length > 1 && <CitationStyleSwitcher styles={styles} />}
      <CitationEntryList entries={entries} styles={styles} />
      <CitationDownloads intro="Download these references" files={downloads} />
    </>
  );
}
