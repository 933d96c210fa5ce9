/**
 * /bibliography: every entry of the site's .bib files once, in the style's order, each with
 * links to the chapters that cite it; entries no chapter cites are listed apart.
 */
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { CSSProperties, ReactNode } from 'react';

import type { BibliographyEntryData, BibliographyPageData } from '../../plugins/citations/types';
import Hast from '../Hast';
import StyleSwitcher from '../StyleSwitcher';

function Entry({ entry }: { entry: BibliographyEntryData }): ReactNode {
  // Chapters link here by id: register it so that the build checks those links.
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
            <Hast nodes={v.content} />
          </span>
        ) : (
          <Hast key={v.style} nodes={v.content} />
        ),
      )}{' '}
      <Hast nodes={entry.archive} />
      {/* COinS: Zotero's connector offers every entry of the page. */}
      <span className="Z3988" title={entry.coins} />
      {entry.citedIn.length > 0 && (
        <span className="cited-in">
          Cited in:{' '}
          {entry.citedIn.map((c, i) => (
            <span key={c.href}>
              {i > 0 && ', '}
              <Link to={c.href}>{c.title}</Link>
            </span>
          ))}
        </span>
      )}{' '}
      <Hast nodes={[entry.actions]} />
    </li>
  );
}

function EntryList({
  entries,
  defaultStyle,
}: {
  entries: readonly BibliographyEntryData[];
  defaultStyle?: string;
}): ReactNode {
  return (
    <ul className="references csl-bib-body" data-default-style={defaultStyle}>
      {entries.map((entry) => (
        <Entry key={entry.key} entry={entry} />
      ))}
    </ul>
  );
}

export default function BibliographyPage({ data }: { data: BibliographyPageData }): ReactNode {
  const defaultStyle = data.styles.length > 1 ? data.styles[0]!.id : undefined;
  const description = `All ${data.cited.length} works cited in this edition, with the chapters that cite each.`;
  return (
    <Layout title={data.title} description={description}>
      <main className="container margin-vert--lg bibliography-page">
        <Heading as="h1">{data.title}</Heading>
        <p>{description}</p>
        {/* Some addresses could not be confirmed: an entry without one must not read as a mistake. */}
        <p className="references-no-url">
          An entry without a web address is not an oversight: its URL is not confirmed, and we leave
          an address out rather than guess it.
        </p>
        <p className="references-downloads">
          Download the whole bibliography:{' '}
          <Link to="pathname:///bibliography-biblatex.bib" download="bibliography-biblatex.bib">
            BibLaTeX (.bib, for biber)
          </Link>{' '}
          ·{' '}
          <Link to="pathname:///bibliography-bibtex.bib" download="bibliography-bibtex.bib">
            BibTeX (.bib, for classic bibtex)
          </Link>{' '}
          ·{' '}
          <Link to="pathname:///bibliography.ris" download="bibliography.ris">
            RIS (.ris)
          </Link>{' '}
          ·{' '}
          <Link to="pathname:///bibliography.json" download="bibliography.json">
            CSL-JSON (.json)
          </Link>
        </p>
        {data.styles.length > 1 && <StyleSwitcher styles={data.styles} />}
        <EntryList entries={data.cited} defaultStyle={defaultStyle} />
        {data.uncited.length > 0 && (
          <>
            <Heading as="h2" id="not-cited">
              Not cited in the essay
            </Heading>
            <EntryList entries={data.uncited} defaultStyle={defaultStyle} />
          </>
        )}
      </main>
    </Layout>
  );
}
