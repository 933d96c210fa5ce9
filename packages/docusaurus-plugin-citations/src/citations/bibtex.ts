/**
 * Reading a .bib file, up to its syntax: the bytes as text (UTF-8, or an error that says where
 * it is not), where each entry stands, and what citation-js's grammar reads in each entry: the
 * fields as LaTeX text, with braces and @string macros resolved. A syntax error becomes a
 * positioned diagnostic, and never takes the entries around it along. Turning the fields into
 * CSL is `bibcsl.ts`'s work, once every file is read (a `crossref` may name an entry in another).
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { definedStrings, scanFields, type BibField } from './bibfields';
import { readStrings, type SourceField } from './bibsource';
import { lineStarts, placeIn, type Diagnostic } from './diagnostics';
import type { CslItem } from './csl';

export interface BibEntry {
  key: string;
  /** The entry type as written (`article`, `online`, …), lower-cased. */
  type: string;
  /**
   * CSL-JSON as biblatex would read the entry (see bibcsl.ts): rich text (LaTeX formatting
   * becomes <i>, <span class="nocase"> …), with literal "<" and ">" protected (see
   * `protectBrackets`) except in URL and DOI, which are addresses, not text. This is the form
   * citeproc and the exporters take; `plainText` gives a field as readers see it.
   */
  csl: CslItem;
  /** The entry exactly as written in the file, from `@` to the closing brace. */
  source: string;
  /**
   * Its fields as LaTeX text, macros expanded, with what it inherits through `crossref` and
   * `xdata` (which are left out, being resolved): what the BibLaTeX and BibTeX exports write.
   */
  fields: SourceField[];
  file: string;
  line: number;
  column: number;
}

export interface BibFile {
  file: string;
  entries: BibEntry[];
  diagnostics: Diagnostic[];
}

/** One data entry as its file has it, before it becomes CSL. */
export interface BibRecord {
  key: string;
  /** The entry type as written, lower-cased. */
  type: string;
  file: string;
  line: number;
  column: number;
  /** Offsets of the entry (from `@` to its closing brace) in the file's text. */
  start: number;
  end: number;
  source: string;
  /**
   * The fields as citation-js's grammar reads them: names lower-cased, the value's outer braces
   * or quotes gone, macros and `#` resolved; the text is still LaTeX, with literal "<" and ">"
   * protected.
   */
  properties: Record<string, string>;
  /** biber's annotations (`author+an = {…}`), as citation-js reads them. */
  annotations?: unknown;
  /** The fields as written, with where each value starts. */
  fields: BibField[];
  /** Where an offset into the entry's source stands in the file. */
  place(offset: number): { line: number; column: number };
}

export interface BibFileReading {
  file: string;
  records: BibRecord[];
  diagnostics: Diagnostic[];
  /** The @string names the file defines, with citation-js's predefined ones, lower-cased. */
  strings: ReadonlySet<string>;
  /** The file's @string macros and their LaTeX text, for the exports (see bibsource.ts). */
  macros: ReadonlyMap<string, string>;
}

/**
 * citeproc reads a few HTML-like tags in field values as formatting, and citation-js writes
 * LaTeX formatting (\\textit, \\NoCaseChange) in that form. A "<b>" typed in a .bib must stay
 * text, so literal angle brackets are swapped for private-use characters before parsing and
 * swapped back in whatever is shown or exported.
 */
export const LITERAL_LT = '\uE000';
export const LITERAL_GT = '\uE001';

export function protectBrackets(text: string): string {
  return text.replaceAll('<', LITERAL_LT).replaceAll('>', LITERAL_GT);
}

export function restoreBrackets(text: string): string {
  return text.replaceAll(LITERAL_LT, '<').replaceAll(LITERAL_GT, '>');
}

/** A field as plain text: formatting tags dropped, literal brackets put back. */
export function plainText(value: string): string {
  return restoreBrackets(value.replace(/<\/?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>/g, ''));
}

/** Every string of a CSL item (or any JSON value) as plain text. */
export function plainDeep<T>(value: T): T {
  if (typeof value === 'string') return plainText(value) as T;
  if (Array.isArray(value)) return value.map(plainDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainDeep(v)])) as T;
  }
  return value;
}

/**
 * The text of a file's bytes. UTF-8 is what BibTeX files are today and what biber reads by
 * default; anything else ("Müller" saved as Latin-1) is an error at the first byte that is not
 * UTF-8, and the rest is still read, so that one wrong byte does not hide every other problem.
 * A byte order mark is dropped: editors do not count it as a column.
 */
export function decodeBib(
  file: string,
  input: string | Uint8Array,
): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    text = new TextDecoder('utf-8').decode(input);
    const bad = firstInvalidUtf8(input);
    if (bad !== -1) diagnostics.push(notUtf8(file, input, bad));
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  return { text, diagnostics };
}

function notUtf8(file: string, bytes: Uint8Array, bad: number): Diagnostic {
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column =
    before.length - lineStart + 1 - (line === 1 && before.startsWith('\uFEFF') ? 1 : 0);
  // The word as Windows-1252 (of which Latin-1 is a part) would have it: the usual other encoding.
  let from = bad;
  while (from > 0 && !WORD_END.has(bytes[from - 1]!)) from -= 1;
  let to = bad;
  while (to < bytes.length && !WORD_END.has(bytes[to]!)) to += 1;
  const word = new TextDecoder('windows-1252').decode(bytes.subarray(from, to));
  const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  return {
    file,
    line,
    column,
    ruleId: 'not-utf8',
    message: `The file is not UTF-8: byte 0x${hex} cannot be read (as Latin-1, "${word}"); save the file as UTF-8`,
  };
}

// Bytes that end a word in a .bib file: white space and BibTeX's punctuation.
const WORD_END = new Set([...' \t\r\n{}",=#%()'].map((c) => c.charCodeAt(0)));

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length: number;
    let min: number;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      [length, min] = [2, 0x80];
    } else if (b >= 0xe0 && b <= 0xef) {
      [length, min] = [3, 0x800];
    } else if (b >= 0xf0 && b <= 0xf4) {
      [length, min] = [4, 0x10000];
    } else {
      return i;
    }
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

interface Span {
  kind: 'data' | 'string' | 'preamble';
  type: string;
  key: string;
  start: number;
  end: number;
  /** Set when the entry runs into the next one: where the missing brace belongs, and why. */
  unclosed?: { offset: number; what: 'entry' | 'value'; next: number };
}

const [BACKSLASH, OPEN, CLOSE, QUOTE, AT] = ['\\', '{', '}', '"', '@'].map((c) => c.charCodeAt(0));

/** What `/\s/` matches, by character code. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const ENTRY_HEADER = /@\s*([A-Za-z_][\w:+-]*)\s*([{(])\s*([^,\s]*)/y;
const LINE_START_HEADER = /\n[ \t]*@[ \t]*[A-Za-z_][\w:+-]*[ \t]*[{(]/g;

/**
 * Finds the entries of a BibTeX file with their offsets. It follows citation-js's lexer (text
 * outside entries is ignored; `@comment` runs to the end of the line; in braces `\{`, `\}` and
 * `\\` are escapes, in quotes `\{` and `\\`) and also finds an entry left open: an "@" between
 * fields starts the next entry, and a value whose brace never closes ends before the first line
 * that starts a new entry.
 */
export function scanEntries(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while ((i = text.indexOf('@', i)) !== -1) {
    ENTRY_HEADER.lastIndex = i;
    const match = ENTRY_HEADER.exec(text);
    if (!match) {
      i += 1;
      continue;
    }
    const type = match[1]!.toLowerCase();
    if (type === 'comment') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
      continue;
    }
    const kind = type === 'string' ? 'string' : type === 'preamble' ? 'preamble' : 'data';
    const close = match[2] === '(' ? ')' : '}';
    const keyStart = i + match[0].length - match[3]!.length;
    // A data entry's key may hold "@"; after it, an "@" outside any value starts a new entry.
    const fieldsStart = kind === 'data' ? i + match[0].length : keyStart;
    let depth = 0;
    let inQuote = false;
    let valueOpen = -1;
    let lastContent = fieldsStart;
    let end = -1;
    let unclosed: Span['unclosed'];
    // Character codes, not one-character strings and regular expressions: this loop visits
    // every character of the file, and a library may hold millions.
    const closeCode = close.charCodeAt(0);
    for (let j = keyStart; j < text.length; j += 1) {
      const c = text.charCodeAt(j);
      if (depth > 0) {
        const next = text.charCodeAt(j + 1);
        if (c === BACKSLASH && (next === BACKSLASH || next === OPEN || next === CLOSE)) j += 1;
        else if (c === OPEN) depth += 1;
        else if (c === CLOSE) depth -= 1;
      } else if (inQuote) {
        const next = text.charCodeAt(j + 1);
        if (c === BACKSLASH && (next === BACKSLASH || next === OPEN)) j += 1;
        else if (c === OPEN) depth += 1;
        else if (c === QUOTE) inQuote = false;
      } else if (c === closeCode) {
        end = j + 1;
        break;
      } else if (c === AT && j >= fieldsStart) {
        unclosed = { offset: lastContent, what: 'entry', next: j };
        end = lastContent;
        break;
      } else if (c === OPEN) {
        depth = 1;
        valueOpen = j;
      } else if (c === QUOTE) {
        inQuote = true;
        valueOpen = j;
      }
      if (depth > 0 || inQuote || !isSpace(c)) lastContent = j + 1;
    }
    if (end === -1 && (depth > 0 || inQuote)) {
      LINE_START_HEADER.lastIndex = valueOpen;
      const next = LINE_START_HEADER.exec(text);
      if (next) {
        unclosed = { offset: valueOpen, what: 'value', next: next.index + 1 };
        end = next.index;
      }
    }
    if (end === -1) end = text.length;
    spans.push({ kind, type, key: kind === 'data' ? match[3]! : '', start: i, end, unclosed });
    i = unclosed ? unclosed.next : end;
  }
  return spans;
}

const TOKEN_NAMES: Record<string, string> = {
  at: '"@"',
  lbrace: '"{"',
  rbrace: 'a closing "}"',
  label: 'an entry key',
  comma: '","',
  identifier: 'a field name',
  equals: '"="',
  quote: 'a closing quote',
  text: 'text',
  hash: '"#"',
  number: 'a number',
  junk: 'text',
  dataEntryType: 'an entry type',
  otherEntryType: 'an entry type',
  whitespace: 'white space',
  comment: 'a comment',
  EOF: 'the end of the file',
};

function tokenName(raw: string): string {
  const name = raw.replace(/^"|"$/g, '');
  return TOKEN_NAMES[name] ?? `"${name}"`;
}

/** Turns citation-js's grammar and lexer errors into a position and a plain reason. */
export function describeSyntaxError(error: unknown): {
  line: number;
  column: number;
  reason: string;
} {
  const message = error instanceof Error ? error.message : String(error);
  const where = /at line (\d+) col (\d+)/.exec(message);
  const line = where ? Number(where[1]) : 1;
  const column = where ? Number(where[2]) : 1;
  const expected = /expected ("[^"]+"), got ("[^"]+"|EOF)/.exec(message);
  if (expected?.[1] === '"rbrace"' && expected[2] === '"identifier"') {
    return { line, column, reason: 'missing "," before this field' };
  }
  if (expected?.[1] === '"comma"' && expected[2] === '"label"') {
    return { line, column, reason: 'expected "," after the entry key (is the key missing?)' };
  }
  if (expected) {
    return {
      line,
      column,
      reason: `expected ${tokenName(expected[1]!)}, found ${tokenName(expected[2]!)}`,
    };
  }
  return { line, column, reason: message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, '') };
}

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
  annotations?: unknown;
}

/** citation-js's grammar alone: entries with their fields as LaTeX text, not yet CSL. */
function parseSyntax(text: string): RawEntry[] {
  return plugins.input.data(text, '@biblatex/text') as RawEntry[];
}

/**
 * Reads one file up to its syntax. The whole file is parsed at once; when that fails, each
 * entry is parsed alone (after the file's good @string entries), so that an error is reported
 * where it is and every other entry is still read.
 */
export function readBibFile(file: string, input: string | Uint8Array): BibFileReading {
  const decoded = decodeBib(file, input);
  const text = decoded.text;
  const protectedText = protectBrackets(text);
  const diagnostics = [...decoded.diagnostics];
  const starts = lineStarts(text);
  const place = (offset: number) => placeIn(starts, offset);
  const spans = scanEntries(text);
  const dataSpans = spans.filter((s) => s.kind === 'data');
  const stringText = spans
    .filter((s) => s.kind === 'string')
    .map((s) => text.slice(s.start, s.end))
    .join('\n');
  const strings = definedStrings(stringText);
  const macros = readStrings(stringText);

  const records: BibRecord[] = [];
  const record = (span: Span, raw: RawEntry): void => {
    const source = text.slice(span.start, span.end);
    // Read when an entry is checked: a site leaves most of a large library unchecked.
    let fields: BibField[] | undefined;
    records.push({
      key: span.key,
      type: span.type,
      file,
      ...place(span.start),
      start: span.start,
      end: span.end,
      source,
      properties: Object.fromEntries(
        Object.entries(raw.properties).map(([name, value]) => [name, String(value)]),
      ),
      ...(raw.annotations ? { annotations: raw.annotations } : {}),
      get fields() {
        return (fields ??= scanFields(source));
      },
      place: (offset) => place(span.start + offset),
    });
  };
  const error = (at: { line: number; column: number }, message: string): void => {
    diagnostics.push({ file, ...at, ruleId: 'malformed-bibtex', message });
  };

  let whole: RawEntry[] | undefined;
  let wholeError: unknown;
  try {
    whole = parseSyntax(protectedText);
  } catch (e) {
    wholeError = e;
  }
  if (whole && whole.length === dataSpans.length && spans.every((s) => !s.unclosed)) {
    dataSpans.forEach((s, i) => record(s, whole[i]!));
    return { file, records, diagnostics, strings, macros };
  }

  // An error outside every entry (an "@" in free text that starts no entry) is reported where
  // it is; one inside an entry is found again below, entry by entry.
  if (wholeError !== undefined) {
    const { line, column, reason } = describeSyntaxError(wholeError);
    const offset = (starts[line - 1] ?? 0) + column - 1;
    if (line > 0 && !spans.some((s) => s.start <= offset && offset <= s.end)) {
      // Outside entries, only an "@" can be an error: it starts an entry that is not there.
      const at = text.lastIndexOf('@', offset);
      error(
        at === -1 ? { line, column } : place(at),
        at === -1
          ? `Malformed BibTeX: ${reason}`
          : 'Malformed BibTeX: "@" starts an entry, but no entry follows; outside entries, write text without "@" (or put the line in @comment{…})',
      );
    }
  }

  // @string entries one by one: a broken one is reported once, the others are kept in front
  // of every entry below.
  let prefix = '';
  for (const span of spans) {
    if (span.kind === 'data') continue;
    const chunk = protectedText.slice(span.start, span.end);
    if (span.unclosed) {
      reportUnclosed(span);
      continue;
    }
    try {
      parseSyntax(chunk);
      if (span.kind === 'string') prefix += `${chunk}\n`;
    } catch (e) {
      reportChunkError(span, e, 0);
    }
  }
  const prefixLines = prefix.split('\n').length - 1;

  for (const span of dataSpans) {
    const chunk = protectedText.slice(span.start, span.end);
    if (span.unclosed) {
      reportUnclosed(span);
      if (span.unclosed.what === 'value' || swallowingValue(span)) continue;
      // The entry itself is whole: read it as if its brace were there, so that it is not also
      // reported as unknown wherever it is cited.
      try {
        const [raw] = parseSyntax(`${prefix}${chunk}\n}`);
        if (raw) record(span, raw);
      } catch {
        // Its own error shows once the brace is added and the file read again.
      }
      continue;
    }
    try {
      const [raw] = parseSyntax(prefix + chunk);
      if (raw) record(span, raw);
    } catch (e) {
      reportChunkError(span, e, prefixLines);
    }
  }
  return { file, records, diagnostics, strings, macros };

  /**
   * An entry that runs into the next one is often not missing its own "}" but a value's: the
   * value then swallows the fields after it. That value is where the mistake is.
   */
  function swallowingValue(span: Span): BibField | undefined {
    return scanFields(text.slice(span.start, span.end)).find((f) =>
      /\n[ \t]*[A-Za-z][\w:+-]*[ \t]*=[ \t]*[{"\d]/.test(f.raw),
    );
  }

  function reportUnclosed(span: Span): void {
    const { offset, what, next } = span.unclosed!;
    const nextLine = place(next).line;
    const name = span.kind === 'data' ? `entry "${span.key}"` : `this @${span.kind}`;
    const swallowing = what === 'entry' ? swallowingValue(span) : undefined;
    if (swallowing) {
      const inner = /\n[ \t]*([A-Za-z][\w:+-]*)[ \t]*=/.exec(swallowing.raw)!;
      error(
        place(span.start + swallowing.valueStart),
        `Malformed BibTeX in ${name}: the value of "${swallowing.name}" runs on into "${inner[1]}" and the fields after it; is its closing "}" missing?`,
      );
    } else if (what === 'entry') {
      error(
        place(offset),
        `Malformed BibTeX: ${name} is not closed; add "}" here, before the entry at line ${nextLine}`,
      );
    } else {
      error(
        place(offset),
        `Malformed BibTeX in ${name}: this value is never closed (it runs into the entry at line ${nextLine}); close it with "${text[offset] === '"' ? '"' : '}'}"`,
      );
    }
  }

  function reportChunkError(span: Span, e: unknown, chunkPrefixLines: number): void {
    const { line, column, reason } = describeSyntaxError(e);
    const start = place(span.start);
    const chunkLine = line - chunkPrefixLines;
    // Line 0: the error is inside a field value and counted from the value; the entry is the
    // closest place there is.
    const at =
      line > 0 && chunkLine >= 1
        ? {
            line: start.line + chunkLine - 1,
            column: chunkLine === 1 ? start.column + column - 1 : column,
          }
        : start;
    // A place inside the entry speaks for itself; the entry's start needs its name.
    const what =
      at !== start
        ? ''
        : span.kind === 'data'
          ? ` in entry "${span.key}"`
          : ` in this @${span.kind}`;
    // The entry was parsed on its own: its end is not the file's.
    const said =
      span.end < text.length
        ? reason.replace('the end of the file', 'the end of the entry')
        : reason;
    error(at, `Malformed BibTeX${what}: ${said}`);
  }
}
