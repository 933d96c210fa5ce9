/**
 * Part 5, a whole library: 10,000 generated entries (tests/support/bigLibrary.ts) added to a
 * copy of the essay, which cites none of them. `cite check` on it (best of three, fresh
 * processes), and the build of that copy against the same copy without the library (alternating,
 * best kept), each with its peak memory (bench/peak.cjs), what the build says about the entries
 * it leaves out, and the size of /bibliography.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { cacheDirectory } from '../packages/docusaurus-plugin-citations/src/plugin/renderCache';
import { bigLibrary } from '../tests/support/bigLibrary';
import { runBuild } from '../tests/support/build';
import { PLUGIN } from '../tests/support/paths';
import { copySite } from '../tests/support/tempsite';
import { OUT, ROOT } from './common';

const LIBRARY_ENTRIES = 10_000;

const PEAK = path.join(ROOT, 'bench/peak.cjs');

/**
 * Runs `measure` with the variable that makes bench/peak.cjs write each process's peak memory;
 * returns its result and the largest peak, in MB.
 */
async function withPeak<T>(
  measure: (env: Record<string, string>) => Promise<T>,
): Promise<{ result: T; peakMb: number }> {
  const file = path.join(OUT, 'peak.txt');
  fs.rmSync(file, { force: true });
  const result = await measure({ BENCH_PEAK_FILE: file });
  const peaks = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').trim().split('\n').map(Number)
    : [];
  return { result, peakMb: Math.round(Math.max(0, ...peaks) / 1024) };
}

export interface LibraryResults {
  entries: number;
  citeCheckMs: number;
  citeCheckRunsMs: number[];
  citeCheckPeakMb: number;
  citeCheckLines: number;
  buildLibraryMs: number;
  buildCitedOnlyMs: number;
  buildRunsMs: { library: number[]; citedOnly: number[] };
  buildRatio: number;
  buildLibraryPeakMb: number;
  buildCitedOnlyPeakMb: number;
  buildUncitedWarnings: number;
  bibliographyHtmlBytes: { library: number; citedOnly: number };
}

export async function wholeLibrary(buildRepeats: number): Promise<LibraryResults> {
  const withLibrary = copySite();
  const citedOnly = copySite();
  try {
    fs.writeFileSync(
      path.join(withLibrary.dir, 'bibliography/library.bib'),
      bigLibrary(LIBRARY_ENTRIES),
    );
    const checks: { ms: number; peakMb: number; stdout: string }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { result, peakMb } = await withPeak(async (env) => {
        const start = performance.now();
        const run = spawnSync(
          process.execPath,
          ['--require', PEAK, path.join(PLUGIN, 'bin/cite.cjs'), 'check'],
          { cwd: withLibrary.dir, encoding: 'utf8', env: { ...process.env, ...env } },
        );
        const ms = performance.now() - start;
        if (run.status !== 0) throw new Error(`cite check failed:\n${run.stdout}${run.stderr}`);
        return { ms, stdout: run.stdout };
      });
      checks.push({ ...result, peakMb });
      console.log(`  cite check: ${Math.round(result.ms)} ms, peak ${peakMb} MB`);
    }
    const builds: Record<
      'library' | 'citedOnly',
      { ms: number; peakMb: number; output: string }[]
    > = { library: [], citedOnly: [] };
    for (let i = 0; i < buildRepeats; i += 1) {
      for (const [name, site] of [
        ['citedOnly', citedOnly],
        ['library', withLibrary],
      ] as const) {
        const outDir = path.join(site.dir, 'build');
        // Each build starts cold: the first build of each copy would otherwise be the only one.
        fs.rmSync(cacheDirectory(site.dir, 'default'), {
          recursive: true,
          force: true,
        });
        const { result, peakMb } = await withPeak(async (env) => {
          const start = performance.now();
          const run = await runBuild(outDir, site.dir, {
            ...env,
            NODE_OPTIONS: `--require ${PEAK}`,
          });
          if (run.code !== 0)
            throw new Error(`build of ${name} exited ${run.code}:\n${run.output}`);
          return { ms: performance.now() - start, output: run.output };
        });
        builds[name].push({ ...result, peakMb });
        console.log(`  build, ${name}: ${Math.round(result.ms)} ms, peak ${peakMb} MB`);
      }
    }
    const best = <T extends { ms: number }>(runs: T[]): T =>
      runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const bibliographyBytes = (dir: string) =>
      fs.statSync(path.join(dir, 'build/bibliography.html')).size;
    const check = best(checks);
    const library = best(builds.library);
    const cited = best(builds.citedOnly);
    return {
      entries: LIBRARY_ENTRIES,
      citeCheckMs: Math.round(check.ms),
      citeCheckRunsMs: checks.map((c) => Math.round(c.ms)),
      citeCheckPeakMb: Math.max(...checks.map((c) => c.peakMb)),
      citeCheckLines: check.stdout.trimEnd().split('\n').length,
      buildLibraryMs: Math.round(library.ms),
      buildCitedOnlyMs: Math.round(cited.ms),
      buildRunsMs: {
        library: builds.library.map((b) => Math.round(b.ms)),
        citedOnly: builds.citedOnly.map((b) => Math.round(b.ms)),
      },
      buildRatio: +(library.ms / cited.ms).toFixed(2),
      buildLibraryPeakMb: Math.max(...builds.library.map((b) => b.peakMb)),
      buildCitedOnlyPeakMb: Math.max(...builds.citedOnly.map((b) => b.peakMb)),
      // How often the build's log speaks of entries it leaves out: once is the point.
      buildUncitedWarnings: library.output.split('\n').filter((line) => /not cited/.test(line))
        .length,
      bibliographyHtmlBytes: {
        library: bibliographyBytes(withLibrary.dir),
        citedOnly: bibliographyBytes(citedOnly.dir),
      },
    };
  } finally {
    withLibrary.remove();
    citedOnly.remove();
  }
}
