/**
 * Docusaurus's `markdown.parseFrontMatter` hook for pages with citations. A page without a
 * `description` gets the first line of its text as its meta description, which Docusaurus cuts
 * from the Markdown source, citation syntax and all ("[@doe2020]"). This hook gives such a page
 * the same excerpt, cut from the source with its citations written as the reader sees them.
 *
 * A site sets it as `markdown.parseFrontMatter` (Docusaurus gives plugins no way to); it takes
 * no options: the citations plugin, set up before any document is read, leaves them in the store.
 */
import type { ParseFrontMatter } from '@docusaurus/types';
import { createExcerpt } from '@docusaurus/utils';

import {
  checkFolders,
  citationsAsText,
  createScope,
  displayPath,
  loadContext,
  type CitationContext,
} from '../citations';
import { siteOfFile, type SiteState } from './store';

export const citationFrontMatter: ParseFrontMatter = async (params) => {
  const result = await params.defaultParseFrontMatter(params);
  if (result.frontMatter.description !== undefined || !params.fileContent.includes('@')) {
    return result;
  }
  // Front matter outside a site with the citations plugin (a file it does not know) is left alone.
  const site = siteOfFile(params.filePath);
  if (!site) return result;
  const { siteDir } = site;
  const context = loadContext(site.options, siteDir);
  const fileContent = citationsAsText(
    params.fileContent,
    displayPath(params.filePath, siteDir),
    context.library,
    context.style,
    // Labels as the page gives them: the site's (see src/remark/citations.ts).
    (cited) => createScope(context.library, [...scopeOf(site, context), ...cited], []),
  );
  if (fileContent === params.fileContent) return result;
  // As Docusaurus's docs plugin does it: the first line of text after the front matter.
  const { content } = await params.defaultParseFrontMatter({ ...params, fileContent });
  const excerpt = createExcerpt(content);
  return excerpt === undefined
    ? result
    : { ...result, frontMatter: { ...result.frontMatter, description: excerpt } };
};

const firstScopes = new WeakMap<SiteState, readonly string[]>();

/**
 * The keys of the site's scope. Docusaurus's content plugins read front matter before the site's
 * documents are known (`site.scope` is empty on a first build), so until then the scope is the
 * one the site's content folders give, read as `cite` reads them: the same works, in numeric
 * styles in the order of `sidebar_position` and paths, which a sidebar of the site's own may
 * change. A problem that stops it is left for the build to report where it checks the site.
 */
function scopeOf(site: SiteState, context: CitationContext): readonly string[] {
  if (site.scope.length > 0 || !site.contentFolders) return site.scope;
  let scope = firstScopes.get(site);
  if (scope === undefined) {
    try {
      scope = checkFolders(context, site.contentFolders, site.renderer?.reports).scope.keys;
    } catch {
      scope = site.scope;
    }
    firstScopes.set(site, scope);
  }
  return scope;
}
