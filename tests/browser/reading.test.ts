// Reading without losing one's place: citation previews by mouse, keyboard and touch, offline
// search that lands on the passage, and the print edition as a printer sees it.
//
// Checks at a laptop's size that need no fresh context share one tab per block, visiting their
// page anew (opening a context costs more than most checks); each leaves the tab as it found it.
import type { Locator, Page, Request } from 'playwright-core';
import { describe, expect, inject, it, onTestFinished } from 'vitest';

import {
  chromiumForThisFile,
  axe,
  expectNoProblems,
  gotoAndHydrate,
  PHONE,
  switchColorMode,
  visit,
} from '../support/browser';
import { CHAPTERS } from '../support/essay';

const baseUrl = inject('baseUrl');
const site = chromiumForThisFile(baseUrl);

const preview = (page: Page) => page.locator('#citation-preview');

/** The reference entry a citation link points to, as the reader sees it (in the current style). */
async function entryText(page: Page, link: Locator): Promise<string> {
  const href = await link.getAttribute('href');
  const entry = page.locator(`li[id="${decodeURIComponent(href!.slice(1))}"]`);
  return entry.evaluate((li) => {
    const variants = Array.from(li.querySelectorAll<HTMLElement>('.entry-variant'));
    const shown = variants.find((v) => getComputedStyle(v).display !== 'none');
    if (shown) return shown.innerText.trim();
    const copy = li.cloneNode(true) as HTMLElement;
    copy
      .querySelectorAll('.citation-backlinks, .entry-actions, .entry-actions-panel, .entry-archive')
      .forEach((e) => e.remove());
    return (copy.textContent ?? '').trim();
  });
}

describe('citation previews', () => {
  const tab = site.pageForThisBlock();

  it('open on hover with the full reference, and close when the pointer leaves', async () => {
    const page = tab();
    await visit(page, '/google');
    const link = page.locator('a.citation-link').filter({ visible: true }).nth(1);
    await link.hover();
    // The preview's code is loaded on first use, which a loaded host can take seconds to do.
    await expect.poll(() => preview(page).isVisible(), { timeout: 15_000 }).toBe(true);
    const shown = await preview(page).innerText();
    expect(shown).toContain(await entryText(page, link));
    // The entry's "Cite", whose actions stay closed until it is used, and the citation style.
    expect(await preview(page).getByRole('button', { name: 'Cite', exact: true }).isVisible()).toBe(
      true,
    );
    expect(shown).not.toContain('Copy BibLaTeX');
    expect(await preview(page).getByLabel('Citation style').isVisible()).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(() => preview(page).count(), { timeout: 15_000 }).toBe(0);
    expect(page.url()).toBe(`${baseUrl}/google`);
    await expectNoProblems(page);
  });

  it('open from the keyboard, are announced, reachable with Tab and closed with Escape', async () => {
    const page = tab();
    await visit(page, '/bans');
    const link = page.locator('a.citation-link').filter({ visible: true }).first();
    // Tab from the paragraph's start until the citation has focus, as a keyboard user would.
    await link.evaluate((a) => {
      const p = a.closest('p')!;
      p.tabIndex = -1;
      p.focus();
    });
    for (let i = 0; i < 10 && !(await link.evaluate((a) => a === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    await expect.poll(() => preview(page).isVisible()).toBe(true);
    // Screen readers read the reference as the citation's description.
    expect(await link.getAttribute('aria-describedby')).toBe('citation-preview');
    expect(await preview(page).getAttribute('role')).toBe('dialog');
    expect(await preview(page).innerText()).toContain(await entryText(page, link));

    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () => document.activeElement?.closest('#citation-preview') !== null,
    );
    expect(focused).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => preview(page).count()).toBe(0);
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await link.getAttribute('aria-describedby')).toBeNull();
    await expectNoProblems(page);
  });

  it('open on a tap without leaving the page, and close on a tap elsewhere', async () => {
    const page = await site.newPage(PHONE);
    await gotoAndHydrate(page, '/wechat');
    const link = page.locator('a.citation-link').filter({ visible: true }).first();
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await expect.poll(() => preview(page).isVisible()).toBe(true);
    expect(page.url()).toBe(`${baseUrl}/wechat`);
    const box = (await preview(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.locator('h1').tap();
    await expect.poll(() => preview(page).count()).toBe(0);
    await expectNoProblems(page);
  });

  it('leave citations working as links when their code cannot load (the reader went offline)', async () => {
    const page = await site.newPage(PHONE);
    await gotoAndHydrate(page, '/wechat');
    // The preview code is fetched on first use; now nothing more can be.
    await page.route('**/*', (route) => route.abort('internetdisconnected'));
    const link = page.locator('a.citation-link').filter({ visible: true }).first();
    const target = decodeURIComponent((await link.getAttribute('href'))!);
    await link.scrollIntoViewIfNeeded();
    // The first tap waits for the code that will not come; the next one follows the link.
    await link.tap();
    await expect
      .poll(async () => {
        await link.tap();
        return decodeURIComponent(new URL(page.url()).hash);
      })
      .toBe(target);
    expect(await preview(page).count()).toBe(0);
  });

  it('pass axe while open, in both colour modes', async () => {
    const page = tab();
    await visit(page, '/bytedance');
    await page.locator('a.citation-link').filter({ visible: true }).first().focus();
    // The system turns dark with the preview open: axe looks at it in each mode.
    onTestFinished(() => switchColorMode(page, 'light'));
    for (const mode of ['light', 'dark'] as const) {
      await switchColorMode(page, mode);
      await expect.poll(() => preview(page).isVisible()).toBe(true);
      expect(await axe(page), `${mode} mode`).toEqual([]);
    }
  });
});

describe('offline search', () => {
  const searchBox = (page: Page) =>
    page.getByRole('searchbox').or(page.locator('input.navbar__search-input')).first();

  it('does not load its index until the reader focuses the search box', async () => {
    const page = await site.newPage();
    const requests: string[] = [];
    page.on('request', (r: Request) => requests.push(new URL(r.url()).pathname));
    await gotoAndHydrate(page, '/google');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((p) => p.includes('search-index'))).toEqual([]);
    await searchBox(page).focus();
    await expect
      .poll(() => requests.filter((p) => p.includes('search-index')).length)
      .toBeGreaterThan(0);
    await expectNoProblems(page);
  });

  describe('a query typed in the box', () => {
    // One tab for the four queries: each starts on / anew.
    const tab = site.pageForThisBlock();

    it.each([
      ['Dragonfly', '/google'],
      ['Golden Shield', '/great-firewall'],
      ['Neihan Duanzi', '/bytedance'],
      ['mini programs', '/wechat'],
    ])('“%s” offers %s first and lands on the passage', async (query, path) => {
      const page = tab();
      await visit(page, '/');
      await searchBox(page).click();
      await searchBox(page).pressSequentially(query, { delay: 20 });
      const first = page.getByRole('option').first();
      await first.waitFor();
      expect(await first.getAttribute('aria-selected')).toBe('true');
      const title = CHAPTERS.find((c) => c.path === path)!.title;
      expect(await first.innerText()).toContain(title);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === path);
      // The matching words are highlighted on the page the result leads to.
      const marks = page.locator('article mark');
      await expect.poll(() => marks.count()).toBeGreaterThan(0);
      expect((await marks.first().innerText()).toLowerCase()).toBe(
        query.split(' ')[0]!.toLowerCase(),
      );
      await expectNoProblems(page);
    });
  });

  it('finds reference entries by author', async () => {
    const page = await site.newPage();
    await gotoAndHydrate(page, `/search?q=${encodeURIComponent('Rauhala')}`);
    const results = page.locator('article h2 a');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const hrefs = await results.evaluateAll((as) =>
      as.map((a) => `${(a as HTMLAnchorElement).pathname}${(a as HTMLAnchorElement).hash}`),
    );
    expect(hrefs).toContain('/bans#references');
    await expectNoProblems(page);
  });
});

describe('the print edition', () => {
  const tab = site.pageForThisBlock();

  it('prints the essay and its sources without the site’s navigation', async () => {
    const page = tab();
    await visit(page, '/print');
    await page.emulateMedia({ media: 'print' });
    onTestFinished(() => page.emulateMedia({ media: null }));
    for (const chrome of ['.navbar', 'footer.footer', '.print-edition__note']) {
      expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
    }
    expect(await page.locator('h2.print-chapter').count()).toBe(CHAPTERS.length);
    expect(await page.locator('ul.references > li').first().isVisible()).toBe(true);
    // A link in the text has its address printed after it (not the title page's, nor the
    // references', which show their address already).
    const after = await page
      .locator('.markdown a[href^="http"]:not(.citation-link)')
      .evaluateAll((as) =>
        as
          .filter((a) => !a.closest('.print-title-page, .references'))
          .map((a) => getComputedStyle(a, '::after').content),
      );
    expect(after.length).toBeGreaterThan(0);
    for (const content of after) expect(content).toMatch(/^"\s*<https?:\/\//);
    await expectNoProblems(page);
  });

  it('prints a chapter without the sidebar, table of contents or pagination', async () => {
    const page = tab();
    await visit(page, '/google');
    await page.emulateMedia({ media: 'print' });
    onTestFinished(() => page.emulateMedia({ media: null }));
    for (const chrome of [
      '.navbar',
      '.theme-doc-sidebar-container',
      '.theme-doc-toc-desktop',
      '.pagination-nav',
      '.entry-actions',
    ]) {
      expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
    }
    expect(await page.locator('article h1').isVisible()).toBe(true);
    expect(await page.locator('ul.references').isVisible()).toBe(true);
  });
});
