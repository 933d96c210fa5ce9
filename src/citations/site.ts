/**
 * The whole site at once: the library, the style, and every document's citations. This is what
 * `cite check` and `cite list` report and what the site bibliography's "Cited in" links come
 * from; the Docusaurus plugin and the CLI call the same functions.
 */
import fs from 'node:fs';
import path from 'node:path';

import { loadStyle, type CslStyle } from './csl';
import type { Diagnostic } from './diagnostics';
import { findCitations, frontMatterOf, parseMdx } from './document';
import { displayPath, loadLibrary, type Library } from './library';
import { permalinkOf } from './metadata';
import type { ResolvedCitationOptions } from './options';

export interface CitationContext {
  options: ResolvedCitationOptions;
  siteDir: string;
  library: Library;
  style: CslStyle;
}

const styles = new Map<string, CslStyle>();

/** The library and style for a site; both are read once and reused while files are unchanged. */
export function loadContext(options: ResolvedCitationOptions, siteDir: string): CitationContext {
  const styleKey = `${siteDir}|${options.style}|${options.locale}`;
  let style = styles.get(styleKey);
  if (!style) {
    style = loadStyle(options.style, options.locale, siteDir);
    styles.set(styleKey, style);
  }
  return { options, siteDir, library: loadLibrary(options.bibliography, siteDir), style };
}

export interface CitationUse {
  key: string;
  line: number;
  column: number;
  narrative: boolean;
}

export interface DocumentReport {
  /** Absolute path. */
  path: string;
  /** Path as shown in messages. */
  file: string;
  /** Where the site serves it. */
  permalink: string;
  citations: CitationUse[];
  diagnostics: Diagnostic[];
}

/** Markdown and MDX files under `dir`, sorted, skipping partials (`_name.mdx`) as Docusaurus does. */
export function listDocuments(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

export function scanDocument(
  context: CitationContext,
  file: string,
  docsDir: string,
): DocumentReport {
  const source = fs.readFileSync(file, 'utf8');
  const shown = displayPath(file, context.siteDir);
  const tree = parseMdx(source);
  const { citations, diagnostics } = findCitations(tree, source, shown, context.library);
  return {
    path: file,
    file: shown,
    permalink: permalinkOf(
      path.relative(docsDir, file).split(path.sep).join('/'),
      frontMatterOf(tree).slug,
    ),
    citations: citations
      .filter((c) => c.resolved)
      .flatMap((c) =>
        c.items.map((item) => ({
          key: item.key,
          line: c.line,
          column: c.column,
          narrative: c.narrative,
        })),
      ),
    diagnostics,
  };
}

export interface SiteReport {
  documents: DocumentReport[];
  /** Problems in the .bib files and the documents, in the order files are read. */
  diagnostics: Diagnostic[];
  /** Entries that no document cites, as diagnostics at the entry (rule `uncited-entry`). */
  uncited: Diagnostic[];
}

/** Checks the library and every document under `docsDir`. */
export function checkSite(context: CitationContext, docsDir: string): SiteReport {
  const reports = listDocuments(docsDir).map((d) => scanDocument(context, d, docsDir));
  const cited = new Set(reports.flatMap((r) => r.citations.map((c) => c.key)));
  const uncited: Diagnostic[] = [...context.library.entries.values()]
    .filter((entry) => !cited.has(entry.key))
    .map((entry) => ({
      file: entry.file,
      line: entry.line,
      column: entry.column,
      ruleId: 'uncited-entry',
      message: `Entry "${entry.key}" is not cited in any document`,
    }));
  return {
    documents: reports,
    diagnostics: [...context.library.diagnostics, ...reports.flatMap((r) => r.diagnostics)],
    uncited,
  };
}
