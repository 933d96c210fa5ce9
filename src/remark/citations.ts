/**
 * remark plugin: turns `[@key]` citations into links to the document's reference list, and
 * appends that list under a "References" heading. It must run among Docusaurus's
 * `beforeDefaultRemarkPlugins`, so that the heading gets an id and a table-of-contents entry.
 *
 * All the work is the engine's; this file only moves nodes.
 */
import path from 'node:path';

import type { Element } from 'hast';
import type { BlockContent, Heading, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';

import {
  applyPolicy,
  displayPath,
  documentName,
  EXPORT_SUFFIXES,
  exportFileBase,
  findCitations,
  findPassage,
  frontMatterOf,
  h,
  loadContext,
  pageDate,
  passageAnchor,
  permalinkOf,
  renderInStyles,
  siteScope,
  text,
  validateOptions,
  type CitationOptions,
  type FoundCitation,
} from '../citations';
import { esmExport } from './esm';
import { pageMeta } from './pageMeta';

/** An mdast node that becomes the given hast element when the document turns into HTML. */
function fromHast<T extends PhrasingContent | BlockContent>(type: T['type'], element: Element): T {
  return {
    type,
    children: [],
    data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children },
  } as unknown as T;
}

/**
 * A citation in the tree: a text node, so that what reads a heading's text (the table of
 * contents, heading ids) reads the citation's text, that becomes `element` in the HTML.
 */
function citationNode(value: string, element: Element): Text {
  return {
    type: 'text',
    value,
    data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children },
  };
}

function unresolved(raw: string): Text {
  return citationNode(raw, {
    type: 'element',
    tagName: 'mark',
    properties: { className: ['citation-unresolved'], title: 'Unknown citation key' },
    children: [{ type: 'text', value: raw }],
  });
}

/** Replaces each text node holding citations by the text around them and the citations. */
function spliceCitations(
  citations: FoundCitation[],
  rendered: Map<FoundCitation, { element: Element; text: string }>,
): void {
  const byNode = new Map<Text, FoundCitation[]>();
  for (const c of citations) byNode.set(c.node, [...(byNode.get(c.node) ?? []), c]);
  for (const [node, list] of byNode) {
    const parent = list[0]!.parent;
    const replacement: PhrasingContent[] = [];
    let cursor = 0;
    for (const c of list) {
      if (c.start > cursor)
        replacement.push({ type: 'text', value: node.value.slice(cursor, c.start) });
      const done = rendered.get(c);
      replacement.push(
        done ? citationNode(done.text, done.element) : unresolved(node.value.slice(c.start, c.end)),
      );
      cursor = c.end;
    }
    if (cursor < node.value.length)
      replacement.push({ type: 'text', value: node.value.slice(cursor) });
    const index = (parent.children as RootContent[]).indexOf(node);
    (parent.children as RootContent[]).splice(index, 1, ...replacement);
  }
}

/** Docusaurus hands the parsed front matter over in `file.data`; elsewhere we read it ourselves. */
function pageFrontMatter(tree: Root, file: VFile): Record<string, unknown> {
  return (
    (file.data as { frontMatter?: Record<string, unknown> }).frontMatter ?? frontMatterOf(tree)
  );
}

/**
 * "Download these references": the page's own files, written by the site plugin. Both .bib
 * dialects are offered, each named for what reads it.
 */
function downloads(permalink: string): Element {
  const base = exportFileBase(permalink);
  const link = (format: 'biblatex' | 'bibtex' | 'ris', label: string) =>
    // pathname:// tells Docusaurus this is a file, not a page of the site.
    h(
      'a',
      {
        href: `pathname:///references/${base}${EXPORT_SUFFIXES[format]}`,
        download: `${base}${EXPORT_SUFFIXES[format]}`,
      },
      [text(label)],
    );
  return h('p', { className: ['references-downloads'] }, [
    text('Download these references: '),
    link('biblatex', 'BibLaTeX (.bib, for biber)'),
    text(' · '),
    link('bibtex', 'BibTeX (.bib, for classic bibtex)'),
    text(' · '),
    link('ris', 'RIS (.ris)'),
  ]);
}

/**
 * "Citation style: [APA ▾]": the choice is applied site-wide by src/clientModules/citationStyle.ts.
 */
function styleSwitcher(styles: readonly { id: string; label: string }[]): Element {
  return h('p', { className: ['citation-style-switcher'] }, [
    h('label', {}, [
      text('Citation style '),
      h(
        'select',
        // autocomplete off: a browser must not restore a choice the page no longer shows.
        { className: ['citation-style-select'], name: 'citation-style', autoComplete: ['off'] },
        styles.map((s) => h('option', { value: s.id }, [text(s.label)])),
      ),
    ]),
  ]);
}

export default function remarkCitations(options: CitationOptions = {}) {
  const resolved = validateOptions(options);
  return (tree: Root, file: VFile): void => {
    // Docusaurus runs from the site directory; paths in the options are relative to it.
    const context = loadContext(resolved, file.cwd);
    const shown = displayPath(file.path, file.cwd);
    const { citations, diagnostics } = findCitations(
      tree,
      String(file.value),
      shown,
      context.library,
    );
    // Docusaurus does not show vfile messages, so warnings go straight to the terminal.
    applyPolicy(diagnostics, resolved.onBrokenCitations, (message) =>
      process.stderr.write(`[WARNING] ${message}\n`),
    );

    const frontMatter = pageFrontMatter(tree, file);
    const docsDir = path.join(file.cwd, 'docs');
    const inDocs = !path.relative(docsDir, file.path).startsWith('..');
    const permalink = permalinkOf(
      path
        .relative(inDocs ? docsDir : file.cwd, file.path)
        .split(path.sep)
        .join('/'),
      frontMatter.slug,
    );
    // Anchors where the timeline's events are told, for its links to land on.
    const name = inDocs ? documentName(docsDir, file.path) : undefined;
    for (const event of context.timeline?.events ?? []) {
      if (event.chapter !== name) continue;
      findPassage(tree, event.passage)?.children.unshift(
        fromHast<PhrasingContent>(
          'emphasis',
          h('a', { id: passageAnchor(event.id), className: ['passage-anchor'] }),
        ),
      );
    }

    const ok = citations.filter((c) => c.resolved);
    // Labels are the site's: this page's citations are rendered among every work the site
    // cites (its own included, for a page outside the docs folder).
    const document =
      ok.length > 0
        ? renderInStyles(
            context,
            siteScope(
              context,
              docsDir,
              ok.flatMap((c) => c.items.map((i) => i.key)),
            ),
            ok,
          )
        : undefined;
    spliceCitations(
      citations,
      new Map(
        ok.map((c, i) => [c, { element: document!.clusters[i]!, text: document!.texts[i]! }]),
      ),
    );

    if (document) {
      const heading: Heading = {
        type: 'heading',
        depth: 2,
        children: [{ type: 'text', value: resolved.referencesTitle }],
      };
      tree.children.push(
        heading,
        ...(context.styles.length > 1
          ? [fromHast<BlockContent>('paragraph', styleSwitcher(context.styles))]
          : []),
        fromHast<BlockContent>('paragraph', document.references),
        fromHast<BlockContent>('paragraph', downloads(permalink)),
      );
    }

    if (resolved.edition && typeof frontMatter.title === 'string') {
      const meta = pageMeta(
        context,
        resolved.edition,
        {
          title: frontMatter.title,
          permalink,
          issued: pageDate(frontMatter, resolved.edition, shown),
          whole: permalink === '/',
          citeThis: frontMatter.cite_this !== false,
        },
        document?.keys ?? [],
      );
      tree.children.push(esmExport('citationMeta', meta));
    }
  };
}
