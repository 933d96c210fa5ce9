/**
 * What a rendering depends on, as one digest: two equal digests render equal data, so a cache
 * may keep the data under it (the site plugin keeps it on disk between builds). Computed without
 * citeproc, so that a build that finds everything cached never builds an engine.
 *
 * A document's rendering depends on its citations, on the items they cite, and, through the
 * site's registry (render.ts), on the items a label is settled against: those that may share a
 * label with them (2020a/2020b, "J. Doe"/"A. Doe", an anonymous work cited by its title), found
 * here as the published items sharing a name or a title with a cited one; in a numeric style,
 * on each item's place in the scope, or, where the style numbers the bibliography by its own
 * sort, on the whole scope. So a .bib edit changes the digests of the documents that cite the
 * entry or a work it may be confused with, and of no other.
 */
import { createHash } from 'node:crypto';

import type { CslItem, CslName, CslStyle } from './csl';
import { renderItemOf } from './items';
import type { ClusterInput, Scope } from './render';
import type { CitationContext } from './site';

/** The SHA-256 of `text`, in hex: what every digest the plugin keeps things under is. */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const styleDigests = new WeakMap<CslStyle, string>();

/** A style as it renders: its XML and its locale's. */
function styleDigest(style: CslStyle): string {
  let known = styleDigests.get(style);
  if (known === undefined) {
    known = digest(JSON.stringify([style.name, style.locale, style.xml, style.localeXml]));
    styleDigests.set(style, known);
  }
  return known;
}

/** Whether a style numbers its works ("[3]"), and whether by a bibliography sort of its own. */
function numbering(style: CslStyle): 'none' | 'scope-order' | 'sorted' {
  if (!style.xml.includes('citation-number')) return 'none';
  const bibliography = /<bibliography[\s>][\s\S]*?<\/bibliography>/.exec(style.xml)?.[0] ?? '';
  return /<sort[\s>]/.test(bibliography) ? 'sorted' : 'scope-order';
}

const NAME_VARIABLES = [
  'author',
  'editor',
  'translator',
  'container-author',
  'collection-editor',
  'composer',
  'director',
  'interviewer',
  'recipient',
  'reviewed-author',
] as const;

/** What may make two items share a label: their creators' family names, their titles. */
function labelTokens(item: CslItem): string[] {
  const fields = item as unknown as Record<string, unknown>;
  const tokens: string[] = [];
  for (const variable of NAME_VARIABLES) {
    for (const name of (fields[variable] as CslName[] | undefined) ?? []) {
      const family = name.family ?? name.literal;
      if (family) tokens.push(`name:${family.toLowerCase()}`);
    }
  }
  for (const variable of ['title', 'title-short']) {
    const title = fields[variable];
    if (typeof title === 'string') tokens.push(`title:${title.toLowerCase()}`);
  }
  return tokens;
}

interface ScopeIndex {
  /** The scope's keys by label token. */
  byToken: Map<string, string[]>;
  /** Each key's label tokens. */
  tokens: Map<string, string[]>;
  /** Each token's keys and their facts, digested once. */
  groups: Map<string, string>;
  /** Each key's place in the scope. */
  place: Map<string, number>;
  /** Each item's facts (itemFacts), digested once. */
  facts: Map<string, string>;
  /** Digest of every item of the scope, in order: what a whole-scope rendering depends on. */
  whole: string | undefined;
}

const indexes = new WeakMap<Scope, ScopeIndex>();

function scopeIndex(scope: Scope): ScopeIndex {
  let index = indexes.get(scope);
  if (!index) {
    const byToken = new Map<string, string[]>();
    const tokens = new Map<string, string[]>();
    for (const key of scope.keys) {
      const own = [...new Set(labelTokens(renderItemOf(scope.library, key)))];
      tokens.set(key, own);
      for (const token of own) {
        const list = byToken.get(token);
        if (list) list.push(key);
        else byToken.set(token, [key]);
      }
    }
    index = {
      byToken,
      tokens,
      groups: new Map(),
      place: new Map(scope.keys.map((k, i) => [k, i])),
      facts: new Map(),
      whole: undefined,
    };
    indexes.set(scope, index);
  }
  return index;
}

/** One item as a rendering reads it (its fields, its anchor and its files' names), digested. */
function itemFacts(scope: Scope, key: string): string {
  const index = scopeIndex(scope);
  let known = index.facts.get(key);
  if (known === undefined) {
    const { library } = scope;
    const entry = library.entries.get(key);
    known = digest(
      JSON.stringify([
        key,
        entry ? renderItemOf(library, key) : null,
        entry?.csl ?? null,
        entry ? library.anchorOf(key) : null,
        entry ? library.fileNameOf(key) : null,
      ]),
    );
    index.facts.set(key, known);
  }
  return known;
}

/** The items sharing a label token, and their facts. */
function group(scope: Scope, token: string): string {
  const index = scopeIndex(scope);
  let known = index.groups.get(token);
  if (known === undefined) {
    const keys = index.byToken.get(token) ?? [];
    known = digest(keys.map((key) => `${key}\n${itemFacts(scope, key)}`).join('\n'));
    index.groups.set(token, known);
  }
  return known;
}

/** Every item of the scope, in order. */
function wholeScope(scope: Scope): string {
  const index = scopeIndex(scope);
  index.whole ??= digest(scope.keys.map((key) => itemFacts(scope, key)).join('\n'));
  return index.whole;
}

/** The styles a reader may choose, as they render. */
function stylesOf(context: CitationContext): unknown[] {
  return context.styles.map((s) => [s.id, s.label, styleDigest(s.csl)]);
}

/**
 * What a document's rendering reads from the scope for the works it cites: the items, every item
 * that may share a label with one (by the tokens they share), and, in numeric styles, their
 * places or the whole scope.
 */
function citedSources(context: CitationContext, scope: Scope, cited: readonly string[]): unknown[] {
  const index = scopeIndex(scope);
  const tokens = [...new Set(cited.flatMap((key) => index.tokens.get(key) ?? []))].sort();
  const numbered = context.styles.map((s) => numbering(s.csl));
  return [
    cited.map((key) => itemFacts(scope, key)),
    tokens.map((token) => [token, group(scope, token)]),
    numbered.includes('scope-order') ? cited.map((key) => index.place.get(key) ?? -1) : null,
    numbered.includes('sorted') ? wholeScope(scope) : null,
  ];
}

/**
 * A document's digest: with its citations, what its data is kept under; without them (only which
 * works they cite, in any order), what it reads besides its own text.
 */
function documentDigest(
  context: CitationContext,
  scope: Scope,
  clusters: readonly ClusterInput[],
  salt: string,
  withCitations: boolean,
): string {
  const cited = [...new Set(clusters.flatMap((c) => c.items.map((i) => i.key)))];
  return digest(
    JSON.stringify([
      withCitations ? 'document' : 'sources',
      salt,
      stylesOf(context),
      ...(withCitations
        ? [
            clusters.map((c) => [
              c.narrative,
              c.items.map((i) => [i.key, i.prefix, i.suffix, i.locator, i.label, i.suppressAuthor]),
            ]),
          ]
        : []),
      ...citedSources(context, scope, withCitations ? cited : cited.sort()),
    ]),
  );
}

/**
 * The digest of a document's data (`renderInStyles(context, scope, clusters)`), with `salt`
 * standing for what the caller knows it also depends on (the engine's version).
 */
export function documentRenderKey(
  context: CitationContext,
  scope: Scope,
  clusters: readonly ClusterInput[],
  salt: string,
): string {
  return documentDigest(context, scope, clusters, salt, true);
}

/**
 * The digest of what a document's data reads besides its own text: `documentRenderKey` without
 * the citations themselves, only which works they cite. Two site states (library, scope,
 * options) with the same digest for a document's text render that text alike. Under `npm start`
 * it is in the document's stamp (see the site plugin): an edit of the document that keeps it (a
 * locator, a prefix; a citation moved, unless the order in which the site first cites works
 * changes, which numbers them in a numeric style) compiles the page once, not once more for the
 * stamp.
 */
export function documentSourcesKey(
  context: CitationContext,
  scope: Scope,
  clusters: readonly ClusterInput[],
  salt: string,
): string {
  return documentDigest(context, scope, clusters, salt, false);
}

/**
 * The digest of a rendering of the whole scope, or of `keys` among it (the site bibliography,
 * the print edition's list), with `what` naming the rendering.
 */
export function scopeRenderKey(
  context: CitationContext,
  scope: Scope,
  what: string,
  salt: string,
  keys?: readonly string[],
): string {
  return digest(
    JSON.stringify(['scope', what, salt, stylesOf(context), wholeScope(scope), keys ?? null]),
  );
}
