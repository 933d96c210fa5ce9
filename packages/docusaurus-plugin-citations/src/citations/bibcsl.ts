/**
 * From a .bib entry's fields (after inheritance) to a CSL item, as biblatex would read the
 * entry. citation-js maps the fields; this module teaches it the LaTeX it does not know, reads
 * what it gets wrong or drops (dates, language names, type keys, eprints, a patent's holder, a
 * number it has no place for), and says so when something cannot be shown: an unknown LaTeX
 * command, a name written the wrong way round.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { readDate } from './bibdates';
import { LANGUAGE_CODES, TYPE_KEY_WORDS } from './biblatex';
import { describeSyntaxError, restoreBrackets, type BibRecord } from './bibtex';
import type { CslDate, CslItem, CslName } from './csl';
import type { Diagnostic, Problems } from './diagnostics';

interface BibtexConstants {
  commands: Record<string, string>;
  argumentCommands: Record<string, (...args: string[]) => string>;
  formattingCommands: Record<string, string | undefined>;
}

const constants = (plugins.config.get('@bibtex') as { constants: BibtexConstants }).constants;

// LaTeX that citation-js would otherwise show as written ("\AAberg", "\relax Charles").
Object.assign(constants.commands, {
  AA: 'Å',
  aa: 'å',
  relax: '',
  ldots: '…',
  dots: '…',
  S: '§',
  P: '¶',
  dag: '†',
  ddag: '‡',
  pounds: '£',
  euro: '€',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  nobreakspace: '\u00A0',
  quad: '\u2003',
  qquad: '\u2003\u2003',
  enspace: '\u2002',
  thinspace: '\u2009',
  slash: '/',
  // Control symbols: a discretionary hyphen, italic correction, spacing, a line break.
  '-': '',
  '/': '',
  '@': '',
  ',': '\u2009',
  ';': ' ',
  ':': ' ',
  '!': '',
  '\\': ' ',
  // "\ " (a control space): citation-js trims the command's name to nothing.
  '': ' ',
});
Object.assign(constants.argumentCommands, {
  // Sorting helpers from BibTeX styles' preambles print nothing.
  // (citation-js reads as many arguments as the function declares.)
  noopsort: (_sortKey: string) => '',
  sortnoop: (_sortKey: string) => '',
  SortNoop: (_sortKey: string) => '',
  noop: (_sortKey: string) => '',
  mbox: (text: string) => text,
  hbox: (text: string) => text,
  text: (text: string) => text,
  textnormal: (text: string) => text,
  ensuremath: (text: string) => text,
  nolinkurl: (url: string) => url,
  // A link's text and its address: a page shows text, not links, inside a reference.
  href: (url: string, text: string) => (text === url || text === '' ? url : `${text} (${url})`),
});
// biblatex's own command for text that a style must not re-case.
constants.formattingCommands.NoCaseChange = 'nocase';

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
  annotations?: unknown;
}

function mapEntries(entries: RawEntry[]): CslItem[] {
  return plugins.input.chain(entries, {
    forceType: '@biblatex/entries+list',
    generateGraph: false,
  }) as CslItem[];
}

/** A field's LaTeX as text, the way citation-js reads a literal field. */
function latexText(value: string): string {
  return String(
    mapEntries([{ type: 'misc', label: 'x', properties: { note: value } }])[0]?.note ?? '',
  );
}

/** A name list's LaTeX as CSL names. */
function latexNames(value: string): CslName[] {
  return (mapEntries([{ type: 'misc', label: 'x', properties: { author: value } }])[0]?.author ??
    []) as CslName[];
}

const DATE_FIELDS: Record<string, string> = {
  date: 'issued',
  urldate: 'accessed',
  origdate: 'original-date',
  eventdate: 'event-date',
};

/** Fields that are addresses or identifiers, not text: their "<" and ">" are characters. */
const VERBATIM_FIELDS = ['url', 'doi', 'eprint', 'file', 'pdf', 'verba', 'verbb', 'verbc'];

const EPRINT_URLS: Record<string, (id: string) => string> = {
  arxiv: (id) => `https://arxiv.org/abs/${id}`,
  jstor: (id) => `https://www.jstor.org/stable/${id}`,
  hdl: (id) => `https://hdl.handle.net/${id}`,
  googlebooks: (id) => `https://books.google.com/books?id=${id}`,
};

const PATENT_COUNTRIES: Record<string, string> = {
  countryde: 'Germany',
  countryeu: 'European Union',
  countryep: 'European Union',
  countryfr: 'France',
  countryuk: 'United Kingdom',
  countryus: 'United States of America',
};

const NAME_FIELDS = [
  'author',
  'editor',
  'editora',
  'editorb',
  'editorc',
  'translator',
  'bookauthor',
  'holder',
  'annotator',
  'commentator',
  'introduction',
  'foreword',
  'afterword',
  'namea',
  'nameb',
  'namec',
];

const SUFFIX = /^(?:jr|sr|jnr|snr)\.?$|^(?:ii|iii|iv)$/i;

/** Splits at a separator that is outside braces. */
function splitTopLevel(text: string, separator: RegExp): { part: string; offset: number }[] {
  const parts: { part: string; offset: number }[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (depth === 0) {
      separator.lastIndex = i;
      const match = separator.exec(text);
      if (match?.index === i) {
        parts.push({ part: text.slice(from, i), offset: from });
        from = i + match[0].length;
        i = from - 1;
      }
    }
  }
  parts.push({ part: text.slice(from), offset: from });
  return parts;
}

/** biblatex's language names (or BCP 47 codes already) as the BCP 47 code CSL wants. */
function languageCode(value: string): string | undefined {
  const name = value.replace(/[{}]/g, '').trim();
  const lower = name.toLowerCase();
  const known = LANGUAGE_CODES[lower] ?? LANGUAGE_CODES[lower.replace(/^lang/, '')];
  if (known) return known;
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(name) ? name : undefined;
}

/** Replaces every string in a CSL value. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  }
  return value;
}

/** LaTeX's `\"\i` is an i with a diaeresis; citation-js puts the mark on a dotless ı. */
function dottedAccents(text: string): string {
  if (!/[ıȷ][\u0300-\u036f]/.test(text)) return text;
  return text
    .replace(/ı(?=[\u0300-\u036f])/g, 'i')
    .replace(/ȷ(?=[\u0300-\u036f])/g, 'j')
    .normalize('NFC');
}

const NOT_TEXT = new Set(['id', 'citation-key', 'URL', 'DOI', 'PMID', 'PMCID', 'ISBN', 'ISSN']);

export interface CslReading {
  items: Map<string, CslItem>;
  /** What went wrong, entry by entry (by key); an entry with no problem has none here. */
  problems: Map<string, Problems>;
}

/**
 * The CSL items of `records` (each with its fields after inheritance), with what went wrong.
 * An entry citation-js cannot map at all is an error at the field it failed on, and is left out;
 * every other entry is still read.
 */
export function toCsl(
  records: readonly BibRecord[],
  fieldsOf: (record: BibRecord) => Record<string, string>,
): CslReading {
  const problems = new Map<string, Problems>();
  const of = (record: BibRecord): Problems => {
    let found = problems.get(record.key);
    if (!found) {
      found = { errors: [], warnings: [] };
      problems.set(record.key, found);
    }
    return found;
  };
  const items = new Map<string, CslItem>();

  /** Where a field is written in the entry; the entry itself when it is inherited. */
  const placeOf = (record: BibRecord, field: string, within?: number) => {
    const written = record.fields.find((f) => f.name === field);
    if (!written) return { file: record.file, ...record.place(0) };
    // An offset into the value as citation-js has it counts from after its brace or quote.
    const skip = within === undefined ? 0 : /^["{]/.test(written.raw) ? 1 : 0;
    return { file: record.file, ...record.place(written.valueStart + skip + (within ?? 0)) };
  };
  const rawOf = (record: BibRecord, field: string) =>
    record.fields.find((f) => f.name === field)?.raw ?? `{${fieldsOf(record)[field]}}`;

  const prepared = records.map((record) => {
    const fields = { ...fieldsOf(record) };
    const dates: Record<string, CslDate> = {};
    for (const [field, variable] of Object.entries(DATE_FIELDS)) {
      const value = fields[field];
      if (value === undefined) continue;
      // A date citation-js reads safely, in the field's place: it puts the variable where it
      // always does, and ours replaces it.
      fields[field] = '2000';
      if (field === 'date') {
        // biblatex reads year, month and day only without a date.
        delete fields.year;
        delete fields.month;
        delete fields.day;
      }
      const reading = readDate(value);
      if ('date' in reading) {
        dates[variable] = reading.date;
      } else {
        of(record).errors.push({
          ...placeOf(record, field),
          ruleId: 'invalid-date',
          message: `Entry "${record.key}": ${field} = ${rawOf(record, field)} ${reading.problem}`,
        });
      }
    }
    for (const field of VERBATIM_FIELDS) {
      if (fields[field] !== undefined) fields[field] = restoreBrackets(fields[field]);
    }
    const raw: RawEntry = {
      type: record.type,
      label: record.key,
      properties: fields,
      ...(record.annotations ? { annotations: record.annotations } : {}),
    };
    return { record, fields, dates, raw };
  });

  let mapped: (CslItem | undefined)[];
  try {
    mapped = mapEntries(prepared.map((p) => p.raw));
  } catch {
    // One entry citation-js cannot map takes the whole list with it: map them one by one.
    mapped = prepared.map(({ record, raw }) => {
      try {
        return mapEntries([raw])[0];
      } catch (error) {
        of(record).errors.push(mappingError(record, raw, error));
        return undefined;
      }
    });
  }

  prepared.forEach(({ record, fields, dates }, i) => {
    const item = mapped[i];
    if (!item) return;
    finish(record, fields, dates, item);
    items.set(record.key, item);
  });
  return { items, problems };

  function mappingError(record: BibRecord, raw: RawEntry, error: unknown): Diagnostic {
    // The field that fails on its own, if one does, is where the problem is.
    const { annotations: _annotations, ...plain } = raw;
    const alone: [string, RawEntry][] = [
      ...Object.entries(raw.properties).map(([name, value]): [string, RawEntry] => [
        name,
        { ...plain, properties: { [name]: value } },
      ]),
      // Annotations (`author+an`) last: they need their field to be read at all.
      ...record.fields
        .filter((f) => f.name.includes('+an'))
        .map((f): [string, RawEntry] => [f.name, raw]),
    ];
    for (const [name, entry] of alone) {
      try {
        mapEntries([entry]);
      } catch (fieldError) {
        // The value was read on its own: its end is not the file's.
        const reason = describeSyntaxError(fieldError).reason.replace(
          'the end of the file',
          'the end of the value',
        );
        return {
          ...placeOf(record, name),
          ruleId: 'malformed-bibtex',
          message: `Malformed BibTeX in entry "${record.key}", field "${name}": ${reason}`,
        };
      }
    }
    const { reason } = describeSyntaxError(error);
    return {
      ...placeOf(record, ''),
      ruleId: 'malformed-bibtex',
      message: `Malformed BibTeX in entry "${record.key}": ${reason}`,
    };
  }

  function finish(
    record: BibRecord,
    fields: Record<string, string>,
    dates: Record<string, CslDate>,
    item: CslItem,
  ): void {
    const warn = (field: string, ruleId: Diagnostic['ruleId'], message: string, within?: number) =>
      of(record).warnings.push({ ...placeOf(record, field, within), ruleId, message });

    for (const [field, variable] of Object.entries(DATE_FIELDS)) {
      if (fields[field] === undefined) continue;
      if (dates[variable]) item[variable] = dates[variable];
      else delete item[variable];
    }

    // CSL's language is a BCP 47 code; biblatex's fields hold language names.
    delete item.language;
    const languageField = fields.language !== undefined ? 'language' : 'langid';
    const languageValue = fields[languageField];
    if (languageValue !== undefined) {
      const first = splitTopLevel(languageValue, /\s+and\s+/y)[0]!.part;
      const code = languageCode(first);
      if (code) {
        item.language = code;
      } else {
        warn(
          languageField,
          'unknown-language',
          `Entry "${record.key}": ${languageField} = ${rawOf(record, languageField)} is not a language biblatex knows, so the entry has no language; write its babel name (such as "german") or a BCP 47 code (such as "de")`,
        );
      }
    }

    if (typeof item.genre === 'string' && TYPE_KEY_WORDS[item.genre.toLowerCase()]) {
      item.genre = TYPE_KEY_WORDS[item.genre.toLowerCase()];
    }

    const eprint = fields.eprint?.trim();
    if (eprint) {
      const kind = (fields.eprinttype ?? fields.archiveprefix ?? '').trim().toLowerCase();
      const url = EPRINT_URLS[kind]?.(eprint);
      if (url && !item.URL) {
        item.URL = url;
      } else if (kind !== 'pubmed' && !(item.URL ?? '').includes(eprint)) {
        warn(
          'eprint',
          'unshown-field',
          url
            ? `Entry "${record.key}": eprint = {${eprint}} is not shown, because the entry's url is another address; leave one of them out, or put both in the note`
            : `Entry "${record.key}": eprint = {${eprint}}${kind ? ` of type "${kind}"` : ''} is not shown: only arXiv, JSTOR, Handle, Google Books and PubMed eprints have an address; give the entry a url`,
        );
      }
    }

    if (record.type === 'patent') {
      if (fields.holder !== undefined && !item.publisher) {
        item.publisher = latexNames(fields.holder)
          .map((n) => n.literal ?? [n.given, n.family].filter(Boolean).join(' '))
          .join(', ');
      }
      const location = fields.location?.trim();
      if (location && !item.jurisdiction) {
        item.jurisdiction = PATENT_COUNTRIES[location.toLowerCase()] ?? item['publisher-place'];
        delete item['publisher-place'];
      }
    }

    // citation-js gives `number` a place only for some types (an issue, a report's number);
    // biblatex prints it for every type, so every type keeps it.
    if (
      fields.number !== undefined &&
      item.number === undefined &&
      item.issue === undefined &&
      item['collection-number'] === undefined
    ) {
      item.number = latexText(fields.number);
    }

    for (const [variable, value] of Object.entries(item)) {
      if (NOT_TEXT.has(variable)) continue;
      item[variable] = mapStrings(value, dottedAccents);
    }

    checkCommands(record, item);
    checkNames(record, fields, warn);
  }

  /** LaTeX left in the text is a command this engine does not know: readers would see it. */
  function checkCommands(record: BibRecord, item: CslItem): void {
    const seen = new Set<string>();
    for (const [variable, value] of Object.entries(item)) {
      if (NOT_TEXT.has(variable)) continue;
      mapStrings(value, (s) => {
        for (const match of s.matchAll(/\\(?:[A-Za-z]+|[^\sA-Za-z])/g)) seen.add(match[0]);
        return s;
      });
    }
    for (const command of seen) {
      // Where the entry writes it; a backslash the entry wrote as \textbackslash is text.
      const field = record.fields.find((f) => f.raw.includes(command));
      const inherited = !field && Object.values(fieldsOf(record)).some((v) => v.includes(command));
      if (!field && !inherited) continue;
      of(record).errors.push({
        file: record.file,
        ...record.place(field ? field.valueStart + field.raw.indexOf(command) : 0),
        ruleId: 'latex-command',
        message: `Entry "${record.key}"${field ? `: field "${field.name}"` : ''}: the LaTeX command ${command} is not one this site can show (readers would see "${command}"); write the text it stands for`,
      });
    }
  }

  /** "Martin Luther King, Jr." reads as family "Martin Luther King", given "Jr.". */
  function checkNames(
    record: BibRecord,
    fields: Record<string, string>,
    warn: (field: string, ruleId: Diagnostic['ruleId'], message: string, within?: number) => void,
  ): void {
    for (const field of NAME_FIELDS) {
      const value = fields[field];
      if (value === undefined) continue;
      const written = record.fields.find((f) => f.name === field);
      for (const { part, offset } of splitTopLevel(value, /\s+and\s+/iy)) {
        const pieces = splitTopLevel(part, /\s*,\s*/y).map((p) => p.part.trim());
        if (pieces.length !== 2 || !SUFFIX.test(pieces[1]!)) continue;
        const words = pieces[0]!.split(/\s+/);
        const family = words.at(-1)!;
        const given = words.slice(0, -1).join(' ');
        warn(
          field,
          'name-form',
          `Entry "${record.key}": ${field} "${part.trim()}" reads as family name "${pieces[0]}" with given name "${pieces[1]}"; for a suffix, write "${family}, ${pieces[1]}${given ? `, ${given}` : ''}"`,
          written ? offset + (part.length - part.trimStart().length) : undefined,
        );
      }
    }
  }
}
