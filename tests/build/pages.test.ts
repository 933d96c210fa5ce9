// The edition's pages, as built: each at its URL, with its title, description, place in the
// sidebar and previous/next links.
import { describe, expect, inject, it } from 'vitest';

import { PAGES, frontMatterField } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';

const buildDir = inject('buildDir');

describe.each(PAGES.map((page, index) => ({ ...page, index })))('$path', (page) => {
  const tree = readPage(buildDir, page.path);

  it('has its title as the document title and the page heading', () => {
    expect(text(select('title', tree))).toBe(`${page.title} | Digital Divide`);
    expect(text(select('article h1', tree))).toBe(page.title);
  });

  it('has the front matter description as its meta and link-preview description', () => {
    const description = frontMatterField(page.source, 'description');
    expect(description).toBeTruthy();
    expect(attr(select('meta[name="description"]', tree), 'content')).toBe(description);
    expect(attr(select('meta[property="og:description"]', tree), 'content')).toBe(description);
  });

  it('lists every page in the sidebar, in reading order, with itself marked current', () => {
    const links = selectAll('nav.menu a.menu__link', tree);
    expect(links.map((a) => attr(a, 'href'))).toEqual(PAGES.map((p) => p.path));
    expect(attr(select('nav.menu a.menu__link--active', tree), 'href')).toBe(page.path);
  });

  it('links to the previous and next pages', () => {
    const previous = select('nav.pagination-nav a.pagination-nav__link--prev', tree);
    const next = select('nav.pagination-nav a.pagination-nav__link--next', tree);
    const before = PAGES[page.index - 1];
    const after = PAGES[page.index + 1];
    expect(attr(previous, 'href')).toBe(before?.path);
    expect(attr(next, 'href')).toBe(after?.path);
    if (before) expect(text(previous)).toContain(page.index - 1 === 0 ? 'Introduction' : before.title);
    if (after) expect(text(next)).toContain(after.title);
  });

  it('gives every image its size, so that nothing moves as images arrive', () => {
    const images = selectAll('img', tree);
    expect(images.length).toBeGreaterThan(0); // the navbar logo, light and dark
    for (const img of images) {
      const src = attr(img, 'src');
      expect(attr(img, 'width'), `width of ${src}`).toMatch(/^\d+$/);
      expect(attr(img, 'height'), `height of ${src}`).toMatch(/^\d+$/);
    }
  });
});

describe('the introduction', () => {
  const tree = readPage(buildDir, '/');

  it('carries the subtitle and a guide to every chapter', () => {
    expect(text(select('.essay-subtitle', tree))).toBe('Two “parallel universes” are now even further apart');
    const guide = selectAll('article ol li a', tree).map((a) => attr(a, 'href'));
    expect(guide).toEqual(PAGES.slice(1, 6).map((p) => p.path));
  });
});

describe('the About page', () => {
  const tree = readPage(buildDir, '/about');

  it('links the original publication', () => {
    const link = selectAll('article a', tree).find((a) => text(a).includes('TechCrunch on 22 September 2020'));
    expect(attr(link, 'href')).toBe(
      'https://techcrunch.com/2020/09/22/tiktok-wechat-and-the-growing-digital-divide-between-the-u-s-and-china/',
    );
  });

  it('explains the cleaning, the editor’s notes and how to report an error', () => {
    const headings = selectAll('article h2', tree).map((h) => text(h));
    expect(headings).toEqual(
      expect.arrayContaining(['How this edition was made', 'Sources and editor’s notes', 'Reporting an error']),
    );
  });
});

describe('code on a page', () => {
  it('is highlighted in the HTML of the page that has it (the LaTeX example on /about)', () => {
    const block = select('pre.prism-code.language-latex', readPage(buildDir, '/about'));
    expect(text(block)).toContain('\\parencite{gallagher2018dragonfly}');
    expect(selectAll('span.token.function', block).map(text)).toContain('\\addbibresource');
  });
});
