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
import { frontMatterOf, readDocument as parseDocument } from './document';
import { displayPath, loadLibrary, suggestKey, type Library } from './library';
import { findPassage, parseTimeline, type Timeline } from './timeline';
import { OptionsError, type CitationConfig } from './options';
import { selectPublished, type UncitedEntry } from './publish';
import { digest } from './renderKey';
import {
  createScope,
  documentData,
  renderClusters,
  renderEntries,
  type ClusterInput,
  type DocumentData,
  type RenderedEntry,
  type Scope,
} from './render';

export interface LoadedStyle {
  id: string;
  label: string;
  csl: CslStyle;
}

export interface CitationContext {
  options: CitationConfig;
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
export function loadContext(options: CitationConfig, siteDir: string): CitationContext {
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

/**
 * Each timeline event must name a document (by its file, relative to the site: "docs/google.mdx")
 * and a phrase found in one of its paragraphs. `documents` holds every document by file (one
 * that is not valid MDX has no tree: its syntax error is reported already).
 */
function checkTimeline(
  context: CitationContext,
  documents: ReadonlyMap<string, ParsedDocument>,
): Diagnostic[] {
  const timeline = context.timeline;
  if (!timeline) return [];
  const files = [...documents.keys()];
  const diagnostics: Diagnostic[] = [...timeline.diagnostics];
  for (const event of timeline.events) {
    if (!documents.has(event.chapter)) {
      // The form before documents were named by their file: "google" for docs/google.mdx.
      const meant = files.find(
        (f) => f.replace(/^.*\//, '').replace(/\.mdx?$/, '') === event.chapter,
      );
      diagnostics.push({
        file: timeline.file,
        line: event.line,
        column: 1,
        ruleId: 'missing-passage',
        message:
          `Timeline event "${event.id}" names the chapter "${event.chapter}", which is not a document of the site; the documents are ${files.map((d) => `"${d}"`).join(', ')}` +
          (meant ? `; did you mean "${meant}"?` : ''),
      });
      continue;
    }
    const tree = documents.get(event.chapter)!.tree();
    if (tree && !findPassage(tree, event.passage)) {
      diagnostics.push({
        file: timeline.file,
        line: event.line,
        column: 1,
        ruleId: 'missing-passage',
        message: `Timeline event "${event.id}": the passage "${event.passage}" is not in ${event.chapter}`,
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
  anchor?: (n: number) => string,
): DocumentData {
  return documentData(
    context.library,
    context.styles.map((s) => ({
      id: s.id,
      doc: renderClusters(scope, s.csl, clusters),
    })),
    clusters,
    anchor,
  );
}

/**
 * Entries (all of the scope's when `keys` is omitted) in every style, each in its order,
 * labelled as the scope labels them.
 */
export function entriesInStyles(
  context: CitationContext,
  scope: Scope,
  keys?: readonly string[],
): { id: string; entries: RenderedEntry[] }[] {
  return context.styles.map((s) => ({
    id: s.id,
    entries: renderEntries(scope, s.csl, keys).entries,
  }));
}

/**
 * The site's scope (render.ts), which gives every work one label on every page: the works cited
 * by `documents`, given in the site's reading order, then those only the timeline cites (in date
 * order), then `more` (a page that is not among `documents`), then the entries `nocite` names.
 * What nothing cites and `nocite` does not name is not in it (see publish.ts).
 */
export function siteScope(
  context: CitationContext,
  documents: readonly Pick<DocumentReport, 'citations'>[],
  more: readonly string[] = [],
): Scope {
  const cited = [
    ...documents.flatMap((d) => d.citations.map((c) => c.key)),
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

/**
 * A reading order for documents found in a folder, without Docusaurus to ask (the `cite`
 * command): `sidebar_position`, then the file's path, as an autogenerated sidebar orders them.
 */
export function byReadingOrder(
  a: { position: number; path: string },
  b: { position: number; path: string },
): number {
  return a.position - b.position || a.path.localeCompare(b.path);
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
  /** Path as shown in messages: relative to the site. */
  file: string;
  /**
   * Its place in its folder's reading order: `sidebar_position`, Infinity when it has none
   * (see `byReadingOrder`).
   */
  position: number;
  /** Every cited key, once per citation that cites it, with where. */
  citations: CitationUse[];
  /**
   * The document's citations whose keys all resolve, in order, each with its keys: the n-th is
   * the one a page renders as `citationAnchor(n)`, and what renders it.
   */
  clusters: (ClusterInput & { keys: string[] })[];
  diagnostics: Diagnostic[];
}

interface ParsedDocument {
  text: string;
  /** The digest of the library's keys when it was read: all of the library a report reads. */
  keysDigest: string;
  /** Its tree, parsed when first asked for; undefined when the document is not valid MDX. */
  tree(): Root | undefined;
  /** Whether it is valid MDX (its diagnostics say where it is not). */
  readable: boolean;
  report: DocumentReport;
}

/**
 * Where documents' reports are kept between runs (the site plugin keeps them in its cache on
 * disk), under a digest of all a report is read from: the document's text, its path and the
 * library's keys.
 */
export interface ReportStore {
  read(digest: string): KeptReport | undefined;
  write(digest: string, kept: KeptReport): void;
}

export interface KeptReport {
  report: DocumentReport;
  readable: boolean;
}

const keysDigests = new WeakMap<Library, string>();

/**
 * A digest of the library's keys: a document's report reads nothing else of the library (which
 * keys resolve, and the key an unknown one is closest to), so a .bib edit that keeps the keys
 * keeps every report.
 */
function keysDigest(library: Library): string {
  let known = keysDigests.get(library);
  if (known === undefined) {
    known = digest([...library.entries.keys()].join('\n'));
    keysDigests.set(library, known);
  }
  return known;
}

/**
 * Each document parsed once: the tree and the report are kept while neither the file nor the
 * library's keys change, so that `npm start` parses again only the files an edit touched; with
 * a `store`, a later run takes the reports of unchanged documents from it, and parses only
 * those whose tree it needs (the timeline's chapters).
 */
const parsed = new Map<string, ParsedDocument>();

function readDocument(context: CitationContext, file: string, store?: ReportStore): ParsedDocument {
  const text = fs.readFileSync(file, 'utf8');
  const keys = keysDigest(context.library);
  const cached = parsed.get(file);
  if (cached && cached.text === text && cached.keysDigest === keys) return cached;
  const shown = displayPath(file, context.siteDir);
  const parse = () => parseDocument(text, shown, context.library);
  const key = store ? digest(JSON.stringify([file, keys, text])) : '';
  const kept = store?.read(key);
  let document: ParsedDocument;
  if (kept) {
    let tree: { value: Root | undefined } | undefined;
    document = {
      text,
      keysDigest: keys,
      tree: () => (tree ??= { value: parse().tree }).value,
      readable: kept.readable,
      // JSON has no Infinity: a document without a place of its own comes back as null.
      report: { ...kept.report, position: kept.report.position ?? Infinity },
    };
  } else {
    const { tree, citations, diagnostics } = parse();
    const resolved = citations.filter((c) => c.resolved);
    const position = tree ? frontMatterOf(tree).sidebar_position : undefined;
    document = {
      text,
      keysDigest: keys,
      tree: () => tree,
      readable: tree !== undefined,
      report: {
        path: file,
        file: shown,
        position: typeof position === 'number' ? position : Infinity,
        citations: resolved.flatMap((c) =>
          c.items.map((item) => ({
            key: item.key,
            line: c.line,
            column: c.column,
            narrative: c.narrative,
          })),
        ),
        clusters: resolved.map((c) => ({
          keys: c.items.map((item) => item.key),
          items: c.items,
          narrative: c.narrative,
        })),
        diagnostics,
      },
    };
    store?.write(key, { report: document.report, readable: document.readable });
  }
  parsed.set(file, document);
  return document;
}

/** A document's citations and problems. */
export function scanDocument(context: CitationContext, file: string): DocumentReport {
  return readDocument(context, file).report;
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

export interface SiteReport {
  documents: DocumentReport[];
  /**
   * Problems in the .bib files (their syntax, and the fields of the entries the site
   * publishes), the documents and the timeline, in the order files are read.
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

/** Checks the library, every document in `files` (absolute paths) and the timeline against them. */
export function checkSite(
  context: CitationContext,
  files: readonly string[],
  store?: ReportStore,
): SiteReport {
  const documents = files.map((file) => readDocument(context, file, store));
  const reports = documents.map((d) => d.report);
  const byFile = new Map(documents.map((d) => [d.report.file, d]));
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
  const unreadable = documents.some((d) => !d.readable);
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
      ...checkTimeline(context, byFile),
    ],
    published,
    uncited,
    warnings: library.warnings,
  };
}

/**
 * The documents under `folders` (absolute), checked, and the site's scope in the reading order
 * they give when Docusaurus is not there to tell (its sidebars): each folder's documents by
 * `sidebar_position`, then by path.
 */
export function checkFolders(
  context: CitationContext,
  folders: readonly string[],
  store?: ReportStore,
): { report: SiteReport; scope: Scope } {
  const files = folders.filter((f) => fs.existsSync(f)).flatMap(listDocuments);
  const report = checkSite(context, files, store);
  const scope = siteScope(
    context,
    folders.flatMap((folder) =>
      report.documents.filter((d) => d.path.startsWith(folder + path.sep)).sort(byReadingOrder),
    ),
  );
  return { report, scope };
}
