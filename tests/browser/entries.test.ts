// Reference lists a reader wants to read (issue #18, points 5 and 6), on a laptop and on a
// phone: each entry carries one quiet "Cite ▾" that opens its copy and download actions (by
// mouse, tap and keyboard, announced as a disclosure, closed with Escape), its archived copy and
// back-links stand apart from its address, and the citation style is chosen at the References
// heading and in a citation's preview, one choice for the whole site.
//
// At each screen size one tab serves the checks: opening a context and loading a page cost more
// than most of them. Each check on it starts by asserting the state it needs (every entry
// closed, the default style) and leaves the page so; its `expectNoProblems` speaks of the whole
// visit to the page so far.
import fs from 'node:fs';
import path from 'node:path';

import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import {
  axe,
  chromiumForThisFile,
  DESKTOP,
  expectNoProblems,
  gotoAndHydrate,
  PHONE,
  switchColorMode,
  visit,
} from '../support/browser';

const baseUrl = inject('baseUrl');
const buildDir = inject('buildDir');
const site = chromiumForThisFile(baseUrl);

const SIZES: [string, BrowserContextOptions][] = [
  ['1280×800', { viewport: { width: 1280, height: 800 } }],
  ['390×844', PHONE],
];
const isPhone = (size: BrowserContextOptions) => size.hasTouch === true;

/** The pages with reference lists, and their list. */
const LISTS = [
  { path: '/google', list: 'article ul.references' },
  { path: '/bibliography', list: 'main ul.references' },
] as const;

/** What a reader can act on in a list besides its entries' text: copies and downloads. */
const ACTIONS = 'button[data-copy-link], a[download]';

/** What the copy and download checks need: the clipboard (on the served origin) and downloads. */
const READER: BrowserContextOptions = { acceptDownloads: true };

function allowClipboard(page: Page): Promise<void> {
  return page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
}

async function openPage(pagePath: string, size: BrowserContextOptions = DESKTOP): Promise<Page> {
  const page = await site.newPage({ ...size, ...READER });
  await allowClipboard(page);
  await gotoAndHydrate(page, pagePath);
  return page;
}

/** A click, or on a phone a tap, as the reader would. */
async function press(target: Locator, phone: boolean): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  if (phone) await target.tap();
  else await target.click();
}

function entries(page: Page, list: string): Locator {
  return page.locator(`${list} > li.csl-entry`);
}

function citeButton(entry: Locator): Locator {
  return entry.getByRole('button', { name: 'Cite', exact: true });
}

/** The copy buttons and download links the reader can see in `scope`. */
function visibleActions(scope: Locator): Locator {
  return scope.locator(ACTIONS).filter({ visible: true });
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The state a check on a shared tab starts from and leaves: every entry of the list closed. */
async function expectAllClosed(page: Page, list: string): Promise<void> {
  expect(await visibleActions(page.locator(list)).count(), 'actions open in the list').toBe(0);
  expect(
    await page.locator(`${list} button[aria-expanded="true"]`).count(),
    '“Cite” buttons expanded in the list',
  ).toBe(0);
}

/** Closes an entry's actions with its “Cite”, as the reader would. */
async function closeEntry(entry: Locator, phone: boolean): Promise<void> {
  await press(citeButton(entry), phone);
  await expect.poll(() => citeButton(entry).getAttribute('aria-expanded')).toBe('false');
}

/** The citation style the site starts in; choosing it again forgets the reader's choice. */
async function expectDefaultStyle(page: Page): Promise<void> {
  const select = page.getByLabel('Citation style').first();
  expect(await select.inputValue(), 'the citation style the check starts from').toBe('apa');
}

async function chooseDefaultStyle(page: Page): Promise<void> {
  await page.getByLabel('Citation style').first().selectOption({ label: 'APA' });
  expect(await page.locator('html').getAttribute('data-citation-style')).toBeNull();
}

describe.each(SIZES)('at %s', (_, size) => {
  const phone = isPhone(size);
  const tab = site.pageForThisBlock({ ...size, ...READER });
  beforeAll(() => allowClipboard(tab()));

  describe.each(LISTS)('the entries of $path', ({ path: pagePath, list }) => {
    beforeAll(() => visit(tab(), pagePath));

    it('show one quiet “Cite” each and no action until it is used', async () => {
      const page = tab();
      const all = entries(page, list);
      const count = await all.count();
      expect(count).toBeGreaterThan(1);
      expect(await visibleActions(page.locator(list)).count()).toBe(0);
      for (let i = 0; i < count; i++) {
        const cite = citeButton(all.nth(i));
        expect(await cite.count(), `entry ${i + 1}`).toBe(1);
        expect(await cite.isVisible()).toBe(true);
        expect(await cite.getAttribute('aria-expanded')).toBe('false');
        // A word in the furniture's small type, not a bordered button.
        const look = await cite.evaluate((b) => {
          const s = getComputedStyle(b);
          const text = getComputedStyle(b.closest('li')!);
          return {
            border: s.borderTopStyle,
            smaller: parseFloat(s.fontSize) < parseFloat(text.fontSize),
          };
        });
        expect(look).toEqual({ border: 'none', smaller: true });
      }
      await expectNoProblems(page);
    });

    it('open the actions of the entry whose “Cite” is used, one entry at a time', async () => {
      const page = tab();
      await expectAllClosed(page, list);
      const [first, second] = [entries(page, list).nth(0), entries(page, list).nth(1)];
      const keys = await Promise.all([first, second].map((e) => e.getAttribute('data-key')));

      await press(citeButton(first), phone);
      await expect.poll(() => citeButton(first).getAttribute('aria-expanded')).toBe('true');
      const controlled = await citeButton(first).getAttribute('aria-controls');
      const panel = page.locator(`[id="${controlled}"]`);
      expect(await panel.isVisible()).toBe(true);
      // Inside the entry, below its text.
      expect(await panel.evaluate((p) => p.closest('li')?.dataset.key)).toBe(keys[0]);
      for (const name of [`Copy BibLaTeX of ${keys[0]}`, `Copy BibTeX of ${keys[0]}`]) {
        expect(await panel.getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
      }
      for (const name of ['Download BibLaTeX (.bib)', 'Download BibTeX (.bib)']) {
        expect(await panel.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
      }
      expect(await visibleActions(page.locator(list)).count()).toBe(4);
      // Within the window's width (a phone's too).
      const box = (await panel.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(size.viewport!.width);

      // Another entry's: the first one's close.
      await press(citeButton(second), phone);
      await expect.poll(() => citeButton(first).getAttribute('aria-expanded')).toBe('false');
      expect(await citeButton(second).getAttribute('aria-expanded')).toBe('true');
      expect(await visibleActions(first).count()).toBe(0);
      expect(await visibleActions(second).count()).toBe(4);

      // The same "Cite" again: closed.
      await press(citeButton(second), phone);
      await expect.poll(() => citeButton(second).getAttribute('aria-expanded')).toBe('false');
      expect(await visibleActions(page.locator(list)).count()).toBe(0);
      await expectNoProblems(page);
    });

    it('close with Escape, which gives the focus back to “Cite”', async () => {
      const page = tab();
      await expectAllClosed(page, list);
      const entry = entries(page, list).nth(1);
      await press(citeButton(entry), phone);
      const copy = entry.getByRole('button', { name: /^Copy BibLaTeX of / });
      await copy.waitFor();
      await copy.focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => visibleActions(entry).count()).toBe(0);
      expect(await citeButton(entry).getAttribute('aria-expanded')).toBe('false');
      expect(await isFocused(citeButton(entry))).toBe(true);
      await expectNoProblems(page);
    });

    it('once opened, copy the entry’s own BibLaTeX and download its own BibTeX', async () => {
      const page = tab();
      await expectAllClosed(page, list);
      const entry = entries(page, list).last();
      const key = (await entry.getAttribute('data-key'))!;
      await press(citeButton(entry), phone);

      await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
      await press(entry.getByRole('button', { name: `Copy BibLaTeX of ${key}` }), phone);
      const file = await entry
        .getByRole('link', { name: 'Download BibLaTeX (.bib)' })
        .getAttribute('href');
      const expected = fs.readFileSync(
        path.join(buildDir, new URL(file!, baseUrl).pathname),
        'utf8',
      );
      expect(expected).toMatch(new RegExp(`^@\\w+\\{${key},$`, 'm'));
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
      await expect
        .poll(() => page.locator('#copy-status').textContent())
        .toBe(`BibLaTeX of ${key} copied to the clipboard`);

      const link = entry.getByRole('link', { name: 'Download BibTeX (.bib)' });
      const [download] = await Promise.all([page.waitForEvent('download'), press(link, phone)]);
      expect(await download.failure()).toBeNull();
      const bibtex = fs.readFileSync(await download.path(), 'utf8');
      expect(bibtex).toBe(
        fs.readFileSync(
          path.join(buildDir, new URL((await link.getAttribute('href'))!, baseUrl).pathname),
          'utf8',
        ),
      );
      expect(bibtex.match(/^@\w+\{[^,]+,$/gm)).toEqual([expect.stringContaining(`{${key},`)]);
      expect(download.suggestedFilename()).toMatch(/-bibtex\.bib$/);
      await expectNoProblems(page);
      await closeEntry(entry, phone);
    });

    it('set the archived copy and the back-links apart from the reference’s last word', async () => {
      const page = tab();
      await expectAllClosed(page, list);
      const found = await page.locator(list).evaluate((ul) => {
        /** The horizontal room between the end of `before` and the start of `after`. */
        const gap = (before: Range | Element, after: Element) => {
          const end = Array.from(before.getClientRects()).at(-1)!;
          const start = after.getClientRects()[0]!;
          // On the next line, it is apart already.
          return Math.abs(start.top - end.top) > end.height / 2 ? Infinity : start.left - end.right;
        };
        const shownText = (li: Element) => {
          const variants = Array.from(li.querySelectorAll('.entry-variant'));
          const shown = variants.find((v) => getComputedStyle(v).display !== 'none') ?? li;
          const range = document.createRange();
          range.selectNodeContents(shown);
          return range;
        };
        return Array.from(ul.querySelectorAll(':scope > li')).map((li) => {
          const archive = li.querySelector<HTMLElement>('.entry-archive');
          const back = li.querySelector('.citation-backlinks');
          const text = shownText(li);
          return {
            archive: archive && {
              text: archive.innerText,
              gap: gap(text, archive),
              border: getComputedStyle(archive.querySelector('a')!).borderTopStyle,
            },
            back: back && gap(archive ?? text, back),
          };
        });
      });
      const archived = found.filter((f) => f.archive !== null);
      expect(archived.length).toBeGreaterThan(0);
      for (const { archive } of archived) {
        expect(archive!.text).toMatch(/^\(archived(, accessed \d{4}-\d{2}-\d{2})?\)$/);
        expect(archive!.border).toBe('none');
        expect(archive!.gap).toBeGreaterThanOrEqual(4);
      }
      if (pagePath !== '/bibliography') {
        for (const { back } of found) expect(back).toBeGreaterThanOrEqual(4);
      }
      await expectNoProblems(page);
    });
  });

  it('passes axe with an entry’s actions open, in both colour modes', async () => {
    const page = tab();
    await visit(page, '/google');
    const list = 'article ul.references';
    await expectAllClosed(page, list);
    const entry = entries(page, list).first();
    await press(citeButton(entry), phone);
    await page.locator(list).getByRole('button', { name: /^Copy/ }).first().waitFor();
    // The reader's system turns dark with the actions open, as it does at night.
    try {
      for (const mode of ['light', 'dark'] as const) {
        await switchColorMode(page, mode);
        expect(await axe(page), mode).toEqual([]);
      }
    } finally {
      await switchColorMode(page, 'light');
    }
    await expectNoProblems(page);
    await closeEntry(entry, phone);
  });

  // The style is one choice for the whole site, kept in the tab's storage: each check starts
  // from the default and chooses it again at its end.
  describe('the citation style', () => {
    beforeAll(() => visit(tab(), '/google'));

    it('is chosen at the References heading, and changes the citations above it', async () => {
      const page = tab();
      await expectDefaultStyle(page);
      const heading = page.locator('article h2#references');
      const select = page.locator('article').getByLabel('Citation style');
      expect(await select.count()).toBe(1);
      // Right after the heading, for screen readers and the keyboard too.
      expect(
        await heading.evaluate(
          (h) => h.nextElementSibling?.querySelector('select')?.name ?? 'nothing',
        ),
      ).toBe('citation-style');
      const [h, s, first] = await Promise.all([
        heading.boundingBox(),
        select.boundingBox(),
        page.locator('article ul.references > li').first().boundingBox(),
      ]);
      if (phone) {
        // A phone's column has room for the heading only: the switcher is right under it.
        expect(s!.y).toBeGreaterThanOrEqual(h!.y + h!.height - 1);
      } else {
        // In the heading's row, at its right.
        expect(s!.y + s!.height / 2).toBeGreaterThan(h!.y);
        expect(s!.y + s!.height / 2).toBeLessThan(h!.y + h!.height);
        expect(s!.x + s!.width).toBeCloseTo(h!.x + h!.width, -1);
      }
      expect(s!.y + s!.height).toBeLessThan(first!.y);

      const citations = () =>
        page
          .locator('article p .citation')
          .evaluateAll((cs) => cs.map((c) => (c as HTMLElement).innerText.trim()));
      const apa = await citations();
      expect(apa).toContain('(Gallagher, 2018)');
      await select.selectOption({ label: 'Vancouver' });
      const vancouver = await citations();
      expect(vancouver).toHaveLength(apa.length);
      for (const c of vancouver) expect(c).toMatch(/^\(\d+\)$/);
      await expectNoProblems(page);
      await chooseDefaultStyle(page);
      expect(await citations()).toEqual(apa);
    });

    it('is chosen in a citation’s preview too, which follows the citation into the new style', async () => {
      const page = tab();
      await expectDefaultStyle(page);
      const link = page.locator('article p a.citation-link').filter({ visible: true }).nth(1);
      const target = await link.getAttribute('href');
      await link.scrollIntoViewIfNeeded();
      // A tap on a phone; on a laptop the keyboard, which opens it on focus.
      if (phone) await link.tap();
      else await link.focus();
      const preview = page.locator('#citation-preview');
      await preview.waitFor();
      const select = preview.getByLabel('Citation style');
      expect(await select.inputValue()).toBe('apa');
      // As a reader gets to it: a tap, or Tab from the citation.
      if (phone) await select.tap();
      for (let i = 0; i < 6 && !(await isFocused(select)); i++) await page.keyboard.press('Tab');
      expect(await isFocused(select)).toBe(true);
      await select.selectOption({ label: 'Vancouver' });

      // The preview stays open, now under the citation as Vancouver writes it, in the window.
      await expect
        .poll(() =>
          preview.evaluate((p) => (p.previousElementSibling as HTMLElement | null)?.innerText),
        )
        .toMatch(/^\(?\d+\)?$/);
      expect(await preview.evaluate((p) => p.previousElementSibling?.getAttribute('href'))).toBe(
        target,
      );
      expect(await preview.isVisible()).toBe(true);
      const entry = await preview.locator('.entry-variant').filter({ visible: true }).innerText();
      expect(entry).toMatch(/^\d+\.\s*Gallagher R\./);
      const box = (await preview.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(size.viewport!.height);
      expect(await isFocused(select)).toBe(true);
      // One choice for the whole site: the heading's switcher, and the next page, follow.
      expect(await page.locator('article h2 + p select').inputValue()).toBe('vancouver');
      await gotoAndHydrate(page, '/bans');
      expect(await page.locator('article p .citation').first().innerText()).toMatch(/^\(\d+/);
      await expectNoProblems(page);
      await chooseDefaultStyle(page);
    });
  });
});

describe('with the keyboard alone', () => {
  it('Tab reaches “Cite”, Enter opens, Tab goes into the actions, Space copies, Escape closes', async () => {
    const page = await openPage('/google');
    const entry = entries(page, 'article ul.references').first();
    const key = (await entry.getAttribute('data-key'))!;
    await page.locator('h2#references a.hash-link').focus();
    const cite = citeButton(entry);
    for (let i = 0; i < 8 && !(await isFocused(cite)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(cite)).toBe(true);
    expect(
      await cite.evaluate(
        (b) => getComputedStyle(b).outlineStyle !== 'none' && b.matches(':focus-visible'),
      ),
    ).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(() => cite.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    const copy = entry.getByRole('button', { name: `Copy BibLaTeX of ${key}` });
    expect(await isFocused(copy)).toBe(true);
    await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(new RegExp(`^@\\w+\\{${key},$`, 'm'));

    await page.keyboard.press('Escape');
    await expect.poll(() => cite.getAttribute('aria-expanded')).toBe('false');
    expect(await isFocused(cite)).toBe(true);
    expect(await visibleActions(entry).count()).toBe(0);
    // Space opens it too.
    await page.keyboard.press('Space');
    await expect.poll(() => cite.getAttribute('aria-expanded')).toBe('true');
    await expectNoProblems(page);
  });
});

describe('on paper', () => {
  const tab = site.pageForThisBlock(DESKTOP);

  it.each(LISTS)(
    '$path prints the entries without “Cite” or its actions, and each archived copy as its address',
    async ({ path: pagePath, list }) => {
      const page = tab();
      await visit(page, pagePath);
      await citeButton(entries(page, list).first()).click();
      await visibleActions(page.locator(list)).first().waitFor();
      await page.emulateMedia({ media: 'print' });
      try {
        const printed = await page.locator(list).evaluate((ul) =>
          Array.from(ul.querySelectorAll<HTMLElement>('button, a[download], .entry-actions-panel'))
            .filter((e) => e.checkVisibility())
            .map((e) => e.outerHTML.slice(0, 80)),
        );
        expect(printed).toEqual([]);
        const archives = await page.locator(`${list} .entry-archive`).evaluateAll((spans) =>
          spans.map((s) => ({
            text: (s as HTMLElement).innerText,
            href: s.querySelector('a')!.getAttribute('href'),
            after: getComputedStyle(s.querySelector('a')!, '::after').content,
          })),
        );
        expect(archives.length).toBeGreaterThan(0);
        for (const a of archives) {
          expect(a.text).toMatch(/^\(archived/);
          expect(a.after).toBe(`" <${a.href}>"`);
        }
      } finally {
        await page.emulateMedia({ media: null });
      }
    },
  );
});
