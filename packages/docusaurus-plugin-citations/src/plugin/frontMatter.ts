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

import { citationsAsText, createScope, displayPath, loadContext } from '../citations';
import { siteOfFile } from './store';

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
    // Labels as the page gives them: the site's (see src/remark/citations.ts). Docusaurus's
    // content plugins read front matter before the site's documents are known, so that on a
    // first build the scope is the page's own works: labels may then differ from the page's
    // where another page's work shares an author and year, or, in numeric styles, comes first.
    (cited) => createScope(context.library, [...site.scope, ...cited], []),
  );
  if (fileContent === params.fileContent) return result;
  // As Docusaurus's docs plugin does it: the first line of text after the front matter.
  const { content } = await params.defaultParseFrontMatter({ ...params, fileContent });
  const excerpt = createExcerpt(content);
  return excerpt === undefined
    ? result
    : { ...result, frontMatter: { ...result.frontMatter, description: excerpt } };
};
