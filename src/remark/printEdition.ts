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

import { displayPath, frontMatterOf, listDocuments, parseMdx, permalinkOf } from '../citations';

export interface PrintEditionOptions {
  /** The docs folder, absolute. */
  docsDir: string;
}

interface Chapter {
  file: string;
  title: string;
  permalink: string;
  position: number;
  tree: Root;
}

/** Every page in sidebar order, each marked with whether it belongs in print (`print: false`). */
export function readChapters(docsDir: string): (Chapter & { printed: boolean })[] {
  return listDocuments(docsDir)
    .map((file) => {
      const tree = parseMdx(
        fs.readFileSync(file, 'utf8'),
        displayPath(file, path.dirname(docsDir)),
      );
      const fm = frontMatterOf(tree);
      return {
        file,
        fm,
        tree,
        // The sidebar's name for a page ("Introduction") reads better as a chapter heading.
        title: String(fm.sidebar_label ?? fm.title ?? path.basename(file)),
        permalink: permalinkOf(path.relative(docsDir, file).split(path.sep).join('/'), fm.slug),
        position: typeof fm.sidebar_position === 'number' ? fm.sidebar_position : Infinity,
        printed: fm.print !== false,
      };
    })
    .sort((a, b) => a.position - b.position || a.file.localeCompare(b.file));
}

export default function remarkPrintEdition({ docsDir }: PrintEditionOptions) {
  return (tree: Root, file: VFile): void => {
    const pages = readChapters(docsDir);
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
  };
}
