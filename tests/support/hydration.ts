import type { Page } from 'playwright-core';

/**
 * Waits until React has hydrated the page. Apart from browser.ts, which needs vitest, so that
 * `npm run bench` can use it too.
 */
export async function waitForHydration(page: Page): Promise<void> {
  // Docusaurus flips this attribute once the client-side app has taken over the server HTML.
  await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
}
