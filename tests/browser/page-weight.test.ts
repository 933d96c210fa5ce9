// Byte budgets, which are deterministic, unlike timings: what our citation features add to the
// JavaScript of a first visit, measured in Chromium against the same site built without them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { runBuild } from '../support/build';
import { BUDGETED_PAGES, firstVisit, JS_BUDGET_BYTES } from '../support/pageWeight';

// Both builds trim the theme the same way (src/plugins/leanTheme).
const BUDGET = JS_BUDGET_BYTES;
const without = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-features-off-'));
afterAll(() => fs.rmSync(without, { recursive: true, force: true }));

beforeAll(async () => {
  const result = await runBuild(without, undefined, { DIGITAL_DIVIDE_FEATURES: 'off' });
  expect(result.code, result.output).toBe(0);
}, 240_000);

describe.each(BUDGETED_PAGES)('a first visit to %s', (page) => {
  it(`downloads at most ${BUDGET} bytes (gzip) more JavaScript than without citation features`, async () => {
    const on = await firstVisit(inject('buildDir'), page);
    const off = await firstVisit(without, page);
    // Both visits really loaded the site's scripts.
    expect(off.js).toBeGreaterThan(50_000);
    expect(on.js - off.js).toBeLessThanOrEqual(BUDGET);
    expect(on.searchIndex).toBe(0);
  });
});
