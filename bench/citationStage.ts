/**
 * Part 1, the citation stage at scale: the synthetic site (100 pages × 40 citations, 500 entries
 * with colliding author-years; then 2× and 4×), rendered by ours in one thread and in worker
 * threads, by rehype-citation and by pandoc --citeproc (one run per page, as Quarto does), in
 * the same run. Ours and rehype-citation run in a fresh process each time (bench/stage.ts),
 * interleaved, `repeats` times each, the best run kept: this host's noise only ever adds time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { loadStyle } from 'docusaurus-plugin-citations/engine';

import { DEFAULT_OPTIONS } from '../packages/docusaurus-plugin-citations/src/plugin/options';

import { best, OUT, ROOT, round } from './common';
import { generate, type SyntheticSite } from './synthetic';

export interface StageRow {
  scale: number;
  pages: number;
  entries: number;
  citations: number;
  /** Ours in the process's own thread. */
  singleMs: number;
  /** Ours with `threads` worker threads; null when the package has no render pool. */
  workersMs: number | null;
  threads: number;
  /** The plugin's default `renderThreads`: how a site renders unless it asks otherwise. */
  siteThreads: number;
  rehypeCitationMs: number;
  pandocMs: number | null;
  pandocSampledPages: number | null;
  runs: { single: number[]; workers: number[]; rehypeCitation: number[] };
  /** How many times faster ours is than each, in one thread and with the worker threads. */
  vsRehypeCitation: { single: number; workers: number | null };
  vsPandoc: { single: number; workers: number | null } | null;
}

type Tool = 'single' | 'workers' | 'rehypeCitation';

/** One tool's time on one site, in a fresh process; null when it cannot run (no pool yet). */
function timeInProcess(tool: Tool, site: SyntheticSite, threads: number): number | null {
  const args =
    tool === 'rehypeCitation'
      ? ['rehype-citation', site.dir]
      : ['ours', site.dir, String(tool === 'workers' ? threads : 0)];
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/stage.ts'), ...args],
    { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) {
    if (tool === 'workers' && /renderPool/.test(run.stderr)) return null;
    throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
  }
  return (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number }).ms;
}

function pandocAvailable(): boolean {
  return spawnSync('pandoc', ['--version']).status === 0;
}

/** pandoc once per page, one page after the other; on big sites every `sample`-th page, scaled up. */
function pandoc(site: SyntheticSite, cslPath: string, sample: number): number {
  const pages = site.pages.filter((_, i) => i % sample === 0);
  const start = performance.now();
  for (const page of pages) {
    const run = spawnSync(
      'pandoc',
      [
        page,
        '--citeproc',
        '--bibliography',
        site.bib,
        '--csl',
        cslPath,
        '-t',
        'html',
        '-o',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`pandoc failed on ${page}: ${run.stderr}`);
  }
  return ((performance.now() - start) * site.pages.length) / pages.length;
}

export function citationStage(scales: number[], repeats: number, threads: number): StageRow[] {
  const cslPath = path.join(OUT, 'apa.csl');
  fs.writeFileSync(cslPath, loadStyle('apa', 'en-US', ROOT).xml);
  const havePandoc = pandocAvailable();
  const rows: StageRow[] = [];
  for (const scale of scales) {
    const site = generate(scale);
    const runs: Record<Tool, number[]> = { single: [], workers: [], rehypeCitation: [] };
    let pool = true;
    for (let i = 0; i < repeats; i += 1) {
      for (const tool of ['single', 'workers', 'rehypeCitation'] as const) {
        if (tool === 'workers' && !pool) continue;
        const ms = timeInProcess(tool, site, threads);
        if (ms === null) pool = false;
        else runs[tool].push(ms);
      }
    }
    const single = best(runs.single);
    const workers = pool ? best(runs.workers) : null;
    const rehype = best(runs.rehypeCitation);
    const sample = scale === 1 ? 1 : 2 * scale;
    const pandocMs = havePandoc ? pandoc(site, cslPath, sample) : null;
    const versus = (theirs: number) => ({
      single: round(theirs / single, 2),
      workers: workers === null ? null : round(theirs / workers, 2),
    });
    rows.push({
      scale,
      pages: site.pages.length,
      entries: 500 * scale,
      citations: site.pages.length * 40,
      singleMs: Math.round(single),
      workersMs: workers === null ? null : Math.round(workers),
      threads,
      siteThreads: DEFAULT_OPTIONS.renderThreads,
      rehypeCitationMs: Math.round(rehype),
      pandocMs: pandocMs === null ? null : Math.round(pandocMs),
      pandocSampledPages: pandocMs === null ? null : Math.ceil(site.pages.length / sample),
      runs: {
        single: runs.single.map(Math.round),
        workers: runs.workers.map(Math.round),
        rehypeCitation: runs.rehypeCitation.map(Math.round),
      },
      vsRehypeCitation: versus(rehype),
      vsPandoc: pandocMs === null ? null : versus(pandocMs),
    });
    console.log(
      `  ${scale}×: ours ${Math.round(single)} ms in one thread, ${workers === null ? 'no render pool' : `${Math.round(workers)} ms with ${threads} worker threads`}; rehype-citation ${Math.round(rehype)} ms; pandoc ${pandocMs === null ? 'not installed' : `${Math.round(pandocMs)} ms`}`,
    );
  }
  return rows;
}
