/**
 * The site's documents as Docusaurus loaded them: every docs instance (every version) and every
 * blog, with the permalink, title and place each plugin gave them. Nothing here is computed
 * from file names: a site with another `routeBasePath`, number prefixes, slugs or several docs
 * instances gets what its content plugins say.
 */
import path from 'node:path';

import type { BlogContent } from '@docusaurus/plugin-content-blog';
import type { LoadedContent as DocsContent, LoadedVersion } from '@docusaurus/plugin-content-docs';
import type { AllContent } from '@docusaurus/types';

import { EXPORT_SUFFIXES, type ExportFormat } from '../citations/formats';

export const DOCS_PLUGIN = 'docusaurus-plugin-content-docs';
export const BLOG_PLUGIN = 'docusaurus-plugin-content-blog';

export interface SiteDocument {
  /** The source as Docusaurus names it ("@site/docs/google.mdx"): the document's identity. */
  source: string;
  /** The source relative to the site ("docs/google.mdx"), as messages and the timeline name it. */
  file: string;
  /** The source on disk. */
  path: string;
  /** Where the site serves it, base URL included. */
  permalink: string;
  /**
   * Its name in file names and ids: the permalink without the base URL, "/" as "-"
   * ("google"; "docs-intro"; "index" for the site's home page). Unique in the site.
   */
  name: string;
  title: string;
  /** What the sidebar calls it (`sidebar_label`), or its title. */
  label: string;
  kind: 'doc' | 'blog';
  /** The id of the content plugin instance that loaded it. */
  pluginId: string;
  frontMatter: Readonly<Record<string, unknown>>;
}

/** A document's name from its permalink without the base URL ("/a/b" → "a-b", "/" → "index"). */
export function documentName(pathWithoutBase: string): string {
  const trimmed = pathWithoutBase.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? 'index' : trimmed.replace(/[^\w.-]+/g, '-');
}

/**
 * Where a document's own reference files are served, under the base URL: the one name the
 * writer and the link both use (`references/google-bibtex.bib`).
 */
export function documentExportPath(doc: Pick<SiteDocument, 'name'>, format: ExportFormat): string {
  return `references/${doc.name}${EXPORT_SUFFIXES[format]}`;
}

/** Doc ids in the order their sidebars list them (category pages before their items). */
function sidebarOrder(version: LoadedVersion): string[] {
  const ids: string[] = [];
  type Item = LoadedVersion['sidebars'][string][number];
  const walk = (items: readonly Item[]) => {
    for (const item of items) {
      if (item.type === 'doc' || item.type === 'ref') ids.push(item.id);
      else if (item.type === 'category') {
        if (item.link?.type === 'doc') ids.push(item.link.id);
        walk(item.items);
      }
    }
  };
  for (const sidebar of Object.values(version.sidebars)) walk(sidebar);
  return ids;
}

interface Loaded {
  source: string;
  permalink: string;
  title: string;
  label: string;
  kind: SiteDocument['kind'];
  pluginId: string;
  frontMatter: Record<string, unknown>;
}

function docsOf(pluginId: string, content: DocsContent): Loaded[] {
  return content.loadedVersions.flatMap((version) => {
    const inSidebar = sidebarOrder(version);
    const place = (id: string) => {
      const i = inSidebar.indexOf(id);
      return i === -1 ? Infinity : i;
    };
    // Reading order: the sidebar's, then documents no sidebar lists, by their position.
    const docs = [...version.docs].sort(
      (a, b) =>
        place(a.id) - place(b.id) ||
        (a.sidebarPosition ?? Infinity) - (b.sidebarPosition ?? Infinity) ||
        a.source.localeCompare(b.source),
    );
    return docs.map((doc) => ({
      source: doc.source,
      permalink: doc.permalink,
      title: doc.title,
      label:
        typeof doc.frontMatter.sidebar_label === 'string'
          ? doc.frontMatter.sidebar_label
          : doc.title,
      kind: 'doc' as const,
      pluginId,
      frontMatter: doc.frontMatter,
    }));
  });
}

function blogOf(pluginId: string, content: BlogContent): Loaded[] {
  // As the blog lists them: newest first.
  return content.blogPosts.map(({ metadata }) => ({
    source: metadata.source,
    permalink: metadata.permalink,
    title: metadata.title,
    label: metadata.title,
    kind: 'blog' as const,
    pluginId,
    frontMatter: metadata.frontMatter,
  }));
}

/**
 * Every document of the site, in order: each docs instance's in reading order, then each blog's
 * posts; read from what the content plugins loaded (`allContentLoaded`'s `allContent`).
 */
export function siteDocuments(
  allContent: AllContent,
  site: { siteDir: string; baseUrl: string },
): SiteDocument[] {
  const loaded = [
    ...Object.entries((allContent[DOCS_PLUGIN] ?? {}) as Record<string, DocsContent>).flatMap(
      ([id, content]) => docsOf(id, content),
    ),
    ...Object.entries((allContent[BLOG_PLUGIN] ?? {}) as Record<string, BlogContent>).flatMap(
      ([id, content]) => blogOf(id, content),
    ),
  ];
  const taken = new Set<string>();
  return loaded.map((doc) => {
    const withoutBase = doc.permalink.startsWith(site.baseUrl)
      ? doc.permalink.slice(site.baseUrl.length - 1)
      : doc.permalink;
    let name = documentName(withoutBase);
    for (let n = 2; taken.has(name); n += 1) name = `${documentName(withoutBase)}-${n}`;
    taken.add(name);
    const relative = doc.source.replace(/^@site\//, '');
    return {
      ...doc,
      file: relative,
      path: path.join(site.siteDir, relative),
      name,
    };
  });
}
