/**
 * remark plugin: turns `[@key]` citations into links to the document's reference list, and
 * appends that list under a "References" heading. It must run among Docusaurus's
 * `beforeDefaultRemarkPlugins`, so that the heading gets an id and a table-of-contents entry.
 *
 * All the work is the engine's; this file only moves nodes.
 */
import { aliasedSitePath, normalizeUrl } from '@docusaurus/utils';
import type { Element } from 'hast';
import type { BlockContent, Heading, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';

import {
  applyPolicy,
  displayPath,
  findCitations,
  findPassage,
  h,
  loadContext,
  passageAnchor,
  renderInStyles,
  text,
  type FoundCitation,
} from '../citations';
import { documentExportPath, type SiteDocument } from '../plugins/citations/documents';
import { siteOfFile } from '../plugins/citations/store';
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

function unresolved(raw: string): PhrasingContent {
  return fromHast<PhrasingContent>('emphasis', {
    type: 'element',
    tagName: 'mark',
    properties: { className: ['citation-unresolved'], title: 'Unknown citation key' },
    children: [{ type: 'text', value: raw }],
  });
}

/** Replaces each text node holding citations by the text around them and the citations. */
function spliceCitations(citations: FoundCitation[], rendered: Map<FoundCitation, Element>): void {
  const byNode = new Map<Text, FoundCitation[]>();
  for (const c of citations) byNode.set(c.node, [...(byNode.get(c.node) ?? []), c]);
  for (const [node, list] of byNode) {
    const parent = list[0]!.parent;
    const replacement: PhrasingContent[] = [];
    let cursor = 0;
    for (const c of list) {
      if (c.start > cursor)
        replacement.push({ type: 'text', value: node.value.slice(cursor, c.start) });
      const element = rendered.get(c);
      replacement.push(
        element
          ? fromHast<PhrasingContent>('emphasis', element)
          : unresolved(node.value.slice(c.start, c.end)),
      );
      cursor = c.end;
    }
    if (cursor < node.value.length)
      replacement.push({ type: 'text', value: node.value.slice(cursor) });
    const index = (parent.children as RootContent[]).indexOf(node);
    (parent.children as RootContent[]).splice(index, 1, ...replacement);
  }
}

/** "Download these references": the document's own .bib and .ris, written by the site plugin. */
function downloads(document: SiteDocument): Element {
  const link = (ext: string, label: string) =>
    // pathname:// tells Docusaurus this is a file, not a page of the site; Link adds the base URL.
    h(
      'a',
      {
        href: `pathname:///${documentExportPath(document, ext)}`,
        download: `${document.name}.${ext}`,
      },
      [text(label)],
    );
  return h('p', { className: ['references-downloads'] }, [
    text('Download these references: '),
    link('bib', 'BibTeX (.bib)'),
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

/**
 * The remark plugin. It takes no options: the citations plugin of the same site config holds
 * them, with everything else it needs (see src/plugins/citations/store.ts).
 */
export default function remarkCitations() {
  return (tree: Root, file: VFile): void => {
    const site = siteOfFile(file.path);
    if (!site) {
      throw new Error(
        `${file.path}: the citations remark plugin needs the citations plugin in the plugins of the same site's config`,
      );
    }
    const { options, siteDir } = site;
    const context = loadContext(options, siteDir);
    const shown = displayPath(file.path, siteDir);
    const { citations, diagnostics } = findCitations(
      tree,
      String(file.value),
      shown,
      context.library,
    );
    const document =
      site.documents.get(aliasedSitePath(file.path, siteDir)) ??
      (file.data.printDocument as SiteDocument | undefined);
    if (!document) {
      // A partial (`_name.mdx`) or another file the content plugins do not list as a page:
      // its citations would have no reference list to link to.
      diagnostics.push(
        ...citations.map((c) => ({
          file: shown,
          line: c.line,
          column: c.column,
          ruleId: 'not-a-document' as const,
          message: `Citations are rendered only in documents, and ${shown} is not one (a partial?); cite in the document that includes it`,
        })),
      );
    }
    // Docusaurus does not show vfile messages, so warnings go straight to the terminal.
    applyPolicy(diagnostics, options.onBrokenCitations, (message) =>
      process.stderr.write(`[WARNING] ${message}\n`),
    );
    if (!document) return;

    // Anchors where the timeline's events are told, for its links to land on.
    for (const event of context.timeline?.events ?? []) {
      if (event.chapter !== document.file) continue;
      findPassage(tree, event.passage)?.children.unshift(
        fromHast<PhrasingContent>(
          'emphasis',
          h('a', { id: passageAnchor(event.id), className: ['passage-anchor'] }),
        ),
      );
    }

    const ok = citations.filter((c) => c.resolved);
    const rendered = ok.length > 0 ? renderInStyles(context, ok) : undefined;
    spliceCitations(citations, new Map(ok.map((c, i) => [c, rendered!.clusters[i]!])));

    if (rendered) {
      const heading: Heading = {
        type: 'heading',
        depth: 2,
        children: [{ type: 'text', value: options.referencesTitle }],
      };
      tree.children.push(
        heading,
        ...(context.styles.length > 1
          ? [fromHast<BlockContent>('paragraph', styleSwitcher(context.styles))]
          : []),
        fromHast<BlockContent>('paragraph', rendered.references),
        // The print edition (a page made of the others, until it is one of them) has no files.
        ...(document.pluginId === 'print'
          ? []
          : [fromHast<BlockContent>('paragraph', downloads(document))]),
      );
    }

    if (options.edition && document.kind === 'doc') {
      const meta = pageMeta(
        context,
        options.edition,
        {
          title: document.title,
          url: normalizeUrl([site.siteUrl, document.permalink]),
          name: document.name,
          whole: document.permalink === site.baseUrl,
          citeThis: document.frontMatter.cite_this !== false,
          siteUrl: normalizeUrl([site.siteUrl, site.baseUrl]).replace(/\/$/, ''),
          terms: options.terms,
        },
        rendered?.keys ?? [],
      );
      tree.children.push(esmExport('citationMeta', meta));
    }
  };
}
