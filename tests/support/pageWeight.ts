/**
 * What a first visit to a page downloads, counted by the server as a web host would send it
 * (gzip for text). Shared by the page-weight budget test and `npm run bench`.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { listenLocally } from './server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/**
 * The built site as a web host serves it: clean URLs and gzip for text. (The tests' server,
 * like `docusaurus serve`, does not compress; page weight and Lighthouse must see what a
 * reader's browser downloads.)
 */
export async function serveCompressed(
  dir: string,
  /** Told of every response: the request, and the bytes sent (gzip when sent so). */
  onServe?: (request: http.IncomingMessage, pathname: string, bytes: number) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const candidates = [pathname, `${pathname}.html`, path.posix.join(pathname, 'index.html')];
    const file = candidates
      .map((p) => path.join(dir, p))
      .find((p) => p.startsWith(dir) && fs.existsSync(p) && fs.statSync(p).isFile());
    const served = file ?? path.join(dir, '404.html');
    const body = fs.readFileSync(served);
    const type = TYPES[path.extname(served)] ?? 'application/octet-stream';
    const gzip =
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
      !type.startsWith('application/octet');
    res.writeHead(file ? 200 : 404, {
      'Content-Type': type,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    const sent = gzip ? zlib.gzipSync(body, { level: 9 }) : body;
    onServe?.(req, pathname, sent.length);
    res.end(sent);
  });
  return listenLocally(server);
}

/**
 * The budget: what the citation features may add, at most, to the gzip JavaScript of a
 * first visit to each of `BUDGETED_PAGES` (tests/browser/page-weight.test.ts holds the site to it;
 * `npm run bench` reports it). The added bytes include the page's own content (every citation and
 * reference in four styles, "Cite this", metadata), so they grow with its sources; the
 * introduction, which carries "Cite this essay" and the most sources, is closest to the budget.
 */
export const JS_BUDGET_BYTES = 5 * 1024;
export const BUDGETED_PAGES = ['/', '/google'] as const;

/** Gzip bytes of one first visit, by kind. */
export interface VisitBytes {
  html: number;
  js: number;
  css: number;
  /** The search index (it must not be part of a first visit). */
  searchIndex: number;
  /** What Docusaurus prefetches for the links in view, for the next page; not this page's. */
  prefetched: number;
}

const BY_DESTINATION: Record<string, keyof VisitBytes> = {
  document: 'html',
  script: 'js',
  style: 'css',
};

/** What a request is for: the page, a prefetch for the next page, or the search index. */
function kindOf(request: http.IncomingMessage, pathname: string): keyof VisitBytes | undefined {
  const purpose = String(request.headers['sec-purpose'] ?? request.headers.purpose ?? '');
  if (purpose.includes('prefetch')) return 'prefetched';
  if (pathname.includes('search-index')) return 'searchIndex';
  return BY_DESTINATION[String(request.headers['sec-fetch-dest'])];
}

/**
 * Opens `pagePath` of the built site in `dir` in a fresh Chromium, waits until the page has
 * hydrated and the network is idle, and adds up what the server sent.
 */
export async function firstVisit(dir: string, pagePath: string): Promise<VisitBytes> {
  const bytes: VisitBytes = { html: 0, js: 0, css: 0, searchIndex: 0, prefetched: 0 };
  const server = await serveCompressed(dir, (request, pathname, sent) => {
    const kind = kindOf(request, pathname);
    if (kind) bytes[kind] += sent;
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url + pagePath);
    await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached' });
    await page.waitForLoadState('networkidle');
    return bytes;
  } finally {
    await browser.close();
    await server.close();
  }
}
