// The essay deployed as GitHub Pages serves a project site: under /digital-divide/. Every link,
// download and asset of every page must resolve there, in the HTML and in the browser.
import fs from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { expectNoProblems, waitForHydration } from '../support/browser';
import { attr, readPage, selectAll } from '../support/html';
import { checkLinks } from '../support/links';
import { servedBuildForThisFile } from '../support/servedBuild';

const BASE = '/digital-divide/';
const SITE_URL = 'https://example.github.io';

const site = servedBuildForThisFile({
  reuse: 'BASE_URL_BUILD_DIR',
  env: { BASE_URL: BASE, SITE_URL },
  base: BASE,
});

/**
 * Pages a reader loads: one of each kind (the static check above reads every page's HTML; the
 * browser adds what scripts fetch, which is the same for pages of one kind).
 */
const VISITED = ['', 'google', 'bibliography', 'timeline', 'print', 'search'];

/** Every page of the build, as a path under the base URL. */
function pages(): string[] {
  return fs
    .readdirSync(site.dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && f !== '404.html')
    .map(
      (f) =>
        BASE +
        f
          .split(path.sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1')
          .replace(/\.html$/, ''),
    )
    .sort();
}

describe(`the essay built with BASE_URL=${BASE}`, () => {
  it('has every page, asset and download that its HTML links to', () => {
    expect(pages().length).toBeGreaterThan(10);
    expect(checkLinks(site.dir, BASE, SITE_URL)).toEqual([]);
  });

  it('offers each chapter its own reference files under the base URL', () => {
    const links = selectAll('article .references-downloads a', readPage(site.dir, '/google'));
    expect(links.map((a) => attr(a, 'href'))).toEqual([
      `${BASE}references/google-biblatex.bib`,
      `${BASE}references/google-bibtex.bib`,
      `${BASE}references/google.ris`,
    ]);
    for (const file of ['google-biblatex.bib', 'google-bibtex.bib', 'google.ris']) {
      expect(fs.existsSync(path.join(site.dir, 'references', file)), file).toBe(true);
    }
  });

  it(
    'loads each kind of page in Chromium without a failed request',
    { timeout: 120_000 },
    async () => {
      const failed: string[] = [];
      for (const pagePath of VISITED.map((p) => BASE + p)) {
        const page: Page = await site.browser.newPage();
        page.on('response', (response) => {
          if (response.status() >= 400)
            failed.push(`${pagePath}: ${response.status()} ${response.url()}`);
        });
        page.on('requestfailed', (request) => {
          failed.push(`${pagePath}: ${request.failure()?.errorText ?? 'failed'} ${request.url()}`);
        });
        await page.goto(site.origin + pagePath);
        await waitForHydration(page);
        await page.waitForLoadState('networkidle');
        await expectNoProblems(page);
        await site.browser.closePages();
      }
      expect(failed).toEqual([]);
    },
  );
});
