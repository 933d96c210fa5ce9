/**
 * The fields of an entry as written, and the mistakes in them that citation-js reads without a
 * word, losing data: a field that uses an @string macro nobody defined (the field comes out
 * empty, or loses the part after `#`), a field given twice (the last one wins), a field or entry
 * type biblatex does not know (a typo: the data is ignored), and a year and month that cannot
 * be. All become positioned diagnostics, as does an address that cannot be a link
 * (`javascript:…`).
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { ENTRY_TYPES, KNOWN_FIELDS, TYPE_ALIASES } from './biblatex';
import type { CslDate, CslItem } from './csl';
import type { Diagnostic } from './diagnostics';
import { whyNotWebUrl } from './safety';
import { closest } from './suggest';

/** One `name = value` of an entry, with offsets into the entry's source. */
export interface BibField {
  name: string;
  /** Where the name starts. */
  nameStart: number;
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
export function scanFields(source: string): BibField[] {
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
    const nameStart = i;
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
      nameStart,
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

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when citation-js's reading of `year`, `month` and `day` is a date that exists. */
function possible(date: CslDate): boolean {
  const [year, month, day] = (date['date-parts']?.[0] ?? []) as unknown[];
  if (!Number.isInteger(year)) return false;
  if (month === undefined) return true;
  if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12) return false;
  if (day === undefined) return true;
  return (
    Number.isInteger(day) &&
    (day as number) >= 1 &&
    (day as number) <= daysIn(year as number, month as number)
  );
}

/** What an entry's checks need: its key, type and fields, and where an offset in it stands. */
export interface CheckedEntry {
  key: string;
  type: string;
  fields: readonly BibField[];
  place(offset: number): { line: number; column: number };
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
 * from `howpublished` when that starts with "http", or made of an `eprint`) and the doi.org
 * address citeproc makes of its DOI. Any that may not be a link (see `whyNotWebUrl`) is an
 * error at the field's value; pages then show it as text, and metadata leaves it out.
 */
function checkAddresses(
  key: string,
  item: CslItem,
  fields: readonly BibField[],
  at: (offset: number) => { file: string; line: number; column: number },
): Diagnostic[] {
  const fieldNamed = (...names: string[]) =>
    names.map((n) => fields.find((f) => f.name === n)).find((f) => f !== undefined);
  const url = typeof item.URL === 'string' ? item.URL : undefined;
  const doi = typeof item.DOI === 'string' ? item.DOI : undefined;
  // As citeproc does: a DOI that is not an address already goes to doi.org.
  const doiAddress = doi && (/^https?:\/\//.test(doi) ? doi : `https://doi.org/${doi}`);
  const addresses: [BibField | undefined, string | undefined, string][] = [
    [fieldNamed('url', 'howpublished', 'eprint'), url, 'it'],
    [fieldNamed('doi'), doiAddress, `its address ${doiAddress}`],
  ];
  return addresses.flatMap(([field, address, subject]): Diagnostic[] => {
    const reason = address === undefined ? undefined : whyNotWebUrl(address);
    if (!reason) return [];
    // The field is always found in a well-formed entry; the entry's start stands in otherwise.
    const written = field ? `${field.name} = ${shownRaw(field.raw)}` : `the address ${address}`;
    return [
      {
        ...at(field?.valueStart ?? 0),
        ruleId: 'unsafe-url',
        message: `Entry "${key}": ${written} cannot be a link: ${subject} ${reason}; pages show it as text, and metadata leave it out`,
      },
    ];
  });
}

/**
 * The mistakes in how an entry is written: undefined macros, fields given twice, an unknown
 * type or field (a warning, with the closest known name), `year`/`month`/`day` that make no
 * date (`item.issued` is citation-js's reading of them, when no `date` field is given), and an
 * address that cannot be a link. `item` is the entry's CSL data, when it could be made.
 */
export function checkEntryFields(
  file: string,
  entry: CheckedEntry,
  strings: ReadonlySet<string>,
  item: CslItem | undefined,
): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const { key, fields } = entry;
  const issued = item?.issued;
  const at = (offset: number) => ({ file, ...entry.place(offset) });
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const seen = new Map<string, BibField>();
  for (const field of fields) {
    for (const macro of field.macros) {
      if (strings.has(macro.name.toLowerCase())) continue;
      errors.push({
        ...at(macro.offset),
        ruleId: 'undefined-string',
        message: `Entry "${key}": field "${field.name}" uses "${macro.name}", which no @string in this file defines; define it, or put the text in braces: {${macro.name}}`,
      });
    }
    const first = seen.get(field.name);
    if (first) {
      const { line, column } = entry.place(first.nameStart);
      errors.push({
        ...at(field.nameStart),
        ruleId: 'duplicate-field',
        message: `Entry "${key}": field "${field.name}" is given twice (first at line ${line}, column ${column}); only the last would be read. Keep one`,
      });
    } else {
      seen.set(field.name, field);
    }
    // Annotations (`author+an`) belong to the field they annotate.
    const base = field.name.replace(/\+an(?::.*)?$/, '');
    if (!KNOWN_FIELDS.has(base)) {
      const guess = closest(base, KNOWN_FIELDS);
      warnings.push({
        ...at(field.nameStart),
        ruleId: 'unknown-field',
        message: `Entry "${key}": "${field.name}" is not a biblatex field, so it is ignored${guess ? `; did you mean "${guess}"?` : ''}`,
      });
    }
  }
  if (!ENTRY_TYPES.has(entry.type) && !(entry.type in TYPE_ALIASES)) {
    const guess = closest(entry.type, ENTRY_TYPES);
    warnings.push({
      ...at(0),
      ruleId: 'unknown-entry-type',
      message: `Entry "${key}": @${entry.type} is not a biblatex entry type, so it is read as @misc${guess ? `; did you mean @${guess}?` : ''}`,
    });
  }
  if (item) errors.push(...checkAddresses(key, item, fields, at));
  if (!seen.has('date') && issued && 'date-parts' in issued && !possible(issued)) {
    const parts = ['year', 'month', 'day'].flatMap((n) => seen.get(n) ?? []);
    errors.push({
      ...at(parts[0]?.valueStart ?? 0),
      ruleId: 'invalid-date',
      message: `Entry "${key}": ${parts.map((f) => `${f.name} = ${f.raw}`).join(', ')} is not a date that exists`,
    });
  }
  return { errors, warnings };
}
