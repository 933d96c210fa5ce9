/**
 * One reference entry: the entry in every style, then, in quiet type, its archived copy, the
 * links back to each citation of it on the page and its "Cite ▾". `children` come before "Cite"
 * (the bibliography adds COinS and the documents that cite the work).
 */
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import CitationEntryActions from '@theme/CitationEntryActions';
import CitationFormatted from '@theme/CitationFormatted';
import { Fragment, type CSSProperties, type ReactNode } from 'react';

import type { EntryData } from '../../citations/render';

/** a … z, then aa, ab, … */
function backLinkLabel(i: number): string {
  let n = i;
  let label = '';
  do {
    label = String.fromCharCode(97 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

function BackLinks({ ids }: { ids: readonly string[] }): ReactNode {
  if (ids.length === 1) {
    return (
      <span className="citation-backlinks">
        <Link href={`#${ids[0]}`} aria-label="Back to the citation in the text">
          ↩
        </Link>
      </span>
    );
  }
  return (
    <span className="citation-backlinks">
      <span aria-hidden="true">↩</span>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {' '}
          <Link
            href={`#${id}`}
            aria-label={`Back to citation ${i + 1} of ${ids.length} in the text`}
          >
            {backLinkLabel(i)}
          </Link>
        </Fragment>
      ))}
    </span>
  );
}

export interface Props {
  entry: EntryData;
  children?: ReactNode;
}

export default function CitationEntry({ entry, children }: Props): ReactNode {
  // Citations link here by id: registered, so that the build checks those links.
  useBrokenLinks().collectAnchor(entry.id);
  const several = entry.variants.length > 1;
  // Each style's order, for the CSS that orders the list by the reader's chosen style.
  const order = several
    ? (Object.fromEntries(
        Object.entries(entry.order).map(([id, n]) => [`--order-${id}`, n]),
      ) as CSSProperties)
    : undefined;
  return (
    <li id={entry.id} className="csl-entry" data-key={entry.key} style={order}>
      {entry.variants.map((v) =>
        several ? (
          <span key={v.style} className="entry-variant" data-style={v.style}>
            <CitationFormatted nodes={v.content} />
          </span>
        ) : (
          <CitationFormatted key={v.style} nodes={v.content} />
        ),
      )}{' '}
      {entry.archive && (
        <>
          {/* Web sources rot: "(archived)" is the Wayback Machine's copy, in quiet type after
              the reference, apart from the work's own address. */}
          <span className="entry-archive">
            (
            <a href={entry.archive.url} className="entry-archive-link">
              archived
            </a>
            {entry.archive.accessed ? `, accessed ${entry.archive.accessed})` : ')'}
          </span>{' '}
        </>
      )}
      {entry.backlinks.length > 0 && <BackLinks ids={entry.backlinks} />}
      {children} <CitationEntryActions entry={entry} />
    </li>
  );
}
