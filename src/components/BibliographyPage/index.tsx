/**
 * /bibliography: every entry of the site's .bib files once, in the style's order, each with
 * links to the chapters that cite it; entries no chapter cites are listed apart.
 */
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import clsx from 'clsx';
import type { ReactNode } from 'react';

import type { BibliographyEntryData, BibliographyPageData } from '../../plugins/citations/types';
import Hast from '../Hast';

function Entry({ entry }: { entry: BibliographyEntryData }): ReactNode {
  // Chapters link here by id: register it so that the build checks those links.
  useBrokenLinks().collectAnchor(entry.id);
  return (
    <li id={entry.id} className="csl-entry" data-key={entry.key}>
      <Hast nodes={entry.content} /> <Hast nodes={[entry.actions]} />
      {/* COinS: Zotero's connector offers every entry of the page. */}
      <span className="Z3988" title={entry.coins} />
      {entry.citedIn.length > 0 && (
        <span className="cited-in">
          {' '}
          Cited in:{' '}
          {entry.citedIn.map((c, i) => (
            <span key={c.href}>
              {i > 0 && ', '}
              <Link to={c.href}>{c.title}</Link>
            </span>
          ))}
        </span>
      )}
    </li>
  );
}

function EntryList({
  entries,
  hanging,
}: {
  entries: readonly BibliographyEntryData[];
  hanging: boolean;
}): ReactNode {
  return (
    <ul className={clsx('references', 'csl-bib-body', hanging && 'csl-hanging-indent')}>
      {entries.map((entry) => (
        <Entry key={entry.key} entry={entry} />
      ))}
    </ul>
  );
}

export default function BibliographyPage({ data }: { data: BibliographyPageData }): ReactNode {
  const description = `All ${data.cited.length} works cited in the essay, with the chapters that cite each.`;
  return (
    <Layout title={data.title} description={description}>
      <main className="container margin-vert--lg bibliography-page">
        <Heading as="h1">{data.title}</Heading>
        <p>{description}</p>
        <p className="references-downloads">
          Download the whole bibliography:{' '}
          <Link to="pathname:///bibliography.bib" download="bibliography.bib">
            BibTeX (.bib)
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
        <EntryList entries={data.cited} hanging={data.hangingIndent} />
        {data.uncited.length > 0 && (
          <>
            <Heading as="h2" id="not-cited">
              Not cited in the essay
            </Heading>
            <EntryList entries={data.uncited} hanging={data.hangingIndent} />
          </>
        )}
      </main>
    </Layout>
  );
}
