/**
 * Docusaurus plugin for the site-wide side of citations: it checks the bibliography and every
 * document once per build (all problems at once, before any page compiles), and creates the
 * /bibliography page with "Cited in" links. Per-page rendering is the remark plugin's.
 */
import fs from 'node:fs';
import path from 'node:path';

import logger from '@docusaurus/logger';
import type { LoadedContent as DocsContent } from '@docusaurus/plugin-content-docs';
import type { LoadContext, Plugin, PluginContentLoadedActions } from '@docusaurus/types';
import { addTrailingPathSeparator, aliasedSitePath } from '@docusaurus/utils';

import {
  applyPolicy,
  applyUncitedPolicy,
  documentName,
  formatEventDate,
  typographicQuotes,
  passageAnchor,
  renderInStyles,
  type CitationContext,
  archiveLinks,
  checkSite,
  coinsOf,
  entryActions,
  entryFilePath,
  EXPORT_SUFFIXES,
  exportFileBase,
  exportEntries,
  EXPORT_FORMATS,
  loadContext,
  renderEntries,
  resolveBibFiles,
  scriptJson,
  siteScope,
  validateOptions,
  type CitationOptions,
  type ResolvedCitationOptions,
  type SiteReport,
} from '../../citations';
import type { BibliographyEntryData, BibliographyPageData, TimelinePageData } from './types';

const NAME = 'digital-divide-citations';

/**
 * Where the exports are written, relative to the site; docusaurus.config.ts lists it among the
 * static directories, so `npm start` serves the files and `npm run build` copies them.
 */
export const EXPORTS_DIR = `.docusaurus/${NAME}/static`;

/** localStorage key of the reader's citation style. */
export const STYLE_STORAGE_KEY = 'digital-divide-citation-style';

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

/** /timeline: the essay's events in date order, each with its passage and its citation. */
async function addTimeline(
  site: CitationContext,
  docs: DocsContent,
  actions: PluginContentLoadedActions,
  baseUrl: string,
): Promise<void> {
  const timeline = site.timeline!;
  const docsDir = path.join(site.siteDir, 'docs');
  const byName = new Map(
    docs.loadedVersions[0]!.docs.map((doc) => [
      documentName(docsDir, path.join(site.siteDir, doc.source.replace(/^@site\//, ''))),
      doc,
    ]),
  );
  // Stable sort: events of the same date keep the file's order.
  const events = [...timeline.events].sort((a, b) => a.date.localeCompare(b.date));
  const cited = events.filter((e) => e.cite);
  const rendered =
    cited.length > 0
      ? renderInStyles(
          site,
          siteScope(site, docsDir),
          cited.map((e) => e.cite!),
        )
      : undefined;
  const data: TimelinePageData = {
    styles: site.styles.map(({ id, label }) => ({ id, label })),
    events: events.map((event) => {
      const doc = byName.get(event.chapter)!;
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
    references: rendered?.references ?? null,
  };
  const dataPath = await actions.createData('timeline.json', JSON.stringify(data));
  actions.addRoute({
    path: path.posix.join(baseUrl, 'timeline'),
    component: '@site/src/components/TimelinePage',
    modules: { data: dataPath },
    exact: true,
  });
}

function writeExports(dir: string, files: Record<string, string>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}
const DOCS_PLUGIN = 'docusaurus-plugin-content-docs';

/**
 * A rule that makes the documents under `include` depend on what their citations are rendered
 * from: the .bib files (and the folders holding them, for new files), the timeline, and any
 * `more` files and folders. Without it, `npm start` keeps showing a page as it was rendered
 * before a .bib edit.
 */
export function sourcesRule(
  siteDir: string,
  resolved: ResolvedCitationOptions,
  include: string[],
  more: { files?: string[]; folders?: string[] } = {},
): {
  test: RegExp;
  include: string[];
  enforce: 'pre';
  use: { loader: string; options: { files: string[]; folders: string[] } }[];
} {
  const paths = resolved.bibliography.map((p) => path.resolve(siteDir, p));
  const folders = paths.filter((p) => fs.existsSync(p) && fs.statSync(p).isDirectory());
  const files = [
    ...resolveBibFiles(resolved.bibliography, siteDir),
    ...(resolved.timeline ? [path.resolve(siteDir, resolved.timeline)] : []),
  ];
  return {
    test: /\.mdx?$/i,
    include,
    enforce: 'pre',
    use: [
      {
        loader: path.join(__dirname, 'dependencies.cjs'),
        options: {
          files: [...files, ...(more.files ?? [])],
          folders: [...folders, ...(more.folders ?? [])],
        },
      },
    ],
  };
}

export default function citationsPlugin(context: LoadContext, options: unknown): Plugin {
  // Docusaurus adds the plugin instance's `id` to every plugin's options.
  const { id: _id, ...citationOptions } = (options ?? {}) as CitationOptions & { id?: string };
  const resolved = validateOptions(citationOptions);
  const docsDir = path.join(context.siteDir, 'docs');
  // The site's cited works in reading order, which every page's labels depend on (2020a, [3]):
  // rewritten only when they change, so that `npm start` recompiles every page then, and only
  // then, when one chapter's edit changes another's labels.
  const scopeFile = path.join(context.generatedFilesDir, NAME, 'scope.txt');

  return {
    name: NAME,

    // The reader's style choice: applied before the first paint (no flash of the default
    // style), and the rules that show only the chosen style's renderings.
    injectHtmlTags() {
      const ids = resolved.styles.map((s) => s.id);
      if (ids.length < 2) return {};
      return {
        headTags: [
          { tagName: 'script', innerHTML: styleChoiceScript(ids) },
          { tagName: 'style', innerHTML: styleChoiceCss(ids) },
        ],
      };
    },

    getPathsToWatch() {
      return [...resolveBibFiles(resolved.bibliography, context.siteDir), docsDir];
    },

    configureWebpack() {
      return {
        module: {
          rules: [
            sourcesRule(context.siteDir, resolved, [addTrailingPathSeparator(docsDir)], {
              files: [scopeFile],
            }),
          ],
        },
      };
    },

    async loadContent() {
      const site = loadContext(resolved, context.siteDir);
      const report = checkSite(site, docsDir);
      const scope = `${siteScope(site, docsDir).keys.join('\n')}\n`;
      if (!fs.existsSync(scopeFile) || fs.readFileSync(scopeFile, 'utf8') !== scope) {
        fs.mkdirSync(path.dirname(scopeFile), { recursive: true });
        fs.writeFileSync(scopeFile, scope);
      }
      // A document that is not valid MDX cannot be built, whatever the policy for citations.
      const unreadable = report.diagnostics.some((d) => d.ruleId === 'mdx-syntax');
      applyPolicy(report.diagnostics, unreadable ? 'throw' : resolved.onBrokenCitations, (m) =>
        logger.warn(m),
      );
      applyUncitedPolicy(report.uncited, resolved.onUncitedEntries, (m) => logger.warn(m));
      applyPolicy(report.warnings, 'warn', (m) => logger.warn(m));
      return report;
    },

    async allContentLoaded({ allContent, actions }) {
      const report = (allContent[NAME] as Record<string, SiteReport> | undefined)?.default;
      const docs = (allContent[DOCS_PLUGIN] as Record<string, DocsContent> | undefined)?.default;
      if (!report || !docs) throw new Error('The citations plugin needs the docs plugin');
      const site = loadContext(resolved, context.siteDir);

      // Chapters in reading order, each with the keys it cites.
      const chapters = docs.loadedVersions[0]!.docs.map((doc) => ({
        doc,
        keys: new Set(
          report.documents
            .find((d) => aliasedSitePath(d.path, context.siteDir) === doc.source)
            ?.citations.map((c) => c.key),
        ),
      }))
        .filter((c) => c.keys.size > 0)
        .sort((a, b) => (a.doc.sidebarPosition ?? 0) - (b.doc.sidebarPosition ?? 0));

      // The entries in every style the reader may choose, labelled as the pages label them;
      // the default style's order first.
      const scope = siteScope(site, docsDir);
      const styled = site.styles.map((s) => ({
        id: s.id,
        entries: renderEntries(scope, s.csl).entries,
      }));
      const entries = styled[0]!.entries;
      const toData = (key: string): BibliographyEntryData => {
        const id = site.library.anchorOf(key);
        return {
          key,
          id,
          variants: styled.map((s) => ({
            style: s.id,
            content: s.entries.find((e) => e.key === key)!.content,
          })),
          order: Object.fromEntries(
            styled.map((s) => [s.id, s.entries.findIndex((e) => e.key === key) + 1]),
          ),
          archive: archiveLinks(site.library, key),
          actions: entryActions(site.library, key),
          coins: coinsOf(site.library.entries.get(key)!.csl),
          citedIn: chapters
            .filter((c) => c.keys.has(key))
            .map((c) => ({ title: c.doc.title, href: `${c.doc.permalink}#${id}` })),
        };
      };

      // Exports, in the style's order: the whole bibliography, and each page's own works.
      const entriesOf = (keys: ReadonlySet<string>) =>
        entries.filter((e) => keys.has(e.key)).map((e) => site.library.entries.get(e.key)!);
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
          files[entryFilePath(site.library, key, format)] = exportEntries(
            [site.library.entries.get(key)!],
            format,
          );
        }
      }
      for (const { doc, keys } of chapters) {
        for (const format of ['biblatex', 'bibtex', 'ris'] as const) {
          const name = `references/${exportFileBase(doc.permalink)}${EXPORT_SUFFIXES[format]}`;
          files[name] = exportEntries(entriesOf(keys), format);
        }
      }
      writeExports(path.join(context.siteDir, EXPORTS_DIR), files);

      const all = entries.map((e) => toData(e.key));
      const data: BibliographyPageData = {
        title: 'Bibliography',
        styles: site.styles.map(({ id, label }) => ({ id, label })),
        cited: all.filter((e) => e.citedIn.length > 0),
        uncited: all.filter((e) => e.citedIn.length === 0),
      };
      if (site.timeline) await addTimeline(site, docs, actions, context.baseUrl);

      const dataPath = await actions.createData('bibliography.json', JSON.stringify(data));
      actions.addRoute({
        path: path.posix.join(context.baseUrl, 'bibliography'),
        component: '@site/src/components/BibliographyPage',
        modules: { data: dataPath },
        exact: true,
      });
    },
  };
}
