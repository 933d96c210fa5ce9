/**
 * The site bibliography: every entry of the site's .bib files once, in the style's order, each
 * with links to the documents that cite it; entries no document cites are listed apart.
 */
import Link from '@docusaurus/Link';
import CitationDownloads from '@theme/CitationDownloads';
import CitationEntry from '@theme/CitationEntry';
import CitationStyleSwitcher from '@theme/CitationStyleSwitcher';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

import type { BibliographyEntryData, BibliographyPageData } from '../../plugin/types';

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
        <CitationEntry key={entry.key} entry={entry}>
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
          )}
        </CitationEntry>
      ))}
    </ul>
  );
}

export interface Props {
  data: BibliographyPageData;
}

export default function CitationBibliographyPage({ data }: Props): ReactNode {
  const defaultStyle = data.styles.length > 1 ? data.styles[0]!.id : undefined;
  const description = `All ${data.cited.length} works cited in this ${data.terms.site}, with the ${data.terms.parts} that cite each.`;
  return (
    <Layout title={data.title} description={description}>
      <main className="container margin-vert--lg bibliography-page">
        <Heading as="h1">{data.title}</Heading>
        <p>{description}</p>
        {data.note && <p className="bibliography-note">{data.note}</p>}
        <CitationDownloads intro="Download the whole bibliography" files={data.downloads} />
        {data.styles.length > 1 && <CitationStyleSwitcher styles={data.styles} />}
        <EntryList entries={data.cited} defaultStyle={defaultStyle} />
        {data.uncited.length > 0 && (
          <>
            <Heading as="h2" id="not-cited">
              Not cited in this {data.terms.site}
            </Heading>
            <EntryList entries={data.uncited} defaultStyle={defaultStyle} />
          </>
        )}
      </main>
    </Layout>
  );
}
