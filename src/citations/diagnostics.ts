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
  | 'duplicate-key'
  | 'malformed-bibtex'
  | 'undefined-string'
  | 'invalid-date'
  | 'uncited-entry'
  | 'malformed-timeline'
  | 'missing-passage'
  | 'unsafe-url';

export interface Diagnostic extends SourcePlace {
  ruleId: RuleId;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
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

/** 1-based line and column of a 0-based offset into `text`. */
export function placeOfOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
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
