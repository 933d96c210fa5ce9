// One citeproc engine per style serves every document in turn, with the site's cited works
// registered once (render.ts). Each document must get exactly what a fresh engine gives it when
// the same works are registered through citeproc's public API, whatever was rendered before:
// other documents, the bibliography, "Cite this", another library, an earlier version of the
// site's library (a .bib edit, which takes the changed works out and back in or registers the
// site afresh).
import { afterEach, describe, expect, it, vi } from 'vitest';

import CSL from '../../src/citations/citeproc';
import {
  citeprocHtmlToHast,
  createLibrary,
  createScope,
  findCitations,
  loadStyle,
  parseMdx,
  renderClusters,
  renderEntries,
  renderItemOf,
  withNarrativeNames,
  renderItems,
  retrieveLocale,
  shortReferences,
  toText,
  type CslStyle,
  type FoundCitation,
  type Scope,
} from '../../src/citations';
import { PACKAGE } from '../support/paths';

// Four authors, two of them sharing a family name, each with works in the same years: labels
// need year letters (2018a), initials (J. Doe, A. Doe) and, in Chicago, "———" for a repeated
// author.
const BIB = [
  ...['a', 'b', 'c', 'd'].map(
    (k) =>
      `@article{doe${k}, author = {Doe, Jane}, title = {Study of {Things} ${k}}, journaltitle = {J}, date = {2018}}`,
  ),
  ...['a', 'b'].map(
    (k) =>
      `@article{adoe${k}, author = {Doe, Alan}, title = {Other Study ${k}}, journaltitle = {J}, date = {2018}}`,
  ),
  ...['a', 'b', 'c'].map(
    (k, i) =>
      `@book{roe${k}, author = {Roe, Rita}, title = {Work ${k}: A Subtitle}, publisher = {P}, date = {200${i}}}`,
  ),
  '@online{org, author = {{World Health Organization}}, title = {A Report}, date = {2018}}',
  '@online{orgb, author = {{World Health Organization}}, title = {Another Report}, date = {2018}}',
  '@article{uncited, author = {Doe, Jane}, title = {Never Cited}, journaltitle = {J}, date = {2018}}',
].join('\n');
const library = createLibrary([{ file: 'refs.bib', text: BIB }]);

const PAGES = [
  'One [@doea] and two [@doeb; @roec, p. 4]. @adoea says so [see @org, ch. 2].',
  'Others [@doec], [@doed], [@doea; @roeb], [@adoeb], [-@orgb].',
  'Again [@roea], [@doea], [@roea, p. 2], [@doeb], [@roea].',
];
// The library the .bib edit test edits: works whose labels depend on each other (namesakes,
// names citeproc files together, teams led by the same author, year letters, anonymous works
// alike) and works alone.
const EDIT_BIB = [
  '@book{jane, author = {Doe, Jane}, title = {First}, publisher = {P}, date = {2018}}',
  '@book{john, author = {Doe, John}, title = {Second}, publisher = {P}, date = {2018}}',
  '@book{alan, author = {Doe, Alan}, title = {Third}, publisher = {P}, date = {2018}}',
  '@article{sb, author = {Doe, Ann and Smith, Sue and Brown, Bo}, title = {Trio one}, journaltitle = {J}, date = {2019}}',
  '@article{sw, author = {Doe, Ann and Smith, Sue and White, Wu}, title = {Trio two}, journaltitle = {J}, date = {2019}}',
  '@article{jb, author = {Doe, Ann and Jones, Jo and Black, Bea}, title = {Trio three}, journaltitle = {J}, date = {2019}}',
  '@article{ya, author = {Roe, Rita}, title = {Roe Trio}, journaltitle = {J}, date = {2020}}',
  '@article{yb, author = {Roe, Rita}, title = {Beta}, journaltitle = {J}, date = {2020}}',
  '@report{anon1, title = {Report}, date = {2017}, note = {a}, institution = {I}}',
  '@report{anon2, title = {Report}, date = {2017}, note = {b}, institution = {I}}',
  '@book{stjohn, author = {St. John, Ann}, title = {Saint}, publisher = {P}, date = {2019}}',
  '@book{stjohnb, author = {St John, Bob}, title = {Another Saint}, publisher = {P}, date = {2018}}',
  '@book{vandoe, author = {{van Doe}, Vic}, title = {Particle}, publisher = {P}, date = {2014}}',
  '@book{solo, author = {Solo, Han}, title = {Alone in the Middle}, publisher = {P}, date = {2015}}',
  '@book{lone, author = {Lone, Ranger}, title = {Lonely}, publisher = {P}, date = {2016}}',
].join('\n');
const EDIT_PAGES = [
  'A [@jane], [@john; @alan], [@sb], [@sw, p. 3] and [@jb]. @solo says so.',
  'B [@ya], [@yb], [@anon1], [@anon2; @lone], [@solo, ch. 2], [@alan].',
  'C [@stjohn], [@stjohnb] and [@vandoe].',
];

const citationsOf = (markdown: string, from = library): FoundCitation[] =>
  findCitations(parseMdx(markdown), markdown, 'x.md', from).citations;
/** The keys `pages` cite, in order, repeats included. */
const citedKeys = (pages: readonly string[], from = library): string[] =>
  pages.flatMap((page) => citationsOf(page, from).flatMap((c) => c.items.map((i) => i.key)));
const scope = createScope(library, citedKeys(PAGES));

afterEach(() => {
  vi.restoreAllMocks();
});

/** citeproc's bibliographies from now on: the keys each rendered (undefined: the whole list). */
function watchBibliographies() {
  const spy = vi.spyOn(CSL.Engine.prototype, 'makeBibliography');
  return {
    spy,
    included: () => spy.mock.calls.map(([selection]) => selection?.include?.map((i) => i.value)),
  };
}

/** citeproc's registrations from now on: for each `updateItems` call, which of `keys` it left out. */
function watchRegistrations() {
  const spy = vi.spyOn(CSL.Engine.prototype, 'updateItems');
  return {
    spy,
    left: (keys: readonly string[]) =>
      spy.mock.calls.map(([ids]) => keys.filter((k) => !ids.includes(k))),
  };
}

/** A numeric style whose list, and so its numbers, go by author, then year, not by first citation. */
function sortedByAuthor(style: CslStyle): CslStyle {
  const sort = '<sort><key variable="author"/><key variable="issued"/></sort>';
  return { ...style, xml: style.xml.replace(/(<bibliography[^>]*>)/, `$1${sort}`) };
}

const STYLES: [string, CslStyle][] = [
  ['APA', loadStyle('apa', 'en-US', PACKAGE)],
  ['Harvard', loadStyle('harvard1', 'en-US', PACKAGE)],
  ['Vancouver', loadStyle('vancouver', 'en-US', PACKAGE)],
  ['Chicago author-date', loadStyle('style-chicago', 'en-US', PACKAGE)],
  ['Vancouver, numbered by author', sortedByAuthor(loadStyle('vancouver', 'en-US', PACKAGE))],
];

interface Rendered {
  citations: string[];
  entries: string[];
}

function ours(s: Scope, style: CslStyle, markdown: string): Rendered {
  const doc = renderClusters(s, style, citationsOf(markdown, s.library));
  return {
    citations: doc.clusters.map((c) => toText(c)),
    entries: doc.entries.map((e) => toText(e.content)),
  };
}

const plain = (html: string) => toText(citeprocHtmlToHast(html));

/**
 * A new engine, the scope's works registered as uncited items, then the page's citations one by
 * one through processCitationCluster (which registers them as cited), then the bibliography of
 * the page's works: citeproc's documented incremental API, none of our shortcuts.
 */
function fresh(s: Scope, style: CslStyle, markdown: string): Rendered {
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang) => retrieveLocale(style, lang),
      retrieveItem: (id) => renderItemOf(s.library, id),
    },
    // The style as the site reads it: numeric styles name authors in narrative citations.
    withNarrativeNames(style.xml),
    style.locale,
    true,
  );
  engine.updateUncitedItems([...s.keys]);
  const found = citationsOf(markdown, s.library);
  const pre: [string, number][] = [];
  const output = new Map<string, string>();
  found.forEach((c, i) => {
    const citation = {
      citationID: `c${i + 1}`,
      citationItems: c.items.map((item) => ({
        id: item.key,
        ...(item.prefix ? { prefix: `${item.prefix} ` } : {}),
        ...(item.locator ? { locator: item.locator, label: item.label ?? 'page' } : {}),
        ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
      })),
      properties: { noteIndex: 0, ...(c.narrative ? { mode: 'composite' as const } : {}) },
    };
    const [, updates] = engine.processCitationCluster(citation, pre, []);
    pre.push([citation.citationID, 0]);
    for (const [index, html] of updates) output.set(pre[index]![0], html);
  });
  const keys = [...new Set(found.flatMap((c) => c.items.map((i) => i.key)))];
  const [, entries] = engine.makeBibliography({
    include: keys.map((key) => ({ field: 'id', value: key })),
  }) || [undefined, []];
  return {
    citations: found.map((_, i) => plain(output.get(`c${i + 1}`)!)),
    entries: entries.map((html) => plain(html).trim()),
  };
}

describe.each(STYLES)('%s', (_, style) => {
  // A new engine per page: a second or more each (APA's is the largest style), more on a busy
  // machine.
  it(
    'gives each page what a fresh engine with the site’s works gives it',
    { timeout: 120_000 },
    () => {
      for (const page of PAGES) expect(ours(scope, style, page)).toEqual(fresh(scope, style, page));
    },
  );

  it('gives a page the same result whatever was rendered before it', () => {
    const alone = PAGES.map((page) => ours(scope, style, page));
    ours(scope, style, PAGES[2]!);
    renderEntries(scope, style);
    renderItems(
      [{ id: 'self', type: 'webpage', title: 'Doe and Roe', issued: { 'date-parts': [[2018]] } }],
      style,
    );
    const other = createLibrary([
      {
        file: 'other.bib',
        text: '@article{doea, author = {Other, Olga}, title = {T}, date = {1999}}',
      },
    ]);
    ours(createScope(other, ['doea']), style, '[@doea]');
    expect(PAGES.map((page) => ours(scope, style, page))).toEqual(alone);
  });

  it('lists the works of a page rendered alone as the whole list does', () => {
    // A scope of every entry (an engine state of its own), then one page citing few of them: a
    // build rendering one page again. Its entries are rendered on their own, and must read as
    // the whole list and a fresh engine read them; once the whole list is rendered, a page takes
    // its entries from it. Chicago's "———" depends on the list, so its pages are always
    // rendered on their own.
    const wide = createScope(library, [], [...library.entries.keys()].reverse());
    const page = '[@roeb] and [@orgb].';
    const substitutes = /subsequent-author-substitute=/.test(style.xml);
    const bibliographies = watchBibliographies();
    const alone = ours(wide, style, page);
    expect(bibliographies.included()).toEqual([['roeb', 'orgb']]);
    expect(alone).toEqual(fresh(wide, style, page));
    const all = new Map(renderEntries(wide, style).entries.map((e) => [e.key, toText(e.content)]));
    if (!substitutes) {
      const listed = [...all].filter(([key]) => key === 'roeb' || key === 'orgb');
      expect(alone.entries).toEqual(listed.map(([, text]) => text));
    }
    const calls = bibliographies.spy.mock.calls.length;
    expect(ours(wide, style, page)).toEqual(alone);
    expect(bibliographies.spy.mock.calls.length).toBe(substitutes ? calls + 1 : calls);
  });

  it('after a .bib edit, renders what an engine registering the site afresh renders', () => {
    // `npm start` after a .bib field edit: the same works, a few of them changed. A changed work
    // that shares no name with another work and no label with one (its ambiguity group holds it
    // alone) leaves the engine's registry and comes back (two updateItems calls); any other
    // edit registers the site afresh, since citeproc's disambiguation and names registry keep
    // a history (a group disambiguated again starts where it stood). Either way every page and
    // the whole list must read as after a fresh registration (another library in between
    // resets the engine). Each edit builds on the ones before.
    const edits: [from: string, to: string, changed: string[], how: 'alone' | 'afresh'][] = [
      // Works with group mates or namesakes: Jane, John and Alan Doe (initials, or given
      // names in Harvard), three teams led by Ann Doe (et al. after one or two names), Rita
      // Roe's two 2020 works (year letters), two anonymous reports alike.
      ['Trio two', 'Trio deux', ['sw'], 'afresh'],
      ['title = {Third}', 'title = {Third Edition}', ['alan'], 'afresh'],
      ['title = {Beta}', 'title = {Aardvark}', ['yb'], 'afresh'],
      // Names citeproc files together though they are written apart: "St. John" and "St John",
      // a family name with its particle inside ("{van Doe}", filed under "Doe").
      ['title = {Saint}', 'title = {Saint Edited}', ['stjohn'], 'afresh'],
      ['title = {Particle}', 'title = {Particles}', ['vandoe'], 'afresh'],
      [
        'title = {Report}, date = {2017}, note = {b}',
        'title = {Other Report}, date = {2017}, note = {b}',
        ['anon2'],
        'afresh',
      ],
      // A work alone: its title moves it in the list (other works' numbers change in a
      // numbered list), then its year, then its author for another no one else has.
      ['Alone in the Middle', 'Aaa Alone', ['solo'], 'alone'],
      [
        'Aaa Alone}, publisher = {P}, date = {2015}',
        'Aaa Alone}, publisher = {P}, date = {2021}',
        ['solo'],
        'alone',
      ],
      ['Lone, Ranger', 'Lonely, Ranger', ['lone'], 'alone'],
      // Then a namesake of Rita Roe's, and two works at once, one of them alone.
      ['Lonely, Ranger', 'Roe, Rita', ['lone'], 'afresh'],
      ['Aaa Alone', 'Zzz Alone', ['solo'], 'alone'],
      ['title = {Roe Trio}', 'title = {A Roe Trio}', ['ya'], 'afresh'],
      // A .bib written again without a change (nothing to take out: no work's data changed).
      ['', '', [], 'alone'],
    ];
    const unrelated = createScope(
      createLibrary([
        { file: 'u.bib', text: '@misc{u, author = {U, V}, title = {T}, date = {2000}}' },
      ]),
    );
    // A numbered style's citations all look alike before their numbers ("(1)"): no work stands
    // alone there, and every edit registers the site afresh.
    const numbered = /<citation[\s>][\s\S]*?citation-number[\s\S]*?<\/citation>/.test(style.xml);
    const registrations = watchRegistrations();
    const bibliographies = watchBibliographies();
    /** The site's scope with `bib` as its library. */
    const siteWith = (bib: string) => {
      const library = createLibrary([{ file: 'refs.bib', text: bib }]);
      return createScope(library, citedKeys(EDIT_PAGES, library));
    };
    const listOf = (scope: Scope) =>
      renderEntries(scope, style).entries.map((e) => toText(e.content));
    let text = EDIT_BIB;
    let edited = siteWith(text);
    renderEntries(edited, style);
    for (const [from, to, changed, how] of edits) {
      expect(text.includes(from)).toBe(true);
      text = text.replace(from, to);
      const next = siteWith(text);
      expect(next.keys).toEqual(edited.keys);
      edited = next;
      registrations.spy.mockClear();
      bibliographies.spy.mockClear();
      const pages = EDIT_PAGES.map((page) => ours(edited, style, page));
      const list = listOf(edited);
      // What left the registry at each updateItems call: only the changed works and then
      // none, or (registered afresh) none at once.
      const left = registrations.left(edited.keys);
      if (changed.length === 0) expect(left).toEqual([]);
      else if (how === 'afresh' || numbered) expect(left).toEqual([[]]);
      else {
        expect(left).toEqual([changed, []]);
        // The whole list, rendered before the edit, is not rendered again whole.
        expect(bibliographies.included().filter((keys) => keys === undefined)).toEqual([]);
      }
      ours(unrelated, style, '[@u]');
      expect(pages).toEqual(EDIT_PAGES.map((page) => ours(edited, style, page)));
      expect(list).toEqual(listOf(edited));
    }
    // And as citeproc's documented API gives them (a new engine per page: APA's takes a second).
    for (const page of EDIT_PAGES) {
      expect(ours(edited, style, page)).toEqual(fresh(edited, style, page));
    }
  });

  it('lists a page’s works as the site bibliography lists them', () => {
    const all = new Map(renderEntries(scope, style).entries.map((e) => [e.key, toText(e.content)]));
    for (const page of PAGES) {
      const doc = renderClusters(scope, style, citationsOf(page));
      for (const entry of doc.entries) {
        const shown = toText(entry.content);
        // Chicago's "———" stands for the author of the entry before, which differs by list.
        if (shown.startsWith('———') || all.get(entry.key)!.startsWith('———')) {
          expect(shown.replace(/^.*?\. /, '')).toBe(all.get(entry.key)!.replace(/^.*?\. /, ''));
        } else {
          expect(shown).toBe(all.get(entry.key));
        }
      }
    }
  });
});

describe('where the engine stops taking parts and takes the whole', () => {
  const apa = STYLES[0]![1];
  // Eight works, each alone: its own author, its own year.
  const lone = (titles: string[]) =>
    createLibrary([
      {
        file: 'lone.bib',
        text: titles
          .map(
            (title, i) =>
              `@book{w${i}, author = {Author${'ABCDEFGH'[i]}, Al}, title = {${title}}, publisher = {P}, date = {${2000 + i}}}`,
          )
          .join('\n'),
      },
    ]);
  const TITLES = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'];

  it('renders pages’ entries on their own until they asked for a quarter of the list', () => {
    const works = createScope(lone(TITLES));
    const bibliographies = watchBibliographies();
    // Eight works: two asked for (a quarter) are rendered on their own, the third brings the
    // whole list, from which the fourth page takes its entry.
    for (const page of ['[@w0]', '[@w1]', '[@w2]', '[@w3]']) ours(works, apa, page);
    expect(bibliographies.included()).toEqual([['w0'], ['w1'], undefined]);
  });

  it('registers the site afresh when more than a quarter of the works changed', () => {
    const pages = ['[@w0; @w1; @w2; @w3]', '[@w4; @w5; @w6; @w7]'];
    const registrations = watchRegistrations();
    let titles = TITLES;
    const render = () => {
      const works = createScope(lone(titles));
      registrations.spy.mockClear();
      return { works, pages: pages.map((page) => ours(works, apa, page)) };
    };
    render();
    // Two of eight: a quarter, taken out and back in.
    titles = titles.map((t, i) => (i < 2 ? `${t} Edited` : t));
    const some = render();
    expect(registrations.left(some.works.keys)).toEqual([['w0', 'w1'], []]);
    // Three of eight: registered afresh, and what a fresh engine gives.
    titles = titles.map((t, i) => (i >= 5 ? `${t} Edited` : t));
    const more = render();
    expect(registrations.left(more.works.keys)).toEqual([[]]);
    expect(more.pages).toEqual(pages.map((page) => fresh(more.works, apa, page)));
  });
});

describe('one label per work', () => {
  const apa = STYLES[0]![1];
  const vancouver = STYLES[2]![1];

  it('letters a work’s year as the whole site does, on every page', () => {
    // Page 1 cites two of Jane Doe's 2018 works, the site four, and the .bib lists a fifth that
    // no page cites but /bibliography shows, "Never cited", which APA letters first (by title).
    // Alone, page 1 would say 2018a; every page says what /bibliography says: 2018b.
    expect(ours(scope, apa, PAGES[0]!).citations[0]).toBe('(J. Doe, 2018b)');
    expect(ours(scope, apa, PAGES[1]!).citations[2]).toBe('(J. Doe, 2018b; Roe, 2001)');
    expect(ours(scope, apa, PAGES[2]!).citations[1]).toBe('(J. Doe, 2018b)');
    const listed = renderEntries(scope, apa).entries.find((e) => e.key === 'doea')!;
    expect(toText(listed.content)).toMatch(/^Doe, J\. \(2018b\)/);
  });

  it('numbers works once for the site, in reading order', () => {
    // Numeric styles number the site's works in the order the site first cites them.
    expect(ours(scope, vancouver, PAGES[0]!).citations.slice(0, 2)).toEqual(['(1)', '(2,3)']);
    expect(ours(scope, vancouver, PAGES[1]!).citations.slice(0, 2)).toEqual(['(6)', '(7)']);
    expect(ours(scope, vancouver, PAGES[2]!).citations[1]).toBe('(1)');
  });

  it('reads items again when another library uses the same keys', () => {
    const other = createLibrary([
      {
        file: 'other.bib',
        text: '@article{doea, author = {Other, Olga}, title = {Elsewhere}, journaltitle = {K}, date = {1999}}',
      },
    ]);
    expect(ours(createScope(other, ['doea']), apa, '[@doea]').citations).toEqual(['(Other, 1999)']);
    expect(ours(scope, apa, '[@doea]').citations).toEqual(['(J. Doe, 2018b)']);
  });

  it('never asks a library for the items of another one', () => {
    // Items one library left registered must not be asked of the next (cite list after cite
    // export on other .bib files failed with 'No entry for citation key "else2019"').
    const other = createScope(
      createLibrary([
        {
          file: 'other.bib',
          text: '@misc{else2019, author = {Else, Where}, title = {T}, date = {2019}}',
        },
      ]),
    );
    expect(ours(other, apa, '[@else2019]').citations).toEqual(['(Else, 2019)']);
    expect(renderEntries(other, apa).entries.map((e) => e.key)).toEqual(['else2019']);
    expect(shortReferences(scope, apa).get('roea')).toBe('(Roe, 2000)');
    expect(ours(scope, apa, '[@doea]').citations).toEqual(['(J. Doe, 2018b)']);
    expect(renderEntries(scope, apa, ['doea']).entries.map((e) => e.key)).toEqual(['doea']);
  });
});
