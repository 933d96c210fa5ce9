/**
 * RIS as Zotero's RIS translator (zotero/translators, RIS.js) reads it: the RIS type that
 * imports as the right Zotero item type (a statute is STAT, a court case CASE), and each CSL
 * variable under the tag that Zotero maps to the matching field for that item type (the court
 * in PB, a docket number in SV, a page range as SP and EP, dates as YYYY/MM/DD/, the short
 * title in ST). Tags follow Zotero's own export order. RIS has no escaping: every value is one
 * line of plain text, so a line break in a field can never start another tag or record.
 */
import { plainDeep } from './bibtex';
import type { CslDate, CslItem, CslName } from './csl';
import { normaliseSpace } from './latex';

/** CSL type → RIS type, and the Zotero item type that RIS type imports as. */
const TYPES: Record<string, [string, string]> = {
  'article-journal': ['JOUR', 'journalArticle'],
  'article-newspaper': ['NEWS', 'newspaperArticle'],
  'article-magazine': ['MGZN', 'magazineArticle'],
  article: ['GEN', 'journalArticle'],
  book: ['BOOK', 'book'],
  chapter: ['CHAP', 'bookSection'],
  'paper-conference': ['CONF', 'conferencePaper'],
  report: ['RPRT', 'report'],
  thesis: ['THES', 'thesis'],
  legal_case: ['CASE', 'case'],
  legislation: ['STAT', 'statute'],
  regulation: ['STAT', 'statute'],
  bill: ['BILL', 'bill'],
  hearing: ['HEAR', 'hearing'],
  webpage: ['ELEC', 'webpage'],
  post: ['ELEC', 'webpage'],
  'post-weblog': ['BLOG', 'blogPost'],
  patent: ['PAT', 'patent'],
  dataset: ['DATA', 'dataset'],
  software: ['COMP', 'computerProgram'],
  map: ['MAP', 'map'],
  manuscript: ['MANSCPT', 'manuscript'],
  motion_picture: ['MPCT', 'film'],
  broadcast: ['MPCT', 'film'],
  song: ['SOUND', 'audioRecording'],
  graphic: ['ART', 'artwork'],
  'entry-dictionary': ['DICT', 'dictionaryEntry'],
  'entry-encyclopedia': ['ENCYC', 'encyclopediaArticle'],
  personal_communication: ['PCOMM', 'letter'],
  interview: ['PCOMM', 'letter'],
  speech: ['SLIDE', 'presentation'],
};

/** Zotero's RIS export order (RIS.js `exportOrder.__default`). */
const ORDER = [
  'TI',
  'AU',
  'T2',
  'A2',
  'T3',
  'A3',
  'A4',
  'AB',
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'CN',
  'CY',
  'DA',
  'PY',
  'DO',
  'DP',
  'ET',
  'VL',
  'IS',
  'SP',
  'EP',
  'J2',
  'LA',
  'M1',
  'M3',
  'NV',
  'OP',
  'PB',
  'SE',
  'SN',
  'ST',
  'SV',
  'UR',
  'AN',
  'DB',
  'Y2',
  'N1',
  'KW',
];

const JOURNALS = new Set(['journalArticle', 'magazineArticle', 'newspaperArticle']);

function risDate(date: CslDate | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts?.length || parts[0] === undefined) return date?.literal ?? date?.raw;
  const [y, m, d] = parts.map(String);
  const pad = (v: string | undefined) => (v ? v.padStart(2, '0') : '');
  return `${y!.padStart(4, '0')}/${pad(m)}/${pad(d)}/`;
}

function year(date: CslDate | undefined): string | undefined {
  const y = date?.['date-parts']?.[0]?.[0];
  return y === undefined ? undefined : String(y).padStart(4, '0');
}

function risName(cslName: CslName): string {
  const name = cslName as CslName & Record<string, string | undefined>;
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  return [family, given, name.suffix].filter(Boolean).join(', ');
}

/** The tags of one item, in Zotero's order. */
export function risTags(rich: CslItem): [string, string][] {
  const item = plainDeep(rich) as CslItem & Record<string, unknown>;
  const [ty, zotero] = TYPES[item.type] ?? ['GEN', 'journalArticle'];
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const names = (v: unknown) => ((v as CslName[] | undefined) ?? []).map(risName);
  const tags: Record<string, string[]> = {};
  const add = (tag: string, ...values: (string | undefined)[]) => {
    for (const v of values) {
      const text = v === undefined ? '' : normaliseSpace(v);
      if (text) (tags[tag] ??= []).push(text);
    }
  };
  const notes: string[] = [];

  add('TI', str(item.title));
  add('AU', ...names(item.author));
  const container = str(item['container-title']);
  // A web page's site is its "Website Title" in Zotero, which has no publisher for web pages.
  const publisher = str(item.publisher);
  if (zotero === 'webpage') add('T2', container ?? publisher);
  else if (zotero === 'case') add('A2', container);
  else if (zotero === 'book' || zotero === 'report') add('T2', str(item['collection-title']));
  else add('T2', container);
  if (zotero !== 'book' && zotero !== 'report') add('T3', str(item['collection-title']));
  const editors = names(item.editor);
  if (zotero === 'book') add('A3', ...editors);
  else if (
    [
      'journalArticle',
      'bookSection',
      'conferencePaper',
      'dictionaryEntry',
      'encyclopediaArticle',
    ].includes(zotero)
  )
    add('A2', ...editors);
  else if (editors.length) notes.push(`Editor: ${editors.join('; ')}`);
  add('A4', ...names(item.translator));
  add('AB', str(item.abstract));
  add('CN', str(item['call-number']));
  add(zotero === 'conferencePaper' ? 'C1' : 'CY', str(item['publisher-place']));
  add('DA', risDate(item.issued));
  add('PY', year(item.issued));
  add('DO', str(item.DOI));
  add('DP', str(item.source));
  add('ET', str(item.edition));
  if (zotero !== 'webpage' && zotero !== 'patent') add('VL', str(item.volume));
  add('IS', str(item.issue));
  const page = str(item.page);
  if (page) {
    const range = /^(.+?)[\u002D\u00AD\u2010-\u2015\u2212\u2E3A\u2E3B\s]+(.+)$/.exec(page.trim());
    if (range && zotero !== 'case') {
      add('SP', range[1]);
      add('EP', range[2]);
    } else add('SP', range ? range[1] : page);
  }
  add('J2', str(item['container-title-short'] ?? item.journalAbbreviation));
  add('LA', str(item.language));
  const number = str(item.number);
  if (zotero === 'statute' || zotero === 'bill' || zotero === 'hearing') add('M1', number);
  else if (zotero === 'book') add('M1', str(item['collection-number']));
  add('M3', str(item.genre));
  add('PB', zotero === 'case' ? str(item.authority) : zotero === 'webpage' ? undefined : publisher);
  if (zotero === 'report' || zotero === 'patent') add('SN', number);
  else add('SN', str(JOURNALS.has(zotero) ? item.ISSN : item.ISBN));
  add('ST', str(item['title-short'] ?? item.shortTitle));
  if (zotero === 'case') add('SV', number);
  else if (zotero === 'bookSection') add('SV', str(item['collection-number']));
  add('UR', str(item.URL));
  add('AN', str(item['archive_location']));
  add('DB', str(item.archive));
  add('Y2', risDate(item.accessed));
  add('N1', str(item.note), ...notes);
  // biblatex separates keywords with commas only: a ";" is text (as in "&lt;").
  add('KW', ...(str(item.keyword)?.split(/\s*,\s*/) ?? []));

  return [
    ['TY', ty],
    ...ORDER.flatMap((tag) => (tags[tag] ?? []).map((v): [string, string] => [tag, v])),
    // The key as written: plain text would drop what looks like a tag in it ("a<b>c").
    ['ID', String(rich.id)],
  ];
}

/** An item as one RIS record, its lines up to `ER  - ` (an RIS file: records a blank line apart). */
export function risRecord(item: CslItem): string {
  return [...risTags(item).map(([tag, value]) => `${tag}  - ${value}`), 'ER  - '].join('\n');
}
