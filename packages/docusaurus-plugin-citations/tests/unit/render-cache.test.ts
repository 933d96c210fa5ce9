// Renderings are kept between builds under a digest of what they read (renderKey.ts) and made in
// worker threads (renderPool.ts). A kept rendering must never be served where a fresh one would
// differ, and a thread must render what the build's own thread renders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  createLibrary,
  createScope,
  documentRenderKey,
  documentSourcesKey,
  loadContext,
  loadStyle,
  renderInStyles,
  scopeRenderKey,
  type CitationConfig,
  type CitationContext,
  type ClusterInput,
  type CslStyle,
} from '../../src/citations';
import { dependencyVersions, engineVersion, openRenderCache } from '../../src/plugin/renderCache';
import { createRenderPool } from '../../src/plugin/renderPool';
import { PACKAGE } from '../support/paths';

const ENTRIES = {
  doe: '@article{doe, author = {Doe, Jane}, title = {Study of {Things}}, journaltitle = {J}, date = {2018}}',
  doe2: '@article{doe2, author = {Doe, Jane}, title = {Second Study}, journaltitle = {J}, date = {2019}}',
  adoe: '@article{adoe, author = {Doe, Alan}, title = {Other Study}, journaltitle = {J}, date = {2017}}',
  roe: '@book{roe, author = {Roe, Rita}, title = {A Work}, publisher = {P}, date = {2001}}',
  anon: '@online{anon, title = {Untitled Report}, date = {2016}}',
};
type Key = keyof typeof ENTRIES;

const STYLES = [
  { id: 'apa', label: 'APA', style: 'apa' },
  { id: 'vancouver', label: 'Vancouver', style: 'vancouver' },
];

function config(overrides: Partial<CitationConfig> = {}): CitationConfig {
  return {
    bibliography: ['refs.bib'],
    style: 'apa',
    styles: STYLES,
    locale: 'en-US',
    edition: undefined,
    timeline: undefined,
    nocite: [],
    ...overrides,
  };
}

// One style object per style and locale, as a site has: engines are built once per style object.
const styles = new Map<string, CslStyle>();
function styleOf(name: string, locale: string): CslStyle {
  const key = `${name} ${locale}`;
  if (!styles.has(key)) styles.set(key, loadStyle(name, locale, PACKAGE));
  return styles.get(key)!;
}

/** A context over ENTRIES with `edits` applied to the .bib text of some entries. */
function contextOf(
  edits: Partial<Record<Key, (bib: string) => string>> = {},
  options = config(),
): CitationContext {
  const text = (Object.keys(ENTRIES) as Key[])
    .map((k) => (edits[k] ?? ((b: string) => b))(ENTRIES[k]))
    .join('\n');
  const library = createLibrary([{ file: 'refs.bib', text }]);
  const styles = options.styles.map((s) => ({
    id: s.id,
    label: s.label,
    csl: styleOf(s.style, options.locale),
  }));
  return {
    options,
    siteDir: PACKAGE,
    library,
    style: styles[0]!.csl,
    styles,
    timeline: undefined,
  };
}

const cite = (...keys: string[]): ClusterInput => ({
  items: keys.map((key) => ({ key, offset: 0 })),
  narrative: false,
});
const DOCUMENT = [cite('doe'), cite('anon')];
const SITE = ['doe', 'doe2', 'adoe', 'roe', 'anon'];

/** A document digest as the tests call it: the scope from the site's keys, DOCUMENT, SITE. */
const digestWith =
  (digest: typeof documentRenderKey) =>
  (
    context: CitationContext,
    clusters: readonly ClusterInput[] = DOCUMENT,
    site = SITE,
    salt = 'v1',
  ): string =>
    digest(context, createScope(context.library, site, []), clusters, salt);

const keyOf = digestWith(documentRenderKey);

function render(
  context: CitationContext,
  clusters: readonly ClusterInput[] = DOCUMENT,
  site = SITE,
) {
  return renderInStyles(context, createScope(context.library, site, []), clusters);
}

const retitle = (title: string) => (bib: string) =>
  bib.replace(/title = \{[^}]*(\{[^}]*\})?[^}]*\}/, `title = {${title}}`);
const redate = (year: string) => (bib: string) => bib.replace(/date = \{\d+\}/, `date = {${year}}`);

/** Site states a page may be rendered in, each named: its library and the scope's keys. */
const siteStates = (): [string, CitationContext, string[]][] => [
  ['as is', contextOf(), SITE],
  ['unrelated entry retitled', contextOf({ roe: retitle('Another Title') }), SITE],
  ['same author-year', contextOf({ doe2: redate('2018') }), SITE],
  ['same family name and year', contextOf({ adoe: redate('2018') }), SITE],
  ['cited entry retitled', contextOf({ doe: retitle('A New Title') }), SITE],
  ['another work cited first', contextOf(), ['roe', ...SITE]],
  ['fewer works published', contextOf(), ['doe', 'anon']],
];

/**
 * `clusters` in every site state, each with its digest and its data; every pair checked against
 * every other: equal digests must mean equal data.
 */
function statesSeen(digest: ReturnType<typeof digestWith>, clusters: readonly ClusterInput[]) {
  const seen = siteStates().map(([name, context, site]) => ({
    name,
    key: digest(context, clusters, site),
    data: JSON.stringify(render(context, clusters, site)),
  }));
  for (const a of seen) {
    for (const b of seen) {
      if (a.key === b.key) expect(a.data, `${a.name} / ${b.name}`).toBe(b.data);
    }
  }
  return seen;
}

describe('the digest a document is kept under', () => {
  const base = keyOf(contextOf());

  it('changes when a field of an entry it cites changes', () => {
    expect(keyOf(contextOf({ doe: retitle('A New Title') }))).not.toBe(base);
    expect(keyOf(contextOf({ anon: redate('2015') }))).not.toBe(base);
  });

  it('changes when a work that may share a label with a cited one changes', () => {
    // Jane Doe's 2019 work moved to 2018: "Doe, 2018a" and "2018b" now.
    expect(keyOf(contextOf({ doe2: redate('2018') }))).not.toBe(base);
    // Alan Doe, another Doe: APA may add initials.
    expect(keyOf(contextOf({ adoe: redate('2018') }))).not.toBe(base);
  });

  it('stays when only an unrelated entry changes, so that its page alone renders again', () => {
    expect(keyOf(contextOf({ roe: retitle('Another Title') }))).toBe(base);
  });

  it('changes with the citations, the style, the locale, the styles offered and the engine', () => {
    expect(keyOf(contextOf(), [cite('doe'), { ...cite('anon'), narrative: true }])).not.toBe(base);
    expect(
      keyOf(contextOf(), [{ items: [{ key: 'doe', offset: 0, locator: '4' }], narrative: false }]),
    ).not.toBe(base);
    expect(keyOf(contextOf({}, config({ locale: 'de-DE' })))).not.toBe(base);
    expect(
      keyOf(contextOf({}, config({ styles: [STYLES[0]!, { ...STYLES[1]!, style: 'harvard1' }] }))),
    ).not.toBe(base);
    expect(keyOf(contextOf({}, config({ styles: [STYLES[0]!] })))).not.toBe(base);
    expect(keyOf(contextOf({}, config({ styles: [{ ...STYLES[0]!, label: 'APA 7' }] })))).not.toBe(
      keyOf(contextOf({}, config({ styles: [STYLES[0]!] }))),
    );
    expect(keyOf(contextOf(), DOCUMENT, SITE, 'v2')).not.toBe(base);
  });

  it('changes with a work’s number in a numeric style when the site cites another first', () => {
    expect(keyOf(contextOf(), DOCUMENT, ['roe', ...SITE])).not.toBe(base);
  });

  it('stays when the site cites another work first and no style numbers the works', () => {
    const apaOnly = contextOf({}, config({ styles: [STYLES[0]!] }));
    expect(keyOf(apaOnly, DOCUMENT, ['roe', ...SITE])).toBe(keyOf(apaOnly));
  });

  it('is equal only where the renderings are equal', () => {
    // Every variant against every other: equal digests must mean equal data.
    const seen = statesSeen(keyOf, DOCUMENT);
    // And the variants that change the page are told apart.
    expect(new Set(seen.map((s) => s.data)).size).toBeGreaterThan(3);
  });

  it('keeps the site-wide renderings apart from each other and from any change of the scope', () => {
    const context = contextOf();
    const scope = createScope(context.library, SITE, []);
    const entries = scopeRenderKey(context, scope, 'entries', 'v1');
    expect(scopeRenderKey(context, scope, 'entries', 'v1', ['doe'])).not.toBe(entries);
    const edited = contextOf({ roe: retitle('Another Title') });
    expect(scopeRenderKey(edited, createScope(edited.library, SITE, []), 'entries', 'v1')).not.toBe(
      entries,
    );
  });
});

describe('the digest of what a page reads besides its own text (its stamp under npm start)', () => {
  const sourcesOf = digestWith(documentSourcesKey);
  const base = sourcesOf(contextOf());
  const located = [
    { items: [{ key: 'doe', offset: 0, locator: '4' }], narrative: false },
    cite('anon'),
  ];

  it('stays when the page edits its citations but cites the same works', () => {
    expect(sourcesOf(contextOf(), located)).toBe(base);
    expect(sourcesOf(contextOf(), [cite('anon'), { ...cite('doe'), narrative: true }])).toBe(base);
    expect(sourcesOf(contextOf(), [...DOCUMENT, cite('doe', 'anon')])).toBe(base);
  });

  it('changes with the works cited and with anything the document’s digest reads of them', () => {
    expect(sourcesOf(contextOf(), [cite('doe')])).not.toBe(base);
    expect(sourcesOf(contextOf(), [...DOCUMENT, cite('roe')])).not.toBe(base);
    expect(sourcesOf(contextOf({ doe: retitle('A New Title') }))).not.toBe(base);
    expect(sourcesOf(contextOf({ doe2: redate('2018') }))).not.toBe(base);
    expect(sourcesOf(contextOf({ adoe: redate('2018') }))).not.toBe(base);
    expect(sourcesOf(contextOf(), DOCUMENT, ['roe', ...SITE])).not.toBe(base);
    expect(sourcesOf(contextOf({}, config({ locale: 'de-DE' })))).not.toBe(base);
    expect(sourcesOf(contextOf(), DOCUMENT, SITE, 'v2')).not.toBe(base);
    expect(sourcesOf(contextOf({ roe: retitle('Another Title') }))).toBe(base);
  });

  it('is equal for two site states only where they render the page’s text alike', () => {
    for (const text of [DOCUMENT, located]) {
      const seen = statesSeen(sourcesOf, text);
      expect(new Set(seen.map((s) => s.key)).size).toBeGreaterThan(3);
    }
  });
});

describe('the engine version in every digest', () => {
  it('names the installed citeproc and citation-js, and changes with any of them', () => {
    const versions = dependencyVersions();
    expect(Object.keys(versions)).toEqual([
      'docusaurus-plugin-citations',
      'citeproc',
      '@citation-js/core',
      '@citation-js/plugin-bibtex',
      '@citation-js/plugin-csl',
    ]);
    expect(versions.citeproc).toMatch(/^\d+\.\d+\.\d+$/);
    expect(engineVersion()).toBe(engineVersion(versions));
    expect(engineVersion({ ...versions, citeproc: '2.4.64' })).not.toBe(engineVersion());
    expect(engineVersion({ ...versions, '@citation-js/core': '0.9.0' })).not.toBe(engineVersion());
  });
});

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'render-cache-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

describe('the cache on disk', () => {
  it('gives back what was written, ignores a cut-short file and prunes what a build did not use', () => {
    const dir = path.join(temporary, 'cache');
    const first = openRenderCache(dir);
    first.write('a', { data: [1] });
    first.write('b', { data: [2] });
    fs.writeFileSync(path.join(dir, 'c.json'), '{"data": [');
    const second = openRenderCache(dir);
    expect(second.read('a')).toEqual({ data: [1] });
    expect(second.read('c')).toBeUndefined();
    expect(second.read('missing')).toBeUndefined();
    second.prune();
    expect(fs.readdirSync(dir).sort()).toEqual(['a.json']);
  });
});

describe('a worker thread', () => {
  it(
    'renders each document exactly as the build’s own thread does',
    { timeout: 60_000 },
    async () => {
      const siteDir = path.join(temporary, 'site');
      fs.mkdirSync(siteDir, { recursive: true });
      fs.writeFileSync(path.join(siteDir, 'refs.bib'), Object.values(ENTRIES).join('\n'));
      const options = config();
      const context = loadContext(options, siteDir);
      const scope = createScope(context.library, SITE, []);
      const documents = [DOCUMENT, [cite('doe', 'doe2'), cite('adoe')], [cite('roe'), cite('doe')]];
      const pool = createRenderPool({ threads: 2, config: options, siteDir, scope: SITE });
      try {
        const rendered = await Promise.all(documents.map((d) => pool.render(d)));
        expect(rendered).toEqual(documents.map((d) => renderInStyles(context, scope, d)));
        expect(JSON.stringify(rendered[1])).toContain('Doe, 2018');
      } finally {
        await pool.close();
      }
    },
  );

  it('fails with the thread’s own error', { timeout: 60_000 }, async () => {
    const pool = createRenderPool({
      threads: 1,
      config: config({ bibliography: ['missing.bib'] }),
      siteDir: temporary,
      scope: [],
    });
    await expect(pool.render(DOCUMENT)).rejects.toThrow(/missing\.bib/);
    await pool.close();
  });
});
