/**
 * What each export must hold, stated from the source .bib as an independent reader (pybtex)
 * reads it, and checked against what independent readers make of the export. Nothing here
 * calls the code under test: the mappings are restated from their references (biblatex's data
 * model, the classic BibTeX fields the standard .bst styles read, Zotero's RIS.js, CSL 1.0.2).
 *
 * `checkExports` returns every difference as a line of text, so a failing test says which
 * entry, which reader and which field.
 */
import fs from 'node:fs';

import {
  biberWarnings,
  cslSchemaErrors,
  readRis,
  readWithBibutils,
  readWithPython,
  type ModsRecord,
  type PyEntry,
  type PyPerson,
} from './readers';

// --- LaTeX as text ----------------------------------------------------------------------------

const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  r: '\u030A',
  c: '\u0327',
  k: '\u0328',
};
const SUPERSCRIPTS: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** Symbols spelled as commands: what LaTeX prints for them. */
const SYMBOLS: Record<string, string> = {
  textbackslash: '\uE012',
  textbraceleft: '\uE010',
  textbraceright: '\uE011',
  textasciicircum: '^',
  textasciitilde: '~',
  textunderscore: '_',
  textdollar: '$',
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
};
/** Commands that only format their argument, in biblatex or classic LaTeX. */
const FORMATTING = new Set([
  'emph',
  'textit',
  'textbf',
  'textsc',
  'textsl',
  'textrm',
  'textsf',
  'texttt',
  'textup',
  'textmd',
  'NoCaseChange',
  'mkbibemph',
  'mkbibitalic',
  'mkbibbold',
  'ensuremath',
  'url',
]);
const QUOTES = new Set(['mkbibquote', 'enquote']);

/**
 * A LaTeX value decoded as far as the exports may legitimately spell it differently: escapes
 * and symbol commands become their characters, accents combine, formatting commands leave
 * their argument, math superscripts of digits become superscript digits. Literal braces come
 * out as U+E010/U+E011 so that they never count as groups. Commands nobody knows stay as
 * written. Braces are kept; `latexText` drops them.
 */
function decode(raw: string): string {
  let s = raw.replace(/\s+/g, ' ').trim();
  s = s
    .replace(/\\\$/g, '\uE013')
    .replace(/\\([&%#_])/g, '$1')
    .replace(/\\\{/g, '\uE010')
    .replace(/\\\}/g, '\uE011');
  s = s.replace(/\\([a-zA-Z]+)(?:\{\}| (?=[^ ]))?/g, (m, name: string) =>
    name in SYMBOLS ? SYMBOLS[name]! : FORMATTING.has(name) ? '' : QUOTES.has(name) ? '\uE020' : m,
  );
  s = s.replace(/\uE020\{([^{}]*)\}/g, '“$1”');
  s = s.replace(
    /\\(["'`^~=.]|[uvHrck](?= |\{))\s*(?:\{(\\?[a-zA-Z]?)\}|(\\?[a-zA-Z]))/g,
    (_m, a: string, b?: string, c?: string) =>
      `${(b ?? c ?? '').replace('\\', '')}${ACCENTS[a] ?? ''}`,
  );
  // Math: superscript digits, as a reader prints them; the shifts themselves are not text.
  s = s.replace(/\$([^$]*)\$/g, (_m, math: string) =>
    math.replace(/\^\{?(\d)\}?/g, (_x, d: string) => SUPERSCRIPTS[d]!),
  );
  s = s.replace(/---/g, '—').replace(/--/g, '–').replace(/``/g, '“').replace(/''/g, '”');
  s = s
    .replace(/~/g, '\u00A0')
    .replace(/\uE012/g, '\\')
    .replace(/\uE013/g, '$');
  return s.normalize('NFC');
}

/** A value as text: decoded, braces dropped, literal braces restored. */
export function latexText(raw: string): string {
  return decode(raw)
    .replace(/[{}]/g, '')
    .replace(/\uE010/g, '{')
    .replace(/\uE011/g, '}')
    .replace(/ +/g, ' ')
    .trim();
}

/** The text of each top-level brace group: the words a value protects from re-casing. */
export function protectedGroups(raw: string): string[] {
  const s = decode(raw);
  const groups: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '{') {
      if (depth === 0) start = i + 1;
      depth += 1;
    } else if (s[i] === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) groups.push(latexText(s.slice(start, i)));
    }
  }
  return groups.filter((g) => g !== '');
}

/** A LaTeX command other than an accent, an escape or a formatting command. */
const UNKNOWN_COMMAND = new RegExp(
  `\\\\(?!(?:${[...FORMATTING, 'emph'].join('|')})\\b)[a-zA-Z]{2,}|\\\\\\\\|\\^`,
);

/**
 * An address as a browser reads it (WHATWG URL): the same address whether a character such as
 * `"` is written or percent-encoded, as readers and writers may do either.
 */
function address(url: string): string {
  try {
    return new URL(url.trim()).href;
  } catch {
    return url.trim();
  }
}

/**
 * `\href{address}{text}` is a link in LaTeX; pybtex and this spec leave it as written, and the
 * library shows it as "text (address)". A title with one cannot compare as text.
 */
const LINK_COMMAND = /\\href\b/;

/** Letters and digits only, for readers (bibutils) that re-punctuate and re-quote as they go. */
function loose(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// --- What each format must hold --------------------------------------------------------------

const VERBATIM = new Set(['url', 'doi', 'eprint', 'file', 'pdf', 'verba', 'verbb', 'verbc']);
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function isoParts(date: string | undefined): [string, string?, string?] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date?.trim() ?? '');
  return m ? [m[1]!, m[2], m[3]] : undefined;
}

/** An entry's date as ISO text: its `date`, or the legacy year, month and day. */
function sourceDate(f: Record<string, string>): string | undefined {
  if (f.date !== undefined) return isoParts(f.date) ? f.date.trim() : undefined;
  if (!f.year || !/^\d{4}$/.test(f.year.trim())) return undefined;
  const names = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());
  const month = f.month?.trim().toLowerCase();
  const m =
    month === undefined
      ? undefined
      : /^\d+$/.test(month)
        ? Number(month)
        : names.indexOf(month.slice(0, 3)) + 1;
  if (!m) return f.year.trim();
  const day = f.day?.trim();
  return [f.year.trim(), String(m).padStart(2, '0'), ...(day ? [day.padStart(2, '0')] : [])].join(
    '-',
  );
}

/** A biblatex list field's items joined into one string, "and" outside braces separating them. */
function listText(raw: string): string {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] === '{') depth += 1;
    else if (raw[i] === '}') depth -= 1;
    else if (depth === 0 && /^\s+and\s+/i.test(raw.slice(i)) && /\s/.test(raw[i]!)) {
      items.push(raw.slice(start, i));
      i += /^\s+and\s+/i.exec(raw.slice(i))![0].length - 1;
      start = i + 1;
    }
  }
  items.push(raw.slice(start));
  return items.map(latexText).join('; ');
}

/** Title and subtitle joined as readers show them. */
function fullTitle(fields: Record<string, string>): string {
  const title = latexText(fields.title ?? '');
  const sub = fields.subtitle ? latexText(fields.subtitle) : '';
  if (!sub) return title;
  return /[.?!:]$/.test(title) ? `${title} ${sub}` : `${title}: ${sub}`;
}

/** Classic BibTeX's type for a biblatex type (the .bst styles' own types, else misc). */
const CLASSIC_TYPES: Record<string, string> = {
  article: 'article',
  book: 'book',
  inbook: 'inbook',
  incollection: 'incollection',
  // biblatex: "a more specific variant of the generic @incollection" (an encyclopedia article).
  inreference: 'incollection',
  inproceedings: 'inproceedings',
  proceedings: 'proceedings',
  manual: 'manual',
  misc: 'misc',
  report: 'techreport',
  techreport: 'techreport',
  thesis: 'phdthesis',
  phdthesis: 'phdthesis',
  mastersthesis: 'mastersthesis',
  unpublished: 'unpublished',
  booklet: 'booklet',
};

/**
 * The classic BibTeX fields of a source entry: year, month and day from the date; journal for
 * journaltitle; address for location; the site (organization) or court (institution) of a
 * @misc as howpublished; the subtitle joined to the title; eprinttype as archivePrefix.
 * Everything else as it is.
 */
function classicFields(entry: PyEntry): { type: string; fields: Record<string, string> } {
  const type = CLASSIC_TYPES[entry.type] ?? 'misc';
  const f = { ...entry.fields };
  const out: Record<string, string> = {};
  const parts = isoParts(f.date);
  for (const [name, value] of Object.entries(f)) {
    if (name === 'date' && parts && !('year' in f)) {
      out.year = parts[0];
      if (parts[1]) out.month = MONTH_NAMES[Number(parts[1]) - 1]!;
      if (parts[2]) out.day = String(Number(parts[2]));
    } else if (name === 'journaltitle' && !('journal' in f)) out.journal = value;
    else if (name === 'location' && !('address' in f)) out.address = value;
    else if (name === 'subtitle' && 'title' in f) continue;
    else if (name === 'title' && f.subtitle) out.title = `${value}: ${f.subtitle}`;
    else if (name === 'organization' && type === 'misc' && !('howpublished' in f))
      out.howpublished = value;
    else if (name === 'institution' && type === 'misc' && !('howpublished' in f))
      out.howpublished = value;
    else if (name === 'institution' && /thesis$/.test(type) && !('school' in f)) out.school = value;
    else if (name === 'eprinttype' && !('archiveprefix' in f)) out.archiveprefix = value;
    else out[name] = value;
  }
  return { type, fields: out };
}

function personText(p: PyPerson): string {
  const family = latexText([p.prelast, p.last].filter(Boolean).join(' '));
  const given = latexText([p.first, p.middle].filter(Boolean).join(' '));
  return [family, given, latexText(p.lineage)].filter(Boolean).join(', ');
}

/** RIS type, by Zotero's RIS.js, for each source type (through the Zotero item type). */
const RIS_TYPES: Record<string, string> = {
  article: 'JOUR',
  online: 'ELEC',
  report: 'RPRT',
  jurisdiction: 'CASE',
  legislation: 'STAT',
  book: 'BOOK',
  incollection: 'CHAP',
  inbook: 'CHAP',
  inproceedings: 'CONF',
  thesis: 'THES',
  misc: 'GEN',
  unpublished: 'MANSCPT',
  dataset: 'DATA',
  software: 'COMP',
  patent: 'PAT',
};

/** biblatex's newspaper and magazine articles: @article with an entrysubtype. */
const NEWS_TYPES: Record<string, string> = { newspaper: 'NEWS', magazine: 'MGZN' };

function subtypeOf(entry: PyEntry): string {
  return entry.type === 'article' ? (entry.fields.entrysubtype ?? '').trim().toLowerCase() : '';
}

/** A few of babel's language names and their codes (BCP 47), as a reader of RIS expects. */
const LANGUAGE_CODES: Record<string, string> = {
  english: 'en',
  american: 'en-US',
  british: 'en-GB',
  french: 'fr',
  german: 'de',
  chinese: 'zh',
};

function risDate(date: string | undefined): string | undefined {
  const p = isoParts(date);
  return p ? `${p[0]}/${p[1] ?? ''}/${p[2] ?? ''}/` : undefined;
}

/**
 * The RIS tags of a source entry as Zotero maps them: TI (with the subtitle), AU per author,
 * T2 the journal or, for a web page, the site; DA YYYY/MM/DD/ and PY; SP and EP from a range;
 * PB the court of a case, the institution of a report, the publisher of a book; SV a case's
 * docket; ST the short title; Y2 the access date; N1 the note; ID the key.
 */
function expectedRis(entry: PyEntry): [string, string][] {
  const f = entry.fields;
  const ty = NEWS_TYPES[subtypeOf(entry)] ?? RIS_TYPES[entry.type] ?? 'GEN';
  const tags: [string, string][] = [['TY', ty]];
  const add = (tag: string, raw: string | undefined, text = latexText) => {
    if (raw !== undefined && text(raw) !== '') tags.push([tag, text(raw)]);
  };
  if (f.title && !LINK_COMMAND.test(f.title)) tags.push(['TI', fullTitle(f)]);
  for (const p of entry.persons?.author ?? []) tags.push(['AU', personText(p)]);
  if (ty === 'ELEC') add('T2', f.organization, listText);
  else if (ty !== 'CASE' && ty !== 'RPRT' && ty !== 'BOOK')
    add('T2', f.journaltitle ?? f.booktitle);
  for (const p of entry.persons?.editor ?? [])
    tags.push([ty === 'BOOK' ? 'A3' : 'A2', personText(p)]);
  add('CY', f.location, listText);
  add('DA', risDate(sourceDate(f)), (v) => v);
  add('PY', isoParts(sourceDate(f))?.[0], (v) => v);
  add('DO', f.doi, (v) => v.trim());
  add('VL', f.volume);
  if (ty !== 'CASE' && ty !== 'RPRT' && ty !== 'STAT') add('IS', f.number);
  if (f.pages) {
    const [sp, ep] = latexText(f.pages).split(/\s*[-–]+\s*/);
    tags.push(['SP', sp!]);
    if (ep && ty !== 'CASE') tags.push(['EP', ep]);
  }
  if (ty === 'STAT') add('M1', f.number);
  if (ty === 'RPRT') add('M3', f.type);
  if (ty === 'CASE' || ty === 'RPRT') add('PB', f.institution, listText);
  else if (ty !== 'ELEC') add('PB', f.publisher, listText);
  if (ty === 'RPRT') add('SN', f.number);
  add('ST', f.shorttitle);
  if (ty === 'CASE') add('SV', f.number);
  // biblatex names languages (babel's names); RIS readers take the ISO code for them.
  add('LA', f.langid ?? f.language, (v) => LANGUAGE_CODES[v.trim().toLowerCase()] ?? v);
  add('UR', f.url, address);
  add('Y2', risDate(f.urldate), (v) => v);
  add('N1', f.note);
  add('N1', f.addendum);
  add('AB', f.abstract);
  // biblatex separates keywords with commas.
  for (const k of f.keywords?.split(',') ?? []) add('KW', k);
  tags.push(['ID', entry.key]);
  return tags;
}

const CSL_TYPES: Record<string, string> = {
  article: 'article-journal',
  online: 'webpage',
  report: 'report',
  jurisdiction: 'legal_case',
  legislation: 'legislation',
  book: 'book',
  incollection: 'chapter',
  inproceedings: 'paper-conference',
};

// --- The checks ---------------------------------------------------------------------------------

const sorted = <T>(list: T[]) =>
  [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function compareFields(
  where: string,
  expected: Record<string, string>,
  actual: Record<string, string>,
  problems: string[],
): void {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const name of names) {
    const want = expected[name];
    const got = actual[name];
    if (want === undefined)
      problems.push(`${where}: extra field "${name}" = ${JSON.stringify(got)}`);
    else if (got === undefined)
      problems.push(`${where}: field "${name}" is missing (source: ${JSON.stringify(want)})`);
    else if (VERBATIM.has(name)) {
      if (want.replace(/\s+/g, ' ').trim() !== got.replace(/\s+/g, ' ').trim())
        problems.push(`${where}: ${name} = ${JSON.stringify(got)}, source ${JSON.stringify(want)}`);
    } else {
      if (latexText(want) !== latexText(got))
        problems.push(
          `${where}: ${name} reads ${JSON.stringify(latexText(got))}, source ${JSON.stringify(latexText(want))}`,
        );
      const [pw, pg] = [protectedGroups(want), protectedGroups(got)];
      if (JSON.stringify(pw) !== JSON.stringify(pg))
        problems.push(
          `${where}: ${name} protects ${JSON.stringify(pg)}, source ${JSON.stringify(pw)}`,
        );
    }
  }
}

export interface ExportTexts {
  biblatex: string;
  bibtex: string;
  ris: string;
  'csl-json': string;
}

export interface SourceReading {
  file: string;
  /** The source's entries as pybtex reads them. */
  entries: PyEntry[];
  /** …and as bibtexparser reads them: each reader's reading of an export is held to its own. */
  bibtexparser: PyEntry[];
  /** …and as biblatex2xml reads them. */
  mods: ModsRecord[];
  /** biber's own warnings about the source, which an export may repeat but not add to. */
  biber: string[];
}

/** Reads a source .bib once; fails when pybtex or bibtexparser cannot. */
export function readSource(file: string): SourceReading {
  const { pybtex, bibtexparser } = readWithPython(file);
  if (pybtex.error) throw new Error(`pybtex cannot read ${file}: ${pybtex.error}`);
  if (bibtexparser.error)
    throw new Error(`bibtexparser cannot read ${file}: ${bibtexparser.error}`);
  const text = fs.readFileSync(file, 'utf8');
  return {
    file,
    entries: pybtex.entries,
    bibtexparser: bibtexparser.entries,
    mods: readWithBibutils('biblatex2xml', text),
    biber: biberWarnings(text),
  };
}

function tmpFile(text: string, ext: string): string {
  const file = `${fs.mkdtempSync('/tmp/export-check-')}/in.${ext}`;
  fs.writeFileSync(file, text);
  return file;
}

function checkBibReaders(
  dialect: 'biblatex' | 'bibtex',
  text: string,
  source: SourceReading,
  problems: string[],
): void {
  const file = tmpFile(text, 'bib');
  const expect = (e: PyEntry) => (dialect === 'bibtex' ? { ...e, ...classicFields(e) } : e);
  try {
    const read = readWithPython(file);
    for (const reader of ['pybtex', 'bibtexparser'] as const) {
      const { error, entries } = read[reader];
      if (error) {
        problems.push(`${dialect}/${reader}: cannot read the export: ${error}`);
        continue;
      }
      const expected = new Map(
        (reader === 'pybtex' ? source.entries : source.bibtexparser).map((e) => [e.key, expect(e)]),
      );
      const keys = entries.map((e) => e.key);
      if (JSON.stringify(sorted(keys)) !== JSON.stringify(sorted([...expected.keys()])))
        problems.push(
          `${dialect}/${reader}: reads entries ${JSON.stringify(keys)}, source has ${JSON.stringify([...expected.keys()])}`,
        );
      for (const entry of entries) {
        const want = expected.get(entry.key);
        if (!want) continue;
        const where = `${dialect}/${reader} ${entry.key}`;
        if (entry.type !== want.type)
          problems.push(`${where}: type @${entry.type}, expected @${want.type}`);
        // pybtex splits name lists into persons; bibtexparser keeps them as fields.
        for (const role of Object.keys({ ...want.persons, ...entry.persons })) {
          const a = (entry.persons?.[role] ?? []).map(personText);
          const b = (want.persons?.[role] ?? []).map(personText);
          if (JSON.stringify(a) !== JSON.stringify(b))
            problems.push(
              `${where}: ${role} reads ${JSON.stringify(a)}, source ${JSON.stringify(b)}`,
            );
        }
        compareFields(where, want.fields, entry.fields, problems);
      }
    }
  } finally {
    fs.rmSync(file.replace(/\/in\.bib$/, ''), { recursive: true, force: true });
  }
}

/** The MODS records bibutils reads from an export, against those it reads from the source. */
function compareMods(
  label: string,
  got: ModsRecord[],
  want: Map<string, ModsRecord>,
  source: SourceReading,
  problems: string[],
  words = false,
): void {
  // Which records there are is pybtex's reading of the source: bibutils itself takes an "@" at
  // the start of a line inside a value for a new record.
  const ids = got.map((r) => r.id);
  const keys = source.entries.map((e) => e.key);
  if (JSON.stringify(sorted(ids)) !== JSON.stringify(sorted(keys)))
    problems.push(
      `${label}: reads records ${JSON.stringify(ids)}, source has ${JSON.stringify(keys)}`,
    );
  for (const record of got) {
    const expected = want.get(record.id);
    if (!expected) continue;
    const where = `${label} ${record.id}`;
    // bibutils decodes the LaTeX commands it does not know its own way (\input as "ınput"):
    // such a title cannot compare.
    const title = source.entries.find((e) => e.key === record.id)?.fields.title ?? '';
    if (!UNKNOWN_COMMAND.test(title) && loose(record.title) !== loose(expected.title))
      problems.push(
        `${where}: title ${JSON.stringify(record.title)}, source ${JSON.stringify(expected.title)}`,
      );
    // ris2xml splits a corporate author at its spaces and at "and": its words must all be there.
    const names = (r: ModsRecord) =>
      words
        ? sorted(
            r.names
              .flatMap((n) => n.split(/[\s,]+/))
              .filter((w) => w && w !== 'and')
              .map(loose),
          )
        : r.names.map(loose);
    if (JSON.stringify(names(record)) !== JSON.stringify(names(expected)))
      problems.push(
        `${where}: names ${JSON.stringify(record.names)}, source ${JSON.stringify(expected.names)}`,
      );
    if (expected.dateIssued && record.dateIssued !== expected.dateIssued)
      problems.push(
        `${where}: date ${JSON.stringify(record.dateIssued)}, source ${expected.dateIssued}`,
      );
    for (const url of expected.urls)
      if (!record.urls.map(address).includes(address(url)))
        problems.push(`${where}: url ${JSON.stringify(record.urls)}, source ${url}`);
  }
}

const PART_TYPES = new Set(['incollection', 'inproceedings', 'inbook']);

/**
 * What a reader of the classic or RIS export should find, as MODS: the source's title (with its
 * subtitle), authors, date and URL, from pybtex's reading.
 */
function expectedMods(source: SourceReading, editors = true): Map<string, ModsRecord> {
  return new Map(
    source.entries.map((e) => [
      e.key,
      {
        id: e.key,
        title: fullTitle(e.fields),
        // The editors of a chapter's book are the host's, not the record's names in MODS.
        names: [
          ...(e.persons?.author ?? []),
          ...(editors && !PART_TYPES.has(e.type) ? (e.persons?.editor ?? []) : []),
        ].map(personText),
        dateIssued: sourceDate(e.fields),
        urls: e.fields.url ? [address(e.fields.url)] : [],
      },
    ]),
  );
}

function checkRis(text: string, source: SourceReading, problems: string[]): void {
  const records = readRis(text);
  const ids = records.map((r) => r.tags.find(([t]) => t === 'ID')?.[1]);
  const keys = source.entries.map((e) => e.key);
  if (JSON.stringify(sorted(ids)) !== JSON.stringify(sorted(keys)))
    problems.push(`ris: reads records ${JSON.stringify(ids)}, source has ${JSON.stringify(keys)}`);
  for (const record of records) {
    const id = record.tags.find(([t]) => t === 'ID')?.[1];
    const entry = source.entries.find((e) => e.key === id);
    if (!entry) continue;
    // RIS carries only the fields it has tags for; those must all be there, and nothing else.
    const want = sorted(expectedRis(entry));
    const got = sorted(
      record.tags
        .filter(([t]) => t !== 'TI' || !LINK_COMMAND.test(entry.fields.title ?? ''))
        .map(([t, v]): [string, string] => [t, t === 'UR' ? address(v) : v]),
    );
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      const missing = want.filter((t) => !got.some((g) => JSON.stringify(g) === JSON.stringify(t)));
      const extra = got.filter((t) => !want.some((w) => JSON.stringify(w) === JSON.stringify(t)));
      problems.push(
        `ris ${id}: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`,
      );
    }
  }
  compareMods(
    'ris/ris2xml',
    readWithBibutils('ris2xml', text),
    expectedMods(source, false),
    source,
    problems,
    true,
  );
}

function checkCslJson(text: string, source: SourceReading, problems: string[]): void {
  for (const error of cslSchemaErrors(text)) problems.push(`csl-json: schema: ${error}`);
  const items = JSON.parse(text) as Record<string, unknown>[];
  const keys = source.entries.map((e) => e.key);
  const ids = items.map((i) => i.id);
  if (JSON.stringify(sorted(ids)) !== JSON.stringify(sorted(keys)))
    problems.push(
      `csl-json: holds items ${JSON.stringify(ids)}, source has ${JSON.stringify(keys)}`,
    );
  // CSL's own formatting tags; any other "<" is text.
  const plain = (v: unknown) =>
    typeof v === 'string' ? v.replace(/<\/?(?:i|b|sup|sub|span)(?:\s[^>]*)?>/g, '') : v;
  for (const item of items) {
    const entry = source.entries.find((e) => e.key === item.id);
    if (!entry) continue;
    const f = entry.fields;
    const where = `csl-json ${entry.key}`;
    const expect = (name: string, want: unknown) => {
      if (JSON.stringify(plain(item[name])) !== JSON.stringify(want))
        problems.push(
          `${where}: ${name} = ${JSON.stringify(item[name])}, expected ${JSON.stringify(want)}`,
        );
    };
    const subtype = subtypeOf(entry);
    if (NEWS_TYPES[subtype]) expect('type', `article-${subtype}`);
    else if (CSL_TYPES[entry.type]) expect('type', CSL_TYPES[entry.type]);
    if (!LINK_COMMAND.test(f.title ?? '')) expect('title', f.title ? fullTitle(f) : undefined);
    expect('title-short', f.shorttitle ? latexText(f.shorttitle) : undefined);
    if (typeof item.URL === 'string') item.URL = address(item.URL);
    expect('URL', f.url ? address(f.url) : undefined);
    const parts = isoParts(sourceDate(f));
    if (parts) expect('issued', { 'date-parts': [parts.filter(Boolean).map(Number)] });
    const authors = ((item.author as Record<string, string>[] | undefined) ?? []).map((a) =>
      [[a['non-dropping-particle'], a.family ?? a.literal].filter(Boolean).join(' '), a.given]
        .filter(Boolean)
        .join(', '),
    );
    const want = (entry.persons?.author ?? []).map(personText);
    if (JSON.stringify(authors) !== JSON.stringify(want))
      problems.push(`${where}: authors ${JSON.stringify(authors)}, source ${JSON.stringify(want)}`);
    if (entry.type === 'jurisdiction') {
      // CSL 1.0.2: a legal case's court is its authority.
      expect('authority', f.institution ? listText(f.institution) : undefined);
      expect('publisher', undefined);
    }
    if (entry.type === 'article')
      expect('container-title', f.journaltitle ? latexText(f.journaltitle) : undefined);
  }
}

/**
 * Every check of one export set against its source: BibLaTeX (biber, pybtex, bibtexparser,
 * biblatex2xml), BibTeX (pybtex, bibtexparser, bib2xml), RIS (tag by tag, ris2xml) and CSL-JSON
 * (ajv, the fields). `formats` limits which are checked (a chapter has no CSL-JSON file).
 */
export function checkExports(source: SourceReading, texts: Partial<ExportTexts>): string[] {
  const problems: string[] = [];
  if (texts.biblatex !== undefined) {
    const added = biberWarnings(texts.biblatex).filter((w) => !source.biber.includes(w));
    for (const w of added) problems.push(`biblatex/biber: ${w}`);
    checkBibReaders('biblatex', texts.biblatex, source, problems);
    compareMods(
      'biblatex/biblatex2xml',
      readWithBibutils('biblatex2xml', texts.biblatex),
      new Map(source.mods.map((m) => [m.id, m])),
      source,
      problems,
    );
  }
  if (texts.bibtex !== undefined) {
    checkBibReaders('bibtex', texts.bibtex, source, problems);
    compareMods(
      'bibtex/bib2xml',
      readWithBibutils('bib2xml', texts.bibtex),
      expectedMods(source),
      source,
      problems,
    );
  }
  if (texts.ris !== undefined) checkRis(texts.ris, source, problems);
  if (texts['csl-json'] !== undefined) checkCslJson(texts['csl-json'], source, problems);
  return problems;
}

/** Restricts a source reading to some keys (a chapter's, an entry's). */
export function sourceFor(source: SourceReading, keys: readonly string[]): SourceReading {
  return {
    ...source,
    entries: source.entries.filter((e) => keys.includes(e.key)),
    bibtexparser: source.bibtexparser.filter((e) => keys.includes(e.key)),
    mods: source.mods.filter((m) => keys.includes(m.id)),
  };
}
