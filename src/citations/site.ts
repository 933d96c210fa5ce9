/**
 * The whole site at once: the library, the style, and every document's citations. This is what
 * `cite check` and `cite list` report and what the site bibliography's "Cited in" links come
 * from; the Docusaurus plugin and the CLI call the same functions.
 */
import fs from 'node:fs';
import path from 'node:path';

import { loadStyle, type CslStyle } from './csl';
import type { Root } from 'mdast';

import type { Diagnostic } from './diagnostics';
import { frontMatterOf, readDocument } from './document';
import { displayPath, loadLibrary, suggestKey, type Library } from './library';
import { findPassage, parseTimeline, type Timeline } from './timeline';
import { permalinkOf } from './metadata';
import { OptionsError, type ResolvedCitationOptions } from './options';
import { selectPublished, type UncitedEntry } from './publish';
import {
  composeDocument,
  createScope,
  renderClusters,
  type ClusterInput,
  type RenderedDocument,
  type Scope,
} from './render';

export interface LoadedStyle {
  id: string;
  label: string;
  csl: CslStyle;
}

export interface CitationContext {
  options: ResolvedCitationOptions;
  siteDir: string;
  library: Library;
  /** The default style. */
  style: CslStyle;
  /** Every style a reader may choose, the default first. */
  styles: readonly LoadedStyle[];
  /** The timeline, when the options name one. */
  timeline: Timeline | undefined;
}

const styles = new Map<string, CslStyle>();

/** The library and style for a site; both are read once and reused while files are unchanged. */
export function loadContext(options: ResolvedCitationOptions, siteDir: string): CitationContext {
  const loaded = options.styles.map((s) => {
    const key = `${siteDir}|${s.style}|${options.locale}`;
    let csl = styles.get(key);
    if (!csl) {
      csl = loadStyle(s.style, options.locale, siteDir);
      styles.set(key, csl);
    }
    return { id: s.id, label: s.label, csl };
  });
  const library = loadLibrary(options.bibliography, siteDir);
  return {
    options,
    siteDir,
    library,
    style: loaded[0]!.csl,
    styles: loaded,
    timeline: options.timeline ? loadTimeline(options.timeline, siteDir, library) : undefined,
  };
}

const timelines = new Map<string, Timeline>();

function loadTimeline(file: string, siteDir: string, library: Library): Timeline {
  const absolute = path.resolve(siteDir, file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`Timeline file ${JSON.stringify(file)} cannot be read`, { cause: error });
  }
  // Keyed by content and library: a new .bib may change which keys are known.
  const key = `${absolute}|${text.length}|${text}|${library.entries.size}|${[...library.entries.keys()].join(',')}`;
  let timeline = timelines.get(key);
  if (!timeline) {
    timeline = parseTimeline(displayPath(absolute, siteDir), text, library);
    timelines.clear();
    timelines.set(key, timeline);
  }
  return timeline;
}

/** A document's name in the docs folder: "google" for docs/google.mdx, "a/b" for docs/a/b.md. */
export function documentName(docsDir: string, file: string): string {
  return path
    .relative(docsDir, file)
    .split(path.sep)
    .join('/')
    .replace(/\.mdx?$/, '');
}

/**
 * Each timeline event must name a chapter and a phrase found in one of its paragraphs. `trees`
 * holds every document under `docsDir`, parsed (undefined for one that is not valid MDX, whose
 * syntax error is reported already).
 */
function checkTimeline(
  context: CitationContext,
  docsDir: string,
  trees: ReadonlyMap<string, Root | undefined>,
): Diagnostic[] {
  const timeline = context.timeline;
  if (!timeline) return [];
  const docs = new Map([...trees.keys()].map((f) => [documentName(docsDir, f), f]));
  const diagnostics: Diagnostic[] = [...timeline.diagnostics];
  for (const event of timeline.events) {
    const file = docs.get(event.chapter);
    if (!file) {
      diagnostics.push({
        file: timeline.file,
        line: event.line,
        column: 1,
        ruleId: 'missing-passage',
        message: `Timeline event "${event.id}" names the chapter "${event.chapter}", which does not exist; the chapters are ${[...docs.keys()].map((d) => `"${d}"`).join(', ')}`,
      });
      continue;
    }
    const tree = trees.get(file);
    if (tree && !findPassage(tree, event.passage)) {
      diagnostics.push({
        file: timeline.file,
        line: event.line,
        column: 1,
        ruleId: 'missing-passage',
        message: `Timeline event "${event.id}": the passage "${event.passage}" is not in ${displayPath(file, context.siteDir)}`,
      });
    }
  }
  return diagnostics;
}

/** A document's citations and references in every style the reader may choose. */
export function renderInStyles(
  context: CitationContext,
  scope: Scope,
  clusters: readonly ClusterInput[],
): RenderedDocument {
  return composeDocument(
    context.library,
    context.styles.map((s) => ({
      id: s.id,
      doc: renderClusters(scope, s.csl, clusters),
    })),
    clusters,
  );
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
  /** Its place in the reading order: `sidebar_position`, Infinity when it has none. */
  position: number;
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

/**
 * A document's citations and problems, and its tree when it is valid MDX; `source` is read here
 * when not given.
 */
export function scanDocument(
  context: CitationContext,
  file: string,
  docsDir: string,
  source = fs.readFileSync(file, 'utf8'),
): DocumentReport & { tree?: Root } {
  const shown = displayPath(file, context.siteDir);
  const { tree, citations, diagnostics } = readDocument(source, shown, context.library);
  const frontMatter = tree ? frontMatterOf(tree) : {};
  return {
    path: file,
    file: shown,
    permalink: permalinkOf(
      path.relative(docsDir, file).split(path.sep).join('/'),
      frontMatter.slug as string | undefined,
    ),
    position:
      typeof frontMatter.sidebar_position === 'number' ? frontMatter.sidebar_position : Infinity,
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
    ...(tree ? { tree } : {}),
  };
}

export interface SiteReport {
  documents: DocumentReport[];
  /**
   * Problems in the .bib files (their syntax, and the fields of the entries the site
   * publishes) and the documents, in the order files are read.
   */
  diagnostics: Diagnostic[];
  /** The keys the site publishes (see publish.ts), in library order. */
  published: string[];
  /**
   * Entries that nothing cites and `nocite` does not name, which the site leaves out, as
   * diagnostics at the entry (rule `uncited-entry`); `summarizeUncited` says them in one line.
   */
  uncited: (Diagnostic & UncitedEntry)[];
  /** What the published entries hold that an editor should look at, though it stops nothing. */
  warnings: Diagnostic[];
}

interface ScannedDocument {
  signature: string;
  library: Library;
  report: DocumentReport;
  /** Undefined for a document that is not valid MDX (its syntax error is in the report). */
  tree: Root | undefined;
}

const scanned = new Map<string, ScannedDocument>();

/**
 * Every document under `docsDir` (none when there is no such folder), each read and parsed
 * once for as long as it and the library are unchanged: the site plugin, every page's remark
 * pass and the CLI share the work.
 */
function scanDocuments(context: CitationContext, docsDir: string): ScannedDocument[] {
  if (!fs.existsSync(docsDir)) return [];
  return listDocuments(docsDir).map((file) => {
    const stat = fs.statSync(file);
    const signature = `${docsDir}|${stat.size}|${stat.mtimeMs}`;
    const cached = scanned.get(file);
    if (cached?.signature === signature && cached.library === context.library) return cached;
    const { tree, ...report } = scanDocument(context, file, docsDir);
    const entry = { signature, library: context.library, report, tree };
    scanned.set(file, entry);
    return entry;
  });
}

/**
 * The reading order of the essay, as the autogenerated sidebar and /print have it:
 * `sidebar_position`, then the file's path.
 */
export function byReadingOrder(
  a: { position: number; path: string },
  b: { position: number; path: string },
): number {
  return a.position - b.position || a.path.localeCompare(b.path);
}

/**
 * The site's scope (render.ts): the works its documents cite, in reading order, then those
 * only the timeline cites, then `more` (a page outside the docs folder, such as a test's),
 * then every other entry of the library.
 */
export function siteScope(
  context: CitationContext,
  docsDir: string,
  more: readonly string[] = [],
): Scope {
  const documents = scanDocuments(context, docsDir).map((d) => d.report);
  const cited = [
    ...[...documents].sort(byReadingOrder).flatMap((d) => d.citations.map((c) => c.key)),
    ...timelineKeys(context),
    ...more,
  ];
  const { published } = selectPublished(context.library, cited, context.options.nocite);
  return createScope(context.library, cited, published);
}

/** The keys the timeline's events cite, in date order. */
function timelineKeys(context: CitationContext): string[] {
  return [...(context.timeline?.events ?? [])]
    .sort((a, b) => a.date.localeCompare(b.date))
    .flatMap((e) => e.cite?.items.map((i) => i.key) ?? []);
}

/** Checks the library and every document under `docsDir`. */
export function checkSite(context: CitationContext, docsDir: string): SiteReport {
  // Each document is read and parsed once, for its citations and for the timeline's passages.
  const documents = scanDocuments(context, docsDir);
  const trees = new Map(documents.map((d) => [d.report.path, d.tree]));
  const reports = documents.map((d) => d.report);
  const cited = [
    ...reports.flatMap((r) => r.citations.map((c) => c.key)),
    ...timelineKeys(context),
  ];
  const { published, leftOut, unknown } = selectPublished(
    context.library,
    cited,
    context.options.nocite,
  );
  if (unknown.length > 0) {
    throw new OptionsError(
      unknown
        .map((key) => {
          const guess = suggestKey(context.library, key);
          return `Citation option "nocite" names "${key}", which is in no .bib file${guess ? `; did you mean "${guess}"?` : ''}`;
        })
        .join('\n'),
    );
  }
  // While a document cannot be read, what it cites is unknown: no entry is called uncited.
  const unreadable = [...trees.values()].some((tree) => !tree);
  const uncited = unreadable
    ? []
    : leftOut.map((entry) => ({
        key: entry.key,
        file: entry.file,
        line: entry.line,
        column: entry.column,
        ruleId: 'uncited-entry' as const,
        message: `Entry "${entry.key}" is not cited in any document, so the site leaves it out`,
      }));
  const library = context.library.problemsOf(published);
  return {
    documents: reports,
    diagnostics: [
      ...library.errors,
      ...reports.flatMap((r) => r.diagnostics),
      ...checkTimeline(context, docsDir, trees),
    ],
    published,
    uncited,
    warnings: library.warnings,
  };
}
