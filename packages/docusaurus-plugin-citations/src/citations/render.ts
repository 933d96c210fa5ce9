/**
 * Rendering with citeproc-js. A work has one label across the site: every document is rendered
 * against the same registry of items, the site's scope (every work it cites, in reading order,
 * then the other entries it lists), so that disambiguation (2020a/2020b) and, in numeric styles,
 * numbers are the site's, and "(TechCrunch, 2020b)" in a chapter is "TechCrunch. (2020b, …)" on
 * /bibliography. Each document's citations are processed in one batch, so that positions are
 * its own; nothing is shared with citation-js's global engine cache.
 */
import CSL, { type Citation, type CitationItem, type Engine } from './citeproc';
import type { Element, ElementContent } from 'hast';

import { retrieveLocale, type CslItem, type CslStyle } from './csl';
import { EXPORT_SUFFIXES, type ExportFormat } from './formats';
import { citeprocHtmlToHast, h, ITEM_MARKER, text, toText } from './hast';
import { renderItemOf } from './items';
import { archiveUrl, isoDate } from './metadata';
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

/** The id of the n-th (1-based) citation of a document: what back-links point to. */
export function citationAnchor(n: number): string {
  return `citation-${n}`;
}

/**
 * The works whose labels are settled together: every key the site publishes, each once, those
 * it cites first, in reading order (which numeric styles number by), then the rest.
 */
export interface Scope {
  library: Library;
  keys: readonly string[];
}

const scopes = new WeakMap<Library, Scope>();

/**
 * The scope of a site that cites `cited` (in reading order; repeats and keys the library does
 * not hold, which are reported elsewhere, are skipped) and also lists `rest` (by default every
 * other entry of the library; a site lists what it publishes, see publish.ts). The same keys
 * give the same object, so that engines keep their registry from one document to the next.
 */
export function createScope(
  library: Library,
  cited: Iterable<string> = [],
  rest: Iterable<string> = library.entries.keys(),
): Scope {
  const keys = [...new Set([...[...cited], ...rest].filter((k) => library.entries.has(k)))];
  const last = scopes.get(library);
  if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) {
    return last;
  }
  const scope = { library, keys };
  scopes.set(library, scope);
  return scope;
}

interface PooledEngine {
  engine: Engine;
  /** The scope the registry holds. */
  scope: Scope | undefined;
  /** The item behind each id the engine may ask for. */
  get: (id: string) => CslItem | undefined;
  keyIndex: Map<string, number>;
  /** The scope's whole bibliography, rendered once (see `entriesFor`). */
  entries: RenderedEntry[] | undefined;
  /** The keys of `entries` to render again before it is used (see `engineFor`). */
  stale: Set<string>;
  /** How many entries were rendered for documents before `entries` was. */
  entriesRendered: number;
}

const engines = new Map<CslStyle, PooledEngine>();

/**
 * How a narrative citation ("@doe2020 argues") names its authors where the style's citations
 * hold no names: the family names as an author-date style cites them ("Doe", "Smith and Jones",
 * "Alpha et al."), in the locale's words, then the editors, then the short title. citeproc-js
 * reads it as CSL-M's `cs:intext`; without one it prints "[NO_PRINTED_FORM]" there.
 */
const NARRATIVE_NAMES =
  '<intext><layout><names variable="author">' +
  '<name form="short" and="text" delimiter=", " delimiter-precedes-last="contextual" et-al-min="3" et-al-use-first="1"/>' +
  '<substitute><names variable="editor"/><names variable="translator"/><text variable="title" form="short"/></substitute>' +
  '</names></layout></intext>';

/**
 * A numeric or label style ("(1)", "[Doe20]") names no one in its citations, so a narrative
 * citation would lose its subject; it gets NARRATIVE_NAMES, and reads "Doe (1) argues".
 * Styles whose citations do name authors are left as they are.
 */
export function withNarrativeNames(xml: string): string {
  if (/<intext[\s>]/.test(xml)) return xml;
  const citation = /<citation[\s>][\s\S]*?<\/citation>/.exec(xml)?.[0];
  if (!citation) return xml;
  const macros = new Map(
    [...xml.matchAll(/<macro\s+name="([^"]+)"[^>]*>([\s\S]*?)<\/macro>/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  );
  const seen = new Set<string>();
  const namesAnyone = (fragment: string): boolean =>
    /<names[\s>]/.test(fragment) ||
    [...fragment.matchAll(/\smacro="([^"]+)"/g)].some(([, name]) => {
      if (seen.has(name!)) return false;
      seen.add(name!);
      return namesAnyone(macros.get(name!) ?? '');
    });
  if (namesAnyone(citation)) return xml;
  return xml.replace(/<\/style>\s*$/, `${NARRATIVE_NAMES}</style>`);
}

/**
 * The engine for a style, with the scope's items registered. Building an engine costs far more
 * than rendering a document with it (APA: ~0.4 s against ~0.1 s), and registering a scope's
 * items (sort keys, disambiguation) is a third of a document's rendering: there is one engine
 * per style, and the scope is registered once, when it changes (after a .bib edit, only the
 * works that changed, when they can be: `registerChanged`). Documents then only add their
 * citations (see `processCitations`); tests/unit/engine-reuse.test.ts shows that each gets what
 * a fresh engine with the scope registered gives it. Uses are synchronous, so no two documents
 * ever share the engine at once.
 */
function engineFor(style: CslStyle, scope: Scope): PooledEngine {
  const pooled = pooledEngine(style);
  if (pooled.scope === scope) return pooled;
  const before = pooled.scope;
  pooled.get = (id) =>
    scope.library.entries.has(id) ? renderItemOf(scope.library, id) : undefined;
  const changed = before && editedWorks(before, scope);
  if (!changed || !registerChanged(pooled, scope, changed)) {
    // Forget everything the engine has read (other items may stand behind the same keys), as
    // citeproc's own reset to an empty state does (restoreProcessorState without citations),
    // then register the scope's items, in its order. Emptying its lists (updateItems([]),
    // updateUncitedItems([])) is not enough: uncited items stay while old citations of them
    // are on record, and are then asked of the new scope, which may not hold them.
    resetEngine(pooled.engine);
    pooled.keyIndex = new Map(scope.keys.map((k, i) => [k, i]));
    pooled.engine.updateItems([...scope.keys]);
    pooled.entries = undefined;
    pooled.stale.clear();
    pooled.entriesRendered = 0;
  }
  pooled.scope = scope;
  return pooled;
}

/**
 * A .bib edit under `npm start`: the same works, a few of them changed (`editedWorks`: none with
 * a namesake). When each changed work stands alone (its label needs no disambiguation against
 * another's), it leaves the registry and comes back with its new data, through
 * citeproc's own update (updateItems without and then with it), which sets its sort keys and
 * the list's order again: what a fresh registration gives, for a fraction of its time. A work
 * with namesakes or look-alikes is not taken out: citeproc's names registry and disambiguation
 * keep a history (a group disambiguated again starts from where it stood, not from nothing; a
 * family name's record is dropped when one of two works sharing it leaves), and a fresh
 * registration can differ. Returns true when the registry now holds what a fresh registration
 * gives (updated, or nothing changed), false when the engine must register the scope afresh
 * (the edit left a changed work with a look-alike, or there was one before). The whole list,
 * if rendered, keeps the entries whose disambiguation and number are as they were
 * (engine-reuse.test.ts compares all this with fresh registrations).
 */
function registerChanged(
  pooled: PooledEngine,
  after: Scope,
  changed: ReadonlySet<string>,
): boolean {
  const { engine } = pooled;
  if (changed.size === 0) return true;
  if (!standsAlone(engine, changed)) return false;
  const marks = pooled.entries && registryMarks(engine);
  // No document's citations on record while the registry changes, as after a reset: citeproc
  // reads them when it inserts an item (its first note number).
  engine.registry.citationreg = new CSL.Registry.CitationReg(engine);
  engine.updateItems(after.keys.filter((k) => !changed.has(k)));
  engine.updateItems([...after.keys]);
  if (!standsAlone(engine, changed)) return false;
  if (marks) {
    const now = registryMarks(engine);
    for (const key of after.keys) {
      if (changed.has(key) || marks.get(key) !== now.get(key)) pooled.stale.add(key);
    }
  }
  return true;
}

/** Whether each of `keys` is alone in its ambiguity group (works whose citations look alike). */
function standsAlone(engine: Engine, keys: ReadonlySet<string>): boolean {
  const { registry, ambigcites } = engine.registry;
  return [...keys].every((key) => {
    const group = registry[key] && ambigcites[registry[key].ambig];
    return group?.length === 1 && group[0] === key;
  });
}

/**
 * Whether a changed work, before or after the edit, shares a word of its names with another
 * work. citeproc keys a name by its family name without periods, after splitting particles off
 * ("van Doe" is "Doe"), with the particle again in some styles, and reads names from `note`
 * lines ("author: Doe || Jane"); sharing any word is a wider test than any of these, so that no
 * two names citeproc would file together pass for strangers. (Two changed works sharing a name
 * both leave the registry and come back: that is not a history.)
 */
function hasNamesakes(before: Scope, after: Scope, changed: ReadonlySet<string>): boolean {
  const owners = new Map<string, Set<string>>();
  for (const key of after.keys) {
    for (const word of nameWords(renderItemOf(after.library, key))) {
      owners.set(word, (owners.get(word) ?? new Set()).add(key));
    }
  }
  return [...changed].some((key) =>
    [renderItemOf(before.library, key), renderItemOf(after.library, key)].some((item) =>
      nameWords(item).some((word) => [...(owners.get(word) ?? [])].some((k) => !changed.has(k))),
    ),
  );
}

/**
 * The words of every name in an item, lowercased, periods as spaces: its name variables' family
 * names (or given names, for a name without one), particles and organisations' names, and
 * whatever follows a colon in its `note`, where citeproc reads fields ("author: Doe || Jane",
 * "{:author: Doe || Jane}").
 */
function nameWords(item: CslItem): string[] {
  const words = (text: unknown) =>
    typeof text === 'string'
      ? text.toLowerCase().replace(/\./g, ' ').split(/\s+/).filter(Boolean)
      : [];
  const names = Object.values(item).flatMap((value: unknown) =>
    Array.isArray(value)
      ? value.flatMap((name: unknown) => {
          if (typeof name !== 'object' || name === null) return [];
          const parts = name as Record<string, unknown>;
          // A name given as a given name alone ("Plato") is filed under it.
          const own = (parts.family ?? parts.literal) ? ['family', 'literal'] : ['given'];
          return [...own, 'non-dropping-particle', 'dropping-particle'].flatMap((part) =>
            words(parts[part]),
          );
        })
      : [],
  );
  const noted =
    typeof item.note === 'string'
      ? [...item.note.matchAll(/:([^\n}]*)/g)].flatMap((m) => words(m[1]))
      : [];
  return [...names, ...noted];
}

/**
 * What a registered item's entry reads from the registry: its disambiguation and list number.
 * (Rendering also writes into the disambiguation in place, which only marks more entries stale.)
 */
function registryMarks(engine: Engine): Map<string, string> {
  return new Map(
    Object.entries(engine.registry.registry).map(([key, token]) => [
      key,
      JSON.stringify([token.disambig, token.seq]),
    ]),
  );
}

/** Each scope after an edit, with the scope before it and what `editedWorks` found. */
const edits = new WeakMap<Scope, { before: Scope; works: ReadonlySet<string> | undefined }>();

/**
 * The works an edit changed, when each may be taken out of an engine's registry and back in (see
 * `registerChanged`): none has a namesake. Undefined when every engine must register the scope
 * afresh. The same for every style, so found once per edit.
 */
function editedWorks(before: Scope, after: Scope): ReadonlySet<string> | undefined {
  const known = edits.get(after);
  if (known?.before === before) return known.works;
  const changed = changedWorks(before, after);
  const works = changed && !hasNamesakes(before, after, changed) ? changed : undefined;
  edits.set(after, { before, works });
  return works;
}

/**
 * The works whose data differs between two scopes of the same keys, as citeproc reads them;
 * undefined when the keys differ or more than a quarter of the works changed (a new library:
 * registering it afresh costs no more).
 */
function changedWorks(before: Scope, after: Scope): Set<string> | undefined {
  if (before.keys.length !== after.keys.length) return undefined;
  if (before.keys.some((k, i) => after.keys[i] !== k)) return undefined;
  const changed = new Set<string>();
  for (const key of after.keys) {
    const was = renderItemOf(before.library, key);
    const is = renderItemOf(after.library, key);
    if (was !== is && JSON.stringify(was) !== JSON.stringify(is)) changed.add(key);
    if (changed.size * 4 > after.keys.length) return undefined;
  }
  return changed;
}

function pooledEngine(style: CslStyle): PooledEngine {
  let pooled = engines.get(style);
  if (!pooled) {
    const entry: PooledEngine = {
      scope: undefined,
      get: () => undefined,
      keyIndex: new Map(),
      entries: undefined,
      stale: new Set(),
      entriesRendered: 0,
      engine: new CSL.Engine(
        {
          retrieveLocale: (lang) => retrieveLocale(style, lang),
          retrieveItem: (id): CslItem & { system_id: string } => {
            const item = entry.get(id);
            if (!item) throw new Error(`No entry for citation key "${id}"`);
            // system_id turns on citeproc's per-item wrapper. citeproc deep-copies what it is
            // given before annotating it, so the item is safe.
            return { ...item, system_id: id };
          },
          // Marks where each cited item starts and ends, so that each can link to its own
          // entry. The index, not the key, goes into the markup: keys may hold any character.
          wrapCitationEntry: (str, id) =>
            `<span data-cite-item="${entry.keyIndex.get(id) ?? ''}">${str}</span>`,
        },
        withNarrativeNames(style.xml),
        style.locale,
        true,
      ),
    };
    entry.engine.opt.development_extensions.wrap_url_and_doi = true;
    entry.engine.opt.development_extensions.apply_citation_wrapper = true;
    engines.set(style, entry);
    pooled = entry;
  }
  return pooled;
}

/**
 * A document's citations, rendered against the registry as it stands: the document's own
 * citation history starts empty (positions such as "ibid." are the document's), while items,
 * their disambiguation and numbers are the scope's. This is what `rebuildProcessorState` does,
 * without re-registering the items, which would narrow them to the document's.
 */
function processCitations(engine: Engine, citations: readonly Citation[]): Map<string, string> {
  engine.registry.citationreg = new CSL.Registry.CitationReg(engine);
  const pre: [string, number][] = [];
  const output = new Map<string, string>();
  for (const citation of citations) {
    const [, updates] = engine.processCitationCluster(
      citation,
      pre,
      [],
      CSL.ASSUME_ALL_ITEMS_REGISTERED,
    );
    pre.push([citation.citationID, citation.properties.noteIndex]);
    for (const [index, html] of updates) output.set(pre[index]![0], html);
  }
  return output;
}

/**
 * The entries for `keys`, in the style's order. An entry reads the same in any list of the
 * scope's entries, unless the style replaces an author repeated from the entry before
 * ("———", subsequent-author-substitute): then the list is rendered for these keys. Otherwise the
 * scope's whole list is rendered once and each document takes its entries from it, as soon as
 * documents have asked for a quarter of the scope's entries: before that, each document's are
 * rendered on their own. A build that renders one page again (the others coming from the cache)
 * renders its fifty entries, not the site's five hundred; an engine that renders every page
 * renders at most a quarter of the list twice (each worker thread has its own engines).
 */
function entriesFor(pooled: PooledEngine, keys: ReadonlySet<string>): RenderedEntry[] {
  const { engine } = pooled;
  if (typeof engine.bibliography.opt['subsequent-author-substitute'] === 'string') {
    return entriesOf(engine, [...keys]);
  }
  if (!pooled.entries) {
    pooled.entriesRendered += keys.size;
    if (pooled.entriesRendered * 4 <= (pooled.scope?.keys.length ?? 0)) {
      return entriesOf(engine, [...keys]);
    }
    pooled.entries = entriesOf(engine);
  } else if (pooled.stale.size > 0) {
    // After an edit: the stale entries rendered again, the list in the registry's new order.
    const stale = pooled.stale;
    const renewed = new Map(entriesOf(engine, [...stale]).map((e) => [e.key, e]));
    const kept = new Map(pooled.entries.map((e) => [e.key, e]));
    pooled.entries = engine.registry
      .getSortedIds()
      .flatMap((key) => renewed.get(key) ?? (stale.has(key) ? [] : (kept.get(key) ?? [])));
    pooled.stale = new Set();
  }
  // Copies: pages put entries into their own trees, which later steps may change.
  return pooled.entries
    .filter((e) => keys.has(e.key))
    .map((e) => ({ key: e.key, content: structuredClone(e.content) }));
}

function resetEngine(engine: Engine): void {
  engine.registry = new CSL.Registry(engine);
  engine.tmp = new CSL.Engine.Tmp();
  engine.disambiguate = new CSL.Disambiguation(engine);
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

  const link = (key: string, children: ElementContent[]): Element =>
    h('a', { href: `#${library.anchorOf(key)}`, className: ['citation-link'] }, children);

  if (oneToOne) {
    markers.forEach((m) => {
      const anchor = link(keys[m.index]!, m.node.children);
      Object.assign(m.node, anchor);
    });
    // citeproc leaves the style's outer affixes, "(" and ")", off when it wraps items.
    return wrapBetween(content, markers[0]!.node, markers.at(-1)!.node, layout);
  }
  const whole =
    markers.length > 0
      ? wrapBetween(content, markers[0]!.node, markers.at(-1)!.node, layout)
      : [text(layout.prefix), ...content, text(layout.suffix)].filter(notEmptyText);
  return [link(clusterKeys[0]!, unwrapMarkers(whole))];
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

/** Numeric styles lay entries out with divs; inside a list item, inline spans read the same. */
function inline(nodes: ElementContent[]): ElementContent[] {
  return nodes.map((n) =>
    n.type === 'element'
      ? { ...n, tagName: n.tagName === 'div' ? 'span' : n.tagName, children: inline(n.children) }
      : n,
  );
}

function entriesOf(engine: Engine, only?: readonly string[]): RenderedEntry[] {
  const result = engine.makeBibliography(
    only && { include: only.map((key) => ({ field: 'id', value: key })) },
  );
  if (!result) return [];
  const [params, html] = result;
  const entries = html.map((entryHtml, i) => {
    const [div] = citeprocHtmlToHast(entryHtml.trim()).filter((n) => n.type === 'element');
    return {
      key: params.entry_ids[i]![0]!,
      content: inline(mergeText(div && div.type === 'element' ? div.children : [])).filter(
        (n) => !(n.type === 'text' && n.value.trim() === ''),
      ),
    };
  });
  return entries;
}

/** A document's citations and reference list in one style, before they are put on a page. */
export interface StyledDocument {
  /** The content of each citation (text and links to entries), in input order. */
  clusters: ElementContent[][];
  /** The cited entries, in the style's order. */
  entries: RenderedEntry[];
}

/** Renders a document's citations (every key must be in the scope) in one style. */
export function renderClusters(
  scope: Scope,
  style: CslStyle,
  clusters: readonly ClusterInput[],
): StyledDocument {
  const pooled = engineFor(style, scope);
  const { engine } = pooled;
  const citations: Citation[] = clusters.map((cluster, i) => ({
    citationID: `c${i + 1}`,
    citationItems: cluster.items.map(toCiteprocItem),
    properties: {
      noteIndex: engine.opt.xclass === 'note' ? i + 1 : 0,
      ...(cluster.narrative ? { mode: 'composite' as const } : {}),
    },
  }));
  const output = processCitations(engine, citations);
  const layout = {
    prefix: engine.citation.opt.layout_prefix ?? '',
    suffix: engine.citation.opt.layout_suffix ?? '',
  };
  return {
    clusters: clusters.map((cluster, i) =>
      mergeText(
        linkItems(
          citeprocHtmlToHast(output.get(`c${i + 1}`) ?? ''),
          cluster,
          scope.keys,
          scope.library,
          layout,
        ),
      ),
    ),
    entries: entriesFor(pooled, new Set(clusters.flatMap((c) => c.items.map((i) => i.key)))),
  };
}

/** One style's rendering of a document, under the id pages use for that style. */
export interface StyleVariant {
  id: string;
  doc: StyledDocument;
}

/** Something rendered in one of the styles a reader may choose. */
export interface StyledContent {
  /** The style's id. */
  style: string;
  /** citeproc's formatted text, as safe hast (see hast.ts), with links to entries. */
  content: ElementContent[];
}

/** One citation as a page shows it: in every style, opened by an anchor back-links return to. */
export interface ClusterData {
  /** The id of the citation's anchor. */
  id: string;
  /** The keys it cites. */
  keys: string[];
  variants: StyledContent[];
}

/** Where a web source is kept, and when the .bib says it was read. */
export interface ArchiveData {
  url: string;
  /** YYYY-MM-DD, as precise as known, or null. */
  accessed: string | null;
}

/** One reference entry as a page lists it. */
export interface EntryData {
  key: string;
  /** The entry's id: the same on every page that lists it (see Library.anchorOf). */
  id: string;
  /** The entry in every style, the default first. */
  variants: StyledContent[];
  /** Its place (1-based) in each style's order, by style id. */
  order: Record<string, number>;
  /** The Wayback Machine's copy, for web sources. */
  archive: ArchiveData | null;
  /** Its own export files by format, as paths under the site's base URL. */
  files: Partial<Record<ExportFormat, string>>;
  /** The ids of the citations of it on the page, in order. */
  backlinks: string[];
}

/** A document's citations and reference list, ready for a page's components. */
export interface DocumentData {
  clusters: ClusterData[];
  /**
   * Each citation as plain text in the default style ("Gallagher (2018)"): what a table of
   * contents or a meta description shows where the page shows the citation.
   */
  texts: string[];
  /** The cited entries, in the default style's order. */
  entries: EntryData[];
}

/**
 * A key's entry data for a list rendered in several styles: `styled` holds each style's
 * entries, in that style's order; `backlinks` the ids of the citations of it on the page.
 */
export function entryData(
  library: Library,
  key: string,
  styled: readonly { id: string; entries: readonly RenderedEntry[] }[],
  backlinks: readonly string[] = [],
): EntryData {
  const item = library.entries.get(key)?.csl;
  if (!item) throw new Error(`No entry for citation key "${key}"`);
  const archived = archiveUrl(item);
  return {
    key,
    id: library.anchorOf(key),
    variants: styled.map((s) => ({
      style: s.id,
      content: s.entries.find((e) => e.key === key)?.content ?? [],
    })),
    order: Object.fromEntries(
      styled.map((s) => [s.id, s.entries.findIndex((e) => e.key === key) + 1]),
    ),
    archive: archived ? { url: archived, accessed: isoDate(item.accessed) ?? null } : null,
    files: {
      biblatex: entryFilePath(library, key, 'biblatex'),
      bibtex: entryFilePath(library, key, 'bibtex'),
    },
    backlinks: [...backlinks],
  };
}

/**
 * A document's data in every style: each citation (in input order) with the id of its anchor,
 * `anchor(n)` for the n-th (default `citationAnchor`), and each cited entry with the ids of the
 * citations of it.
 */
export function documentData(
  library: Library,
  variants: readonly StyleVariant[],
  clusters: readonly ClusterInput[],
  anchor: (n: number) => string = citationAnchor,
): DocumentData {
  const citedBy = new Map<string, string[]>();
  const data = clusters.map((cluster, i): ClusterData => {
    const id = anchor(i + 1);
    for (const item of cluster.items) {
      const list = citedBy.get(item.key) ?? [];
      if (!list.includes(id)) list.push(id);
      citedBy.set(item.key, list);
    }
    return {
      id,
      keys: cluster.items.map((item) => item.key),
      variants: variants.map((v) => ({ style: v.id, content: v.doc.clusters[i]! })),
    };
  });
  const styled = variants.map((v) => ({ id: v.id, entries: v.doc.entries }));
  return {
    clusters: data,
    texts: variants[0]!.doc.clusters.map((content) => toText(content)),
    entries: variants[0]!.doc.entries.map(({ key }) =>
      entryData(library, key, styled, citedBy.get(key)),
    ),
  };
}

/** Renders a document in one style (under the id "default") and returns its data. */
export function renderDocument(
  scope: Scope,
  style: CslStyle,
  clusters: readonly ClusterInput[],
): DocumentData {
  return documentData(
    scope.library,
    [{ id: 'default', doc: renderClusters(scope, style, clusters) }],
    clusters,
  );
}

/**
 * The formatted entries for `keys` (all of the scope's when omitted), in the style's order, as
 * the site's pages show them: for the site bibliography and exports of formatted text.
 */
export function renderEntries(
  scope: Scope,
  style: CslStyle,
  keys: Iterable<string> = scope.keys,
): { entries: RenderedEntry[] } {
  return { entries: entriesFor(engineFor(style, scope), new Set(keys)) };
}

/**
 * Formatted entries for items outside the library (the edition citing itself), each as a
 * citation to copy: labelled and numbered on their own, without a list number.
 */
export function renderItems(
  items: readonly CslItem[],
  style: CslStyle,
): { entries: RenderedEntry[] } {
  const byId = new Map(items.map((item) => [item.id, item]));
  // The site's registry stays as it is; these items get one of their own for the moment, so
  // that they are labelled on their own and the next document finds the site's as it was.
  const pooled = pooledEngine(style);
  const { engine } = pooled;
  const saved = { registry: engine.registry, get: pooled.get };
  engine.registry = new CSL.Registry(engine);
  pooled.get = (id) => byId.get(id);
  try {
    engine.updateItems([...byId.keys()]);
    return {
      entries: entriesOf(engine).map((e) => ({ key: e.key, content: withoutNumber(e.content) })),
    };
  } finally {
    engine.registry = saved.registry;
    pooled.get = saved.get;
  }
}

/** Numeric styles put an entry's number in a margin of its own ("1."): not part of a citation. */
function withoutNumber(content: ElementContent[]): ElementContent[] {
  const hasClass = (n: ElementContent, name: string) =>
    n.type === 'element' &&
    Array.isArray(n.properties.className) &&
    n.properties.className.includes(name);
  if (!content.some((n) => hasClass(n, 'csl-left-margin'))) return content;
  return content
    .filter((n) => !hasClass(n, 'csl-left-margin'))
    .flatMap((n) => (n.type === 'element' && hasClass(n, 'csl-right-inline') ? n.children : [n]));
}

/**
 * Each key's in-text citation on its own ("Gallagher, 2018"), as plain text, labelled as the
 * site labels it: what `cite list` shows beside each key.
 */
export function shortReferences(scope: Scope, style: CslStyle): Map<string, string> {
  const { clusters } = renderClusters(
    scope,
    style,
    scope.keys.map((key) => ({ items: [{ key, offset: 0 }], narrative: false })),
  );
  return new Map(scope.keys.map((key, i) => [key, toText(clusters[i]!)]));
}

/** Where each entry's own .bib files are served, under the site's base URL (see the site plugin). */
const ENTRY_FILES_PATH = 'references/entries';

/** The path, from the site root, of a key's own .bib file in one of the two dialects. */
export function entryFilePath(
  library: Library,
  key: string,
  dialect: 'biblatex' | 'bibtex' = 'biblatex',
): string {
  return `${ENTRY_FILES_PATH}/${library.fileNameOf(key)}${EXPORT_SUFFIXES[dialect]}`;
}
