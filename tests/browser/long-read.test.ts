// The essay as a long-read (issue #18), on a laptop and on a phone: a followed citation lands
// where the reader can see it, previews open on screen, lines keep a comfortable measure, the
// template's leftovers are gone, and paper gets the text without the screen's controls.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';

import {
  axe,
  chromiumForThisFile,
  DESKTOP,
  expectNoProblems,
  gotoAndHydrate,
  PHONE,
} from '../support/browser';
import { CHAPTERS, PAGES, frontMatterField } from '../support/essay';
import { ROOT } from '../support/paths';
import { charactersPerLine, median } from '../support/typography';

const baseUrl = inject('baseUrl');
const site = chromiumForThisFile(baseUrl);

const SIZES: [string, BrowserContextOptions][] = [
  ['1366×900', DESKTOP],
  ['390×844', PHONE],
];
const isPhone = (size: BrowserContextOptions) => size.hasTouch === true;

/** Chapters with citations; a test over them must not pass on an empty list. */
const CITING = CHAPTERS.filter((c) => c.path !== '/great-firewall');

/** The citation links the reader sees (one per citation, in the chosen style). */
const citationLinks = (page: Page) => page.locator('a.citation-link').filter({ visible: true });

/** The navbar's lower edge: the fixed bar hides whatever lies above it. */
const navbarBottom = (page: Page) =>
  page.evaluate(() => document.querySelector('.navbar')!.getBoundingClientRect().bottom);

/** How an element is set apart from the text around it, as CSS computes it. */
function markOf(page: Page, id: string): Promise<string> {
  return page.evaluate((id) => {
    const target = document.getElementById(id)!;
    const shown = target.closest('.citation') ?? target;
    const s = getComputedStyle(shown);
    return [
      s.backgroundColor,
      s.outlineStyle,
      s.outlineColor,
      s.boxShadow,
      s.borderLeftStyle,
      s.borderLeftColor,
      s.textDecorationLine,
    ].join(' | ');
  }, id);
}

/**
 * After a link to `id` was followed: the target (for a citation, the citation as the reader
 * sees it) lies wholly between the navbar and the bottom of the window, is marked by a
 * `:target` style, and has the keyboard focus.
 */
async function expectLandedOn(page: Page, id: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => decodeURIComponent(window.location.hash.slice(1))))
    .toBe(id);
  const landed = await page.evaluate((id) => {
    const target = document.getElementById(id)!;
    const shown = target.closest('.citation') ?? target;
    const rect = shown.getBoundingClientRect();
    const focus = document.activeElement;
    return {
      top: rect.top,
      bottom: rect.bottom,
      height: window.innerHeight,
      isTarget: target.matches(':target'),
      focused: focus !== null && (focus === shown || shown.contains(focus)),
    };
  }, id);
  const below = await navbarBottom(page);
  expect(landed.top, `#${id} starts under the navbar`).toBeGreaterThanOrEqual(below - 0.5);
  expect(landed.bottom, `#${id} ends below the window`).toBeLessThanOrEqual(landed.height + 0.5);
  expect(landed.isTarget).toBe(true);
  expect(landed.focused, `focus is on #${id}`).toBe(true);
  // Marked: it looks different once the address names something else (focus stays put).
  const marked = await markOf(page, id);
  await page.evaluate(() => {
    window.location.hash = 'no-such-target';
  });
  expect(await markOf(page, id), `#${id} has a :target style`).not.toBe(marked);
}

/** Follows a link as the reader would: a click, or on a phone a tap (two on a citation). */
async function follow(page: Page, link: Locator, phone: boolean): Promise<void> {
  if (!phone) return link.click();
  await link.tap();
  if (await link.evaluate((a) => a.matches('a.citation-link'))) {
    // The first tap shows the preview; the second follows the link.
    await page.locator('#citation-preview').waitFor();
    await link.tap();
  }
}

describe.each(SIZES)('at %s', (_, size) => {
  describe('following a citation and coming back', () => {
    it.each(CITING)(
      '$path: each reference, and the citation its back-link returns to, shows below the navbar, marked and focused',
      async ({ path: pagePath }) => {
        const page = await site.newPage(size);
        await gotoAndHydrate(page, pagePath);
        const links = citationLinks(page);
        const count = await links.count();
        expect(count).toBeGreaterThan(0);
        for (let i = 0; i < count; i += 1) {
          const link = links.nth(i);
          const entryId = decodeURIComponent((await link.getAttribute('href'))!.slice(1));
          const citationId = await link.evaluate(
            (a) => a.closest('.citation')!.querySelector('.citation-anchor')!.id,
          );
          await follow(page, link, isPhone(size));
          await expectLandedOn(page, entryId);
          const back = page.locator(
            `li[id="${entryId}"] .citation-backlinks a[href="#${citationId}"]`,
          );
          await follow(page, back, isPhone(size));
          await expectLandedOn(page, citationId);
        }
        expectNoProblems(page);
      },
    );
  });

  describe('citation previews', () => {
    it.each(CITING)(
      '$path: every preview opens inside the window, near its bottom and near its top',
      async ({ path: pagePath }) => {
        const page = await site.newPage(size);
        await gotoAndHydrate(page, pagePath);
        const preview = page.locator('#citation-preview');
        const links = citationLinks(page);
        const count = await links.count();
        expect(count).toBeGreaterThan(0);
        const top = await navbarBottom(page);
        const { width, height } = size.viewport!;
        for (let i = 0; i < count; i += 1) {
          const link = links.nth(i);
          for (const where of ['bottom', 'top'] as const) {
            // The citation on the window's last line, or on its first below the navbar.
            await link.evaluate(
              (a, { where, top }) => {
                const rect = a.getBoundingClientRect();
                window.scrollBy(
                  0,
                  where === 'bottom' ? rect.bottom - (window.innerHeight - 4) : rect.top - top - 4,
                );
              },
              { where, top },
            );
            if (isPhone(size)) await link.tap();
            else {
              // Escape gave the focus back to the citation: leave it, to focus it anew.
              await link.evaluate((a) => a.blur());
              await link.focus();
            }
            await preview.waitFor();
            const box = (await preview.boundingBox())!;
            const at = `citation ${i + 1} of ${count}, at the window's ${where}`;
            expect(box.y, at).toBeGreaterThanOrEqual(top - 0.5);
            expect(box.y + box.height, at).toBeLessThanOrEqual(height + 0.5);
            expect(box.x, at).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width, at).toBeLessThanOrEqual(width + 0.5);
            await page.keyboard.press('Escape');
            await preview.waitFor({ state: 'detached' });
          }
        }
        expectNoProblems(page);
      },
    );
  });

  describe('the measure', () => {
    // A phone is narrower than a comfortable measure: there the text takes the screen, at a
    // size that stays readable, and never runs longer than on a laptop.
    const [least, most] = isPhone(size) ? [38, 75] : [60, 75];

    it.each([...PAGES.map((p) => p.path), '/bibliography'])(
      `%s: the median line of prose holds ${least}–${most} characters`,
      async (pagePath) => {
        const page = await site.newPage(size);
        await gotoAndHydrate(page, pagePath);
        const lines = await charactersPerLine(page, 'main p, main li');
        expect(lines.length).toBeGreaterThan(10);
        expect(median(lines)).toBeGreaterThanOrEqual(least);
        expect(median(lines)).toBeLessThanOrEqual(most);
      },
    );
  });
});

describe('a chapter as a reader sees it', () => {
  // Saved for people to look at (not compared): test-results/screenshots/, both sizes and modes.
  const shots = path.join(ROOT, 'test-results', 'screenshots');

  it.each(
    SIZES.flatMap(([name, size]) =>
      (['light', 'dark'] as const).map((mode) => [name, mode, size] as const),
    ),
  )(
    '/bytedance at %s in %s mode, with a followed citation marked, passes axe',
    async (name, mode, size) => {
      const page = await site.newPage({ ...size, colorScheme: mode });
      await gotoAndHydrate(page, '/bytedance');
      fs.mkdirSync(shots, { recursive: true });
      const file = (what: string) =>
        path.join(shots, `bytedance-${name.replace('×', 'x')}-${mode}-${what}.png`);
      await page.screenshot({ path: file('top') });
      const link = citationLinks(page).first();
      await follow(page, link, isPhone(size));
      await page.waitForFunction(() => document.querySelector(':target') !== null);
      await page.screenshot({ path: file('reference') });
      expect(await axe(page)).toEqual([]);
      expectNoProblems(page);
    },
  );
});

describe('one column, one measure, one voice (1366×900)', () => {
  /** Left and right edges of each element matching a selector, with what it is. */
  function edges(page: Page, selector: string) {
    return page.locator(selector).evaluateAll((elements) =>
      elements.map((e) => {
        const r = e.getBoundingClientRect();
        const name = `${e.tagName.toLowerCase()}.${e.className || ''}`.slice(0, 60);
        return { name, left: Math.round(r.left), right: Math.round(r.right) };
      }),
    );
  }

  it.each([...PAGES.map((p) => p.path), '/bibliography'])(
    '%s: headings, editor’s notes, references and “Cite this” share the paragraphs’ measure',
    async (pagePath) => {
      const page = await site.newPage(DESKTOP);
      await gotoAndHydrate(page, pagePath);
      const [paragraph] = await edges(page, 'main article p, main.bibliography-page > p');
      expect(paragraph).toBeDefined();
      const blocks = await edges(
        page,
        [
          'main h1',
          'main h2',
          'main .admonition',
          'main ul.references',
          'main section[aria-labelledby="cite-this"]',
        ].join(', '),
      );
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        expect({ ...block, name: block.name }).toEqual({
          name: block.name,
          left: paragraph!.left,
          right: paragraph!.right,
        });
      }
    },
  );

  it.each(['/google', '/about'])(
    '%s: headings are set in the text’s typeface',
    async (pagePath) => {
      const page = await site.newPage(DESKTOP);
      await gotoAndHydrate(page, pagePath);
      const fonts = await page.evaluate(() => {
        const font = (e: Element) => getComputedStyle(e).fontFamily;
        return {
          text: font(document.querySelector('main article p')!),
          headings: Array.from(document.querySelectorAll('main h1, main h2, main h3')).map(font),
        };
      });
      expect(fonts.headings.length).toBeGreaterThan(1);
      expect(new Set(fonts.headings)).toEqual(new Set([fonts.text]));
    },
  );
});

describe('what was left of the documentation template', () => {
  it('/search speaks of the essay, not of documentation', async () => {
    const page = await site.newPage(DESKTOP);
    // The search page has no <main>: its content is the layout's main wrapper.
    const content = page.locator('.main-wrapper');
    await gotoAndHydrate(page, '/search');
    expect(await content.innerText()).not.toMatch(/document/i);
    await gotoAndHydrate(page, '/search?q=TikTok');
    await expect.poll(() => content.locator('article h2 a').count()).toBeGreaterThan(0);
    const text = await content.innerText();
    expect(text).not.toMatch(/document/i);
    expect(text).toMatch(/\d+ (passages?|places?|matches?)/i);
    expectNoProblems(page);
  });

  it('the 404 page says what happened and leads back into the essay', async () => {
    const page = await site.newPage(DESKTOP);
    await gotoAndHydrate(page, '/no-such-chapter');
    const main = page.locator('main');
    expect(await main.innerText()).not.toMatch(/contact the owner of the site/i);
    const hrefs = await main
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(hrefs).toEqual(expect.arrayContaining(['/', '/bibliography']));
    expect(await axe(page)).toEqual([]);
  });

  it.each(PAGES.map((p) => p.path))(
    '%s: no breadcrumbs, and no table of contents of a single entry',
    async (pagePath) => {
      for (const size of [DESKTOP, PHONE]) {
        const page = await site.newPage(size);
        await gotoAndHydrate(page, pagePath);
        expect(await page.locator('.theme-doc-breadcrumbs').count()).toBe(0);
        const desktop = page.locator('.theme-doc-toc-desktop');
        if (await desktop.count()) {
          expect(await desktop.getByRole('link').count()).toBeGreaterThan(1);
        }
        // The phone's table is collapsed, and lists its entries once opened.
        const mobile = page.locator('.theme-doc-toc-mobile');
        if (await mobile.isVisible()) {
          await mobile.getByRole('button').tap();
          await mobile.getByRole('link').first().waitFor();
          expect(await mobile.getByRole('link').count()).toBeGreaterThan(1);
        }
      }
    },
  );

  it('the phone menu shows the chapters and the rest of the site at once', async () => {
    const page = await site.newPage(PHONE);
    await gotoAndHydrate(page, '/google');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Toggle navigation bar' })
      .tap();
    const menu = page.locator('.navbar-sidebar');
    for (const name of [
      'The Great Firewall',
      'The bans and the widening divide',
      'Bibliography',
      'Timeline',
      'Print edition',
      'About',
    ]) {
      await expect
        .poll(() => menu.getByRole('link', { name, exact: true }).isVisible(), { timeout: 3000 })
        .toBe(true);
    }
    expect(await menu.getByText('Back to main menu').isVisible()).toBe(false);
    expect(await axe(page)).toEqual([]);
    expectNoProblems(page);
  });

  it('search suggestions put the passage that matches before the page’s description', async () => {
    const page = await site.newPage(DESKTOP);
    await gotoAndHydrate(page, '/');
    const box = page.locator('input.navbar__search-input');
    await box.click();
    await box.pressSequentially('Oracle', { delay: 20 });
    const options = page.locator('.navbar__search [role="option"]');
    await options.first().waitFor();
    const texts = await options.allInnerTexts();
    const description = frontMatterField('docs/bans.mdx', 'description')!;
    const title = CHAPTERS.find((c) => c.path === '/bans')!.title;
    const excerpt = (t: string) => t.split('\n')[0]!.replace(/…/g, '').trim();
    const ofBans = texts.map((t, i) => ({ t, i })).filter(({ t }) => t.includes(title));
    const describing = ofBans.find(({ t }) => description.includes(excerpt(t)));
    const passage = ofBans.find(({ t }) => !description.includes(excerpt(t)) && t !== title);
    expect(describing, texts.join('\n')).toBeDefined();
    expect(passage, texts.join('\n')).toBeDefined();
    expect(passage!.i).toBeLessThan(describing!.i);
  });
});

describe('smaller things', () => {
  it.each(SIZES)('/timeline at %s: every date on one line, and curly quotes', async (_, size) => {
    const page = await site.newPage(size);
    await gotoAndHydrate(page, '/timeline');
    // The lines a date's text is set on (its box stretches to the event's height).
    const dates = await page.locator('main ol time').evaluateAll((times) =>
      times.map((t) => {
        const range = document.createRange();
        range.selectNodeContents(t);
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        return { text: t.textContent, lines: tops.size };
      }),
    );
    expect(dates.length).toBeGreaterThan(10);
    for (const date of dates) expect(date).toEqual({ text: date.text, lines: 1 });
    const titles = await page.locator('main ol li p').allInnerTexts();
    expect(titles.filter((t) => /["']/.test(t))).toEqual([]);
    expect(titles.join(' ')).toContain('“Great Firewall”');
  });

  it.each(SIZES)('/about at %s: the LaTeX sample shows its keys whole', async (_, size) => {
    const page = await site.newPage(size);
    await gotoAndHydrate(page, '/about');
    const code = page.locator('pre').filter({ hasText: 'parencite' });
    const fits = await code.evaluate((pre) => {
      const scroller = pre.scrollWidth > pre.clientWidth ? pre : pre.querySelector('code')!;
      return scroller.scrollWidth <= scroller.clientWidth && pre.scrollWidth <= pre.clientWidth;
    });
    expect(fits).toBe(true);
    const key = await code.evaluate((pre) => {
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      const box = pre.getBoundingClientRect();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf('gallagher2018dragonfly');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 'gallagher2018dragonfly'.length);
        const rects = Array.from(range.getClientRects());
        return rects.every((r) => r.left >= box.left && r.right <= box.right);
      }
      return false;
    });
    expect(key).toBe(true);
  });

  it('/about links “open an issue” to the repository the site is configured with', async () => {
    const page = await site.newPage(DESKTOP);
    await gotoAndHydrate(page, '/about');
    const link = page.getByRole('link', { name: /open an issue/ });
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/[^/]+\/.+/);
  });
});

describe('on paper', () => {
  const PRINTED = [
    ...PAGES.map((p) => p.path),
    '/bibliography',
    '/timeline',
    '/print',
    '/search?q=TikTok',
    '/no-such-chapter',
  ];

  it.each(PRINTED)(
    '%s prints no form control, button, download or archive link, or export code',
    async (pagePath) => {
      const page = await site.newPage(DESKTOP);
      await gotoAndHydrate(page, pagePath);
      // Let the search page list its results before printing it.
      if (pagePath.startsWith('/search')) {
        await expect
          .poll(() => page.locator('article h2 a').count(), { timeout: 30_000 })
          .toBeGreaterThan(0);
      }
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLElement>(
            [
              'input',
              'select',
              'textarea',
              'button',
              'a[download]',
              'a[href$=".bib"]',
              'a[href$=".ris"]',
              'a[href*="web.archive.org"]',
              'section[aria-labelledby="cite-this"] pre',
            ].join(', '),
          ),
        )
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return e.checkVisibility({ visibilityProperty: true }) && r.width > 0 && r.height > 0;
          })
          .map((e) => e.outerHTML.slice(0, 120)),
      );
      expect(printed).toEqual([]);
    },
  );

  const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-pdf-'));
  afterAll(() => fs.rmSync(pdfDir, { recursive: true, force: true }));

  /** The page as Chromium prints it to PDF, read back page by page by poppler's pdftotext. */
  async function printedPages(pagePath: string): Promise<string[]> {
    const page = await site.newPage(DESKTOP);
    await gotoAndHydrate(page, pagePath);
    const file = path.join(pdfDir, `${pagePath.replace(/\W/g, '_') || 'index'}.pdf`);
    await page.pdf({ path: file, format: 'A4' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return text.split('\f').filter((p) => p.trim() !== '');
  }

  it('the PDF of /print opens with a title page: title, subtitle, the original publication and this edition', async () => {
    const [first, second] = await printedPages('/print');
    // A long address may break after one of its hyphens.
    const words = (s: string) => s.replace(/-\s+/g, '-').replace(/\s+/g, ' ');
    const titlePage = words(first!);
    const title = PAGES[0].title;
    expect(titlePage).toContain(title);
    expect(titlePage).toContain('Two “parallel universes” are now even further apart');
    expect(titlePage).toContain('TechCrunch');
    expect(titlePage).toContain('22 September 2020');
    expect(titlePage).toContain(
      'https://techcrunch.com/2020/09/22/tiktok-wechat-and-the-growing-digital-divide-between-the-u-s-and-china/',
    );
    // The edition's own date, as citations.config.ts gives it.
    const issued = /issued: '(\d{4})-(\d{2})-(\d{2})'/.exec(
      fs.readFileSync(path.join(ROOT, 'citations.config.ts'), 'utf8'),
    )!;
    const month = new Date(Date.UTC(2000, Number(issued[2]) - 1)).toLocaleString('en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    expect(titlePage).toContain(`${Number(issued[3])} ${month} ${issued[1]}`);
    // The essay starts on the next page.
    expect(titlePage).not.toContain('Over the past decade');
    expect(words(second!)).toContain('Over the past decade');
  });

  it('the PDF of /print has page margins', async () => {
    const page = await site.newPage(DESKTOP);
    await gotoAndHydrate(page, '/print');
    const file = path.join(pdfDir, 'margins.pdf');
    await page.pdf({ path: file, format: 'A4' });
    const html = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '3', file, '-'], {
      encoding: 'utf8',
    });
    const pageBox = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
    const [pageWidth, pageHeight] = [Number(pageBox[1]), Number(pageBox[2])];
    const words = [
      ...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g),
    ].map((m) => m.slice(1).map(Number));
    expect(words.length).toBeGreaterThan(100);
    // At least 1.5 cm (42.5 pt) of paper around the text.
    const margin = 42.5;
    expect(Math.min(...words.map((w) => w[0]!))).toBeGreaterThanOrEqual(margin);
    expect(Math.min(...words.map((w) => w[1]!))).toBeGreaterThanOrEqual(margin);
    expect(Math.max(...words.map((w) => w[2]!))).toBeLessThanOrEqual(pageWidth - margin);
    expect(Math.max(...words.map((w) => w[3]!))).toBeLessThanOrEqual(pageHeight - margin);
  });

  it.each([...CITING.map((c) => c.path), '/bibliography', '/print'])(
    'the PDF of %s never ends a page on a heading (A4, Letter, A5)',
    async (pagePath) => {
      const page = await site.newPage(DESKTOP);
      await gotoAndHydrate(page, pagePath);
      await page.emulateMedia({ media: 'print' });
      const headings = await page
        .locator('main :is(h1, h2, h3, h4)')
        .filter({ visible: true })
        .allInnerTexts();
      expect(headings).toContain(pagePath === '/bibliography' ? 'Bibliography' : 'References');
      const file = path.join(pdfDir, 'headings.pdf');
      for (const format of ['A4', 'Letter', 'A5']) {
        // The margins a print dialog might set, the same for every format.
        const m = '1cm';
        await page.pdf({ path: file, format, margin: { top: m, right: m, bottom: m, left: m } });
        const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
          .split('\f')
          .filter((p) => p.trim() !== '');
        pages.slice(0, -1).forEach((text, i) => {
          const last = text.trimEnd().split('\n').at(-1)!.trim();
          expect(headings, `${format}, page ${i + 1} ends with “${last}”`).not.toContain(last);
        });
      }
    },
  );
});
