/**
 * Part 6, `npm start`: how long an edit takes to show in the browser. `docusaurus start` on a
 * site, the edited page open in Chromium, then, `rounds` times in turn: (a) a plain-text edit of
 * the page, (b) a citation's locator edited (`[@key, p. 9001]` → p. 9002), (c) the title of the
 * entry that citation cites edited in the `.bib`. Each is timed from writing the file to the
 * page's visible text showing the change (polled every 20 ms). With CITATIONS_TRACE, the plugin
 * says which documents each `.bib` edit rendered again: no others than the pages that cite the
 * entry should be.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { chromium, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';
import { startDevServer, untilSteady, type DevServer } from '../tests/support/devServer';
import { waitForHydration } from '../tests/support/hydration';
import { freePort } from '../tests/support/server';
import { traceSize } from '../tests/support/trace';
import { best, median, OUT, round, sleep, type Measured } from './common';
import { FIRST_REVISION, shown, titleMark } from './edits';
import type { BenchSite } from './sites';
import { readTrace, rendered } from './trace';

const KINDS = ['text', 'locator', 'bib'] as const;
type Kind = (typeof KINDS)[number];

/** How long an edit may take to show before it counts as not shown. */
const SHOW_TIMEOUT = 90_000;
/** How long the server may take to compile the site before the first page. */
const START_TIMEOUT = 600_000;

export interface EditLatency {
  site: string;
  /** When this site's figures were taken (they may be older than the part's). */
  measured?: Measured;
  rounds: number;
  /** Each round's time from writing the file to the browser showing it; null: not shown. */
  runsMs: Record<Kind, (number | null)[]>;
  bestMs: Record<Kind, number | null>;
  medianMs: Record<Kind, number | null>;
  /** Median of (b) and (c) ÷ median of (a). */
  vsText: { locator: number | null; bib: number | null };
  /** After each `.bib` edit: the documents the plugin rendered again (null: no trace). */
  bibRendered: (string[] | null)[];
  /** The pages that cite the edited entry. */
  citing: string[];
  startMs: number;
}

/** Waits until the dev server answers for `url` (it holds requests until it has compiled). */
async function waitForServer(url: string, server: DevServer): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) {
      throw new Error(`docusaurus start exited ${server.process.exitCode}:\n${server.output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  throw new Error(`docusaurus start did not serve ${url} within ${START_TIMEOUT} ms`);
}

/** Polls the page's visible text until it includes `text`; the time it took, or null. */
async function timeUntilShown(page: Page, text: string, since: number): Promise<number | null> {
  while (performance.now() - since < SHOW_TIMEOUT) {
    // A full reload destroys the context being read: that is only a moment without text.
    const visible = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (visible.includes(text)) return performance.now() - since;
    await sleep(20);
  }
  return null;
}

/** Waits until the server has stopped working on the last edit: its trace quiet for 2 s. */
const settle = (trace: string) => untilSteady(() => traceSize(trace));

export async function editLatency(site: BenchSite, rounds: number): Promise<EditLatency> {
  const label = site.name.replace(/\W+/g, '-');
  const trace = path.join(OUT, `trace-start-${label}.jsonl`);
  const log = path.join(OUT, `start-${label}.log`);
  fs.rmSync(trace, { force: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${site.editPath}`;
  const started = performance.now();
  const server = startDevServer(site.dir, port, {
    DIGITAL_DIVIDE_FEATURES: 'on',
    CITATIONS_TRACE: trace,
  });
  // The server's output as it comes, to follow a long first compile.
  fs.writeFileSync(log, '');
  for (const stream of [server.process.stdout, server.process.stderr]) {
    stream.on('data', (chunk: Buffer) => fs.appendFileSync(log, chunk));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const runs: Record<Kind, (number | null)[]> = { text: [], locator: [], bib: [] };
  const bibRendered: (string[] | null)[] = [];
  let startMs = 0;
  try {
    await waitForServer(url, server);
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: START_TIMEOUT });
    await waitForHydration(page);
    if ((await timeUntilShown(page, shown(FIRST_REVISION).text, performance.now())) === null) {
      throw new Error(`${url} does not show the paragraph the bench edits`);
    }
    startMs = performance.now() - started;
    console.log(`  ${site.name}: served and shown after ${Math.round(startMs)} ms`);
    await settle(trace);
    const revision = { ...FIRST_REVISION };
    for (let round = 1; round <= rounds; round += 1) {
      for (const kind of KINDS) {
        let expected: string;
        const offset = traceSize(trace);
        const since = performance.now();
        if (kind === 'bib') {
          site.retitleEntry(round);
          expected = titleMark(round);
        } else {
          revision[kind] += 1;
          site.revisePage(revision);
          expected = shown(revision)[kind];
        }
        const ms = await timeUntilShown(page, expected, since);
        runs[kind].push(ms);
        await settle(trace);
        if (kind === 'bib') {
          bibRendered.push(
            fs.existsSync(trace)
              ? rendered(readTrace(trace, offset)).map((file) =>
                  path.isAbsolute(file) ? path.relative(site.dir, file) : file,
                )
              : null,
          );
        }
        console.log(
          `  ${site.name}, round ${round}, ${kind} edit: ${ms === null ? `not shown within ${SHOW_TIMEOUT} ms` : `${Math.round(ms)} ms`}${kind === 'bib' ? `; documents rendered again: ${JSON.stringify(bibRendered.at(-1))}` : ''}`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    site.revisePage(FIRST_REVISION);
    site.retitleEntry(0);
  }
  const shownRuns = (kind: Kind) => runs[kind].filter((ms): ms is number => ms !== null);
  const summary = (f: (xs: number[]) => number) =>
    Object.fromEntries(
      KINDS.map((kind) => {
        const xs = shownRuns(kind);
        // A run that never showed its edit makes the figure unknown, not better.
        return [kind, xs.length === runs[kind].length && xs.length > 0 ? Math.round(f(xs)) : null];
      }),
    ) as Record<Kind, number | null>;
  const medianMs = summary(median);
  const vs = (kind: Kind) =>
    medianMs[kind] === null || !medianMs.text ? null : round(medianMs[kind] / medianMs.text, 2);
  return {
    site: site.name,
    rounds,
    runsMs: {
      text: runs.text.map((ms) => (ms === null ? null : Math.round(ms))),
      locator: runs.locator.map((ms) => (ms === null ? null : Math.round(ms))),
      bib: runs.bib.map((ms) => (ms === null ? null : Math.round(ms))),
    },
    bestMs: summary(best),
    medianMs,
    vsText: { locator: vs('locator'), bib: vs('bib') },
    bibRendered,
    citing: site.citing,
    startMs: Math.round(startMs),
  };
}
