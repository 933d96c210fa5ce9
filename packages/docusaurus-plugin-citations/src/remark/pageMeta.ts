/**
 * What a page says about itself to reference managers and search engines: Highwire tags, a
 * schema.org Article with its citations, and "Cite this chapter". Computed at build time from
 * the engine, so no citation code runs in the browser.
 */
import {
  editionItem,
  exportItems,
  highwireDate,
  highwireReference,
  isoDate,
  renderItems,
  schemaOrgWork,
  type CitationContext,
  type EditionMetadata,
} from '../citations';
import type { CitationMeta } from '../plugin/types';

export interface PageInfo {
  title: string;
  /** The page's address, absolute. */
  url: string;
  /** The document's name (see SiteDocument): the end of the edition's citation key for it. */
  name: string;
  /** The site's home page stands for the whole work. */
  whole: boolean;
  /** Show "Cite this …" on the page. */
  citeThis: boolean;
  /** The site's address, base URL included, without a trailing slash. */
  siteUrl: string;
  terms: { work: string; part: string };
  /** The page's date, YYYY-MM-DD (`pageDate`). */
  issued: string;
}

export function pageMeta(
  context: CitationContext,
  edition: EditionMetadata,
  page: PageInfo,
  citedKeys: readonly string[],
): CitationMeta {
  const id = `${edition.key}-${page.whole ? page.terms.work : page.name}`;
  const self = editionItem(edition, { id, ...page });
  const cited = citedKeys.map((key) => context.library.entries.get(key)!.csl);
  // The titles are the editors', in sentence case: styles that want title case (Chicago)
  // change them as they do the references'.
  const formatted = context.styles.map((s) => {
    const content = renderItems([self], s.csl).entries[0]?.content ?? [];
    return { style: s.id, content };
  });
  const date = isoDate(self.issued)!;

  const highwire: [string, string][] = [
    ['citation_title', self.title!],
    ['citation_publication_date', highwireDate(self.issued)!],
    ['citation_public_url', self.URL!],
    ['citation_publisher', edition.publisher],
    ...(page.whole ? [] : ([['citation_inbook_title', edition.title]] as [string, string][])),
    ...cited.map((item): [string, string] => ['citation_reference', highwireReference(item)]),
  ];

  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: self.title,
    url: self.URL,
    datePublished: edition.issued,
    ...(date !== edition.issued ? { dateModified: date } : {}),
    publisher: { '@type': 'Organization', name: edition.publisher },
    isPartOf: { '@type': 'WebSite', name: edition.containerTitle, url: page.siteUrl },
    isBasedOn: {
      '@type': 'NewsArticle',
      name: edition.original.title,
      datePublished: edition.original.issued,
      publisher: { '@type': 'Organization', name: edition.original.publisher },
      url: edition.original.url,
    },
    citation: cited.map(schemaOrgWork),
  };

  return {
    highwire,
    jsonLd,
    ...(page.citeThis
      ? {
          cite: {
            heading: `Cite this ${page.whole ? page.terms.work : page.terms.part}`,
            formatted,
            biblatex: exportItems([self], 'biblatex'),
            bibtex: exportItems([self], 'bibtex'),
            ris: exportItems([self], 'ris'),
            fileName: id,
          },
        }
      : {}),
  };
}
