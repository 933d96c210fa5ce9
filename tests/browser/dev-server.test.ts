// `npm start` while an editor works: a page follows edits to the .bib files its citations come
// from, and /print follows edits to the chapters, without restarting the server; a .bib edit
// compiles again only the pages citing the entry; hostile .bib data stays text there too.
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Page } from 'playwright-core';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SiteBrowser } from '../support/browser';
import { startDevServer, untilSteady, type DevServer } from '../support/devServer';
import { freePort } from '../support/server';
import { copySite } from '../support/tempsite';
import { readTrace, traceSize } from '../support/trace';

/** Resolves once something accepts connections on the port. */
async function listening(port: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`Nothing listens on port ${port}`);
    await sleep(250);
  }
}

interface PageCheck {
  waitUntil?: 'domcontentloaded' | 'load';
  inspect?: (page: Page) => Promise<void>;
}

describe('the development server', () => {
  const site = copySite();
  const trace = path.join(site.dir, 'citations-trace.jsonl');
  let server: DevServer | undefined;
  let browser: SiteBrowser | undefined;

  beforeAll(async () => {
    const port = await freePort();
    server = startDevServer(site.dir, port, { CITATIONS_TRACE: trace });
    browser = await SiteBrowser.launch(server.url);
    await listening(port, 60_000).catch((error: unknown) => {
      throw new Error(`docusaurus start did not come up:\n${server!.output()}`, { cause: error });
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    site.remove();
  });

  /**
   * The text of `selector` on a page, once the server has compiled the page and the browser
   * has rendered it (the development server renders in the browser only); `inspect`, if given,
   * looks at the page before it closes.
   */
  async function textOn(
    pagePath: string,
    selector = 'ul.references',
    { waitUntil = 'domcontentloaded', inspect }: PageCheck = {},
  ): Promise<string> {
    const page = await browser!.newPage();
    try {
      // The server answers once it has compiled the page: on a busy machine, well past the
      // context's 10 s default. The references below are what is waited for.
      await page.goto(pagePath, { waitUntil, timeout: 90_000 });
      await page
        .locator('ul.references')
        .first()
        .waitFor({ timeout: 90_000 })
        .catch((error: unknown) => {
          throw new Error(`No references on ${pagePath}; the server said:\n${server!.output()}`, {
            cause: error,
          });
        });
      const text = await page.locator(selector).first().innerText();
      await inspect?.(page);
      return text;
    } finally {
      await page.close();
    }
  }

  const poll = { timeout: 60_000, interval: 1_000 };

  /** How many compiles the server has reported. */
  const compiles = () => server!.output().match(/compiled/g)?.length ?? 0;

  /**
   * The compiles reported once the server is quiet (none for 2 s): a compile an earlier test's
   * edit caused must not count in the next.
   */
  const compilesWhenQuiet = () => untilSteady(compiles);

  it(
    'shows a .bib edit on the chapter that cites the entry and on /print',
    { timeout: 180_000 },
    async () => {
      // APA prints the title in sentence case.
      expect(await textOn('/google')).toContain('launch censored search engine');
      const seen = traceSize(trace);
      site.edit('bibliography/essay.bib', (bib) =>
        bib.replace('Launch Censored Search Engine', 'Launch Uncensored Search Engine'),
      );
      await expect.poll(() => textOn('/google'), poll).toContain('launch uncensored search engine');
      await expect.poll(() => textOn('/print'), poll).toContain('launch uncensored search engine');
      // Rendered again: the chapter and the timeline that cite the entry, and nothing else. (A
      // page the server compiles once more, its rendering taken from the cache, renders nothing.)
      const again = readTrace(trace, seen)
        .filter((e) => e.event === 'document' && e.from !== 'cache')
        .map((e) => `${e.file} from ${e.from}`);
      expect(new Set(again)).toEqual(
        new Set(['docs/google.mdx from thread', 'timeline/events.yaml from thread']),
      );
    },
  );

  it(
    'shows a .bib edit on the open page in one update, the server compiling once',
    { timeout: 120_000 },
    async () => {
      await textOn('/google', 'ul.references', {
        waitUntil: 'load',
        inspect: async (page) => {
          const references = page.locator('ul.references').first();
          expect(await references.innerText()).toContain('leaked documents reveal');
          const before = await compilesWhenQuiet();
          // What the open page fetches to update itself: a manifest for each compile that
          // changed something.
          const updates: string[] = [];
          page.on('response', (response) => {
            if (response.url().endsWith('.hot-update.json')) updates.push(response.url());
          });
          // The edit changes the chapter, /bibliography, /print and the timeline: the server
          // writes their data over the site pass, and compiles once it has written all of it (a
          // compile started at the first file made the page wait for a second one).
          site.edit('bibliography/essay.bib', (bib) =>
            bib.replace('Leaked Documents Reveal', 'Leaked Papers Reveal'),
          );
          await expect.poll(() => references.innerText(), poll).toContain('leaked papers reveal');
          expect(await compilesWhenQuiet(), server!.output().slice(-2_000)).toBe(before + 1);
          expect(updates).toHaveLength(1);
        },
      });
    },
  );

  it(
    'shows a citation edit on its chapter, compiling the chapter once',
    { timeout: 120_000 },
    async () => {
      expect(await textOn('/google', 'main')).toContain(
        'service providers (“A History of Google in China,” 2010)',
      );
      const before = await compilesWhenQuiet();
      const seen = traceSize(trace);
      site.edit('docs/google.mdx', (text) =>
        text.replace('[@ft2010google]', '[@ft2010google, p. 7]'),
      );
      await expect
        .poll(() => textOn('/google', 'main'), poll)
        .toContain('service providers (“A History of Google in China,” 2010, p. 7)');
      // One compile, as for a plain-text edit: the page carries its citations' data under npm
      // start (a data file written during the compile made the watcher compile again), and
      // its stamp holds what it renders from besides its own text (a stamp that changed with
      // the citation compiled the chapter a second time).
      await sleep(3_000);
      const compiled = readTrace(trace, seen).filter(
        (e) => e.event === 'document' && e.file === 'docs/google.mdx',
      );
      expect(compiled.map((e) => e.from)).toEqual(['thread']);
      expect(compiles() - before, server!.output().slice(-2_000)).toBe(1);
    },
  );

  it('shows hostile .bib data as text, running none of it', { timeout: 120_000 }, async () => {
    // Under npm start a page's citation data is a JavaScript literal in its own module, not
    // the HTML a build writes (hostile.test.ts covers that): the same markup must stay text.
    const payload = [
      '</script><script>__xss_dev_script=1</script>',
      '<img src=x onerror=__xss_dev_img=1 data-hostile>',
    ];
    site.edit('bibliography/essay.bib', (bib) =>
      bib.replace(
        'A history of {Google} in {China}',
        `A history of {Google} in {China} ${payload.join(' ')}`,
      ),
    );
    for (const pagePath of ['/google', '/bibliography', '/print']) {
      // What the page showed, and what had run in it, once it showed the edit.
      let shown = '';
      let effects: unknown;
      await expect
        .poll(async () => {
          shown = await textOn(pagePath, 'main', {
            waitUntil: 'load',
            inspect: async (page) => {
              effects = await page.evaluate(() => ({
                ran: Object.keys(window).filter((k) => k.startsWith('__xss')),
                added: document.querySelectorAll('[data-hostile]').length,
              }));
            },
          });
          return shown;
        }, poll)
        .toContain(payload[1]);
      expect(effects, pagePath).toEqual({ ran: [], added: 0 });
      for (const part of payload) expect(shown, pagePath).toContain(part);
    }
  });

  it('shows a chapter edit on /print', { timeout: 120_000 }, async () => {
    expect(await textOn('/print', 'main')).toContain('officially launched Google.cn');
    site.edit('docs/google.mdx', (text) =>
      text.replace('officially launched Google.cn', 'officially launched google.cn'),
    );
    await expect
      .poll(() => textOn('/print', 'main'), poll)
      .toContain('officially launched google.cn');
  });

  it('needed no network for any of it', () => {
    expect(server!.output()).not.toContain('[offline] blocked');
  });
});
