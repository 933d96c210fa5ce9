/**
 * "Cite this chapter": the page's own citation in the site's style, and as BibLaTeX, BibTeX and
 * RIS, each with a copy button (handled by src/clientModules/copyToClipboard.ts) and a download.
 */
import Heading from '@theme/Heading';
import type { ReactNode } from 'react';

import CitationFormatted from '@theme/CitationFormatted';

import type { CitationMeta } from '../../plugin/types';
import {
  EXPORT_LABELS,
  EXPORT_MEDIA_TYPES,
  EXPORT_SUFFIXES,
  type ExportFormat,
} from '../../citations/formats';
import { toText } from '../../citations/toText';
import styles from './styles.module.css';

type Cite = NonNullable<CitationMeta['cite']>;

/** The page's own entry in each format it is given in, with what reads it where that helps. */
const FORMATS: { format: ExportFormat & keyof Cite; note?: string }[] = [
  { format: 'biblatex', note: 'for biber and biblatex; Zotero reads it too' },
  { format: 'bibtex', note: 'for classic bibtex and its .bst styles' },
  { format: 'ris' },
];

function Format({
  id,
  label,
  note,
  text,
  download,
}: {
  id: string;
  label: string;
  /** What reads this format, said beside its name. */
  note?: string;
  text: string;
  download?: { name: string; type: string };
}): ReactNode {
  return (
    // `cite-this-export`: for the screen only (src/css/custom.css leaves it off paper).
    <div className={`${styles.format} cite-this-export`}>
      <div className={styles.formatHeader}>
        <Heading as="h3" id={id} className={styles.formatTitle}>
          {label}
        </Heading>
        {note && <span className={styles.formatNote}>{note}</span>}
        <button
          type="button"
          className="entry-action"
          data-copy-text={text}
          data-copy-done={`${label} copied to the clipboard`}
          aria-label={`Copy ${label}`}
        >
          Copy
        </button>
        {download && (
          <a
            className="entry-action"
            href={`data:${download.type};charset=utf-8,${encodeURIComponent(text)}`}
            download={download.name}
            aria-label={`Download ${label}`}
          >
            Download
          </a>
        )}
      </div>
      <pre className={styles.code}>
        <code>{text}</code>
      </pre>
    </div>
  );
}

export interface Props {
  cite: Cite;
}

export default function CiteThis({ cite }: Props): ReactNode {
  return (
    <section className={styles.citeThis} aria-labelledby="cite-this">
      <Heading as="h2" id="cite-this">
        {cite.heading}
      </Heading>
      <div className={styles.format}>
        <Heading as="h3" id="cite-this-formatted" className={styles.formatTitle}>
          Formatted citation
        </Heading>
        {cite.formatted.map((f) => (
          // One per style; the page shows the reader's choice (see the citations plugin).
          <div
            key={f.style}
            className={styles.formatHeader}
            {...(cite.formatted.length > 1 ? { 'data-style': f.style } : {})}
          >
            <p className={styles.formatted} data-testid="cite-this-formatted">
              <CitationFormatted nodes={f.content} />
            </p>
            <button
              type="button"
              className="entry-action"
              data-copy-text={toText(f.content)}
              data-copy-done="Citation copied to the clipboard"
              aria-label="Copy the formatted citation"
            >
              Copy
            </button>
          </div>
        ))}
      </div>
      {FORMATS.map(({ format, note }) => (
        <Format
          key={format}
          id={`cite-this-${format}`}
          label={EXPORT_LABELS[format]}
          note={note}
          text={cite[format]}
          download={{
            name: `${cite.fileName}${EXPORT_SUFFIXES[format]}`,
            type: EXPORT_MEDIA_TYPES[format],
          }}
        />
      ))}
    </section>
  );
}
