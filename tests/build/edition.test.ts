// The edition's text against its sources, as readers see it: a note wherever the essay's words
// could not be checked, a citation wherever a source exists, a timeline that holds what its
// header promises, and pages that describe the edition as it is.
import type { Element, Root } from 'hast';
import { describe, expect, inject, it } from 'vitest';

import { siteContext as context } from '../support/context';
import { CHAPTERS, PAGES, frontMatterField } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';

const buildDir = inject('buildDir');

function isEditorsNote(element: Element | undefined): boolean {
  return (
    element !== undefined &&
    String(attr(element, 'className')).split(' ').includes('theme-admonition') &&
    text(element).startsWith('Editor’s note')
  );
}

function editorsNotes(tree: Root): Element[] {
  return selectAll('article .theme-admonition', tree).filter(isEditorsNote);
}

/** The paragraph of a page that holds `phrase`, and the editor's note right after it, if any. */
function passage(tree: Root, phrase: string): { paragraph: Element; note: Element | undefined } {
  const blocks = selectAll('article .theme-doc-markdown > *', tree);
  const index = blocks.findIndex((b) => b.tagName === 'p' && text(b).includes(phrase));
  expect(index, `a paragraph with “${phrase}”`).toBeGreaterThanOrEqual(0);
  const next = blocks[index + 1];
  return { paragraph: blocks[index]!, note: isEditorsNote(next) ? next : undefined };
}

/** The keys a paragraph (or note) cites. */
function citedKeys(node: Element): string[] {
  return selectAll('.citation', node).flatMap((c) => String(attr(c, 'dataCites')).split(' '));
}

const pages = new Map<string, Root>(PAGES.map((p) => [p.path, readPage(buildDir, p.path)]));
const page = (path: string) => pages.get(path)!;

describe('quotations whose wording could not be checked', () => {
  it.each([
    {
      path: '/bans',
      quoted: 'violates many provisions of the U.S. Constitution',
      // The Alliance's statement was not found; the copy's words were reworded.
      note: [
        'could not be checked',
        '“infringes many provisions”',
        '“acutely feign the lives”',
        '“violates”',
        '“severely affect”',
      ],
    },
    {
      path: '/bytedance',
      quoted: 'China is home to only one-fifth of the world’s internet users',
      note: ['could not locate Zhang Yiming’s interview with 36Kr', 'as the essay gives it'],
    },
  ])('$path: “$quoted” has a note saying so', ({ path, quoted, note }) => {
    const found = passage(page(path), quoted);
    expect(found.note, 'an editor’s note right after the quotation').toBeDefined();
    for (const words of note) expect(text(found.note)).toContain(words);
  });

  it('cites the Alliance’s complaint for the lawsuit, never for the quotation', () => {
    const lawsuit = passage(page('/bans'), 'a lawsuit filed against the U.S. government');
    expect(citedKeys(lawsuit.paragraph)).toContain('alliance2020complaint');
    const quotation = passage(page('/bans'), 'violates many provisions');
    expect(citedKeys(quotation.paragraph)).not.toContain('alliance2020complaint');
    expect(citedKeys(quotation.note!)).toEqual([]);
  });
});

describe('notes that clarify rather than correct', () => {
  it('the FTC note: “fined TikTok” is fair shorthand, in the FTC’s own words', () => {
    const { note } = passage(page('/bytedance'), 'the Federal Trade Commission fined TikTok');
    expect(text(note)).toContain('fair shorthand');
    expect(text(note)).toContain('“the operators of Musical.ly—now known as TikTok”');
    expect(citedKeys(note!)).toEqual(['ftc2019musically']);
  });

  it('the CGAP note: the report named is a candidate only', () => {
    const { note } = passage(page('/wechat'), 'according to research by think tank CGAP');
    expect(text(note)).toContain('is a candidate only');
    expect(text(note)).not.toContain('likely');
  });
});

describe('/great-firewall', () => {
  it('cites Wikipedia for the Golden Shield note and ends with its References', () => {
    const tree = page('/great-firewall');
    const { note } = passage(tree, 'launched the Golden Shield Project');
    expect(text(note)).toContain('initiated in 1998');
    expect(citedKeys(note!)).toEqual(['wikipedia-goldenshield']);
    expect(text(select('article h2#references', tree))).toBe('References');
    const entry = select('article ul.references > li[data-key="wikipedia-goldenshield"]', tree);
    expect(text(entry)).toContain('Golden Shield Project');
    expect(
      selectAll('a', entry).map((a) => attr(a, 'href')),
    ).toContain('https://en.wikipedia.org/wiki/Golden_Shield_Project');
  });
});

describe('what the edition says about itself', () => {
  const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
    'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen',
    'eighteen', 'nineteen', 'twenty'];

  it('About gives the number of editor’s notes the chapters carry', () => {
    const count = CHAPTERS.reduce((n, c) => n + editorsNotes(page(c.path)).length, 0);
    expect(count).toBeGreaterThan(0);
    expect(text(select('article', page('/about')))).toContain(
      `The chapters carry ${NUMBERS[count]} editor’s notes`,
    );
  });

  it('About names the text that is ours besides the notes', () => {
    const about = text(select('article', page('/about')));
    expect(about).not.toContain('Editor’s notes are the only text in the chapters that is ours');
    for (const part of ['chapter titles', 'description of each page', '“The chapters”']) {
      expect(about).toContain(part);
    }
  });

  it.each([
    { source: 'CGAP', path: '/wechat' },
    { source: '36Kr', path: '/bytedance' },
    { source: 'Fortune', path: '/bytedance' },
    { source: 'The Verge', path: '/bans' },
    { source: 'Alliance’s statement', path: '/bans' },
  ])(
    'the introduction names $source among the sources without an entry, and $path says why',
    ({ source, path }) => {
      const closing = selectAll('article p', page('/')).find((p) =>
        text(p).includes('have no entry'),
      );
      expect(text(closing)).toContain(source);
      expect(editorsNotes(page(path)).some((n) => text(n).includes(source))).toBe(true);
    },
  );

  it('no page calls Google’s 2010 decision a withdrawal', () => {
    for (const p of PAGES) {
      const words = `${text(select('article', page(p.path)))} ${frontMatterField(p.source, 'description')}`;
      expect(words, p.path).not.toMatch(/withdrawal|withdrew/);
    }
  });
});

describe('/bibliography', () => {
  const tree = readPage(buildDir, '/bibliography');

  it('says that an entry without a web address has an unconfirmed URL', () => {
    const withoutUrl = [...context.library.entries.values()].filter((e) => !e.csl.URL);
    expect(withoutUrl.length).toBeGreaterThan(0);
    expect(text(select('main', tree))).toContain('its URL is not confirmed');
  });

  it('dates China Digital Times’ article only as its sources do: not at all', () => {
    const entry = select('li[data-key="cdt2020aifen"] [data-style="apa"]', tree);
    expect(text(entry)).toContain('(n.d.)');
  });
});

describe('/timeline', () => {
  const tree = readPage(buildDir, '/timeline');
  const event = (id: string) => select(`main ol > li[id="${id}"]`, tree);

  it.each([
    { id: 'zuckerberg-tsinghua-board', date: '2014', path: '/google' },
    { id: 'local-partner', date: '2015', path: '/wechat' },
    { id: 'neihan-duanzi-users', date: '2017', path: '/bytedance' },
    { id: 'vpn-crackdown', date: '2017', path: '/bans' },
    { id: 'google-mini-program', date: '2018', path: '/wechat' },
    { id: 'tiktok-security-review', date: '2019', path: '/bytedance' },
    { id: 'commerce-enforcement', date: '2020-09-20', path: '/' },
  ])('holds $id ($date), linked to its passage on $path', ({ id, date, path }) => {
    const li = event(id);
    expect(li, id).toBeDefined();
    expect(attr(select('time', li), 'dateTime')).toBe(date);
    const link = selectAll('a', li).find((a) => text(a).startsWith('Read the passage'));
    expect(attr(link, 'href')).toBe(`${path}#passage-${id}`);
  });

  it('leaves open which law of June 2017 the essay means, as the bans chapter does', () => {
    const li = event('china-data-law');
    expect(attr(select('time', li), 'dateTime')).toBe('2017-06');
    expect(text(li)).toContain('Cybersecurity Law');
    expect(text(li)).toContain('National Intelligence Law');
    expect(text(select('main ol', tree))).not.toMatch(/Cybersecurity Law comes into force/);
  });

  it('labels the one-million mini programs event as reported', () => {
    const li = event('one-million-mini-programs');
    expect(attr(select('time', li), 'dateTime')).toBe('2018-11-07');
    expect(text(select('p', li))).toMatch(/\breported\b/);
  });
});
