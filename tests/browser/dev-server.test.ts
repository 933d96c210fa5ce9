// `npm start` while an editor works: a page follows edits to the .bib files its citations come
// from, and /print follows edits to the chapters, without restarting the server; a .bib edit
// compiles again only the pages citing the entry.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SiteBrowser } from '../support/browser';
import { ROOT } from '../support/paths';
import { freePort } from '../support/server';
import { copySite } from '../support/tempsite';
import { readTrace } from '../support/trace';

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
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the development server', () => {
  const site = copySite();
  const trace = path.join(site.dir, 'citations-trace.jsonl');
  let server: ChildProcess | undefined;
  let browser: SiteBrowser | undefined;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    server = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'),
        'start',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--no-open',
      ],
      {
        cwd: site.dir,
        // NODE_ENV: vitest sets it to "test", which our browserslist does not know.
        env: {
          ...process.env,
          NODE_ENV: 'development',
          FORCE_COLOR: '0',
          BROWSER: 'none',
          CITATIONS_TRACE: trace,
        },
      },
    );
    // Kept for the failure messages: a compile error shows here, not in the browser.
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    browser = await SiteBrowser.launch(`http://127.0.0.1:${port}`);
    await listening(port, 60_000).catch((error: unknown) => {
      throw new Error(`docusaurus start did not come up:\n${output}`, { cause: error });
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    site.remove();
  });

  /**
   * The text of `selector` on a page, once the server has compiled the page and the browser
   * has rendered it (the development server renders in the browser only).
   */
  async function textOn(pagePath: string, selector = 'ul.references'): Promise<string> {
    const page = await browser!.newPage();
    try {
      // The server answers once it has compiled the page: on a busy machine, well past the
      // context's 10 s default. The references below are what is waited for.
      await page.goto(pagePath, { waitUntil: 'domcontentloaded', timeout: 90_000 });
      await page
        .locator('ul.references')
        .first()
        .waitFor({ timeout: 90_000 })
        .catch((error: unknown) => {
          throw new Error(`No references on ${pagePath}; the server said:\n${output}`, {
            cause: error,
          });
        });
      return await page.locator(selector).first().innerText();
    } finally {
      await page.close();
    }
  }

  const poll = { timeout: 60_000, interval: 1_000 };

  it(
    'shows a .bib edit on the chapter that cites the entry and on /print',
    { timeout: 180_000 },
    async () => {
      // APA prints the title in sentence case.
      expect(await textOn('/google')).toContain('launch censored search engine');
      const seen = readTrace(trace).length;
      site.edit('bibliography/essay.bib', (bib) =>
        bib.replace('Launch Censored Search Engine', 'Launch Uncensored Search Engine'),
      );
      await expect.poll(() => textOn('/google'), poll).toContain('launch uncensored search engine');
      await expect.poll(() => textOn('/print'), poll).toContain('launch uncensored search engine');
      // Rendered again: the chapter and the timeline that cite the entry, and nothing else.
      const again = readTrace(trace)
        .slice(seen)
        .filter((e) => e.event === 'document')
        .map((e) => `${e.file} from ${e.from}`);
      expect(new Set(again)).toEqual(
        new Set(['docs/google.mdx from thread', 'timeline/events.yaml from thread']),
      );
    },
  );

  it('shows a chapter edit on /print', { timeout: 120_000 }, async () => {
    expect(await textOn('/print', 'main')).toContain('officially launched Google.cn');
    site.edit('docs/google.mdx', (text) =>
      text.replace('officially launched Google.cn', 'officially launched google.cn'),
    );
    await expect
      .poll(() => textOn('/print', 'main'), poll)
      .toContain('officially launched google.cn');
  });
});
