/**
 * remark plugin for the print edition: replaces the (empty) body of the /print page by every
 * essay page in reading order, each under its title, so that the citation plugin that runs
 * next renders the whole essay with one engine and one combined bibliography.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Heading, Link, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

import { parseMdx } from '../citations';
import type { SiteDocument } from '../plugins/citations/documents';
import { siteOfFile } from '../plugins/citations/store';

export interface PrintEditionOptions {
  /** The print edition as a document of the site: its permalink and name. */
  page: Pick<SiteDocument, 'permalink' | 'name' | 'title'>;
}

export default function remarkPrintEdition({ page }: PrintEditionOptions) {
  return (tree: Root, file: VFile): void => {
    const site = siteOfFile(file.path)!;
    // The default docs instance's documents, in reading order.
    const pages = [...site.documents.values()]
      .filter((d) => d.kind === 'doc' && d.pluginId === 'default')
      .map((d) => ({
        file: d.path,
        tree: parseMdx(fs.readFileSync(d.path, 'utf8')),
        // The sidebar's name for a page ("Introduction") reads better as a chapter heading.
        title: d.label,
        permalink: d.permalink,
        printed: d.frontMatter.print !== false,
      }));
    const permalinks = new Map(pages.map((c) => [path.resolve(c.file), c.permalink]));
    const chapters = pages.filter((c) => c.printed);
    const body: RootContent[] = [];
    for (const chapter of chapters) {
      const content = chapter.tree.children.filter((n) => n.type !== 'yaml');
      // One level down: the page's title becomes a chapter heading, its sections sub-headings.
      visit({ type: 'root', children: content } as Root, 'heading', (heading: Heading) => {
        heading.depth = Math.min(6, heading.depth + 1) as Heading['depth'];
      });
      // Links between pages point at the pages online: the print edition has no other copy.
      visit({ type: 'root', children: content } as Root, 'link', (link: Link) => {
        if (/^(\w+:|#|\/)/.test(link.url) || !/\.mdx?(#.*)?$/.test(link.url)) return;
        const [target, hash] = link.url.split('#');
        const permalink = permalinks.get(path.resolve(path.dirname(chapter.file), target!));
        if (permalink) link.url = `${permalink}${hash ? `#${hash}` : ''}`;
      });
      body.push(
        {
          type: 'heading',
          depth: 2,
          children: [{ type: 'text', value: chapter.title }],
          data: { hProperties: { className: ['print-chapter'], dataPermalink: chapter.permalink } },
        },
        ...content,
      );
    }
    // Keep the stub's own front matter; the rest is the essay.
    tree.children = [...tree.children.filter((n) => n.type === 'yaml'), ...body];
    file.data.printChapters = chapters.map((c) => c.permalink);
    // Read by the citations plugin that runs next: this page is a document of the site too.
    file.data.printDocument = {
      source: '',
      file: path.relative(site.siteDir, file.path),
      path: file.path,
      ...page,
      label: page.title,
      kind: 'doc',
      pluginId: 'print',
      frontMatter: { cite_this: false },
    } satisfies SiteDocument;
  };
}
