// A reader switching citation style sees the whole site follow, and keeps the choice; the
// timeline reads on a phone and works from the keyboard.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';

import {
  chromiumForThisFile,
  axe,
  expectNoProblems,
  gotoAndHydrate,
  PHONE,
  visit,
} from '../support/browser';

const baseUrl = inject('baseUrl');
const site = chromiumForThisFile(baseUrl);

/** What the reader sees of every citation, and of the reference list in its visual order. */
async function visible(page: Page): Promise<{ citations: string[]; references: string[] }> {
  return page.evaluate(() => {
    const citations = Array.from(document.querySelectorAll<HTMLElement>('.citation')).map((c) =>
      c.innerText.trim(),
    );
    const items = Array.from(document.querySelectorAll<HTMLElement>('ul.references > li'));
    const references = items
      .map((li) => ({ top: li.getBoundingClientRect().top, text: li.innerText.trim() }))
      .sort((a, b) => a.top - b.top)
      .map((e) => e.text);
    return { citations, references };
  });
}

async function chooseStyle(page: Page, label: string): Promise<void> {
  await page.getByLabel('Citation style').first().selectOption({ label });
}

/**
 * The style is one choice for the whole site, kept in the tab's storage: a check on the shared
 * tab asserts that it starts from the default (APA) and, when it ends, chooses the default again,
 * which forgets the choice as if the reader had never made one.
 */
async function startFromDefaultStyle(page: Page): Promise<void> {
  expect(await page.getByLabel('Citation style').first().inputValue(), 'style at the start').toBe(
    'apa',
  );
  expect(await page.locator('html').getAttribute('data-citation-style')).toBeNull();
  onTestFinished(async () => {
    await chooseStyle(page, 'APA');
    expect(await page.locator('html').getAttribute('data-citation-style')).toBeNull();
  });
}

describe('choosing a citation style', () => {
  // One tab for the four checks, each on its page visited anew (a context costs more to open).
  const tab = site.pageForThisBlock();
  beforeAll(() =>
    tab().context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl }),
  );

  it('changes every citation and reference on the page, in the new order', async () => {
    const page = tab();
    await visit(page, '/bans');
    await startFromDefaultStyle(page);
    const apa = await visible(page);
    expect(apa.citations[0]).toBe('(Ministry of Electronics and Information Technology, 2020)');

    await chooseStyle(page, 'Vancouver');
    const vancouver = await visible(page);
    expect(vancouver.citations).toHaveLength(apa.citations.length);
    vancouver.citations.forEach((c, i) => {
      expect(c).toMatch(/^\(\d+(–\d+)?(,\s*\d+)*\)$/);
      expect(c).not.toBe(apa.citations[i]);
    });
    // Numbered once for the whole site, in the order the essay first cites each work (so the
    // numbers are those of /bibliography and /print), and listed in that order.
    const numbers = vancouver.references.map((r) => Number(/^(\d+)\./.exec(r)?.[1]));
    expect(numbers.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // Screen readers follow the DOM: it is in the chosen order too (once the script that moves
    // the items has loaded).
    const domOrder = () =>
      page
        .locator('ul.references > li')
        .evaluateAll((lis) =>
          lis.map((li) => Number(/^(\d+)\./.exec((li as HTMLElement).innerText.trim())?.[1])),
        );
    expect(numbers.length).toBeGreaterThan(1);
    await expect.poll(domOrder).toEqual(numbers);
    await expectNoProblems(page);
  });

  it('follows the reader to other pages and survives a reload', async () => {
    const page = tab();
    await visit(page, '/google');
    await startFromDefaultStyle(page);
    await chooseStyle(page, 'Chicago (author-date)');
    expect((await visible(page)).citations).toContain('(Gallagher 2018)');

    // A client-side navigation, as a reader clicks through.
    await page.locator('nav.menu a', { hasText: 'The bans and the widening divide' }).click();
    await page.waitForURL(`${baseUrl}/bans`);
    await expect
      .poll(async () => (await visible(page)).citations[0])
      .toBe('(Ministry of Electronics and Information Technology 2020)');
    await expect.poll(() => page.getByLabel('Citation style').first().inputValue()).toBe('chicago');

    await page.reload();
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
    expect((await visible(page)).citations[0]).toBe(
      '(Ministry of Electronics and Information Technology 2020)',
    );

    for (const path of ['/bibliography', '/timeline']) {
      await gotoAndHydrate(page, path);
      const { references } = await visible(page);
      const gallagher = references.find((r) => r.includes('Gallagher'));
      // Chicago author-date: "Gallagher, Ryan. 2018. “Google Plans …”"
      if (gallagher) expect(gallagher).toMatch(/^Gallagher, Ryan\. 2018\./);
    }
    await expectNoProblems(page);
  });

  it('changes "Cite this chapter" too, and its copy button copies the chosen style', async () => {
    const page = tab();
    await visit(page, '/google');
    await startFromDefaultStyle(page);
    await chooseStyle(page, 'Harvard');
    const shown = page.locator('[data-testid="cite-this-formatted"]').filter({ visible: true });
    await expect.poll(() => shown.count()).toBe(1);
    const text = (await shown.innerText()).trim();
    await page
      .getByRole('button', { name: 'Copy the formatted citation' })
      .filter({ visible: true })
      .click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    await expectNoProblems(page);
  });

  it('keeps the page accessible in every style', async () => {
    const page = tab();
    await visit(page, '/bans');
    await startFromDefaultStyle(page);
    for (const label of ['Harvard', 'Vancouver', 'Chicago (author-date)']) {
      await chooseStyle(page, label);
      expect(await axe(page), label).toEqual([]);
    }
  });
});

describe('the timeline', () => {
  it('works from the keyboard: Tab reaches each event’s passage link, Enter follows it', async () => {
    const page = await site.newPage();
    await gotoAndHydrate(page, '/timeline');
    const links = page.getByRole('link', { name: /^Read the passage in/ });
    expect(await links.count()).toBeGreaterThanOrEqual(20);
    // From one event's passage link, Tab passes the next event's citation (and the preview
    // that opens on it) and lands on that event's passage link.
    await links.first().focus();
    const reached: string[] = [];
    for (let i = 0; i < 10 && !reached.at(-1)?.includes('#passage-'); i += 1) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(
          () => (document.activeElement as HTMLAnchorElement).getAttribute('href') ?? '',
        ),
      );
    }
    expect(reached.at(-1)).toBe(await links.nth(1).getAttribute('href'));
    await links.first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/google#passage-google-chinese-support$/);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const a = document.getElementById('passage-google-chinese-support');
          const rect = a?.closest('p')?.getBoundingClientRect();
          return rect ? rect.top >= 0 && rect.top < window.innerHeight : false;
        }),
      )
      .toBe(true);
    await expectNoProblems(page);
  });

  it('reads on a phone: nothing wider than the screen, dates above events', async () => {
    const page = await site.newPage(PHONE);
    await gotoAndHydrate(page, '/timeline');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const first = page.locator('main ol > li').first();
    const date = (await first.locator('time').boundingBox())!;
    const title = (await first.locator('p').first().boundingBox())!;
    expect(title.y).toBeGreaterThan(date.y);
    expect(await axe(page)).toEqual([]);
    await expectNoProblems(page);
  });
});
