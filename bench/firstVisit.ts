/**
 * Part 3, a first visit: the gzip bytes of /, /google and /bibliography, the essay built with the
 * citation features on and off in this run, against the byte budget the page-weight test holds
 * the site to (tests/support/pageWeight.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

import { runBuild } from '../tests/support/build';
import {
  BUDGETED_PAGES,
  firstVisit as visitOnce,
  JS_BUDGET_BYTES,
  type VisitBytes,
} from '../tests/support/pageWeight';
import { OUT, ROOT } from './common';

/** The essay's builds made in this run: parts 3 and 4 measure the current code, never an older build. */
const built = new Set<string>();

export async function essayBuild(mode: 'on' | 'off'): Promise<string> {
  const dir = path.join(OUT, `build-${mode}`);
  if (!built.has(dir)) {
    const result = await runBuild(dir, ROOT, { DIGITAL_DIVIDE_FEATURES: mode });
    if (result.code !== 0) throw new Error(`build exited ${result.code}:\n${result.output}`);
    built.add(dir);
  }
  return dir;
}

export interface VisitRow {
  page: string;
  on: VisitBytes | null;
  off: VisitBytes | null;
  addedJs: number | null;
  addedTotal: number | null;
  addedPrefetched: number | null;
}

export interface FirstVisits {
  rows: VisitRow[];
  budget: {
    /** The most JavaScript (gzip bytes) the features may add to a first visit of each page. */
    bytes: number;
    pages: string[];
    /** What they add to each budgeted page. */
    addedJs: Record<string, number | null>;
    within: boolean;
  };
}

export async function firstVisits(): Promise<FirstVisits> {
  const dirs = { on: await essayBuild('on'), off: await essayBuild('off') };
  const visit = (mode: 'on' | 'off', page: string): Promise<VisitBytes | null> => {
    const file = page === '/' ? 'index.html' : `${page.slice(1)}.html`;
    return fs.existsSync(path.join(dirs[mode], file))
      ? visitOnce(dirs[mode], page)
      : Promise.resolve(null);
  };
  const rows: VisitRow[] = [];
  for (const page of ['/', '/google', '/bibliography']) {
    const on = await visit('on', page);
    const off = await visit('off', page);
    rows.push({
      page,
      on,
      off,
      addedJs: on && off ? on.js - off.js : null,
      addedTotal: on && off ? on.html + on.js + on.css - (off.html + off.js + off.css) : null,
      addedPrefetched: on && off ? on.prefetched - off.prefetched : null,
    });
    console.log(`  ${page}: on ${JSON.stringify(on)}, off ${JSON.stringify(off)}`);
  }
  const addedJs = Object.fromEntries(
    BUDGETED_PAGES.map((page) => [page, rows.find((r) => r.page === page)?.addedJs ?? null]),
  );
  return {
    rows,
    budget: {
      bytes: JS_BUDGET_BYTES,
      pages: [...BUDGETED_PAGES],
      addedJs,
      within: Object.values(addedJs).every((added) => added !== null && added <= JS_BUDGET_BYTES),
    },
  };
}
