/**
 * Bibliographic metadata for machines: Highwire Press tags (Google Scholar, Zotero), schema.org
 * JSON-LD, COinS spans (Zotero's connector), and the CSL item that cites the edition itself.
 * All of it is derived from CSL items, so it can never disagree with the rendered references.
 * An address that is not a web address (see `webUrl`) is left out of all of it.
 */
import { plainDeep } from './bibtex';
import type { CslDate, CslItem, CslName } from './csl';
import type { EditionMetadata } from './options';
import { webUrl } from './safety';

/** "2018-08-01", "2016" or "2020-03": as much of the date as is known. */
export function isoDate(date: CslDate | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts || parts.length === 0 || parts[0] === undefined) return undefined;
  return parts
    .slice(0, 3)
    .map((p, i) => String(p).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
}

export function nameOf(name: CslName): string {
  if (name.literal) return name.literal;
  return name.given ? `${name.family ?? ''}, ${name.given}`.trim() : (name.family ?? '');
}

function isPerson(name: CslName): boolean {
  return Boolean(name.given);
}

const JOURNAL_TYPES = new Set([
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
]);

/**
 * A date as Highwire Press tags take it: YYYY/MM/DD, or the year alone when the day is not
 * known (Google Scholar reads nothing in between).
 */
export function highwireDate(date: CslDate | undefined): string | undefined {
  const iso = isoDate(date);
  if (!iso) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '/') : iso.slice(0, 4);
}

/** Who published a work; a court (CSL's `authority`) for a legal case. */
function publisherOf(item: CslItem): string | undefined {
  return item.publisher ?? (item.authority as string | undefined);
}

/** One `citation_reference` value: Highwire's key=value list, with ";" kept out of values. */
export function highwireReference(rich: CslItem): string {
  const item = plainDeep(rich);
  const clean = (v: string) => v.replace(/;/g, ',');
  const pairs: [string, string | undefined][] = [
    ['citation_title', item.title],
    ...(item.author ?? []).map((a): [string, string] => ['citation_author', nameOf(a)]),
    ['citation_publication_date', highwireDate(item.issued)],
    [
      JOURNAL_TYPES.has(item.type) ? 'citation_journal_title' : 'citation_publisher',
      JOURNAL_TYPES.has(item.type) ? item['container-title'] : publisherOf(item),
    ],
    ['citation_volume', item.volume as string | undefined],
    ['citation_issue', (item.issue ?? item.number) as string | undefined],
    ['citation_firstpage', (item.page as string | undefined)?.split(/[-–]/)[0]],
    ['citation_public_url', webUrl(item.URL)],
  ];
  return pairs
    .filter((p): p is [string, string] => Boolean(p[1]))
    .map(([k, v]) => `${k}=${clean(String(v))}`)
    .join('; ');
}

const SCHEMA_TYPES: Record<string, string> = {
  'article-journal': 'ScholarlyArticle',
  'article-newspaper': 'NewsArticle',
  'article-magazine': 'Article',
  article: 'Article',
  report: 'Report',
  legislation: 'Legislation',
  legal_case: 'CreativeWork',
  webpage: 'WebPage',
  post: 'SocialMediaPosting',
  book: 'Book',
};

/** A cited work as a schema.org object, for an Article's `citation` list. */
export function schemaOrgWork(rich: CslItem): Record<string, unknown> {
  const item = plainDeep(rich);
  const work: Record<string, unknown> = {
    '@type': SCHEMA_TYPES[item.type] ?? 'CreativeWork',
    name: item.title,
  };
  if (item.author?.length) {
    work.author = item.author.map((a) => ({
      '@type': isPerson(a) ? 'Person' : 'Organization',
      name: a.literal ?? (a.given ? `${a.given} ${a.family ?? ''}`.trim() : a.family),
    }));
  }
  const date = isoDate(item.issued);
  if (date) work.datePublished = date;
  if (item['container-title'])
    work.isPartOf = { '@type': 'Periodical', name: item['container-title'] };
  const publisher = publisherOf(item);
  if (publisher) work.publisher = { '@type': 'Organization', name: publisher };
  const url = webUrl(item.URL);
  if (url) work.url = url;
  return work;
}

/**
 * An OpenURL ContextObject in KEV form (COinS), which Zotero's connector reads from
 * `<span class="Z3988" title="…">`.
 */
export function coinsOf(rich: CslItem): string {
  const item = plainDeep(rich);
  const journal = JOURNAL_TYPES.has(item.type);
  const book = item.type === 'book' || item.type === 'report';
  const pairs: [string, string | undefined][] = [
    ['ctx_ver', 'Z39.88-2004'],
    [
      'rft_val_fmt',
      journal
        ? 'info:ofi/fmt:kev:mtx:journal'
        : book
          ? 'info:ofi/fmt:kev:mtx:book'
          : 'info:ofi/fmt:kev:mtx:dc',
    ],
    ['rft_id', webUrl(item.URL)],
    [
      'rft.genre',
      journal ? 'article' : item.type === 'report' ? 'report' : book ? 'book' : undefined,
    ],
    [journal ? 'rft.atitle' : book ? 'rft.btitle' : 'rft.title', item.title],
    [journal ? 'rft.jtitle' : 'rft.source', item['container-title']],
    ...(item.author ?? []).map((a): [string, string] => [
      journal || book ? 'rft.au' : 'rft.creator',
      nameOf(a),
    ]),
    ['rft.date', isoDate(item.issued)],
    ['rft.volume', item.volume as string | undefined],
    ['rft.issue', (item.issue ?? item.number) as string | undefined],
    ['rft.pages', item.page as string | undefined],
    [book ? 'rft.pub' : 'rft.publisher', publisherOf(item)],
    ['rft.type', journal || book ? undefined : item.type],
  ];
  return pairs
    .filter((p): p is [string, string] => Boolean(p[1]))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function dateParts(iso: string): CslDate {
  return { 'date-parts': [iso.split('-').map(Number)] };
}

/**
 * The date of a page as its editors set it: `last_update.date` in its front matter (Docusaurus's
 * own field; YAML may have read it as a date), else the edition's date. Never the date of the
 * build: a citation must not change because the site was built again.
 */
export function pageDate(
  frontMatter: Record<string, unknown>,
  edition: EditionMetadata,
  file: string,
): string {
  const lastUpdate = frontMatter.last_update as { date?: unknown } | undefined;
  const date = lastUpdate?.date;
  if (date === undefined) return edition.issued;
  if (date instanceof Date && !Number.isNaN(date.getTime())) {
    return date.toISOString().slice(0, 10);
  }
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  throw new Error(
    `${file}: front matter "last_update.date" must be a date written YYYY-MM-DD; got ${JSON.stringify(date)}`,
  );
}

/**
 * The CSL item for citing a page of the edition: the introduction stands for the whole essay;
 * a chapter is a part of it. `issued` is the page's date (`pageDate`), the edition's by default.
 */
export function editionItem(
  edition: EditionMetadata,
  page: { id: string; title: string; url: string; whole: boolean; issued?: string },
): CslItem {
  return {
    id: page.id,
    type: 'webpage',
    title: page.whole ? edition.title : page.title,
    'container-title': page.whole
      ? edition.containerTitle
      : `${edition.title} (${edition.containerTitle})`,
    publisher: edition.publisher,
    issued: dateParts(page.issued ?? edition.issued),
    URL: page.url,
    'original-title': edition.original.title,
    'original-publisher': edition.original.publisher,
    'original-date': dateParts(edition.original.issued),
    note: `Originally published by ${edition.original.publisher}, ${edition.original.issued}: ${edition.original.url}`,
  };
}

/**
 * The Wayback Machine's address for a web source as it was when published (as much of the
 * date as is known; the Wayback Machine picks the closest capture), or undefined for works
 * without an http(s) address.
 */
export function archiveUrl(rich: CslItem): string | undefined {
  const item = plainDeep(rich);
  const url = webUrl(item.URL);
  if (!url) return undefined;
  const stamp = isoDate(item.issued)?.replaceAll('-', '') ?? '';
  return `https://web.archive.org/web/${stamp ? `${stamp}/` : ''}${url}`;
}
