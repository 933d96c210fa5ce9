/**
 * BibLaTeX and BibTeX, written from the source's own fields (see bibsource.ts) rather than
 * through CSL: the BibLaTeX export is the source entry in a normal form (one field per line,
 * macros expanded, values made safe by latex.ts), so biber reads exactly what the editor wrote.
 * The BibTeX export maps that to the classic data model the standard .bst styles know (`year`,
 * `month = aug`, `day`, `journal`, `howpublished`, `@misc` for web pages and legal material) and
 * keeps every other field as it is; what classic BibTeX cannot hold is said in a comment above
 * the entry.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import type { SourceField } from './bibsource';
import { safeLatex, safeVerbatim, type LatexDialect } from './latex';

export interface BibRecord {
  key: string;
  /** The entry type as the source has it (BibLaTeX's data model), lower-cased. */
  type: string;
  fields: readonly SourceField[];
  /** Where the entry is written, for messages; absent for items that have no .bib source. */
  place?: { file: string; line: number; column: number };
}

const fieldTypes = (
  plugins.config.get('@bibtex') as { constants: { fieldTypes: Record<string, string[]> } }
).constants.fieldTypes;

/** Fields read without LaTeX (biber's verbatim and URI fields). */
function isVerbatim(name: string): boolean {
  const kind = fieldTypes[name]?.[1];
  return kind === 'verbatim' || kind === 'uri' || /^(?:verb[abc]|urlraw)$/.test(name);
}

/**
 * Characters that would end or restructure the entry if a key held them. citation-js reads
 * anything up to a comma or white space as a key; BibTeX, biber and pybtex stop earlier.
 */
const UNSAFE_KEY = /[{}()"#%'=\\@~,\s]/u;

export class ExportError extends Error {}

function checkKey(record: BibRecord): void {
  if (!UNSAFE_KEY.test(record.key)) return;
  const where = record.place
    ? `${record.place.file}:${record.place.line}:${record.place.column}: `
    : '';
  throw new ExportError(
    `${where}Entry key ${JSON.stringify(record.key)} cannot be exported as BibTeX: keys must not hold braces, parentheses, quotes, "#", "%", "=", "\\", "@", "~", commas or white space`,
  );
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Comment lines for a .bib file: BibTeX reads an `@` anywhere outside entries as a new one. */
function comment(text: string): string {
  return `% ${text.replace(/@/g, '(at)').replace(/[\r\n\u2028\u2029]+/g, ' ')}\n`;
}

function writeEntry(
  type: string,
  key: string,
  fields: readonly SourceField[],
  dialect: LatexDialect,
): string {
  const lines = fields.map((f) => {
    if (f.monthMacro) return `  ${f.name} = ${f.value},`;
    const value = isVerbatim(f.name) ? safeVerbatim(f.value) : safeLatex(f.value, dialect);
    return `  ${f.name} = {${value}},`;
  });
  return `@${type}{${key},\n${lines.join('\n')}\n}\n`;
}

/** A record in BibLaTeX: the source's own type and fields. */
export function toBiblatex(record: BibRecord): string {
  checkKey(record);
  return writeEntry(record.type, record.key, record.fields, 'biblatex');
}

/** BibLaTeX entry types and the classic type that stands for each. */
const CLASSIC_TYPES: Record<string, string> = {
  article: 'article',
  book: 'book',
  mvbook: 'book',
  bookinbook: 'inbook',
  inbook: 'inbook',
  suppbook: 'inbook',
  booklet: 'booklet',
  collection: 'book',
  mvcollection: 'book',
  reference: 'book',
  mvreference: 'book',
  incollection: 'incollection',
  suppcollection: 'incollection',
  inreference: 'incollection',
  proceedings: 'proceedings',
  mvproceedings: 'proceedings',
  inproceedings: 'inproceedings',
  conference: 'inproceedings',
  manual: 'manual',
  misc: 'misc',
  report: 'techreport',
  techreport: 'techreport',
  thesis: 'phdthesis',
  phdthesis: 'phdthesis',
  mastersthesis: 'mastersthesis',
  unpublished: 'unpublished',
};

export interface ClassicEntry {
  type: string;
  fields: SourceField[];
  /** What classic BibTeX cannot hold, for a comment. */
  notes: string[];
}

/** biblatex's date as year, month and day, when it is that simple. */
function splitDate(value: string): { year: string; month?: string; day?: string } | undefined {
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*$/.exec(value);
  if (!m) return undefined;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (m[2] && !month) return undefined;
  return { year: m[1]!, month, day: m[3] ? String(Number(m[3])) : undefined };
}

/** Joins a subtitle to its title the way a reader sees them. */
function withSubtitle(title: string, subtitle: string): string {
  return /[.?!:]\s*\}*$/.test(title) ? `${title} ${subtitle}` : `${title}: ${subtitle}`;
}

/** The classic BibTeX form of a record: its type and fields, and what it could not keep. */
export function classicEntry(record: BibRecord): ClassicEntry {
  const source = new Map(record.fields.map((f) => [f.name, f]));
  const notes: string[] = [];
  const type =
    record.type === 'thesis' &&
    /^\s*(?:ma|masters?)thesis\s*$/i.test(source.get('type')?.value ?? '')
      ? 'mastersthesis'
      : (CLASSIC_TYPES[record.type] ?? 'misc');
  const fields: SourceField[] = [];
  const taken = new Set<string>();
  const put = (name: string, value: string, extra: Partial<SourceField> = {}) => {
    if (taken.has(name) || source.has(name)) return false;
    fields.push({ name, value, ...extra });
    taken.add(name);
    return true;
  };
  for (const field of record.fields) {
    const { name, value } = field;
    if (taken.has(name)) continue;
    switch (name) {
      case 'date': {
        const parts = splitDate(value);
        if (parts && !source.has('year')) {
          put('year', parts.year);
          if (parts.month) put('month', parts.month, { monthMacro: true });
          if (parts.day) put('day', parts.day);
          continue;
        }
        notes.push(
          `classic BibTeX has no field for the date "${value}"; it is kept in "date", which biber reads`,
        );
        break;
      }
      case 'journaltitle': {
        const sub = source.get('journalsubtitle')?.value;
        if (put('journal', sub ? withSubtitle(value, sub) : value)) continue;
        break;
      }
      case 'journalsubtitle':
        if (source.has('journaltitle') && !source.has('journal')) continue;
        break;
      case 'title': {
        const sub = source.get('subtitle')?.value;
        if (sub) {
          fields.push({ name, value: withSubtitle(value, sub) });
          taken.add(name);
          continue;
        }
        break;
      }
      case 'subtitle':
        if (source.has('title')) continue;
        break;
      case 'location':
        if (put('address', value)) continue;
        break;
      case 'institution':
        if (type === 'phdthesis' || type === 'mastersthesis') {
          if (put('school', value)) continue;
        } else if (type === 'misc' && put('howpublished', value)) continue;
        break;
      case 'organization':
        if (type === 'misc' && put('howpublished', value)) continue;
        break;
      case 'eprinttype':
        if (put('archiveprefix', value)) continue;
        break;
      case 'eprintclass':
        if (put('primaryclass', value)) continue;
        break;
    }
    fields.push(field);
    taken.add(name);
  }
  return { type, fields, notes };
}

/** A record in classic BibTeX, with a comment above it for what the format cannot hold. */
export function toBibtex(record: BibRecord): string {
  checkKey(record);
  const { type, fields, notes } = classicEntry(record);
  return (
    notes.map((n) => comment(`${record.key}: ${n}`)).join('') +
    writeEntry(type, record.key, fields, 'bibtex')
  );
}
