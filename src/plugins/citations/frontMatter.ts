/**
 * Docusaurus's `markdown.parseFrontMatter` hook for pages with citations. A page without a
 * `description` gets the first line of its text as its meta description, which Docusaurus cuts
 * from the Markdown source, citation syntax and all ("[@doe2020]"). This hook gives such a page
 * the same excerpt, cut from the source with its citations written as the reader sees them.
 */
import path from 'node:path';

import type { ParseFrontMatter } from '@docusaurus/types';
import { createExcerpt } from '@docusaurus/utils';

import {
  citationsAsText,
  displayPath,
  loadContext,
  siteScope,
  validateOptions,
  type CitationOptions,
} from '../../citations';

export function citationFrontMatter(options: CitationOptions): ParseFrontMatter {
  const resolved = validateOptions(options);
  return async (params) => {
    const result = await params.defaultParseFrontMatter(params);
    if (result.frontMatter.description !== undefined || !params.fileContent.includes('@')) {
      return result;
    }
    // Docusaurus runs from the site directory, as the remark plugin assumes too.
    const siteDir = process.cwd();
    const context = loadContext(resolved, siteDir);
    const fileContent = citationsAsText(
      params.fileContent,
      displayPath(params.filePath, siteDir),
      context.library,
      context.style,
      // Labels as the page gives them: the site's (see src/remark/citations.ts).
      (cited) => siteScope(context, path.join(siteDir, 'docs'), cited),
    );
    if (fileContent === params.fileContent) return result;
    // As Docusaurus's docs plugin does it: the first line of text after the front matter.
    const { content } = await params.defaultParseFrontMatter({ ...params, fileContent });
    const excerpt = createExcerpt(content);
    return excerpt === undefined
      ? result
      : { ...result, frontMatter: { ...result.frontMatter, description: excerpt } };
  };
}
