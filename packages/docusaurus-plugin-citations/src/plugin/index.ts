/**
 * Docusaurus plugin for citations. Once per build it reads the bibliography, learns the site's
 * documents from the content plugins (every docs instance, every blog), parses and checks each
 * of them once (all problems at once, before any page compiles), writes the export files, and
 * adds the bibliography, timeline and print pages. Each document's citations are the remark
 * plugin's (src/remark/citations.ts), which finds what it needs in the store; the theme
 * components (src/theme) render both.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import logger from '@docusaurus/logger';
import type {
  AllContent,
  LoadContext,
  Plugin,
  PluginContentLoadedActions,
  PluginModule,
} from '@docusaurus/types';
import { aliasedSitePath, normalizeUrl } from '@docusaurus/utils';

import {
  applyPolicy,
  applyUncitedPolicy,
  checkSite,
  citationAnchor,
  coinsOf,
  entriesInStyles,
  entryData,
  entryFilePath,
  EXPORT_SUFFIXES,
  exportEntries,
  EXPORT_FORMATS,
  formatEventDate,
  loadContext,
  passageAnchor,
  typographicQuotes,
  resolveBibFiles,
  scriptJson,
  siteScope,
  type CitationContext,
  type DocumentReport,
  type Scope,
  type SiteReport,
} from '../citations';
import { createCompileHold } from './compileHold';
import { contentFolders } from './contentFolders';
import { STYLE_STORAGE_KEY } from './constants';
import { documentExportPath, siteDocuments, type SiteDocument } from './documents';
import { validateOptions, type Options, type PluginOptions, type PrintOptions } from './options';
import { cacheDirectory, engineVersion, openRenderCache } from './renderCache';
import { readEnvironment } from './environment';
import { folderWriter, writeIfChanged } from './files';
import { createRenderer, type Renderer } from './renderer';
import { registerSite, type SiteState } from './store';
import type {
  BibliographyEntryData,
  BibliographyPageData,
  PrintPageData,
  StyleChoice,
  TimelinePageData,
} from './types';

export { validateOptions };
export type { Options, PluginOptions };

const NAME = 'docusaurus-plugin-citations';

const PLUGIN_MARK = Symbol.for('docusaurus-plugin-citations');

/**
 * The browser's modules: compiled, this file is lib/plugin/index.js and they are in lib/browser
 * (ES modules with their JSX, which the site's bundler compiles like its own code); run from its
 * TypeScript source (the package's own tests), they are the sources beside it.
 */
const BROWSER =
  path.extname(__filename) === '.js'
    ? path.resolve(__dirname, '../browser')
    : path.resolve(__dirname, '..');
const THEME = path.join(BROWSER, 'theme');
const TYPESCRIPT_THEME = path.resolve(__dirname, '../../src/theme');
// Without an extension: .js when compiled, .ts in the sources.
const CLIENT_MODULES = ['copyToClipboard', 'citationPreviews', 'citationStyle'].map((name) =>
  path.join(BROWSER, 'clientModules', name),
);

function styleChoiceScript(ids: readonly string[]): string {
  return `try{var s=localStorage.getItem(${scriptJson(STYLE_STORAGE_KEY)});if(${scriptJson(ids)}.indexOf(s)>0)document.documentElement.setAttribute('data-citation-style',s)}catch(e){}`;
}

function styleChoiceCss(ids: readonly string[]): string {
  const [first] = ids;
  return ids
    .map((id) => {
      const when =
        id === first
          ? `html:not([data-citation-style]),html[data-citation-style="${id}"]`
          : `html[data-citation-style="${id}"]`;
      const scope = when.split(',');
      return [
        `${scope.map((w) => `${w} [data-style]:not([data-style="${id}"])`).join(',')}{display:none}`,
        `${scope.map((w) => `${w} .references>li`).join(',')}{order:var(--order-${id})}`,
      ].join('');
    })
    .join('');
}

function styleChoices(site: CitationContext): StyleChoice[] {
  return site.styles.map(({ id, label }) => ({ id, label }));
}

/** The timeline: the events in date order, each with its passage and its citation. */
async function addTimeline(
  site: CitationContext,
  scope: Scope,
  renderer: Renderer,
  options: PluginOptions,
  documents: readonly SiteDocument[],
  actions: PluginContentLoadedActions,
  routePath: string,
): Promise<void> {
  const timeline = site.timeline!;
  const byFile = new Map(documents.map((doc) => [doc.file, doc]));
  // Stable sort: events of the same date keep the file's order.
  const events = [...timeline.events].sort((a, b) => a.date.localeCompare(b.date));
  const cited = events.filter((e) => e.cite);
  const rendered =
    cited.length > 0
      ? await renderer.document(
          site,
          scope,
          cited.map((e) => e.cite!),
          options.timeline!,
        )
      : undefined;
  const data: TimelinePageData = {
    title: 'Timeline',
    referencesTitle: options.referencesTitle,
    terms: options.terms,
    styles: styleChoices(site),
    events: events.map((event) => {
      const doc = byFile.get(event.chapter)!;
      const at = cited.indexOf(event);
      return {
        id: event.id,
        date: event.date,
        dateLabel: formatEventDate(event.date),
        title: typographicQuotes(event.title),
        href: `${doc.permalink}#${passageAnchor(event.id)}`,
        chapterTitle: doc.title,
        citation: at === -1 ? null : rendered!.clusters[at]!,
      };
    }),
    references: rendered?.entries ?? [],
  };
  const dataPath = await actions.createData('timeline.json', JSON.stringify(data));
  actions.addRoute({
    path: routePath,
    component: '@theme/CitationTimelinePage',
    modules: { data: dataPath },
    exact: true,
  });
}

/** "2020-09-22" → "22 September 2020", as the print edition's title page writes dates. */
function readableDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/**
 * The print edition: the documents of one docs instance in reading order (those whose front
 * matter does not say `print: false`), as their own compiled MDX, then every work they cite,
 * each linked back to every citation of it (ids prefixed with the document's name, as the page
 * prefixes them).
 */
async function addPrintEdition(
  site: CitationContext,
  scope: Scope,
  renderer: Renderer,
  options: PluginOptions & { print: PrintOptions },
  fallbackTitle: string,
  siteAddress: string,
  documents: readonly SiteDocument[],
  reports: ReadonlyMap<string, DocumentReport>,
  actions: PluginContentLoadedActions,
  routePath: string,
): Promise<void> {
  const printed = documents.filter(
    (d) =>
      d.kind === 'doc' &&
      d.pluginId === options.print.docsPluginId &&
      d.frontMatter.print !== false,
  );
  const backlinks = new Map<string, string[]>();
  for (const doc of printed) {
    reports.get(doc.path)?.clusters.forEach((cluster, i) => {
      const id = `${doc.name}-${citationAnchor(i + 1)}`;
      for (const key of new Set(cluster.keys))
        backlinks.set(key, [...(backlinks.get(key) ?? []), id]);
    });
  }
  const keys = [...backlinks.keys()];
  const styled =
    keys.length > 0
      ? renderer.site(site, scope, 'entries', keys, () => entriesInStyles(site, scope, keys))
      : [];
  const { work, part } = options.terms;
  const { edition } = options;
  const data: PrintPageData = {
    title: options.print.title ?? options.edition?.title ?? fallbackTitle,
    titlePage: {
      ...(options.print.subtitle ? { subtitle: options.print.subtitle } : {}),
      ...(edition
        ? {
            original: {
              publisher: edition.original.publisher,
              date: readableDate(edition.original.issued),
              url: edition.original.url,
            },
            edition: {
              title: edition.containerTitle,
              date: readableDate(edition.issued),
              url: siteAddress,
            },
          }
        : {}),
    },
    description: `The whole ${work} with its sources on one page, for reading offline or saving as PDF.`,
    note: `This page holds every ${part} of the ${work}, in reading order, with one combined list of references. Use your browser’s Print command to print it or save it as a PDF.`,
    referencesTitle: options.referencesTitle,
    styles: styleChoices(site),
    chapters: printed.map((d) => ({ name: d.name, title: d.label, permalink: d.permalink })),
    entries: (styled[0]?.entries ?? []).map(({ key }) =>
      entryData(site.library, key, styled, backlinks.get(key)),
    ),
  };
  const dataPath = await actions.createData('print.json', JSON.stringify(data));
  actions.addRoute({
    path: routePath,
    component: '@theme/CitationPrintPage',
    // Each document's own MDX module: compiled once, by its plugin's loader, for its page and this one.
    modules: { data: dataPath, chapters: printed.map((d) => ({ content: d.source })) },
    exact: true,
  });
}

/**
 * A rule that makes each document depend on its stamp (dependencies.cjs), which the site pass
 * rewrites when what the document's citations render from changes. Without it, `npm start`
 * keeps showing a page as it was rendered before a .bib edit; with the .bib files themselves as
 * dependencies, every page would compile again after any edit.
 */
function sourcesRule(siteDir: string, stampsDir: string, isDocument: (file: string) => boolean) {
  return {
    test: /\.mdx?$/i,
    include: isDocument,
    enforce: 'pre' as const,
    use: [{ loader: path.join(__dirname, 'dependencies.cjs'), options: { stampsDir, siteDir } }],
  };
}

/** A document's stamp, named as dependencies.cjs names it; written only when it changes. */
function writeStamp(stampsDir: string, siteDir: string, file: string, content: string): void {
  writeIfChanged(
    path.join(stampsDir, `${encodeURIComponent(path.relative(siteDir, file))}.txt`),
    content,
  );
}

function citationsPlugin(context: LoadContext, options: PluginOptions): Plugin {
  const { siteDir, baseUrl, siteConfig, generatedFilesDir } = context;
  /** Where the export files are written; copied into the build, served by `npm start`. */
  const exportsDir = path.join(generatedFilesDir, NAME, options.id, 'static');
  // Each document's stamp: what its citations render from (see sourcesRule).
  const stampsDir = path.join(generatedFilesDir, NAME, options.id, 'stamps');
  const writeExports = folderWriter(exportsDir);
  const route = (routePath: string) => normalizeUrl([baseUrl, routePath]);
  const environment = readEnvironment();
  let site: SiteState = {
    siteDir,
    baseUrl,
    siteUrl: siteConfig.url,
    options,
    documents: new Map(),
    scope: [],
    contentFolders: contentFolders(siteConfig).map((folder) => path.resolve(siteDir, folder)),
    deferredDir: path.join(generatedFilesDir, NAME, options.id, 'deferred'),
    // Under `npm start` (and `build --dev`, whose pages then carry their data too).
    inlineDeferred: environment.development,
    renderer: createRenderer({
      siteDir,
      // The environment may override the option for one run (a benchmark, a test comparing
      // builds) without changing the config, which is part of the site's bundle.
      threads: environment.renderThreads ?? options.renderThreads,
      cache: openRenderCache(cacheDirectory(siteDir, options.id, environment.cacheRoot)),
      traceFile: environment.traceFile,
      salt: engineVersion(),
    }),
  };
  const renderer = site.renderer!;
  registerSite(site);
  const hold = createCompileHold(siteDir, (message) => logger.warn(message));
  /**
   * The contents loadContent gave site passes so far: a new object each time it reads the .bib
   * files and the timeline, so that a pass knows from the content it is given whether they were
   * read again for it (their edit, or the site's start) or not (an edit of a page). A set, not the
   * last one: reloads that run at once may leave the site with either one's content.
   */
  const seen = new WeakSet<object>();

  /**
   * The site pass: the site's documents checked together, their labels made one scope, each
   * document's stamp, the exports, and the bibliography, timeline and print pages' data.
   */
  async function sitePass(allContent: AllContent, actions: PluginContentLoadedActions) {
    const start = performance.now();
    const documents = siteDocuments(allContent, { siteDir, baseUrl });
    const citations = loadContext(options, siteDir);
    const report = checkSite(
      citations,
      documents.map((d) => d.path),
      renderer.reports,
    );
    const reports = new Map(report.documents.map((r) => [r.path, r]));
    const clustersOf = (doc: SiteDocument) => reports.get(doc.path)?.clusters ?? [];
    // One label per work on every page: the site's works numbered in reading order, each
    // docs instance's documents as its sidebars have them, then blog posts, oldest first.
    const scope = siteScope(
      citations,
      [
        ...documents.filter((d) => d.kind === 'doc'),
        ...documents.filter((d) => d.kind === 'blog').reverse(),
      ].flatMap((d) => reports.get(d.path) ?? []),
    );
    site = {
      ...site,
      documents: new Map(documents.map((d) => [d.source, d])),
      scope: scope.keys,
    };
    registerSite(site);
    // A document that is not valid MDX cannot be built, whatever the policy for citations.
    const unreadable = report.diagnostics.some((d) => d.ruleId === 'mdx-syntax');
    applyPolicy(report.diagnostics, unreadable ? 'throw' : options.onBrokenCitations, (m) =>
      logger.warn(m),
    );
    applyUncitedPolicy(report.uncited, options.onUncitedEntries, (m) => logger.warn(m));
    applyPolicy(report.warnings, 'warn', (m) => logger.warn(m));

    // What each document's page renders from besides its text: the .bib files, the timeline,
    // and what the remark plugin reads of the page from this pass (its title, permalink and
    // front matter, for "Cite this"). When it changes, `npm start` compiles the page again.
    // An edit of the page compiles it anyway, though perhaps before this pass has read the
    // edit: what the page reads from here is in its stamp, so a compile against an earlier
    // pass is followed by another. Its citations themselves are not (only which works they
    // cite), nor its problems' places: a locator edit, or text moving a problem, compiles it
    // once, as a plain-text edit does.
    for (const doc of documents) {
      const clusters = clustersOf(doc);
      writeStamp(
        stampsDir,
        siteDir,
        doc.path,
        JSON.stringify([
          clusters.length > 0 ? renderer.sourcesKeyOf(citations, scope, clusters) : null,
          [doc.title, doc.permalink, doc.frontMatter],
          (reports.get(doc.path)?.diagnostics ?? []).map((d) => [d.ruleId, d.message]),
          citations.timeline?.events.filter((e) => e.chapter === doc.file) ?? [],
        ]),
      );
    }

    // Every document's rendering, in worker threads while the bundler starts, unless an
    // earlier build left it in the cache.
    renderer.prepare(
      citations,
      scope,
      documents.map(clustersOf).filter((clusters) => clusters.length > 0),
    );

    // Documents in reading order, each with the keys it cites.
    const citing = documents
      .map((doc) => ({ doc, keys: new Set(reports.get(doc.path)?.citations.map((c) => c.key)) }))
      .filter((c) => c.keys.size > 0);

    // The entries in every style the reader may choose, labelled as the pages label them;
    // the default style's order first.
    const styled = renderer.site(citations, scope, 'entries', undefined, () =>
      entriesInStyles(citations, scope),
    );
    const entries = styled[0]!.entries;

    // Exports, in the style's order: the whole bibliography, and each document's own works.
    const entriesOf = (keys: ReadonlySet<string>) =>
      entries.filter((e) => keys.has(e.key)).map((e) => citations.library.entries.get(e.key)!);
    // What the site publishes (what it cites, and what `nocite` names), not the whole library.
    const everything = new Set(scope.keys);
    const files: Record<string, string> = {};
    for (const format of EXPORT_FORMATS) {
      files[`bibliography${EXPORT_SUFFIXES[format]}`] = exportEntries(
        entriesOf(everything),
        format,
      );
    }
    // Each entry's own files, for its "Copy" and "Download" buttons.
    for (const key of everything) {
      for (const format of ['biblatex', 'bibtex'] as const) {
        files[entryFilePath(citations.library, key, format)] = exportEntries(
          [citations.library.entries.get(key)!],
          format,
        );
      }
    }
    for (const { doc, keys } of citing) {
      for (const format of ['biblatex', 'bibtex', 'ris'] as const) {
        files[documentExportPath(doc, format)] = exportEntries(entriesOf(keys), format);
      }
    }
    writeExports(files);

    const all = entries.map(({ key }): BibliographyEntryData => {
      const entry = entryData(citations.library, key, styled);
      return {
        ...entry,
        coins: coinsOf(citations.library.entries.get(key)!.csl),
        citedIn: citing
          .filter((c) => c.keys.has(key))
          .map((c) => ({ title: c.doc.title, href: `${c.doc.permalink}#${entry.id}` })),
      };
    });
    const data: BibliographyPageData = {
      title: 'Bibliography',
      note: options.bibliographyNote ?? null,
      terms: options.terms,
      styles: styleChoices(citations),
      downloads: EXPORT_FORMATS.map((format) => ({
        format,
        path: `bibliography${EXPORT_SUFFIXES[format]}`,
      })),
      cited: all.filter((e) => e.citedIn.length > 0),
      uncited: all.filter((e) => e.citedIn.length === 0),
    };
    const dataPath = await actions.createData('bibliography.json', JSON.stringify(data));
    actions.addRoute({
      path: route(options.bibliographyPath),
      component: '@theme/CitationBibliographyPage',
      modules: { data: dataPath },
      exact: true,
    });

    if (citations.timeline) {
      await addTimeline(
        citations,
        scope,
        renderer,
        options,
        documents,
        actions,
        route(options.timelinePath),
      );
    }
    if (options.print) {
      await addPrintEdition(
        citations,
        scope,
        renderer,
        { ...options, print: options.print },
        siteConfig.title,
        normalizeUrl([siteConfig.url, baseUrl]).replace(/\/$/, ''),
        documents,
        reports,
        actions,
        route(options.print.path),
      );
    }
    renderer.trace({ event: 'site', ms: Math.round(performance.now() - start) });
  }

  return {
    name: NAME,

    // The components that render citations (swizzle them to change the markup).
    getThemePath() {
      return THEME;
    },
    getTypeScriptThemePath() {
      return TYPESCRIPT_THEME;
    },

    // Copy buttons, citation previews and the reader's style choice.
    getClientModules() {
      return CLIENT_MODULES;
    },

    // The reader's style choice: applied before the first paint (no flash of the default
    // style), and the rules that show only the chosen style's renderings.
    injectHtmlTags() {
      const ids = options.styles.map((s) => s.id);
      if (ids.length < 2) return {};
      return {
        headTags: [
          { tagName: 'script', innerHTML: styleChoiceScript(ids) },
          { tagName: 'style', innerHTML: styleChoiceCss(ids) },
        ],
      };
    },

    // What reloads the site's content when it changes: the .bib files, new ones in the folders
    // the options name, and the timeline.
    getPathsToWatch() {
      const folders = options.bibliography
        .map((p) => path.resolve(siteDir, p))
        .filter((p) => fs.existsSync(p) && fs.statSync(p).isDirectory());
      return [
        ...resolveBibFiles(options.bibliography, siteDir),
        ...folders.map((folder) => path.join(folder, '**/*.bib')),
        ...(options.timeline ? [path.resolve(siteDir, options.timeline)] : []),
      ];
    },

    configureWebpack(_config, isServer) {
      const isDocument = (file: string) => site.documents.has(aliasedSitePath(file, siteDir));
      return {
        module: { rules: [sourcesRule(siteDir, stampsDir, isDocument)] },
        // `npm start` compiles only the client, which the hold holds while a site pass writes.
        plugins: environment.development && !isServer ? [hold.plugin] : [],
        // `npm start` serves the export files as it serves static folders.
        devServer: { static: [{ publicPath: baseUrl, directory: exportsDir }] },
      };
    },

    async loadContent() {
      // The style, the locale and the library, read (and checked) before anything else.
      loadContext(options, siteDir);
      return {};
    },

    async allContentLoaded({ allContent, actions }) {
      // After an edit of the plugin's own files (loadContent read them again), the bundler
      // compiles once, when the pass has written all it writes (compileHold.ts).
      const read = allContent[NAME]?.[options.id];
      const ownEdit = typeof read === 'object' && read !== null && !seen.has(read);
      if (ownEdit) seen.add(read);
      const pass = () => sitePass(allContent as AllContent, actions);
      if (ownEdit) await hold.during(pass);
      else await pass();
    },

    async postBuild({ outDir }) {
      if (fs.existsSync(exportsDir)) fs.cpSync(exportsDir, outDir, { recursive: true });
      // The cache keeps what this build rendered, and nothing older.
      renderer.prune();
    },
  };
}

/**
 * The plugin. Docusaurus reads a plugin's validator from its module, or, for a plugin given as a
 * function in the config (as the essay does), from the function itself: it is on both.
 */
const plugin = Object.assign(citationsPlugin, {
  validateOptions,
  // How optionsInConfig knows the plugin, whichever copy of this module the config imported.
  [PLUGIN_MARK]: true,
}) as unknown as PluginModule;
export default plugin;

/**
 * The options a site config gives this plugin (its entry in `plugins`): how the `cite` command,
 * which runs without Docusaurus, sees what the build sees.
 */
export function optionsInConfig(
  config: { plugins?: readonly unknown[] },
  siteDir: string,
): Options | undefined {
  for (const entry of config.plugins ?? []) {
    const [candidate, options] = Array.isArray(entry) ? (entry as unknown[]) : [entry];
    if (isThisPlugin(candidate, siteDir)) return (options ?? {}) as Options;
  }
  return undefined;
}

/** This package's folder, from lib/plugin or src/plugin alike. */
const PACKAGE_DIR = path.resolve(__dirname, '../..');

/**
 * Whether a `plugins` entry names this plugin: the function itself (from any copy of this
 * module), its package name, Docusaurus's shorthand (`'citations'`), or a path or name that
 * resolves, from the site, to a file of this package.
 */
function isThisPlugin(candidate: unknown, siteDir: string): boolean {
  if (typeof candidate === 'function') return PLUGIN_MARK in candidate;
  if (typeof candidate !== 'string') return false;
  if (candidate === NAME || `docusaurus-plugin-${candidate}` === NAME) return true;
  const load = createRequire(path.join(siteDir, 'package.json'));
  try {
    const file = fs.realpathSync(load.resolve(candidate));
    return file.startsWith(PACKAGE_DIR + path.sep);
  } catch {
    // Not resolvable from the site: another plugin's business, or Docusaurus's error to raise.
    return false;
  }
}

export type { SiteReport };
