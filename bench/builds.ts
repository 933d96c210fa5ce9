/**
 * Part 2, builds: the essay and the 100-page site, each built with the citation features on and
 * off (DIGITAL_DIVIDE_FEATURES=off: the same site without the citations plugin and its remark
 * plugin, citations left as text), cold and warm. Cold: the citations plugin's cache removed.
 * Warm: right after, one page changed (its text and a citation's locator). The citation stage of
 * each build with the features on is read from the plugin's trace (CITATIONS_TRACE): the site
 * plugin's work plus every document's. `repeats` rounds, on and off alternating, best kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { runBuild } from '../tests/support/build';
import { best, OUT, round, type Measured } from './common';
import { FIRST_REVISION, shown, type Revision } from './edits';
import type { BenchSite } from './sites';
import { readTrace, stageOf, type StageFromTrace } from './trace';

type Mode = 'on' | 'off';
type Kind = 'cold' | 'warm';

export interface SiteBuilds {
  site: string;
  /** When this site's figures were taken (they may be older than the part's). */
  measured?: Measured;
  repeats: number;
  /** Wall time of `docusaurus build`, best of the rounds. */
  wallMs: Record<Mode, Record<Kind, number>>;
  runsMs: Record<Mode, Record<Kind, number[]>>;
  /** What the features add to the build, in % of the build without them. */
  overheadPercent: Record<Kind, number>;
  /** The citation stage from the trace (the round with the least stage time); null: no trace. */
  stage: Record<Kind, StageFromTrace | null>;
  /** Cold stage ÷ warm stage. */
  stageRatio: number | null;
}

async function timedBuild(
  site: BenchSite,
  mode: Mode,
  trace: string,
  revision: Revision,
): Promise<{ ms: number; stage: StageFromTrace | null }> {
  const outDir = path.join(site.dir, 'build');
  if (mode === 'on') fs.rmSync(trace, { force: true });
  const start = performance.now();
  const result = await runBuild(outDir, site.dir, {
    DIGITAL_DIVIDE_FEATURES: mode,
    ...(mode === 'on' ? { CITATIONS_TRACE: trace } : {}),
  });
  const ms = performance.now() - start;
  if (result.code !== 0) {
    throw new Error(
      `The ${mode} build of the ${site.name} exited ${result.code}:\n${result.output}`,
    );
  }
  // The build shows the page as it is now, not as an earlier build left it.
  const html = fs.readFileSync(path.join(outDir, `${site.editPath.slice(1)}.html`), 'utf8');
  if (!html.includes(shown(revision).text)) {
    throw new Error(`The ${mode} build of the ${site.name} does not show ${shown(revision).text}`);
  }
  return { ms, stage: mode === 'on' ? stageOf(readTrace(trace)) : null };
}

export async function siteBuilds(site: BenchSite, repeats: number): Promise<SiteBuilds> {
  const runs: Record<Mode, Record<Kind, number[]>> = {
    on: { cold: [], warm: [] },
    off: { cold: [], warm: [] },
  };
  const stages: Record<Kind, StageFromTrace[]> = { cold: [], warm: [] };
  // The last round's traces stay in bench/out, one per build with the features on.
  const traceFile = (kind: Kind) =>
    path.join(OUT, `trace-build-${site.name.replace(/\W+/g, '-')}-${kind}.jsonl`);
  for (let i = 0; i < repeats; i += 1) {
    // The order alternates from one round to the next: a host that warms up (or gets busier)
    // during a round favours neither.
    for (const mode of i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      site.revisePage(FIRST_REVISION);
      fs.rmSync(site.cacheDir, { recursive: true, force: true });
      const cold = await timedBuild(site, mode, traceFile('cold'), FIRST_REVISION);
      const edited = { text: i + 1, locator: i + 1 };
      site.revisePage(edited);
      const warm = await timedBuild(site, mode, traceFile('warm'), edited);
      runs[mode].cold.push(cold.ms);
      runs[mode].warm.push(warm.ms);
      if (cold.stage) stages.cold.push(cold.stage);
      if (warm.stage) stages.warm.push(warm.stage);
      const stageText = (s: StageFromTrace | null) =>
        s
          ? `, stage ${s.stageMs} ms ${JSON.stringify(s.documents)}`
          : mode === 'on'
            ? ', no trace'
            : '';
      console.log(
        `  ${site.name}, features ${mode}: cold ${Math.round(cold.ms)} ms${stageText(cold.stage)}; warm ${Math.round(warm.ms)} ms${stageText(warm.stage)}`,
      );
    }
  }
  site.revisePage(FIRST_REVISION);
  const wall = (mode: Mode) => ({ cold: best(runs[mode].cold), warm: best(runs[mode].warm) });
  const wallMs = { on: wall('on'), off: wall('off') };
  const least = (xs: StageFromTrace[]) =>
    xs.length === 0 ? null : xs.reduce((a, b) => (b.stageMs < a.stageMs ? b : a));
  const stage = { cold: least(stages.cold), warm: least(stages.warm) };
  const overhead = (kind: Kind) =>
    round(((wallMs.on[kind] - wallMs.off[kind]) / wallMs.off[kind]) * 100, 1);
  return {
    site: site.name,
    repeats,
    wallMs: {
      on: { cold: Math.round(wallMs.on.cold), warm: Math.round(wallMs.on.warm) },
      off: { cold: Math.round(wallMs.off.cold), warm: Math.round(wallMs.off.warm) },
    },
    runsMs: {
      on: { cold: runs.on.cold.map(Math.round), warm: runs.on.warm.map(Math.round) },
      off: { cold: runs.off.cold.map(Math.round), warm: runs.off.warm.map(Math.round) },
    },
    overheadPercent: { cold: overhead('cold'), warm: overhead('warm') },
    stage,
    stageRatio:
      stage.cold && stage.warm
        ? round(stage.cold.stageMs / Math.max(1, stage.warm.stageMs), 1)
        : null,
  };
}
