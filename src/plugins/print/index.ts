/**
 * Docusaurus plugin for /print: the introduction and every chapter on one page, with one
 * combined bibliography, for reading offline or saving as PDF. The page is an MDX stub that
 * remarkPrintEdition fills with the essay pages before the citation plugin renders them.
 */
import fs from 'node:fs';
import path from 'node:path';

import { createMDXLoaderRule } from '@docusaurus/mdx-loader';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { addTrailingPathSeparator, normalizeUrl } from '@docusaurus/utils';

import { siteOfFile } from '../citations/store';
import remarkCitations from '../../remark/citations';
import remarkCodeHighlighter from '../../remark/codeHighlighter';
import remarkPrintEdition from '../../remark/printEdition';

const NAME = 'digital-divide-print';

export interface PrintOptions {
  title: string;
}

export default async function printPlugin(context: LoadContext, options: unknown): Promise<Plugin> {
  const { title } = options as PrintOptions & { id?: string };
  const dir = path.join(context.generatedFilesDir, NAME);
  const stub = path.join(dir, 'print.mdx');
  const docsDir = path.join(context.siteDir, 'docs');
  fs.mkdirSync(dir, { recursive: true });
  // The stub is the page's own front matter; its body comes from the docs at compile time.
  fs.writeFileSync(
    stub,
    `---\ntitle: ${JSON.stringify(title)}\nslug: /print\ncite_this: false\n---\n`,
  );

  const rule = await createMDXLoaderRule({
    include: [addTrailingPathSeparator(dir)],
    options: {
      useCrossCompilerCache: context.siteConfig.future.faster.mdxCrossCompilerCache,
      admonitions: true,
      beforeDefaultRemarkPlugins: [
        [
          remarkPrintEdition,
          { page: { permalink: normalizeUrl([context.baseUrl, 'print']), name: 'print', title } },
        ],
        remarkCitations,
      ],
      remarkPlugins: [remarkCodeHighlighter],
      rehypePlugins: [],
      beforeDefaultRehypePlugins: [],
      recmaPlugins: [],
      staticDirs: context.siteConfig.staticDirectories.map((d) => path.resolve(context.siteDir, d)),
      siteDir: context.siteDir,
      markdownConfig: context.siteConfig.markdown,
    },
  });

  return {
    name: NAME,

    getPathsToWatch() {
      return [docsDir];
    },

    async contentLoaded({ actions }) {
      actions.addRoute({
        path: path.posix.join(context.baseUrl, 'print'),
        component: '@site/src/components/PrintPage',
        modules: { content: stub },
        exact: true,
      });
    },

    configureWebpack() {
      // The page is made of the chapters and their sources: it must follow their edits too.
      const site = siteOfFile(stub)!;
      const dependencies = {
        test: /\.mdx?$/i,
        include: [addTrailingPathSeparator(dir)],
        enforce: 'pre' as const,
        use: [
          {
            loader: path.join(__dirname, '../citations/dependencies.cjs'),
            options: {
              files: [...site.documents.values()].map((d) => d.path),
              folders: [docsDir, path.resolve(context.siteDir, 'bibliography')],
            },
          },
        ],
      };
      return { module: { rules: [dependencies, rule] } };
    },
  };
}
