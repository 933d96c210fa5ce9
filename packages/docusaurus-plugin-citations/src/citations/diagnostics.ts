/**
 * Problems in content (a .bib file, a citation in a chapter) as messages an editor can act on:
 * every one names a file, a line and a column, in the `file:line:col: message` form that
 * editors and terminals turn into links.
 */

export interface SourcePlace {
  /** Path as shown to the editor: relative to the site directory. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type RuleId =
  | 'unknown-key'
  | 'malformed-citation'
  | 'mdx-syntax'
  | 'duplicate-key'
  | 'malformed-bibtex'
  | 'undefined-string'
  | 'invalid-date'
  | 'not-utf8'
  | 'duplicate-field'
  | 'unknown-field'
  | 'unknown-entry-type'
  | 'missing-parent'
  | 'latex-command'
  | 'name-form'
  | 'unknown-language'
  | 'unshown-field'
  | 'uncited-entry'
  | 'malformed-timeline'
  | 'missing-passage'
  | 'not-a-document'
  | 'unsafe-url';

export interface Diagnostic extends SourcePlace {
  ruleId: RuleId;
  message: string;
}

/** What is wrong with something: errors stop a build, warnings do not. */
export interface Problems {
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/** A problem that does not stop a build, marked as such. */
export function formatWarning(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: warning: ${d.message}`;
}

/** Sorts by file, then position, so reports read top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** Thrown when a policy says a problem must stop the build; carries every problem found. */
export class CitationError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], options?: { cause?: unknown }) {
    super(sortDiagnostics(diagnostics).map(formatDiagnostic).join('\n'), options);
    this.name = 'CitationError';
    this.diagnostics = diagnostics;
  }
}

/** Where each line of a text starts: the index that turns offsets into lines and columns. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a 0-based offset, given the text's `lineStarts`. */
export function placeIn(
  starts: readonly number[],
  offset: number,
): { line: number; column: number } {
  // The last line that starts at or before the offset.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

// Callers ask for many places in the same text in a row (every citation of a document, every
// entry of a .bib file): the index of the last text asked about is kept.
let indexed: { text: string; starts: number[] } | undefined;

/** 1-based line and column of a 0-based offset into `text`. */
export function placeOfOffset(text: string, offset: number): { line: number; column: number } {
  if (indexed?.text !== text) indexed = { text, starts: lineStarts(text) };
  return placeIn(indexed.starts, offset);
}

/**
 * Carries out a policy: 'throw' raises every problem at once, 'warn' hands each to `warn`
 * (once: documents are compiled more than once), 'ignore' drops them.
 */
export function applyPolicy(
  diagnostics: readonly Diagnostic[],
  policy: 'throw' | 'warn' | 'ignore',
  warn: (message: string) => void,
): void {
  if (diagnostics.length === 0 || policy === 'ignore') return;
  if (policy === 'throw') throw new CitationError(diagnostics);
  for (const d of sortDiagnostics(diagnostics)) {
    const message = formatDiagnostic(d);
    if (warned.has(message)) continue;
    warned.add(message);
    warn(message);
  }
}

const warned = new Set<string>();
