// What a researcher takes away from the site in Chromium: "Copy BibLaTeX" and "Copy BibTeX" on a
// reference (opened by its "Cite", by mouse and by keyboard) put that one entry on the clipboard
// and say so to screen readers, the "Cite this chapter" box copies exactly what it shows, and every download link
// hands over the file the build wrote, all without a console error or a request to another
// host. What the files hold is checked against independent readers in tests/build/exports.
//
// The checks of one page share a tab where none needs a page fresh from the server (opening a
// context and loading a page cost more than most checks): each starts by asserting what it
// needs of the page, and its `expectNoProblems` speaks of the whole visit so far.
import fs from 'node:fs';
import path from 'node:path';

import type { Download, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { chromiumForThisFile, expectNoProblems, gotoAndHydrate, visit } from '../support/browser';
import { readRis, readWithPython } from '../support/readers';

const baseUrl = inject('baseUrl');
const buildDir = inject('buildDir');

/** Put on the clipboard before each copy, so that a copy that does nothing cannot pass. */
const SENTINEL = 'nothing copied yet';

/** The pages with reference entries, and the element a keyboard user starts tabbing from. */
const REFERENCE_PAGES = [
  { path: '/google', list: 'article ul.references', start: 'h2#references a.hash-link' },
  {
    path: '/bibliography',
    list: 'main ul.references',
    start: 'main .references-downloads a >> nth=-1',
  },
] as const;

const DIALECTS = [
  {
    format: 'biblatex',
    label: 'BibLaTeX',
    file: 'bibliography-biblatex.bib',
    suffix: '-biblatex.bib',
  },
  { format: 'bibtex', label: 'BibTeX', file: 'bibliography-bibtex.bib', suffix: '-bibtex.bib' },
] as const;
type Dialect = (typeof DIALECTS)[number];

/**
 * One entry of a site-wide .bib, with the comment lines above it: records are one blank line
 * apart, and no value holds a blank line.
 */
function siteBibEntry(dialect: Dialect, key: string): string | undefined {
  return fs
    .readFileSync(path.join(buildDir, dialect.file), 'utf8')
    .split('\n\n')
    .map((block) => (block.endsWith('\n') ? block : `${block}\n`))
    .find((block) => block.includes(`{${key},\n`));
}

const site = chromiumForThisFile(baseUrl);

function allowClipboard(page: Page): Promise<void> {
  return page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
}

/** A page allowed to use the clipboard (on the served origin only) and to download files. */
async function openPage(pagePath: string): Promise<Page> {
  const page = await site.newPage({ acceptDownloads: true });
  await allowClipboard(page);
  await gotoAndHydrate(page, pagePath);
  return page;
}

/**
 * One such page for the tests of the enclosing `describe`, showing `pagePath`: a tab that has
 * downloaded files counts towards MAX_DOWNLOADS_PER_PAGE for every test that shares it.
 */
function tabForThisBlock(pagePath: string): () => Page {
  const tab = site.pageForThisBlock({ acceptDownloads: true });
  beforeAll(async () => {
    await allowClipboard(tab());
    await visit(tab(), pagePath);
  });
  return tab;
}

function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

async function resetClipboard(page: Page): Promise<void> {
  await page.evaluate((text) => navigator.clipboard.writeText(text), SENTINEL);
  expect(await readClipboard(page)).toBe(SENTINEL);
}

/** Waits until something other than the sentinel is on the clipboard, and returns it. */
async function copied(page: Page): Promise<string> {
  await expect.poll(() => readClipboard(page), { timeout: 5_000 }).not.toBe(SENTINEL);
  return readClipboard(page);
}

/**
 * Before a copy on a tab that copied before: the live region does not say `message` already, so
 * that `expectAnnounced` afterwards hears this copy's announcement.
 */
async function expectNotAnnouncedYet(page: Page, message: string): Promise<void> {
  expect(await page.locator('#copy-status').textContent()).not.toBe(message);
}

/** Waits until the polite live region says `message`. */
async function expectAnnounced(page: Page, message: string): Promise<void> {
  const region = page.locator('#copy-status');
  await expect.poll(() => region.textContent(), { timeout: 5_000 }).toBe(message);
  expect(await region.getAttribute('role')).toBe('status');
  expect(await region.getAttribute('aria-live')).toBe('polite');
}

function entries(page: Page, list: string): Locator {
  return page.locator(`${list} > li.csl-entry`);
}

async function keysOf(page: Page, list: string): Promise<string[]> {
  const keys = await entries(page, list).evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-key') ?? ''),
  );
  expect(keys.length).toBeGreaterThan(0);
  expect(keys).not.toContain('');
  return keys;
}

function entry(page: Page, list: string, key: string): Locator {
  return page.locator(`${list} > li.csl-entry[data-key="${key}"]`);
}

function citeButton(page: Page, list: string, key: string): Locator {
  return entry(page, list, key).getByRole('button', { name: 'Cite', exact: true });
}

/** The keys of the entries whose actions are open. */
function openEntries(page: Page, list: string): Promise<string[]> {
  return entries(page, list).evaluateAll((items) =>
    items
      .filter((item) => item.querySelector('button[aria-expanded="true"]'))
      .map((item) => item.getAttribute('data-key') ?? ''),
  );
}

/** Closes the entry's actions with its "Cite". */
async function closeActions(page: Page, list: string, key: string): Promise<void> {
  const cite = citeButton(page, list, key);
  if ((await cite.getAttribute('aria-expanded')) === 'true') await cite.click();
  await expect.poll(() => cite.getAttribute('aria-expanded')).toBe('false');
}

/** Opens the entry's actions with its "Cite" (they are not on the page until then). */
async function openActions(page: Page, list: string, key: string): Promise<void> {
  const cite = citeButton(page, list, key);
  if ((await cite.getAttribute('aria-expanded')) !== 'true') await cite.click();
  await expect.poll(() => cite.getAttribute('aria-expanded')).toBe('true');
}

function copyButton(page: Page, list: string, key: string, dialect: Dialect): Locator {
  return entry(page, list, key).getByRole('button', {
    name: `Copy ${dialect.label} of ${key}`,
    exact: true,
  });
}

/** `text` is exactly one entry, the one with `key`, as the site's .bib of that dialect has it. */
function expectEntryBibtex(text: string, key: string, dialect: Dialect): void {
  expect(text).toBe(siteBibEntry(dialect, key));
  expect(text.match(/^@\w+\{/gm)).toHaveLength(1);
  expect(text).toMatch(
    new RegExp(`^@\\w+\\{${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},$`, 'm'),
  );
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab from wherever the focus is until `target` has it; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 12): Promise<void> {
  const passed: string[] = [];
  for (let presses = 0; !(await isFocused(target)); presses++) {
    expect(
      presses,
      `Tab never reached the button; focus went through ${passed.join(', ')}`,
    ).toBeLessThan(limit);
    await page.keyboard.press('Tab');
    passed.push(
      await page.evaluate(() => {
        const active = document.activeElement;
        return active
          ? `${active.tagName.toLowerCase()} "${active.getAttribute('aria-label') ?? active.textContent?.trim()}"`
          : 'nothing';
      }),
    );
  }
}

/** Saves a download and returns its bytes, failing if the browser could not complete it. */
async function contentOf(download: Download): Promise<Buffer> {
  expect(await download.failure()).toBeNull();
  return fs.readFileSync(await download.path());
}

/**
 * Chromium (156) silently drops the eleventh of a burst of downloads from one page, clicks no
 * reader would make that fast; so a test asks a page for at most this many.
 */
const MAX_DOWNLOADS_PER_PAGE = 8;

/** Up to `count` items spread evenly over `items`, the first and the last among them. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const picked = new Set(
    Array.from({ length: count }, (_, i) => Math.round((i * (items.length - 1)) / (count - 1))),
  );
  return items.filter((_, index) => picked.has(index));
}

/** Clicks a link and returns the download it starts. */
async function downloadBy(page: Page, link: Locator): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return download;
}

describe.each(REFERENCE_PAGES)('references on $path', ({ path: pagePath, list, start }) => {
  // In this order: the keyboard check starts with every entry closed and leaves them so; the
  // download check asks for MAX_DOWNLOADS_PER_PAGE, and no other check downloads; the Copy
  // check's first announcement differs from the keyboard check's last one.
  const tab = tabForThisBlock(pagePath);

  it('“Cite” and the Copy buttons work from the keyboard alone (Tab, then Enter or Space)', async () => {
    const page = tab();
    const keys = await keysOf(page, list);
    expect(keys.length, 'entries to copy').toBeGreaterThanOrEqual(2);
    expect(await openEntries(page, list), 'entries open before the check').toEqual([]);
    await page.locator(start).focus();

    // The first entry's BibLaTeX is copied with Enter, the second one's BibTeX with Space.
    for (const [index, keyName] of (['Enter', 'Space'] as const).entries()) {
      const key = keys[index]!;
      const dialect = DIALECTS[index]!;
      // "Cite" opens the entry's actions, which come next in the Tab order.
      const cite = citeButton(page, list, key);
      await tabTo(page, cite);
      await page.keyboard.press(keyName);
      await expect.poll(() => cite.getAttribute('aria-expanded')).toBe('true');
      const button = copyButton(page, list, key, dialect);
      await tabTo(page, button);
      // The reader can see where the focus is.
      expect(
        await button.evaluate(
          (element) =>
            element.matches(':focus-visible') && getComputedStyle(element).outlineStyle !== 'none',
        ),
      ).toBe(true);
      await resetClipboard(page);
      await page.keyboard.press(keyName);
      expectEntryBibtex(await copied(page), key, dialect);
      await expectAnnounced(page, `${dialect.label} of ${key} copied to the clipboard`);
      // Copying leaves the focus where it was, so the reader can go on tabbing.
      expect(await isFocused(button)).toBe(true);
    }
    await expectNoProblems(page);
    // Closed again, as the check found them.
    for (const key of keys.slice(0, 2)) await closeActions(page, list, key);
  });

  it('"Download BibLaTeX (.bib)" and "Download BibTeX (.bib)" download that entry', async () => {
    const page = tab();
    // Two downloads per entry: half as many entries as a page may download.
    for (const key of spread(await keysOf(page, list), MAX_DOWNLOADS_PER_PAGE / 2)) {
      await openActions(page, list, key);
      for (const dialect of DIALECTS) {
        const link = entry(page, list, key).getByRole('link', {
          name: `Download ${dialect.label} (.bib)`,
          exact: true,
        });
        const download = await downloadBy(page, link);
        expect(download.suggestedFilename()).toBe(`${key}${dialect.suffix}`);
        expectEntryBibtex((await contentOf(download)).toString('utf8'), key, dialect);
      }
    }
    await expectNoProblems(page);
  });

  it('"Copy BibLaTeX" and "Copy BibTeX" copy exactly that entry and announce it', async () => {
    const page = tab();
    for (const key of await keysOf(page, list)) {
      await openActions(page, list, key);
      for (const dialect of DIALECTS) {
        const button = copyButton(page, list, key, dialect);
        const message = `${dialect.label} of ${key} copied to the clipboard`;
        await expectNotAnnouncedYet(page, message);
        await resetClipboard(page);
        await button.click();
        const text = await copied(page);
        // Exactly the entry's own file, the one the Download link beside it hands over.
        const file = await button.locator('xpath=..').locator('a[download]').getAttribute('href');
        expect(file).toMatch(new RegExp(`${dialect.suffix}$`));
        expect(text).toBe(fs.readFileSync(path.join(buildDir, file!), 'utf8'));
        expectEntryBibtex(text, key, dialect);
        await expectAnnounced(page, message);
        expect(await button.getAttribute('data-copied')).toBe('true');
      }
    }
    // The "copied" state of the button is short-lived.
    const last = copyButton(page, list, (await keysOf(page, list)).at(-1)!, DIALECTS[1]);
    await expect.poll(() => last.getAttribute('data-copied'), { timeout: 5_000 }).toBeNull();
    await expectNoProblems(page);
  });
});

describe('"Cite" and "Copy BibLaTeX" without a network', () => {
  it('"Copy BibLaTeX" leaves the clipboard as it was and says that copying failed', async () => {
    const page = await openPage('/google');
    await resetClipboard(page);
    const key = (await keysOf(page, 'main ul.references'))[0]!;
    await openActions(page, 'main ul.references', key);
    // The copy code and the entry's file are fetched on first use; now nothing can be.
    await page.route('**/*', (route) => route.abort('internetdisconnected'));
    await copyButton(page, 'main ul.references', key, DIALECTS[0]).click();
    await expectAnnounced(page, 'Copying failed: select the text and copy it by hand');
    expect(await readClipboard(page)).toBe(SENTINEL);
  });

  it('"Cite" says that it could not open when its code cannot be fetched', async () => {
    const page = await openPage('/google');
    await page.route('**/*', (route) => route.abort('internetdisconnected'));
    const key = (await keysOf(page, 'main ul.references'))[0]!;
    await citeButton(page, 'main ul.references', key).click();
    await expectAnnounced(page, 'Could not open: the page is offline');
    expect(await citeButton(page, 'main ul.references', key).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });
});

describe('the downloads of whole reference lists', () => {
  it.each([
    {
      pagePath: '/google',
      files: [
        '/references/google-biblatex.bib',
        '/references/google-bibtex.bib',
        '/references/google.ris',
      ],
    },
    {
      pagePath: '/bibliography',
      files: [
        '/bibliography-biblatex.bib',
        '/bibliography-bibtex.bib',
        '/bibliography.ris',
        '/bibliography.json',
      ],
    },
  ])('$pagePath hands over the files the build wrote', async ({ pagePath, files }) => {
    const page = await openPage(pagePath);
    const links = page.locator('main .references-downloads a');
    expect(
      await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))),
    ).toEqual(files);
    const names = { offered: [] as (string | null)[], saved: [] as string[] };
    for (const [index, file] of files.entries()) {
      const link = links.nth(index);
      const download = await downloadBy(page, link);
      expect(
        (await contentOf(download)).equals(fs.readFileSync(path.join(buildDir, file))),
        file,
      ).toBe(true);
      names.offered.push(await link.getAttribute('download'));
      names.saved.push(download.suggestedFilename());
    }
    // Downloading is all that happened: the reader is still on the page, with no new tab.
    expect(new URL(page.url()).pathname).toBe(pagePath);
    expect(page.context().pages()).toHaveLength(1);
    await expectNoProblems(page);
    // The file is saved under the name the link offers, whatever the server's own headers say.
    expect(names.saved).toEqual(names.offered);
  });
});

describe('"Cite this chapter" on /google', () => {
  /** Each format the box offers: its heading's id, what it shows, its Copy button. */
  const FORMATS = [
    {
      id: 'cite-this-formatted',
      shown: '[data-testid="cite-this-formatted"]',
      button: 'Copy the formatted citation',
      done: 'Citation copied to the clipboard',
    },
    {
      id: 'cite-this-biblatex',
      shown: 'pre > code',
      button: 'Copy BibLaTeX',
      done: 'BibLaTeX copied to the clipboard',
    },
    {
      id: 'cite-this-bibtex',
      shown: 'pre > code',
      button: 'Copy BibTeX',
      done: 'BibTeX copied to the clipboard',
    },
    {
      id: 'cite-this-ris',
      shown: 'pre > code',
      button: 'Copy RIS',
      done: 'RIS copied to the clipboard',
    },
  ] as const;

  function box(page: Page): Locator {
    return page.locator('section[aria-labelledby="cite-this"]');
  }

  /** The part of the box under the heading with this id: the heading, its buttons, its text. */
  /** The part of the box under a heading (the formatted citation has one block per style). */
  function part(page: Page, id: string): Locator {
    return box(page).locator(`div:has(> div > h3#${id}), div:has(> h3#${id})`);
  }

  const tab = tabForThisBlock('/google');

  it('each Copy button copies exactly the text shown with it', async () => {
    const page = tab();
    // The heading's text, without the zero-width space of its "#" anchor link.
    const heading = await box(page).locator('h2#cite-this').textContent();
    expect(heading?.replace(/\u200b/g, '').trim()).toBe('Cite this chapter');
    expect(await box(page).getByRole('button').count()).toBe(FORMATS.length);
    for (const format of FORMATS) {
      // Only the reader's style is shown (the default here); the others are hidden.
      const text = await part(page, format.id)
        .locator(format.shown)
        .filter({ visible: true })
        .innerText();
      expect(text.trim(), `the text under #${format.id}`).not.toBe('');
      await resetClipboard(page);
      await part(page, format.id).getByRole('button', { name: format.button, exact: true }).click();
      expect(await copied(page), `what "${format.button}" copied`).toBe(text);
      await expectAnnounced(page, format.done);
    }
    await expectNoProblems(page);
  });

  it('the BibLaTeX, BibTeX and RIS it shows read back as this chapter', async () => {
    const page = tab();
    for (const id of ['cite-this-biblatex', 'cite-this-bibtex']) {
      const text = await part(page, id).locator('pre > code').innerText();
      const dir = fs.mkdtempSync('/tmp/cite-this-');
      fs.writeFileSync(path.join(dir, 'in.bib'), text);
      const { pybtex } = readWithPython(path.join(dir, 'in.bib'));
      fs.rmSync(dir, { recursive: true });
      expect(
        pybtex.entries.map((e) => e.fields.title),
        id,
      ).toEqual(['{Google in China}']);
    }
    const ris = await part(page, 'cite-this-ris').locator('pre > code').innerText();
    expect(readRis(ris).map((r) => r.tags.find(([tag]) => tag === 'TI')?.[1])).toEqual([
      'Google in China',
    ]);
    await expectNoProblems(page);
  });

  it('its Download links hand over the BibLaTeX, BibTeX and RIS it shows', async () => {
    const page = tab();
    for (const [id, name] of [
      ['cite-this-biblatex', 'BibLaTeX'],
      ['cite-this-bibtex', 'BibTeX'],
      ['cite-this-ris', 'RIS'],
    ] as const) {
      const link = part(page, id).getByRole('link', { name: `Download ${name}`, exact: true });
      const download = await downloadBy(page, link);
      expect(download.suggestedFilename()).toBe(await link.getAttribute('download'));
      expect((await contentOf(download)).toString('utf8')).toBe(
        await part(page, id).locator('pre > code').innerText(),
      );
    }
    await expectNoProblems(page);
  });
});
