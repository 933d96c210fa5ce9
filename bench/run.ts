/**
 * `npm run bench`: the issue's targets (#20), measured side by side on this machine.
 *
 *   1. stage: the citation stage on a synthetic site (100 pages × 40 citations, 500 entries
 *      with colliding author-years; then 2× and 4×): ours in one thread and in worker threads,
 *      rehype-citation and pandoc per page (citationStage.ts);
 *   2. build: the essay and the 100-page site built cold and warm (one page changed), features
 *      on and off, the citation stage read from the plugin's trace (builds.ts);
 *   3. visit: the gzip bytes of a first visit, on and off, against the byte budget (firstVisit.ts);
 *   4. lighthouse: reported, not targeted (lighthouse.ts);
 *   5. library: 10,000 entries none of which is cited: build, `cite check`, peak memory
 *      (library.ts);
 *   6. start: `npm start`, from an edit (text, locator, `.bib`) to the browser showing it
 *      (start.ts).
 *
 * Run by hand, never in CI. Options: --parts 1,2,3,4,5,6 (or their names)   --scales 1,2,4
 * --repeats 3 (runs of each tool in part 1)   --threads 2 (worker threads in part 1)
 * --build-repeats 2 (rounds of builds in parts 2 and 5)   --sites essay,synthetic (parts 2, 6)
 * --edit-rounds 5 (part 6)   --lighthouse-runs 5.   --parts none prints the last run's table again.
 * A run of some parts keeps the others' last figures. Writes bench/out/results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { siteBuilds } from './builds';
import { citationStage } from './citationStage';
import { count, measured, option, OUT, type Measured } from './common';
import { firstVisits } from './firstVisit';
import { lighthouseRuns } from './lighthouse';
import { wholeLibrary } from './library';
import { SITES, type BenchSite } from './sites';
import { editLatency } from './start';
import { details, provenance, targets, targetTable, type Results } from './targets';

const RESULTS = path.join(OUT, 'results.json');

const PARTS = ['stage', 'build', 'visit', 'lighthouse', 'library', 'start'] as const;
type Part = (typeof PARTS)[number];

/** The parts asked for; `--parts none` measures nothing and prints the last figures' table. */
function selectedParts(): Set<Part> {
  const asked = option('parts', PARTS.join(','));
  if (asked.join() === 'none') return new Set();
  return new Set(
    asked.map((name) => {
      const part = /^\d+$/.test(name) ? PARTS[Number(name) - 1] : PARTS.find((p) => p === name);
      if (!part)
        throw new Error(`--parts: no part "${name}"; the parts are 1–6 or ${PARTS.join(', ')}`);
      return part;
    }),
  );
}

function selectedSites(): (keyof typeof SITES)[] {
  return option('sites', 'essay,synthetic').map((name) => {
    if (!(name in SITES))
      throw new Error(`--sites: no site "${name}"; the sites are essay, synthetic`);
    return name as keyof typeof SITES;
  });
}

/** The figures of an earlier run, those of parts in the shape this bench writes. */
function earlierResults(): Results {
  if (!fs.existsSync(RESULTS)) return {};
  const earlier = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  const keys: (keyof Results)[] = [
    'citationStage',
    'builds',
    'firstVisit',
    'lighthouse',
    'library',
    'start',
  ];
  return Object.fromEntries(
    keys
      .filter(
        (k) => typeof earlier[k] === 'object' && earlier[k] !== null && 'measured' in earlier[k],
      )
      .map((k) => [k, earlier[k]]),
  ) as Results;
}

/**
 * Runs a site's measurement on a fresh copy of each selected site, removed afterwards; the
 * figures of the sites not selected stay as an earlier run left them.
 */
async function onEachSite<T extends { site: string; measured?: Measured }>(
  earlier: readonly T[] | undefined,
  measure: (site: BenchSite) => Promise<T>,
): Promise<T[]> {
  const all = [...(earlier ?? [])];
  for (const name of selectedSites()) {
    const site = SITES[name]();
    try {
      const figures = { ...(await measure(site)), measured: measured() };
      all.splice(0, all.length, ...all.filter((f) => f.site !== figures.site), figures);
    } finally {
      site.remove();
    }
  }
  return all;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const parts = selectedParts();
  const results = earlierResults();
  const buildRepeats = count('build-repeats', 2);
  if (parts.has('stage')) {
    const threads = count('threads', os.availableParallelism());
    console.log(`1. citation stage (worker threads: ${threads})`);
    const rows = citationStage(option('scales', '1,2,4').map(Number), count('repeats', 3), threads);
    results.citationStage = { measured: measured(), rows };
  }
  if (parts.has('build')) {
    console.log('2. builds, cold and warm, features on and off');
    const sites = await onEachSite(results.builds?.sites, (site) => siteBuilds(site, buildRepeats));
    results.builds = { measured: measured(), sites };
  }
  if (parts.has('visit')) {
    console.log('3. a first visit');
    const visits = await firstVisits();
    results.firstVisit = { measured: measured(), ...visits };
  }
  if (parts.has('lighthouse')) {
    console.log('4. Lighthouse');
    const rows = await lighthouseRuns(count('lighthouse-runs', 5));
    results.lighthouse = { measured: measured(), rows };
  }
  if (parts.has('library')) {
    console.log('5. a whole library');
    const library = await wholeLibrary(buildRepeats);
    results.library = { measured: measured(), ...library };
  }
  if (parts.has('start')) {
    console.log('6. npm start: from an edit to the browser');
    const sites = await onEachSite(results.start?.sites, (site) =>
      editLatency(site, count('edit-rounds', 5)),
    );
    results.start = { measured: measured(), sites };
  }
  const table = targets(results);
  fs.writeFileSync(RESULTS, `${JSON.stringify({ ...results, targets: table }, null, 2)}\n`);
  console.log(
    `\n${details(results)}\n\n${targetTable(table)}\n\nMeasured: ${provenance(results)}.`,
  );
  console.log('Written: bench/out/results.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
