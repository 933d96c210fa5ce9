// The essay as a long-read (issue #18), on a laptop and on a phone: a followed citation lands
// where the reader can see it, previews open on screen, lines keep a comfortable measure, the
// template's leftovers are gone, and paper gets the text without the screen's controls.
//
// Each page is opened once per screen size, and every check that concerns it runs on that one
// visit, in order: first those that only look, then those that scroll, follow links, open
// things or print (each says which pages it concerns); the last one asks whether the page
// logged an error at any point of the visit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  axe,
  chromiumForThisFile,
  expectNoProblems,
  isPhone,
  problemsOf,
  SIZES,
  switchColorMode,
  visit,
} from '../support/browser';
import { CHAPTERS, PAGES, frontMatterField } from '../support/essay';
import { ROOT } from '../support/paths';
import { charactersPerLine, median } from '../support/typography';

const baseUrl = inject('baseUrl');
const site = chromiumForThisFile(baseUrl);

/** Chapters with citations; a test over them must not pass on an empty list. */
const CITING = CHAPTERS.filter((c) => c.path !== '/great-firewall').map((c) => c.path);
/** The essay's pages. */
const ESSAY = PAGES.map((p) => p.path);
/** The pages that are mostly prose: their lines are measured. */
const PROSE = [...ESSAY, '/bibliography'];
/** The pages a reader may print. */
const PRINTED = [...PROSE, '/timeline', '/print', '/search?q=TikTok', '/no-such-chapter'];
/** The pages whose PDF is looked at for headings left alone at the foot of a page. */
const PDF_HEADINGS = [...CITING, '/bibliography', '/print'];

/** The pages opened at each size: every page some check below concerns. */
const OPENED = {
  desktop: [...new Set([...PRINTED, ...PDF_HEADINGS, '/search'])],
  phone: [...PROSE, '/timeline'],
};

// Saved for people to look at (not compared): test-results/screenshots/, both sizes and modes.
const shots = path.join(ROOT, 'test-results', 'screenshots');
const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-pdf-'));
afterAll(() => fs.rmSync(pdfDir, { recursive: true, force: true }));

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
  const where = () =>
    page.evaluate((id) => {
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
  // Focus follows the address a moment later (src/clientModules/targetFocus.ts, after the
  // router's own scrolling): wait for it, then measure where the target came to rest.
  await expect.poll(async () => (await where()).focused, { timeout: 5000 }).toBe(true);
  const landed = await where();
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

/** A PDF Chromium printed, read back page by page by poppler's pdftotext. */
function printedPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

describe.each(SIZES)('at %s', (sizeName, size) => {
  const phone = isPhone(size);
  const tab = site.pageForThisBlock(size);

  describe.each(phone ? OPENED.phone : OPENED.desktop)('%s', (pagePath) => {
    beforeAll(() => visit(tab(), pagePath));
    const on = (...paths: readonly string[]) => paths.includes(pagePath);

    // Looking only.

    if (on(...PROSE)) {
      // A phone is narrower than a comfortable measure: there the text takes the screen, at a
      // size that stays readable, and never runs longer than on a laptop.
      const [least, most] = phone ? [38, 75] : [60, 75];
      it(`the median line of prose holds ${least}–${most} characters`, async () => {
        const lines = await charactersPerLine(tab(), 'main p, main li');
        expect(lines.length).toBeGreaterThan(10);
        expect(median(lines)).toBeGreaterThanOrEqual(least);
        expect(median(lines)).toBeLessThanOrEqual(most);
      });
    }

    if (!phone && on(...PROSE)) {
      it('headings, editor’s notes, references and “Cite this” share the paragraphs’ measure', async () => {
        const page = tab();
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
          expect(block).toEqual({
            name: block.name,
            left: paragraph!.left,
            right: paragraph!.right,
          });
        }
      });
    }

    if (!phone && on('/google', '/about')) {
      it('headings are set in the text’s typeface', async () => {
        const fonts = await tab().evaluate(() => {
          const font = (e: Element) => getComputedStyle(e).fontFamily;
          return {
            text: font(document.querySelector('main article p')!),
            headings: Array.from(document.querySelectorAll('main h1, main h2, main h3')).map(font),
          };
        });
        expect(fonts.headings.length).toBeGreaterThan(1);
        expect(new Set(fonts.headings)).toEqual(new Set([fonts.text]));
      });
    }

    if (on('/timeline')) {
      it('every date on one line, and curly quotes', async () => {
        const page = tab();
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
    }

    if (on('/about')) {
      it('the LaTeX sample shows its keys whole', async () => {
        const code = tab().locator('pre').filter({ hasText: 'parencite' });
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
    }

    if (!phone && on('/about')) {
      it('links “open an issue” to the repository the site is configured with', async () => {
        const link = tab().getByRole('link', { name: /open an issue/ });
        expect(await link.getAttribute('href')).toMatch(/^https:\/\/[^/]+\/.+/);
      });
    }

    if (on('/search')) {
      it('speaks of the essay, not of documentation', async () => {
        // The search page has no <main>: its content is the layout's main wrapper.
        expect(await tab().locator('.main-wrapper').innerText()).not.toMatch(/document/i);
      });
    }

    if (on('/search?q=TikTok')) {
      it('lists its results, speaking of the essay, not of documentation', async () => {
        const content = tab().locator('.main-wrapper');
        await expect.poll(() => content.locator('article h2 a').count()).toBeGreaterThan(0);
        const text = await content.innerText();
        expect(text).not.toMatch(/document/i);
        expect(text).toMatch(/\d+ (passages?|places?|matches?)/i);
      });
    }

    if (on('/no-such-chapter')) {
      it('says what happened and leads back into the essay', async () => {
        const main = tab().locator('main');
        expect(await main.innerText()).not.toMatch(/contact the owner of the site/i);
        const hrefs = await main
          .getByRole('link')
          .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
        expect(hrefs).toEqual(expect.arrayContaining(['/', '/bibliography']));
        expect(await axe(tab())).toEqual([]);
      });
    }

    // Following links, opening previews and menus.

    if (on('/bytedance')) {
      it('with a followed citation marked, passes axe in light and in dark mode', async () => {
        const page = tab();
        fs.mkdirSync(shots, { recursive: true });
        try {
          for (const mode of ['light', 'dark'] as const) {
            await switchColorMode(page, mode);
            const file = (what: string) =>
              path.join(shots, `bytedance-${sizeName.replace('×', 'x')}-${mode}-${what}.png`);
            // Back to the top, and to an address that names nothing, before following anew.
            await page.evaluate(() => {
              if (window.location.hash) window.location.hash = 'no-such-target';
              window.scrollTo(0, 0);
            });
            await page.screenshot({ path: file('top') });
            const link = citationLinks(page).first();
            const id = decodeURIComponent((await link.getAttribute('href'))!.slice(1));
            await follow(page, link, phone);
            await page.waitForFunction((id) => document.querySelector(':target')?.id === id, id);
            await page.screenshot({ path: file('reference') });
            expect(await axe(page), `${mode} mode`).toEqual([]);
          }
        } finally {
          await switchColorMode(page, 'light');
        }
      });
    }

    if (on(...CITING)) {
      it('every citation preview opens inside the window, near its bottom and near its top', async () => {
        const page = tab();
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
            if (phone) await link.tap();
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
      });

      it('each reference, and the citation its back-link returns to, shows below the navbar, marked and focused', async () => {
        const page = tab();
        const links = citationLinks(page);
        const count = await links.count();
        expect(count).toBeGreaterThan(0);
        for (let i = 0; i < count; i += 1) {
          const link = links.nth(i);
          const entryId = decodeURIComponent((await link.getAttribute('href'))!.slice(1));
          const citationId = await link.evaluate(
            (a) => a.closest('.citation')!.querySelector('.citation-anchor')!.id,
          );
          await follow(page, link, phone);
          await expectLandedOn(page, entryId);
          const back = page.locator(
            `li[id="${entryId}"] .citation-backlinks a[href="#${citationId}"]`,
          );
          await follow(page, back, phone);
          await expectLandedOn(page, citationId);
        }
      });
    }

    if (on(...ESSAY)) {
      it('no breadcrumbs, and no table of contents of a single entry', async () => {
        const page = tab();
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
      });
    }

    if (phone && on('/google')) {
      it('the menu shows the chapters and the rest of the site at once', async () => {
        const page = tab();
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
            .poll(() => menu.getByRole('link', { name, exact: true }).isVisible(), {
              timeout: 3000,
            })
            .toBe(true);
        }
        expect(await menu.getByText('Back to main menu').isVisible()).toBe(false);
        expect(await axe(page)).toEqual([]);
      });
    }

    if (!phone && on('/')) {
      it('search suggestions put the passage that matches before the page’s description', async () => {
        const page = tab();
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
        // Leave the page as it was for the checks on paper.
        await page.keyboard.press('Escape');
        await box.fill('');
      });
    }

    // On paper.

    if (!phone && on(...PRINTED)) {
      it('prints no form control, button, download or export code, and archived copies as addresses', async () => {
        const page = tab();
        // Let the search page list its results before printing it.
        if (pagePath.startsWith('/search')) {
          await expect
            .poll(() => page.locator('article h2 a').count(), { timeout: 30_000 })
            .toBeGreaterThan(0);
        }
        await page.emulateMedia({ media: 'print' });
        try {
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
                  'section[aria-labelledby="cite-this"] pre',
                ].join(', '),
              ),
            )
              .filter((e) => {
                const r = e.getBoundingClientRect();
                return (
                  e.checkVisibility({ visibilityProperty: true }) && r.width > 0 && r.height > 0
                );
              })
              .map((e) => e.outerHTML.slice(0, 120)),
          );
          expect(printed).toEqual([]);
          // An archived copy is text on paper: its address is printed after it (issue #18, point 5).
          const archives = await page
            .locator('a[href*="web.archive.org"]')
            .evaluateAll((as) =>
              as
                .filter((a) => a.checkVisibility())
                .map((a) => [
                  getComputedStyle(a, '::after').content,
                  `" <${a.getAttribute('href')}>"`,
                ]),
            );
          for (const [printedAfter, address] of archives) expect(printedAfter).toBe(address);
        } finally {
          await page.emulateMedia({ media: null });
        }
      });
    }

    if (!phone && on('/print')) {
      // One A4 PDF with the print dialog's own margins, read by the two checks below.
      let a4: Promise<string> | undefined;
      const printA4 = () =>
        (a4 ??= (async () => {
          const file = path.join(pdfDir, 'print-a4.pdf');
          await tab().pdf({ path: file, format: 'A4' });
          return file;
        })());

      it('its PDF opens with a title page: title, subtitle, the original publication and this edition', async () => {
        const [first, second] = printedPages(await printA4());
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
        // The edition's own date, as docusaurus.config.ts gives it.
        const issued = /issued: '(\d{4})-(\d{2})-(\d{2})'/.exec(
          fs.readFileSync(path.join(ROOT, 'docusaurus.config.ts'), 'utf8'),
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

      it('its PDF has page margins', async () => {
        const html = execFileSync(
          'pdftotext',
          ['-bbox', '-f', '2', '-l', '3', await printA4(), '-'],
          {
            encoding: 'utf8',
          },
        );
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
    }

    if (!phone && on(...PDF_HEADINGS)) {
      it('its PDF never ends a page on a heading (A4, Letter, A5)', async () => {
        const page = tab();
        await page.emulateMedia({ media: 'print' });
        const headings = await page
          .locator('main :is(h1, h2, h3, h4)')
          .filter({ visible: true })
          .allInnerTexts();
        await page.emulateMedia({ media: null });
        expect(headings).toContain(pagePath === '/bibliography' ? 'Bibliography' : 'References');
        const file = path.join(pdfDir, 'headings.pdf');
        for (const format of ['A4', 'Letter', 'A5']) {
          // The margins a print dialog might set, the same for every format.
          const m = '1cm';
          await page.pdf({ path: file, format, margin: { top: m, right: m, bottom: m, left: m } });
          printedPages(file)
            .slice(0, -1)
            .forEach((text, i) => {
              const last = text.trimEnd().split('\n').at(-1)!.trim();
              expect(headings, `${format}, page ${i + 1} ends with “${last}”`).not.toContain(last);
            });
        }
      });
    }

    it('logged no error, threw nothing and asked no other host, all through the visit', async () => {
      const page = tab();
      if (pagePath !== '/no-such-chapter') return expectNoProblems(page);
      // The page answers 404, and Chromium logs that status as an error: that one is expected.
      await page.waitForLoadState('load');
      const { consoleErrors, ...others } = problemsOf(page);
      expect(consoleErrors).toEqual([
        expect.stringMatching(/^Failed to load resource: .* 404 .*\/no-such-chapter:\d+\)$/),
      ]);
      expect(others).toEqual({ pageErrors: [], blockedRequests: [] });
    });
  });
});
