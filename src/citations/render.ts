/**
 * Rendering with citeproc-js. Every document gets its own engine and all its citations are
 * processed in one batch, so that disambiguation (2020a/2020b), sorting and numbering are
 * those of that document; nothing is shared with citation-js's global engine cache.
 */
import CSL, { type Citation, type CitationItem, type Engine } from 'citeproc';
import type { Element, ElementContent } from 'hast';

import { retrieveLocale, type CslItem, type CslStyle } from './csl';
import { citeprocHtmlToHast, h, ITEM_MARKER, text, toText } from './hast';
import { exportItems } from './export';
import type { Library } from './library';
import type { CiteItem } from './syntax';

export interface ClusterInput {
  items: readonly CiteItem[];
  narrative: boolean;
}

export interface RenderedEntry {
  key: string;
  /** The formatted reference, without a wrapper element. */
  content: ElementContent[];
}

export interface RenderedDocument {
  /** One `span.citation` per input cluster, in input order. */
  clusters: Element[];
  /** The document's reference list: a `ul` of entries with ids and back-links. */
  references: Element;
  /** Cited keys, in the style's bibliography order. */
  keys: string[];
}

/** The id of the n-th (1-based) citation of a document: what back-links point to. */
export function citationAnchor(n: number): string {
  return `citation-${n}`;
}

/** What an engine can cite: keys in a stable order, and the item behind each. */
interface ItemSource {
  keys: readonly string[];
  get(key: string): CslItem | undefined;
}

function librarySource(library: Library): ItemSource {
  return {
    keys: [...library.entries.keys()],
    get: (key) => library.entries.get(key)?.csl,
  };
}

function createEngine(source: ItemSource, style: CslStyle): Engine {
  const keyIndex = new Map(source.keys.map((k, i) => [k, i]));
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang) => retrieveLocale(style, lang),
      retrieveItem: (id): CslItem & { system_id: string } => {
        const item = source.get(id);
        if (!item) throw new Error(`No entry for citation key "${id}"`);
        // system_id turns on citeproc's per-item wrapper; a copy, since citeproc annotates items.
        return { ...structuredClone(item), system_id: id };
      },
      // Marks where each cited item starts and ends, so that each can link to its own entry.
      // The index, not the key, goes into the markup: keys may hold any character.
      wrapCitationEntry: (str, id) =>
        `<span data-cite-item="${keyIndex.get(id) ?? ''}">${str}</span>`,
    },
    style.xml,
    style.locale,
    true,
  );
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.opt.development_extensions.apply_citation_wrapper = true;
  return engine;
}

function toCiteprocItem(item: CiteItem): CitationItem {
  return {
    id: item.key,
    ...(item.prefix ? { prefix: `${item.prefix} ` } : {}),
    ...(item.suffix
      ? { suffix: /^[,;.:]/.test(item.suffix) ? item.suffix : ` ${item.suffix}` }
      : {}),
    ...(item.locator ? { locator: item.locator, label: item.label ?? 'page' } : {}),
    ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
  };
}

interface Marked {
  index: number;
  node: Element;
}

function findMarkers(nodes: ElementContent[], found: Marked[] = []): Marked[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (ITEM_MARKER in node.properties) {
      found.push({ index: Number(node.properties[ITEM_MARKER] ?? NaN), node });
    } else {
      findMarkers(node.children, found);
    }
  }
  return found;
}

/**
 * Replaces citeproc's item wrappers by links to the entries. When the wrappers cannot be
 * trusted to map one-to-one onto the cited items (numeric ranges such as "1–3" collapse
 * items), the whole citation becomes one link to its first item.
 */
function linkItems(
  content: ElementContent[],
  cluster: ClusterInput,
  keys: readonly string[],
  library: Library,
  id: string,
  layout: { prefix: string; suffix: string },
): ElementContent[] {
  const markers = findMarkers(content);
  const clusterKeys = cluster.items.map((i) => i.key);
  const markedKeys = markers.map((m) => keys[m.index]);
  const oneToOne =
    !cluster.narrative &&
    markers.length === clusterKeys.length &&
    markedKeys.every((k) => k !== undefined && clusterKeys.includes(k)) &&
    new Set(markedKeys).size === markedKeys.length;

  const link = (key: string, children: ElementContent[], first: boolean): Element =>
    h(
      'a',
      { href: `#${library.anchorOf(key)}`, className: ['citation-link'], ...(first ? { id } : {}) },
      children,
    );

  if (oneToOne) {
    markers.forEach((m, i) => {
      const anchor = link(keys[m.index]!, m.node.children, i === 0);
      Object.assign(m.node, anchor);
    });
    // citeproc leaves the style's outer affixes, "(" and ")", off when it wraps items.
    return wrapBetween(content, markers[0]!.node, markers.at(-1)!.node, layout);
  }
  const whole =
    markers.length > 0
      ? wrapBetween(content, markers[0]!.node, markers.at(-1)!.node, layout)
      : [text(layout.prefix), ...content, text(layout.suffix)].filter(notEmptyText);
  return [link(clusterKeys[0]!, unwrapMarkers(whole), true)];
}

/** Replaces marker spans by their content: they carry nothing a reader needs. */
function unwrapMarkers(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'element') return [node];
    const children = unwrapMarkers(node.children);
    return ITEM_MARKER in node.properties ? children : [{ ...node, children }];
  });
}

const notEmptyText = (n: ElementContent) => !(n.type === 'text' && n.value === '');

function wrapBetween(
  content: ElementContent[],
  first: Element,
  last: Element,
  layout: { prefix: string; suffix: string },
): ElementContent[] {
  const firstIndex = content.indexOf(first);
  const lastIndex = content.indexOf(last);
  if (firstIndex === -1 || lastIndex === -1) {
    return [text(layout.prefix), ...content, text(layout.suffix)].filter(notEmptyText);
  }
  return [
    ...content.slice(0, firstIndex),
    text(layout.prefix),
    ...content.slice(firstIndex, lastIndex + 1),
    text(layout.suffix),
    ...content.slice(lastIndex + 1),
  ].filter(notEmptyText);
}

function mergeText(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    const previous = out.at(-1);
    if (node.type === 'text' && previous?.type === 'text') {
      previous.value += node.value;
    } else {
      if (node.type === 'element') node.children = mergeText(node.children);
      out.push(node);
    }
  }
  return out;
}

function entriesOf(engine: Engine): { entries: RenderedEntry[]; hanging: boolean } {
  const result = engine.makeBibliography();
  if (!result) return { entries: [], hanging: false };
  const [params, html] = result;
  const entries = html.map((entryHtml, i) => {
    const [div] = citeprocHtmlToHast(entryHtml.trim()).filter((n) => n.type === 'element');
    return {
      key: params.entry_ids[i]![0]!,
      content: mergeText(div && div.type === 'element' ? div.children : []),
    };
  });
  return { entries, hanging: Boolean(params.hangingindent) };
}

function backLinkLabel(i: number): string {
  // a … z, then aa, ab, …
  let n = i;
  let label = '';
  do {
    label = String.fromCharCode(97 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

function backLinks(citations: readonly string[]): Element {
  if (citations.length === 1) {
    return h('span', { className: ['citation-backlinks'] }, [
      h('a', { href: `#${citations[0]}`, 'aria-label': 'Back to the citation in the text' }, [
        text('↩'),
      ]),
    ]);
  }
  return h('span', { className: ['citation-backlinks'] }, [
    h('span', { 'aria-hidden': 'true' }, [text('↩')]),
    ...citations.flatMap((id, i) => [
      text(' '),
      h(
        'a',
        {
          href: `#${id}`,
          'aria-label': `Back to citation ${i + 1} of ${citations.length} in the text`,
        },
        [text(backLinkLabel(i))],
      ),
    ]),
  ]);
}

/**
 * Renders a document's citations (every key must be in the library) and its reference list.
 */
export function renderDocument(
  library: Library,
  style: CslStyle,
  clusters: readonly ClusterInput[],
): RenderedDocument {
  const source = librarySource(library);
  const keys = source.keys;
  const engine = createEngine(source, style);
  const citations: Citation[] = clusters.map((cluster, i) => ({
    citationID: `c${i + 1}`,
    citationItems: cluster.items.map(toCiteprocItem),
    properties: {
      noteIndex: engine.opt.xclass === 'note' ? i + 1 : 0,
      ...(cluster.narrative ? { mode: 'composite' as const } : {}),
    },
  }));
  const output = new Map(
    engine.rebuildProcessorState(citations, 'html').map(([id, , html]) => [id, html]),
  );
  const layout = {
    prefix: engine.citation.opt.layout_prefix ?? '',
    suffix: engine.citation.opt.layout_suffix ?? '',
  };

  const citedBy = new Map<string, string[]>();
  const rendered = clusters.map((cluster, i) => {
    const id = citationAnchor(i + 1);
    for (const item of cluster.items) {
      const list = citedBy.get(item.key) ?? [];
      if (!list.includes(id)) list.push(id);
      citedBy.set(item.key, list);
    }
    const html = output.get(`c${i + 1}`) ?? '';
    const content = linkItems(citeprocHtmlToHast(html), cluster, keys, library, id, layout);
    return h(
      'span',
      { className: ['citation'], dataCites: cluster.items.map((item) => item.key).join(' ') },
      mergeText(content),
    );
  });

  const { entries, hanging } = entriesOf(engine);
  const references = h(
    'ul',
    { className: ['references', 'csl-bib-body', ...(hanging ? ['csl-hanging-indent'] : [])] },
    entries.map((entry) =>
      h('li', { id: library.anchorOf(entry.key), className: ['csl-entry'], dataKey: entry.key }, [
        ...entry.content,
        text(' '),
        entryActions(library, entry.key),
        text(' '),
        backLinks(citedBy.get(entry.key) ?? []),
      ]),
    ),
  );
  return { clusters: rendered, references, keys: entries.map((e) => e.key) };
}

/**
 * The formatted entries for `keys` (all entries when omitted), in the style's order, for the
 * site bibliography and exports of formatted text.
 */
export function renderEntries(
  library: Library,
  style: CslStyle,
  keys: readonly string[] = [...library.entries.keys()],
): { entries: RenderedEntry[]; hanging: boolean } {
  const engine = createEngine(librarySource(library), style);
  engine.updateItems([...keys]);
  return entriesOf(engine);
}

/** Formatted entries for items outside the library (the edition citing itself). */
export function renderItems(
  items: readonly CslItem[],
  style: CslStyle,
): { entries: RenderedEntry[]; hanging: boolean } {
  const byId = new Map(items.map((item) => [item.id, item]));
  const engine = createEngine({ keys: [...byId.keys()], get: (key) => byId.get(key) }, style);
  engine.updateItems([...byId.keys()]);
  return entriesOf(engine);
}

/**
 * Each key's in-text citation on its own ("Gallagher, 2018"), as plain text, disambiguated
 * across the whole library: what `cite list` shows beside each key.
 */
export function shortReferences(library: Library, style: CslStyle): Map<string, string> {
  const keys = [...library.entries.keys()];
  const { clusters } = renderDocument(
    library,
    style,
    keys.map((key) => ({ items: [{ key, offset: 0 }], narrative: false })),
  );
  return new Map(keys.map((key, i) => [key, toText([clusters[i]!])]));
}

/** A file name made of a key: keys may hold "/" and ":". */
export function fileNameOf(key: string): string {
  return key.replace(/[^\w.-]+/g, '-');
}

/**
 * "Copy BibTeX" and "Download .bib" for one entry. The button carries its text; a small client
 * script does the copying and tells screen readers (see src/clientModules). The download is a
 * data: link, so it works with the keyboard and without JavaScript.
 */
export function entryActions(library: Library, key: string): Element {
  const entry = library.entries.get(key);
  if (!entry) throw new Error(`No entry for citation key "${key}"`);
  const bibtex = exportItems([entry.csl], 'bibtex');
  return h('span', { className: ['entry-actions'] }, [
    h(
      'button',
      {
        type: 'button',
        className: ['entry-action'],
        dataCopyText: bibtex,
        dataCopyDone: `BibTeX of ${key} copied to the clipboard`,
        ariaLabel: `Copy BibTeX of ${key}`,
      },
      [text('Copy BibTeX')],
    ),
    text(' '),
    h(
      'a',
      {
        className: ['entry-action'],
        href: `data:application/x-bibtex;charset=utf-8,${encodeURIComponent(bibtex)}`,
        download: `${fileNameOf(key)}.bib`,
        ariaLabel: `Download .bib of ${key}`,
      },
      [text('Download .bib')],
    ),
  ]);
}
