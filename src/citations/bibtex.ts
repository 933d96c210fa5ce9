/**
 * Reading BibTeX/BibLaTeX. citation-js does the parsing (so that what we read is exactly what its
 * exports write back); this module adds what it does not keep: where each entry stands in its
 * file and its source text, and syntax errors as positioned diagnostics.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { checkEntryFields, definedStrings } from './bibfields';
import { placeOfOffset, type Diagnostic } from './diagnostics';
import type { CslItem } from './csl';

export interface BibEntry {
  key: string;
  /** The entry type as written (`article`, `online`, …), lower-cased. */
  type: string;
  /**
   * CSL-JSON as citation-js reads the entry: rich text (LaTeX formatting becomes <i>, <span
   * class="nocase"> …), with literal "<" and ">" protected (see `protectBrackets`). This is the
   * form citeproc and the exporters take; `plainText` gives a field as readers see it.
   */
  csl: CslItem;
  /** The entry exactly as written in the file, from `@` to the closing brace. */
  source: string;
  file: string;
  line: number;
  column: number;
}

export interface BibFile {
  file: string;
  entries: BibEntry[];
  diagnostics: Diagnostic[];
}

interface ScannedEntry {
  type: string;
  key: string;
  start: number;
  end: number;
}

// biblatex's own command for text that a style must not re-case. citation-js knows the
// formatting it stands for (`nocase`) but not the command, so we teach it once.
const bibtexConfig = plugins.config.get('@bibtex') as {
  constants: { formattingCommands: Record<string, string> };
};
bibtexConfig.constants.formattingCommands.NoCaseChange = 'nocase';

/**
 * citeproc reads a few HTML-like tags in field values as formatting, and citation-js writes
 * LaTeX formatting (\\textit, \\NoCaseChange) in that form. A "<b>" typed in a .bib must stay
 * text, so literal angle brackets are swapped for private-use characters before parsing and
 * swapped back in whatever is shown or exported.
 */
export const LITERAL_LT = '\uE000';
export const LITERAL_GT = '\uE001';

function protectBrackets(text: string): string {
  return text.replaceAll('<', LITERAL_LT).replaceAll('>', LITERAL_GT);
}

export function restoreBrackets(text: string): string {
  return text.replaceAll(LITERAL_LT, '<').replaceAll(LITERAL_GT, '>');
}

/**
 * citation-js percent-encodes a URL field as it reads it, after the brackets in it were swapped
 * (see above): encoded as the brackets themselves would have been, the address is the one
 * written (`<` reads %3C, not %EE%80%80).
 */
function urlAsWritten(url: string): string {
  return url.replaceAll('%EE%80%80', '%3C').replaceAll('%EE%80%81', '%3E');
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

const NON_DATA_TYPES = new Set(['comment', 'string', 'preamble']);

/**
 * Finds the data entries of a BibTeX file with their offsets. It follows the same rules as
 * citation-js's lexer (text outside entries is ignored; `@comment` runs to the end of the line)
 * but only tracks braces and quotes, which is all that positions need.
 */
export function scanEntries(text: string): ScannedEntry[] {
  const entries: ScannedEntry[] = [];
  const header = /@\s*([A-Za-z_][\w:+-]*)\s*([{(])\s*([^,\s]*)/y;
  let i = 0;
  while ((i = text.indexOf('@', i)) !== -1) {
    header.lastIndex = i;
    const match = header.exec(text);
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
    const close = match[2] === '(' ? ')' : '}';
    let depth = 0;
    let inQuote = false;
    let j = i + match[0].length - match[3]!.length;
    for (; j < text.length; j += 1) {
      const c = text[j];
      if (c === '\\') {
        j += 1;
      } else if (c === '{') {
        depth += 1;
      } else if (c === '}' && depth > 0) {
        depth -= 1;
      } else if (c === '"' && depth === 0) {
        inQuote = !inQuote;
      } else if (c === close && depth === 0 && !inQuote) {
        break;
      }
    }
    if (!NON_DATA_TYPES.has(type)) {
      entries.push({ type, key: match[3]!, start: i, end: Math.min(j + 1, text.length) });
    }
    i = j + 1;
  }
  return entries;
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
function describeSyntaxError(error: unknown): { line: number; column: number; reason: string } {
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

function parseChunk(text: string): CslItem[] {
  return plugins.input.chain(protectBrackets(text), {
    forceType: '@biblatex/text',
    generateGraph: false,
  }) as CslItem[];
}

/**
 * Parses one .bib file. A syntax error becomes a diagnostic at its line and column, and the
 * entries around it are still read one by one so that one typo does not hide the whole file.
 */
export function parseBibFile(file: string, text: string): BibFile {
  const scanned = scanEntries(text);
  const diagnostics: Diagnostic[] = [];

  let items: CslItem[] | undefined;
  try {
    items = parseChunk(text);
  } catch (error) {
    const { line, column, reason } = describeSyntaxError(error);
    // Line 0 means the error is inside a field value and counted from the value, not the file;
    // the entry-by-entry pass below finds the entry it belongs to.
    if (line > 0) {
      diagnostics.push({
        file,
        line,
        column,
        ruleId: 'malformed-bibtex',
        message: `Malformed BibTeX: ${reason}`,
      });
    }
  }

  const entries: BibEntry[] = [];
  // The file's @string entries: their names for the checks, their text for the entry-by-entry
  // pass below.
  const prefix = collectStrings(text);
  const strings = definedStrings(prefix);
  if (items && items.length === scanned.length) {
    scanned.forEach((s, i) => entries.push(toEntry(s, items[i]!)));
    return { file, entries, diagnostics };
  }

  // Entry by entry: either the file has a syntax error, or the scanner and citation-js disagree
  // about where entries are. @string macros are kept in front of every entry.
  const prefixLines = prefix.split('\n').length - 1;
  for (const s of scanned) {
    const start = placeOfOffset(text, s.start);
    const end = placeOfOffset(text, s.end);
    if (diagnostics.some((d) => start.line <= d.line && d.line <= end.line)) continue;
    try {
      const [item] = parseChunk(prefix + text.slice(s.start, s.end));
      if (item) entries.push(toEntry(s, item));
    } catch (error) {
      const { line, column, reason } = describeSyntaxError(error);
      const chunkLine = line - prefixLines;
      const at =
        chunkLine >= 1
          ? {
              line: start.line + chunkLine - 1,
              column: chunkLine === 1 ? start.column + column - 1 : column,
            }
          : start;
      diagnostics.push({
        file,
        ...at,
        ruleId: 'malformed-bibtex',
        message: `Malformed BibTeX in entry "${s.key}": ${reason}`,
      });
    }
  }
  return { file, entries, diagnostics };

  function toEntry(s: ScannedEntry, read: CslItem): BibEntry {
    const item = typeof read.URL === 'string' ? { ...read, URL: urlAsWritten(read.URL) } : read;
    diagnostics.push(...checkEntryFields(file, text, s, item, strings));
    const { line, column } = placeOfOffset(text, s.start);
    return {
      key: s.key,
      type: s.type,
      csl: { ...item, id: s.key, 'citation-key': s.key },
      source: text.slice(s.start, s.end),
      file,
      line,
      column,
    };
  }
}

function collectStrings(text: string): string {
  const strings: string[] = [];
  const header = /@\s*string\s*[{(]/giy;
  for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) {
    header.lastIndex = i;
    if (!header.test(text)) continue;
    let depth = 0;
    let j = i;
    for (; j < text.length; j += 1) {
      if (text[j] === '{' || text[j] === '(') depth += 1;
      if ((text[j] === '}' || text[j] === ')') && --depth === 0) break;
    }
    strings.push(text.slice(i, j + 1));
  }
  return strings.length ? `${strings.join('\n')}\n` : '';
}
