/**
 * The fields of a .bib entry as its source holds them: each value's LaTeX text with its
 * delimiters removed, `#` concatenations joined and @string macros expanded. This is what the
 * BibLaTeX and BibTeX exports are written from, so that they keep exactly what the editor wrote
 * (the braces that protect case, the LaTeX commands, the field names) rather than what a CSL
 * round trip leaves of it. The reading follows citation-js's lexer (the one that parsed the entry),
 * so both see the same values.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

export interface SourceField {
  /** The field name, lower-cased. */
  name: string;
  /** The value as LaTeX text, without its outer braces or quotes. */
  value: string;
  /**
   * True when the value is a bare month macro (`month = aug`), which every reader predefines and
   * which biber and BibTeX read as a month; the export writes it bare again.
   */
  monthMacro?: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const PREDEFINED = (
  plugins.config.get('@bibtex') as { constants: { defaultStrings: Record<string, string> } }
).constants.defaultStrings;

/** Reads one delimited or bare value part starting at `i`; returns its text and where it ends. */
function readPart(
  text: string,
  i: number,
  strings: ReadonlyMap<string, string>,
): { value: string; end: number; macro?: string } | undefined {
  const c = text[i];
  if (c === '{') {
    // citation-js: inside braces, \{ \} and \\ are escapes, not braces.
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j += 1) {
      const d = text[j];
      if (d === '\\' && /[\\{}]/.test(text[j + 1] ?? '')) j += 1;
      else if (d === '{') depth += 1;
      else if (d === '}') {
        if (depth === 0) break;
        depth -= 1;
      }
    }
    return { value: text.slice(i + 1, j), end: j + 1 };
  }
  if (c === '"') {
    // citation-js: inside quotes, \\ and \{ are escapes, a brace group nests, and a quote ends it.
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j += 1) {
      const d = text[j];
      if (depth > 0) {
        if (d === '\\' && /[\\{}]/.test(text[j + 1] ?? '')) j += 1;
        else if (d === '{') depth += 1;
        else if (d === '}') depth -= 1;
      } else if (d === '\\' && /[\\{]/.test(text[j + 1] ?? '')) j += 1;
      else if (d === '{') depth += 1;
      else if (d === '"') break;
    }
    return { value: text.slice(i + 1, j), end: j + 1 };
  }
  const number = /^-?\d+/.exec(text.slice(i))?.[0];
  if (number) return { value: number, end: i + number.length };
  const word = /^[a-zA-Z_][a-zA-Z0-9_:+-]*/.exec(text.slice(i))?.[0];
  if (!word) return undefined;
  const name = word.toLowerCase();
  const value = strings.get(name) ?? PREDEFINED[name] ?? '';
  return { value, end: i + word.length, macro: name };
}

/** Skips white space and `%` comments (citation-js reads both between fields). */
function skipBlank(text: string, i: number): number {
  for (;;) {
    const ws = /^(?:\s+|%[^\n]*)/.exec(text.slice(i))?.[0];
    if (!ws) return i;
    i += ws.length;
  }
}

/** Reads `value (# value)*` from `i`. */
function readValue(
  text: string,
  i: number,
  strings: ReadonlyMap<string, string>,
): { value: string; end: number; monthMacro?: boolean } | undefined {
  const parts: { value: string; macro?: string }[] = [];
  for (;;) {
    i = skipBlank(text, i);
    const part = readPart(text, i, strings);
    if (!part) return undefined;
    parts.push(part);
    i = skipBlank(text, part.end);
    if (text[i] !== '#') break;
    i += 1;
  }
  const only = parts.length === 1 ? parts[0]!.macro : undefined;
  if (only && MONTHS.includes(only)) return { value: only, end: i, monthMacro: true };
  return { value: parts.map((p) => p.value).join(''), end: i };
}

/**
 * The @string macros of a file (given as the text of its @string entries, see bibtex.ts), each
 * expanded in the order defined, lower-cased as BibTeX compares them.
 */
export function readStrings(text: string): Map<string, string> {
  const strings = new Map<string, string>();
  const header = /@\s*string\s*[{(]/gi;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    let i = skipBlank(text, match.index + match[0].length);
    const name = /^[^\s=#{}(),"]+/.exec(text.slice(i))?.[0];
    if (!name) continue;
    i = skipBlank(text, i + name.length);
    if (text[i] !== '=') continue;
    const value = readValue(text, i + 1, strings);
    if (value) strings.set(name.toLowerCase(), value.value);
  }
  return strings;
}

/**
 * The fields of one entry (`source` runs from `@` to its closing delimiter), in the order
 * written. A field written twice keeps its first value, as citation-js does.
 */
export function readSourceFields(
  source: string,
  strings: ReadonlyMap<string, string> = new Map(),
): SourceField[] {
  const fields: SourceField[] = [];
  const open = source.search(/[{(]/);
  if (open === -1) return fields;
  const close = source[open] === '(' ? ')' : '}';
  let i = source.indexOf(',', open);
  if (i === -1) return fields;
  i += 1;
  for (;;) {
    i = skipBlank(source, i);
    while (source[i] === ',') i = skipBlank(source, i + 1);
    if (i >= source.length || source[i] === close) return fields;
    const name = /^[a-zA-Z_][a-zA-Z0-9_:+-]*/.exec(source.slice(i))?.[0];
    if (!name) return fields;
    i = skipBlank(source, i + name.length);
    if (source[i] !== '=') return fields;
    const value = readValue(source, i + 1, strings);
    if (!value) return fields;
    i = value.end;
    const lower = name.toLowerCase();
    if (fields.some((f) => f.name === lower)) continue;
    fields.push({
      name: lower,
      value: value.value,
      ...(value.monthMacro ? { monthMacro: true } : {}),
    });
  }
}
