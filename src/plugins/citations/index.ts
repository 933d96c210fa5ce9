/**
 * Docusaurus plugin for the site-wide side of citations: it checks the bibliography and every
 * document once per build (all problems at once, before any page compiles), and creates the
 * /bibliography page with "Cited in" links. Per-page rendering is the remark plugin's.
 */
import fs from 'node:fs';
import path from 'node:path';

import logger from '@docusaurus/logger';
import type { LoadedContent as DocsContent } from '@docusaurus/plugin-content-docs';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { aliasedSitePath } from '@docusaurus/utils';

import {
  applyPolicy,
  checkSite,
  coinsOf,
  entryActions,
  EXPORT_EXTENSIONS,
  exportFileBase,
  exportItems,
  EXPORT_FORMATS,
  loadContext,
  renderEntries,
  resolveBibFiles,
  validateOptions,
  type CitationOptions,
  type SiteReport,
} from '../../citations';
import type { BibliographyEntryData, BibliographyPageData } from './types';

const NAME = 'digital-divide-citations';

/**
 * Where the exports are written, relative to the site; docusaurus.config.ts lists it among the
 * static directories, so `npm start` serves the files and `npm run build` copies them.
 */
export const EXPORTS_DIR = `.docusaurus/${NAME}/static`;

function writeExports(dir: string, files: Record<string, string>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}
const DOCS_PLUGIN = 'docusaurus-plugin-content-docs';

export default function citationsPlugin(context: LoadContext, options: unknown): Plugin {
  // Docusaurus adds the plugin instance's `id` to every plugin's options.
  const { id: _id, ...citationOptions } = (options ?? {}) as CitationOptions & { id?: string };
  const resolved = validateOptions(citationOptions);
  const docsDir = path.join(context.siteDir, 'docs');

  return {
    name: NAME,

    getPathsToWatch() {
      return [...resolveBibFiles(resolved.bibliography, context.siteDir), docsDir];
    },

    async loadContent() {
      const site = loadContext(resolved, context.siteDir);
      const report = checkSite(site, docsDir);
      applyPolicy(report.diagnostics, resolved.onBrokenCitations, (m) => logger.warn(m));
      applyPolicy(report.uncited, resolved.onUncitedEntries, (m) => logger.warn(m));
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

      const { entries, hanging } = renderEntries(site.library, site.style);
      const toData = (
        key: string,
        content: BibliographyEntryData['content'],
      ): BibliographyEntryData => {
        const id = site.library.anchorOf(key);
        return {
          key,
          id,
          content,
          actions: entryActions(site.library, key),
          coins: coinsOf(site.library.entries.get(key)!.csl),
          citedIn: chapters
            .filter((c) => c.keys.has(key))
            .map((c) => ({ title: c.doc.title, href: `${c.doc.permalink}#${id}` })),
        };
      };

      // Exports, in the style's order: the whole bibliography, and each page's own works.
      const itemsOf = (keys: ReadonlySet<string>) =>
        entries.filter((e) => keys.has(e.key)).map((e) => site.library.entries.get(e.key)!.csl);
      const everything = new Set(site.library.entries.keys());
      const files: Record<string, string> = {};
      for (const format of EXPORT_FORMATS) {
        files[`bibliography.${EXPORT_EXTENSIONS[format]}`] = exportItems(
          itemsOf(everything),
          format,
        );
      }
      for (const { doc, keys } of chapters) {
        for (const format of ['bibtex', 'ris'] as const) {
          const name = `references/${exportFileBase(doc.permalink)}.${EXPORT_EXTENSIONS[format]}`;
          files[name] = exportItems(itemsOf(keys), format);
        }
      }
      writeExports(path.join(context.siteDir, EXPORTS_DIR), files);

      const all = entries.map((e) => toData(e.key, e.content));
      const data: BibliographyPageData = {
        title: 'Bibliography',
        hangingIndent: hanging,
        cited: all.filter((e) => e.citedIn.length > 0),
        uncited: all.filter((e) => e.citedIn.length === 0),
      };
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
