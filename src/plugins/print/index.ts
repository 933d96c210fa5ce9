/**
 * Docusaurus plugin for /print: the introduction and every chapter on one page, with one
 * combined bibliography, for reading offline or saving as PDF. The page is an MDX stub that
 * remarkPrintEdition fills with the essay pages before the citation plugin renders them.
 */
import fs from 'node:fs';
import path from 'node:path';

import { createMDXLoaderRule } from '@docusaurus/mdx-loader';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { addTrailingPathSeparator } from '@docusaurus/utils';

import { listDocuments, validateOptions, type CitationOptions } from '../../citations';
import { sourcesRule } from '../citations';
import remarkCitations from '../../remark/citations';
import remarkCodeHighlighter from '../../remark/codeHighlighter';
import remarkPrintEdition from '../../remark/printEdition';

const NAME = 'digital-divide-print';

export interface PrintOptions {
  citations: CitationOptions;
  title: string;
  /** Under the title on the title page. */
  subtitle?: string;
}

/** What the print edition's title page names besides its title (dates as a reader writes them). */
export interface TitlePage {
  subtitle?: string;
  original?: { publisher: string; date: string; url: string };
  edition?: { title: string; date: string; url: string };
}

/** "2020-09-22" → "22 September 2020", the way the essay writes dates. */
function readableDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

function titlePageOf(citations: CitationOptions, subtitle: string | undefined): TitlePage {
  const edition = validateOptions(citations).edition;
  return {
    ...(subtitle ? { subtitle } : {}),
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
            url: edition.url,
          },
        }
      : {}),
  };
}

export default async function printPlugin(context: LoadContext, options: unknown): Promise<Plugin> {
  const { citations, title, subtitle } = options as PrintOptions & { id?: string };
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
        [remarkPrintEdition, { docsDir }],
        [remarkCitations, citations],
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
        props: { titlePage: titlePageOf(citations, subtitle) },
        exact: true,
      });
    },

    configureWebpack() {
      // The page is made of the chapters: it must follow their edits too.
      const chapters = sourcesRule(
        context.siteDir,
        validateOptions(citations),
        [addTrailingPathSeparator(dir)],
        {
          files: listDocuments(docsDir),
          folders: [docsDir],
        },
      );
      return { module: { rules: [chapters, rule] } };
    },
  };
}
