/**
 * remark plugin: turns `[@key]` citations into `<CitationDocumentCitation>` elements and appends
 * the document's reference list under a "References" heading, with `<CitationDocumentReferences>`;
 * both are the plugin's theme components. What they render from (the engine's data, with the
 * document's "Cite this") goes, in a build, to a JSON file of the document's own, which the page
 * loads only when the browser must render it (src/plugin/deferred.tsx); under `npm start`, into
 * the page's module. It must run among Docusaurus's `beforeDefaultRemarkPlugins`, so that the
 * heading gets an id and a table-of-contents entry.
 *
 * It takes no options: the citations plugin of the same site holds them, with the site's
 * documents (src/plugin/store.ts). All the work is the engine's; this file only
 * moves nodes.
 */
import path from 'node:path';

import { aliasedSitePath, normalizeUrl } from '@docusaurus/utils';
import type { Element } from 'hast';
import type { Heading, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

import {
  applyPolicy,
  createScope,
  displayPath,
  findCitations,
  findPassage,
  h,
  loadContext,
  pageDate,
  passageAnchor,
  renderInStyles,
  type ClusterData,
  type Diagnostic,
  type FoundCitation,
} from '../citations';
import { documentExportPath } from '../plugin/documents';
import type { DownloadData } from '../plugin/types';
import { writeIfChanged } from '../plugin/files';
import { siteOfFile } from '../plugin/store';
import { Binding, defaultImport, esmExport, jsxElement, lazyExport, loadedExport } from './esm';
import type { DeferredData } from '../plugin/deferred';
import { pageMeta } from './pageMeta';

/** The theme components the plugin's markup uses, under the names documents import them as. */
const COMPONENTS = {
  citation: { name: 'CitationsCitation', source: '@theme/Citation' },
  textCitation: { name: 'CitationsDocumentCitation', source: '@theme/CitationDocumentCitation' },
  references: {
    name: 'CitationsDocumentReferences',
    source: '@theme/CitationDocumentReferences',
  },
  section: { name: 'CitationsReferencesSection', source: '@theme/CitationReferencesSection' },
} as const;

/** An mdast node that becomes the given hast element when the document turns into HTML. */
function fromHast(element: Element): PhrasingContent {
  return {
    type: 'emphasis',
    children: [],
    data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children },
  } as PhrasingContent;
}

function unresolved(raw: string): PhrasingContent {
  return fromHast(
    h('mark', { className: ['citation-unresolved'], title: 'Unknown citation key' }, [
      { type: 'text', value: raw },
    ]),
  );
}

/**
 * A citation in a heading: a text node, so that what reads a heading's text (its id, the table of
 * contents, which Docusaurus serialises itself) reads the citation's text, that becomes the
 * same <Citation> in the page, its data as JSON (a text node carries no expressions).
 */
function inHeading(cluster: ClusterData, value: string): Text {
  return {
    type: 'text',
    value,
    data: {
      hName: COMPONENTS.citation.name,
      hProperties: { json: JSON.stringify(cluster) },
      hChildren: [],
    },
  } as Text;
}

/** Replaces each text node holding citations by the text around them and the citations. */
function spliceCitations(
  citations: FoundCitation[],
  rendered: Map<FoundCitation, { cluster: ClusterData; text: string; index: number }>,
  inHeadings: ReadonlySet<Text>,
  /** The export that loads the document's deferred data (src/plugin/deferred.tsx). */
  deferredExport: string,
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
        !done
          ? unresolved(node.value.slice(c.start, c.end))
          : inHeadings.has(node)
            ? inHeading(done.cluster, done.text)
            : jsxElement<MdxJsxTextElement>('mdxJsxTextElement', COMPONENTS.textCitation.name, {
                loader: new Binding(deferredExport),
                index: done.index,
              }),
      );
      cursor = c.end;
    }
    if (cursor < node.value.length)
      replacement.push({ type: 'text', value: node.value.slice(cursor) });
    const index = (parent.children as RootContent[]).indexOf(node);
    (parent.children as RootContent[]).splice(index, 1, ...replacement);
  }
}

export default function remarkCitations() {
  return async (tree: Root, file: VFile): Promise<void> => {
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
    const document = site.documents.get(aliasedSitePath(file.path, siteDir));
    if (!document) {
      // A partial (`_name.mdx`) or another file the content plugins do not list as a page:
      // its citations would have no reference list to link to.
      diagnostics.push(
        ...citations.map((c): Diagnostic => ({
          file: shown,
          line: c.line,
          column: c.column,
          ruleId: 'not-a-document',
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
        fromHast(h('a', { id: passageAnchor(event.id), className: ['passage-anchor'] })),
      );
    }

    const ok = citations.filter((c) => c.resolved);
    // Labels are the site's: this page's citations are rendered among every work the site
    // publishes, in the site's order (see the citations plugin); its own works are among them,
    // unless the site's are not known (a page compiled on its own, as in the fixture tests).
    const scope = createScope(
      context.library,
      [...site.scope, ...ok.flatMap((c) => c.items.map((i) => i.key))],
      [],
    );
    const data =
      ok.length === 0
        ? undefined
        : site.renderer
          ? await site.renderer.document(context, scope, ok, shown)
          : renderInStyles(context, scope, ok);
    const inHeadings = new Set<Text>();
    visit(tree, 'heading', (heading) => {
      visit(heading, 'text', (node) => {
        inHeadings.add(node);
      });
    });
    // What the page renders only where no server HTML shows it already (src/plugin/deferred.tsx):
    // in a build, out of the page's module, so that a first visit does not download it; under
    // `npm start`, in it (see SiteState's `inlineDeferred`).
    const deferred: DeferredData = {};
    const deferredExport = 'citationDeferred';
    spliceCitations(
      citations,
      new Map(
        ok.map((c, index) => [
          c,
          { cluster: data!.clusters[index]!, text: data!.texts[index]!, index },
        ]),
      ),
      inHeadings,
      deferredExport,
    );

    if (data) {
      const heading: Heading = {
        type: 'heading',
        depth: 2,
        children: [{ type: 'text', value: options.referencesTitle }],
      };
      const downloads: DownloadData[] = (['biblatex', 'bibtex', 'ris'] as const).map((format) => ({
        format,
        path: documentExportPath(document, format),
      }));
      deferred.clusters = data.clusters;
      deferred.references = {
        entries: data.entries,
        styles: context.styles.map(({ id, label }) => ({ id, label })),
        downloads,
      };
      const references = jsxElement<MdxJsxFlowElement>(
        'mdxJsxFlowElement',
        COMPONENTS.references.name,
        { loader: new Binding(deferredExport), choice: context.styles.length > 1 },
      );
      tree.children.unshift(
        // Citations in headings carry their data (see inHeading): only they need Citation here.
        ...(ok.some((c) => inHeadings.has(c.node))
          ? [defaultImport(COMPONENTS.citation.name, COMPONENTS.citation.source)]
          : []),
        defaultImport(COMPONENTS.textCitation.name, COMPONENTS.textCitation.source),
        defaultImport(COMPONENTS.references.name, COMPONENTS.references.source),
        defaultImport(COMPONENTS.section.name, COMPONENTS.section.source),
      );
      tree.children.push(
        jsxElement<MdxJsxFlowElement>('mdxJsxFlowElement', COMPONENTS.section.name, {}, [
          heading,
          references,
        ]),
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
          issued: pageDate(document.frontMatter, options.edition, shown),
          whole: document.permalink === site.baseUrl,
          citeThis: document.frontMatter.cite_this !== false,
          siteUrl: normalizeUrl([site.siteUrl, site.baseUrl]).replace(/\/$/, ''),
          terms: options.terms,
        },
        data?.entries.map((e) => e.key) ?? [],
      );
      const { cite, ...rest } = meta;
      if (cite) deferred.cite = cite;
      tree.children.push(esmExport('citationMeta', cite ? { ...rest, citeThis: true } : rest));
    }

    if (deferred.references || deferred.cite) {
      tree.children.push(
        site.inlineDeferred
          ? loadedExport(deferredExport, deferred)
          : lazyExport(
              deferredExport,
              writeDeferredFile(site.deferredDir, document.name, deferred),
            ),
      );
    }
  };
}

/** Writes a document's deferred data to `<dir>/<name>.json`, unless it holds it already. */
function writeDeferredFile(dir: string, name: string, data: DeferredData): string {
  const file = path.join(dir, `${name}.json`);
  writeIfChanged(file, JSON.stringify(data));
  return file;
}
