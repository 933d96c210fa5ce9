/**
 * Mistakes in a .bib file that citation-js reads without a word, losing data: a field that uses
 * an @string macro nobody defined (the field comes out empty, or loses the part after `#`), a
 * date that cannot be (2020-02-30, month 13), and a season (2021-21), which it drops. All
 * become positioned diagnostics, as does an address that cannot be a link (`javascript:…`).
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { restoreBrackets } from './bibtex';
import type { CslDate, CslItem } from './csl';
import { placeOfOffset, type Diagnostic } from './diagnostics';
import { whyNotWebUrl } from './safety';

/** One `name = value` of an entry, with offsets into the entry's source. */
interface BibField {
  name: string;
  /** Where the value starts. */
  valueStart: number;
  /** The value as written (braces, quotes, macros and `#` included). */
  raw: string;
  /** The macros the value uses, with their offsets. */
  macros: { name: string; offset: number }[];
}

/**
 * The fields of one entry (`source` runs from `@` to the closing brace). Stops quietly at
 * anything malformed: the parser reports syntax errors.
 */
function scanFields(source: string): BibField[] {
  const fields: BibField[] = [];
  const open = source.search(/[{(]/);
  const close = source[open] === '(' ? ')' : '}';
  let i = source.indexOf(',', open);
  if (open === -1 || i === -1) return fields;
  const skipSeparators = () => {
    while (i < source.length && /[\s,]/.test(source[i]!)) i += 1;
  };
  for (;;) {
    skipSeparators();
    if (i >= source.length || source[i] === close) return fields;
    const name = /^[^\s=,{}"#()]+/.exec(source.slice(i))?.[0];
    if (!name) return fields;
    i += name.length;
    while (/\s/.test(source[i] ?? '')) i += 1;
    if (source[i] !== '=') return fields;
    i += 1;
    while (/\s/.test(source[i] ?? '')) i += 1;
    const valueStart = i;
    const macros: BibField['macros'] = [];
    for (;;) {
      const c = source[i];
      if (c === '{' || c === '"') {
        // Braces nest; a quoted value ends at a quote outside braces.
        let depth = 0;
        i += 1;
        for (; i < source.length; i += 1) {
          const d = source[i];
          if (d === '\\') i += 1;
          else if (d === '{') depth += 1;
          else if (d === '}' && depth > 0) depth -= 1;
          else if (depth === 0 && d === (c === '{' ? '}' : '"')) break;
        }
        i += 1;
      } else {
        const word = /^[^\s,#{}"()]+/.exec(source.slice(i))?.[0];
        if (!word) return fields;
        if (!/^\d+$/.test(word)) macros.push({ name: word, offset: i });
        i += word.length;
      }
      while (/\s/.test(source[i] ?? '')) i += 1;
      if (source[i] !== '#') break;
      i += 1;
      while (/\s/.test(source[i] ?? '')) i += 1;
    }
    fields.push({
      name: name.toLowerCase(),
      valueStart,
      raw: source.slice(valueStart, i).trim(),
      macros,
    });
  }
}

const PREDEFINED = new Set(
  Object.keys(
    (plugins.config.get('@bibtex') as { constants: { defaultStrings: Record<string, string> } })
      .constants.defaultStrings,
  ).map((name) => name.toLowerCase()),
);

/**
 * The names a file's `@string` entries define (given as `collectStrings` in bibtex.ts gathers
 * them), with citation-js's predefined ones, lower-cased as BibTeX compares them.
 */
export function definedStrings(strings: string): Set<string> {
  const names = new Set(PREDEFINED);
  for (const match of strings.matchAll(/@\s*string\s*[{(]\s*([^\s=]+)\s*=/gi)) {
    names.add(match[1]!.toLowerCase());
  }
  return names;
}

// Where each CSL date comes from in a .bib file, most specific first.
const DATE_FIELDS: Record<string, string[]> = {
  issued: ['date', 'year', 'month', 'day'],
  accessed: ['urldate'],
  'original-date': ['origdate'],
  'event-date': ['eventdate'],
};

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * True when the date exists: whole numbers, a month of 1–12 (or a CSL season, 21–24) and a day
 * that month has. An open end of a range (`1990/`) is fine.
 */
function possible(date: CslDate): boolean {
  const all: unknown = date['date-parts'];
  if (!Array.isArray(all)) return false;
  return all.every((parts: unknown, i) => {
    if ((parts === null || parts === undefined) && i > 0) return true;
    if (!Array.isArray(parts)) return false;
    const [year, month, day] = parts as unknown[];
    if (!Number.isInteger(year)) return false;
    if (month === undefined) return true;
    if (!Number.isInteger(month)) return false;
    const m = month as number;
    if (m >= 21 && m <= 24) return day === undefined;
    if (m < 1 || m > 12) return false;
    if (day === undefined) return true;
    return (
      Number.isInteger(day) && (day as number) >= 1 && (day as number) <= daysIn(year as number, m)
    );
  });
}

/** A value as written, with the control characters in it made visible for a one-line message. */
function shownRaw(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The addresses an entry would link to, each with the field it comes from: its URL (from `url`,
 * or from `howpublished` when that starts with "http") and the doi.org address citeproc makes
 * of its DOI. Any that may not be a link (see `whyNotWebUrl`) is a diagnostic; pages then show
 * it as text, and metadata leaves it out.
 */
function checkAddresses(
  key: string,
  item: CslItem,
  fields: readonly BibField[],
  at: (offset: number) => { line: number; column: number },
  file: string,
): Diagnostic[] {
  const fieldNamed = (...names: string[]) =>
    names.map((n) => fields.find((f) => f.name === n)).find((f) => f !== undefined);
  const url = typeof item.URL === 'string' ? restoreBrackets(item.URL) : undefined;
  const doi = typeof item.DOI === 'string' ? restoreBrackets(item.DOI) : undefined;
  // As citeproc does: a DOI that is not an address already goes to doi.org.
  const doiAddress = doi && (/^https?:\/\//.test(doi) ? doi : `https://doi.org/${doi}`);
  const addresses: [BibField | undefined, string | undefined, string][] = [
    [fieldNamed('url', 'howpublished'), url, 'it'],
    [fieldNamed('doi'), doiAddress, `its address ${doiAddress}`],
  ];
  return addresses.flatMap(([field, address, subject]): Diagnostic[] => {
    const reason = address === undefined ? undefined : whyNotWebUrl(address);
    if (!reason) return [];
    // The field is always found in a well-formed entry; the entry's start stands in otherwise.
    const written = field ? `${field.name} = ${shownRaw(field.raw)}` : `the address ${address}`;
    return [
      {
        file,
        ...at(field?.valueStart ?? 0),
        ruleId: 'unsafe-url',
        message: `Entry "${key}": ${written} cannot be a link: ${subject} ${reason}; pages show it as text, and metadata leave it out`,
      },
    ];
  });
}

/**
 * Checks one entry, which runs from `start` to `end` in the file `text`; `item` is what
 * citation-js read from it, `strings` what the file's @string entries define.
 */
export function checkEntryFields(
  file: string,
  text: string,
  entry: { key: string; start: number; end: number },
  item: CslItem,
  strings: ReadonlySet<string>,
): Diagnostic[] {
  const { key, start } = entry;
  const fields = scanFields(text.slice(start, entry.end));
  const at = (offset: number) => placeOfOffset(text, start + offset);
  const diagnostics: Diagnostic[] = [];
  for (const field of fields) {
    for (const macro of field.macros) {
      if (strings.has(macro.name.toLowerCase())) continue;
      diagnostics.push({
        file,
        ...at(macro.offset),
        ruleId: 'undefined-string',
        message: `Entry "${key}": field "${field.name}" uses "${macro.name}", which no @string in this file defines; define it, or put the text in braces: {${macro.name}}`,
      });
    }
  }
  diagnostics.push(...checkAddresses(key, item, fields, at, file));
  for (const [variable, names] of Object.entries(DATE_FIELDS)) {
    const date = (item as Record<string, unknown>)[variable] as CslDate | undefined;
    const present = names
      .map((n) => fields.find((f) => f.name === n))
      .filter((f): f is BibField => f !== undefined);
    // An EDTF season (2021-21 … 2021-24): citation-js keeps the year and drops the season.
    const season = present.find((f) => /^[{"]?\s*-?\d{1,4}-2[1-4]\b/.test(f.raw));
    if (season) {
      diagnostics.push({
        file,
        ...at(season.valueStart),
        ruleId: 'invalid-date',
        message: `Entry "${key}": ${season.name} = ${season.raw} names a season, which would be dropped; write the month, or the year alone`,
      });
      continue;
    }
    if (!date || !('date-parts' in date) || possible(date)) continue;
    const shown = present.map((f) => `${f.name} = ${f.raw}`).join(', ');
    diagnostics.push({
      file,
      ...at(present[0]?.valueStart ?? 0),
      ruleId: 'invalid-date',
      message: `Entry "${key}": ${shown || variable} is not a date that exists`,
    });
  }
  return diagnostics;
}
