/**
 * Chromium against the served build. One browser per test file; one context (and page) per
 * test, so that storage such as the colour-mode choice never leaks from one test to the next;
 * or, where a block of tests only reads a page, one page that the block's tests share (opening
 * a context and loading a page cost more than most checks).
 *
 * Every page records what would go wrong for a reader without showing on screen: console
 * errors, uncaught exceptions, and requests that try to leave the served build (they go to a
 * proxy that refuses them, so a test never touches the network).
 */
import net, { type AddressInfo } from 'node:net';

import axeCore from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { waitForHydration } from './hydration';

export { waitForHydration };

/** A laptop's screen, for `newPage`: 1366 × 900 (Playwright's default is smaller). */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

/** A phone's screen, for `newPage`: 390 × 844, touch. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

/** The screen sizes the browser tests read the site at, each with its name in test titles. */
export const SIZES = [
  ['1366×900', DESKTOP],
  ['390×844', PHONE],
] as const satisfies readonly (readonly [string, BrowserContextOptions])[];

export const isPhone = (size: BrowserContextOptions): boolean => size.hasTouch === true;

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  blockedRequests: string[];
}

/** An axe violation, cut down to what is needed to find and fix it. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** One line per offending element: its selector, its HTML and what axe measured. */
  elements: string[];
}

const problemsByPage = new WeakMap<Page, PageProblems>();

export class SiteBrowser {
  /** Contexts that `closePages` closes: those of one test. */
  private readonly contexts = new Set<BrowserContext>();
  /** Contexts that outlive a test; closed by whoever asked for them, or by `close`. */
  private readonly kept = new Set<BrowserContext>();

  private constructor(
    private readonly browser: Browser,
    readonly baseUrl: string,
    private readonly refusingProxy: net.Server,
  ) {}

  /** Launches the system Chromium (never a downloaded one); call it in `beforeAll`. */
  static async launch(baseUrl: string): Promise<SiteBrowser> {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // Every request for another host than the served build's goes to this proxy, which closes
    // the connection unanswered. (Routing them away with `context.route` would pass every
    // request of the page through this process and turn the browser's cache off: each visit
    // would load every script anew, and slower.)
    const refusingProxy = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => refusingProxy.listen(0, '127.0.0.1', resolve));
    return new SiteBrowser(browser, baseUrl, refusingProxy);
  }

  private get proxy(): NonNullable<BrowserContextOptions['proxy']> {
    const { port } = this.refusingProxy.address() as AddressInfo;
    // Only the served build's host and port bypass it: loopback is proxied too.
    return { server: `http://127.0.0.1:${port}`, bypass: new URL(this.baseUrl).host };
  }

  /**
   * A page in a fresh context whose relative URLs resolve against the served build. The
   * colour scheme defaults to light so that "system mode" means the same on every machine.
   * With `keep`, the page survives `closePages`: close it with `closePage`.
   */
  async newPage(options: BrowserContextOptions = {}, { keep = false } = {}): Promise<Page> {
    const context = await this.browser.newContext({
      colorScheme: 'light',
      ...options,
      baseURL: this.baseUrl,
      proxy: this.proxy,
    });
    (keep ? this.kept : this.contexts).add(context);
    // Fail within a test's time budget, with Playwright's message rather than a bare timeout.
    context.setDefaultTimeout(10_000);
    const problems: PageProblems = { consoleErrors: [], pageErrors: [], blockedRequests: [] };
    const origin = new URL(this.baseUrl).origin;
    context.on('request', (request) => {
      const url = request.url();
      if (new URL(url).origin !== origin) problems.blockedRequests.push(url);
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      // Chromium asks for /favicon.ico by itself (a site may name no icon, as the second test
      // site does). Playwright keeps that request out of its events, and aborted it unseen
      // while every request was routed; its failure is the browser's, not the page's.
      if (url.endsWith('/favicon.ico') && message.text().startsWith('Failed to load resource')) {
        return;
      }
      problems.consoleErrors.push(`${message.text()} (${url}:${lineNumber})`);
    });
    page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? String(error)));
    problemsByPage.set(page, problems);
    return page;
  }

  /** Closes the contexts opened since the last call; call it in `afterEach`. */
  async closePages(): Promise<void> {
    const contexts = [...this.contexts];
    this.contexts.clear();
    await Promise.all(contexts.map((context) => context.close()));
  }

  /** Closes a page opened with `keep`, and its context. */
  async closePage(page: Page): Promise<void> {
    this.kept.delete(page.context());
    await page.context().close();
  }

  /** Call it in `afterAll`. */
  async close(): Promise<void> {
    await this.closePages();
    await Promise.all([...this.kept].map((context) => context.close()));
    this.kept.clear();
    await this.browser.close();
    await new Promise<void>((resolve) => this.refusingProxy.close(() => resolve()));
  }
}

/** What the page has recorded so far (console errors, page errors, blocked requests). */
export function problemsOf(page: Page): PageProblems {
  const problems = problemsByPage.get(page);
  if (!problems) throw new Error('This page was not opened with SiteBrowser.newPage()');
  return problems;
}

/**
 * Fails the test if the page logged an error, threw, or tried to reach another host, once
 * everything it loads has arrived (a page is used as soon as it has hydrated, which can be
 * before an image that fails to load says so).
 */
export async function expectNoProblems(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  expect(problemsOf(page)).toEqual({ consoleErrors: [], pageErrors: [], blockedRequests: [] });
}

/**
 * Navigates to a path of the site and waits until React has hydrated the page: the page's
 * stylesheets and scripts are in by then, so layout and behaviour are final; images may still
 * be on their way (they are sized, so they move nothing when they come).
 */
export async function gotoAndHydrate(page: Page, path: string): Promise<void> {
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  await waitForHydration(page);
}

/**
 * Leaves the page for a blank one and forgets what it recorded, so that what is recorded next
 * is of the next page alone.
 */
export async function leavePage(page: Page): Promise<void> {
  const problems = problemsOf(page);
  await page.goto('about:blank');
  problems.consoleErrors.length = 0;
  problems.pageErrors.length = 0;
  problems.blockedRequests.length = 0;
}

/**
 * Opens another page in a tab that already showed one: what the tab recorded there is
 * forgotten, so that `expectNoProblems` speaks of this page alone.
 */
export async function visit(page: Page, path: string): Promise<void> {
  await leavePage(page);
  await gotoAndHydrate(page, path);
}

/**
 * axe-core's serious and critical violations on the page as it is now, with the rules and
 * options axe runs by default. axe is run in the page itself, as `axe.run` was made to be
 * (@axe-core/playwright's builder loads axe twice per call and finishes in a second page,
 * which costs several times the run itself). That sees the page's own document only: a page
 * with frames fails here rather than pass unchecked.
 */
export async function axe(page: Page): Promise<AxeFinding[]> {
  expect(
    page.frames().map((frame) => frame.url()),
    'axe() checks pages without frames',
  ).toHaveLength(1);
  type WithAxe = { axe?: typeof axeCore };
  // The axe-core this project pins, loaded once per document (loading costs more than a run).
  if (!(await page.evaluate(() => (window as WithAxe).axe !== undefined))) {
    await page.evaluate(axeCore.source);
  }
  // Only violations are wanted: axe then skips collecting every passing element.
  const results = await page.evaluate(() =>
    (window as WithAxe).axe!.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      elements: violation.nodes.map((node) => {
        const why = (node.failureSummary ?? '').replace(/^Fix (any|all) of the following:\s*/, '');
        return `${node.target.join(' ')}  ${node.html}  (${why.replace(/\s+/g, ' ').trim()})`;
      }),
    }));
}

/** Waits until the page shows `mode` and its colours have stopped changing. */
export async function waitForColorMode(page: Page, mode: 'light' | 'dark'): Promise<void> {
  await page.locator(`html[data-theme="${mode}"]`).waitFor({ state: 'attached' });
  // The theme fades some colours (Infima's transitions): axe must see where they end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished),
    ),
  );
}

/**
 * Switches the reader's system colour scheme with the page open: in "system" mode (the
 * default) the site follows it, as it does when a phone turns to dark mode at night.
 */
export async function switchColorMode(page: Page, mode: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: mode });
  await waitForColorMode(page, mode);
}

export interface FileBrowser {
  /** A page in a fresh context, closed after the test. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * One page for all the tests of the enclosing `describe`: opened in its `beforeAll`, closed
   * in its `afterAll`. The tests run in order and see what the ones before them did to it.
   */
  pageForThisBlock(options?: BrowserContextOptions): () => Page;
}

/**
 * Chromium for one test file: launched before its tests, each test's pages closed after it,
 * the browser closed at the end. Returns what the tests use.
 */
export function chromiumForThisFile(baseUrl: string): FileBrowser {
  let site: SiteBrowser | undefined;
  beforeAll(async () => {
    site = await SiteBrowser.launch(baseUrl);
  });
  afterEach(async () => {
    await site?.closePages();
  });
  afterAll(async () => {
    await site?.close();
  });
  return {
    newPage: (options) => site!.newPage(options),
    pageForThisBlock(options) {
      let page: Page | undefined;
      beforeAll(async () => {
        page = await site!.newPage(options, { keep: true });
      });
      afterAll(async () => {
        if (page) await site?.closePage(page);
      });
      return () => {
        if (!page) throw new Error('The block’s page is not open (did its beforeAll fail?)');
        return page;
      };
    },
  };
}
