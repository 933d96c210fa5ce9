// The edition as a reader meets it in Chromium: every page comes alive without errors or calls
// to other hosts, the essay can be read through from the sidebar, the pagination links and the
// phone menu, the dark-mode choice sticks, and axe finds nothing serious in either colour mode.
// Every page is opened once for the checks that only look at it (the colour mode is switched in
// place, as the system's is); those that click through the site at a laptop's size share a tab,
// each starting with a visit to its first page, and the others open pages of their own.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import {
  chromiumForThisFile,
  axe,
  expectNoProblems,
  gotoAndHydrate,
  waitForHydration,
  PHONE,
  switchColorMode,
  visit,
} from '../support/browser';
import { CHAPTERS, PAGES, frontMatterField } from '../support/essay';

const baseUrl = inject('baseUrl');

/** Every page a reader can land on, with the heading it shows. */
const READABLE = [
  ...PAGES.map(({ path, title }) => ({ path, title })),
  { path: '/bibliography', title: 'Bibliography' },
];

/** How a page is named in the sidebar. */
function sidebarLabel(page: (typeof PAGES)[number]): string {
  return frontMatterField(page.source, 'sidebar_label') ?? page.title;
}

const site = chromiumForThisFile(baseUrl);

function heading(page: Page): Promise<string> {
  // Strict: a page showing two h1 headings fails here too.
  return page.getByRole('heading', { level: 1 }).innerText();
}

function colorMode(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('data-theme');
}

/** What a reader sees of a page's article, and the anchors that links to it land on. */
function article(page: Page): Promise<{ text: string; ids: string[] }> {
  return page.locator('article').evaluate((element) => ({
    text: (element as HTMLElement).innerText,
    ids: Array.from(element.querySelectorAll('[id]'), (e) => e.id),
  }));
}

/** Waits for a (client-side) navigation to `path` and checks the heading the reader sees. */
async function expectToLandOn(page: Page, path: string, title: string): Promise<void> {
  await page.waitForURL(new URL(path, baseUrl).href);
  await expect.poll(() => heading(page), { timeout: 5_000 }).toBe(title);
}

describe('every page', () => {
  // One visit per page for all the checks below, in this order.
  const tab = site.pageForThisBlock();

  describe.each(READABLE)('$path', ({ path, title }) => {
    beforeAll(() => visit(tab(), path));

    it('hydrates and shows its heading', async () => {
      expect(await heading(tab())).toBe(title);
    });

    it('has no serious or critical axe violation in light mode', async () => {
      expect(await colorMode(tab())).toBe('light');
      expect(await axe(tab())).toEqual([]);
    });

    it('has no serious or critical axe violation in dark mode', async () => {
      try {
        await switchColorMode(tab(), 'dark');
        expect(await axe(tab())).toEqual([]);
      } finally {
        await switchColorMode(tab(), 'light');
      }
    });

    if (path === '/about') {
      it('has its LaTeX example highlighted when it is the first page visited', async () => {
        expect(await tab().locator('pre.language-latex .token.function').count()).toBeGreaterThan(
          0,
        );
      });
    }

    it('logged no console error and made no request to other hosts', async () => {
      await expectNoProblems(tab());
    });
  });
});

describe('reading through the essay', () => {
  const tab = site.pageForThisBlock();

  it('works page by page from the sidebar', async () => {
    const page = tab();
    await visit(page, '/');
    const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });
    // From the introduction to the end, then back to the introduction.
    for (const target of [...PAGES.slice(1), PAGES[0]]) {
      const link = sidebar.getByRole('link', { name: sidebarLabel(target), exact: true });
      await link.click();
      await expectToLandOn(page, target.path, target.title);
      expect(await link.getAttribute('aria-current')).toBe('page');
    }
    await expectNoProblems(page);
  });

  it('shows each page, reached from the sidebar, as a first visit to it shows it', async () => {
    // A first visit keeps the server's citations, references and "Cite this"; a navigation
    // renders them from data it loads then (the citations package's src/plugin/deferred.tsx).
    const page = tab();
    const fresh = await site.newPage();
    await visit(page, '/about');
    for (const target of CHAPTERS) {
      await page
        .getByRole('navigation', { name: 'Docs sidebar' })
        .getByRole('link', { name: sidebarLabel(target), exact: true })
        .click();
      await expectToLandOn(page, target.path, target.title);
      await gotoAndHydrate(fresh, target.path);
      const shown = await article(page);
      expect(shown.text).toMatch(/Cite this (chapter|essay)/);
      expect(shown.ids.filter((id) => id.startsWith('ref-')).length).toBeGreaterThan(0);
      expect(shown).toEqual(await article(fresh));
    }
    await expectNoProblems(page);
  });

  it('lands on a reference of another page, reached from the bibliography', async () => {
    const page = tab();
    await visit(page, '/bibliography');
    const link = page.locator('main .cited-in a[href*="#ref-"]').first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForURL(new URL(href, baseUrl).href);
    const target = page.locator(`[id="${href.slice(href.indexOf('#') + 1)}"]`);
    // In the upper half of the window, once the (smooth) scroll has ended: on a busy machine,
    // past expect.poll's default second (the check failed so at load 14).
    await expect
      .poll(
        () =>
          target.evaluate((e) => {
            const { top } = e.getBoundingClientRect();
            return top > 0 && top < window.innerHeight / 2;
          }),
        { timeout: 5_000 },
      )
      .toBe(true);
    await expectNoProblems(page);
  });

  it('works with the "next" link from the introduction to the last page', async () => {
    const page = tab();
    await visit(page, '/');
    const pagination = page.getByRole('navigation', { name: 'Docs pages' });
    const next = pagination.getByRole('link', { name: /^Next/ });
    for (const target of PAGES.slice(1)) {
      await next.click();
      await expectToLandOn(page, target.path, target.title);
    }
    expect(await next.count()).toBe(0);
    await expectNoProblems(page);
  });

  it('works on a phone, from the navbar menu', async () => {
    const page = await site.newPage({ ...PHONE, deviceScaleFactor: 3 });
    await gotoAndHydrate(page, '/');
    const navbar = page.getByRole('navigation', { name: 'Main' });
    const menuButton = navbar.getByRole('button', { name: 'Toggle navigation bar' });
    const mobileSidebar = page.locator('.navbar-sidebar');
    for (const chapter of CHAPTERS.slice(1)) {
      const link = mobileSidebar.getByRole('link', { name: sidebarLabel(chapter), exact: true });
      expect(await link.isVisible()).toBe(false);
      await menuButton.tap();
      await link.tap();
      await expectToLandOn(page, chapter.path, chapter.title);
      // Following a link closes the menu again.
      await link.waitFor({ state: 'hidden' });
    }
    await expectNoProblems(page);
  });
});

describe('the colour mode', () => {
  it('stays dark after a reload once the reader has chosen dark', async () => {
    const page = await site.newPage({ colorScheme: 'light' });
    await gotoAndHydrate(page, '/great-firewall');
    const toggle = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Switch between dark and light mode/ });
    expect(await toggle.getAttribute('title')).toBeTruthy();
    expect(await colorMode(page)).toBe('light');

    // The toggle cycles through the reader's choices: system → light → dark → system.
    for (let clicks = 0; (await colorMode(page)) !== 'dark'; clicks++) {
      expect(clicks, 'clicks without reaching dark mode').toBeLessThan(3);
      const label = await toggle.getAttribute('aria-label');
      await toggle.click();
      await expect
        .poll(() => toggle.getAttribute('aria-label'), { timeout: 5_000 })
        .not.toBe(label);
    }
    expect(await toggle.getAttribute('aria-label')).toContain('currently dark mode');

    await page.reload();
    expect(await colorMode(page)).toBe('dark');
    await waitForHydration(page);
    expect(await colorMode(page)).toBe('dark');
    expect(await toggle.getAttribute('aria-label')).toContain('currently dark mode');
    await expectNoProblems(page);
  });
});

describe('code highlighting', () => {
  /** Whether any script the page has loaded so far is Prism's (its core names a "before-tokenize" hook). */
  function prismLoaded(page: Page): () => Promise<boolean> {
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') bodies.push(response.text());
    });
    return async () => (await Promise.all(bodies)).some((body) => body.includes('before-tokenize'));
  }

  it('comes only with pages that have code: none on /, the LaTeX example on /about after a move there', async () => {
    const page = await site.newPage();
    const prism = prismLoaded(page);
    await gotoAndHydrate(page, '/');
    await page.waitForLoadState('networkidle');
    expect(await prism()).toBe(false);
    await page
      .getByRole('navigation', { name: 'Docs sidebar' })
      .getByRole('link', { name: 'About this edition', exact: true })
      .click();
    await expectToLandOn(page, '/about', 'About this edition');
    await expect.poll(prism).toBe(true);
    await expect
      .poll(() => page.locator('pre.language-latex .token.function').count())
      .toBeGreaterThan(0);
    await expectNoProblems(page);
  });
});
