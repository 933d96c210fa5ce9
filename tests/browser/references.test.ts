// A citation's preview shows the reference as the chosen style prints it: the title in
// sentence case in APA, in title case in Chicago.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';

import { chromiumForThisFile, expectNoProblems, gotoAndHydrate } from '../support/browser';

const baseUrl = inject('baseUrl');
const site = chromiumForThisFile(baseUrl);

const preview = (page: Page) => page.locator('#citation-preview');

async function previewOf(page: Page, style: string, key: string): Promise<string> {
  const link = page
    .locator(`.citation-variant[data-style="${style}"] a.citation-link[href="#ref-${key}"]`)
    .first();
  await link.hover();
  await expect.poll(() => preview(page).isVisible()).toBe(true);
  const shown = await preview(page).innerText();
  await page.mouse.move(5, 5);
  await expect.poll(() => preview(page).count()).toBe(0);
  return shown;
}

describe('a citation preview', () => {
  it('shows the title in the case of the chosen style', async () => {
    const page = await site.newPage();
    await gotoAndHydrate(page, '/google');
    expect(await previewOf(page, 'apa', 'gallagher2018dragonfly')).toContain(
      'Gallagher, R. (2018, August 1). Google plans to launch censored search engine in China, leaked documents reveal.',
    );
    await page
      .getByLabel('Citation style')
      .first()
      .selectOption({ label: 'Chicago (author-date)' });
    expect(await previewOf(page, 'chicago', 'gallagher2018dragonfly')).toContain(
      '“Google Plans to Launch Censored Search Engine in China, Leaked Documents Reveal.”',
    );
    await expectNoProblems(page);
  });
});
