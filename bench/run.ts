/**
 * `npm run bench`: how fast the citation pipeline is and what the site costs a reader.
 *
 *   1. the citation stage on a synthetic site (100 pages × 40 citations, 500 entries with
 *      colliding author-years; then 2× and 4×), beside pandoc --citeproc (one run per page, as
 *      Quarto does) and rehype-citation, in the same run, each tool in a fresh process (ours and
 *      rehype-citation three times each, interleaved, the best run kept);
 *   2. the production build with the citation features on and off;
 *   3. the gzip bytes of a first visit to /, /google and /bibliography, on and off;
 *   4. Lighthouse (mobile) on / and /google, on and off, the median of five runs;
 *   5. a whole library (`--parts library`): 10,000 generated entries beside the essay's, of
 *      which the site cites none: `cite check` and the build against the same site without
 *      them, with peak memory.
 *
 * Run by hand, never in CI. Timings are reported, not asserted; the byte budgets are asserted by
 * tests/browser/page-weight.test.ts. Options: --parts 1,2,3,4,5 (5 is also "library")   --scales 1,2,4
 * --build-repeats 2 (builds of each site in part 5)
 * --repeats 3 (runs of each tool in part 1, interleaved; the best is kept)   --lighthouse-runs 5
 * Writes bench/out/results.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { loadStyle } from 'docusaurus-plugin-citations/engine';

import { bigLibrary } from '../tests/support/bigLibrary';
import { runBuild } from '../tests/support/build';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';
import { firstVisit, serveCompressed, type VisitBytes } from '../tests/support/pageWeight';
import { copySite } from '../tests/support/tempsite';
import type { SyntheticSite as Synthetic } from './stage';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const CHROME = CHROMIUM_PATH;
const CHROME_ARGS = CHROMIUM_ARGS;

function option(name: string, fallback: string): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return (i === -1 ? fallback : (process.argv[i + 1] ?? fallback)).split(',');
}

// A run of some parts keeps the other parts' last results.
const RESULTS = path.join(OUT, 'results.json');
const results: Record<string, unknown> = {
  ...(fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as object) : {}),
  date: new Date().toISOString(),
  node: process.version,
};

// ---------------------------------------------------------------------------------------------
// 1. The citation stage at scale

/** A small deterministic PRNG (mulberry32), so that every run works on the same site. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'digital divide search engine firewall platform payment market censorship privacy data law court order app network policy trade security'.split(
    ' ',
  );

function generate(scale: number): Synthetic {
  const rnd = random(42 + scale);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const dir = path.join(OUT, `site-${scale}x`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'pages'), { recursive: true });
  // 25 × scale authors over 10 years for 500 × scale entries: two works per author-year on
  // average, so disambiguation (2018a, 2018b) is needed throughout.
  const entries = 500 * scale;
  const keys: string[] = [];
  const bib: string[] = [];
  for (let i = 0; i < entries; i += 1) {
    const author = `Author${String(Math.floor(rnd() * 25 * scale)).padStart(3, '0')}`;
    const year = 2010 + Math.floor(rnd() * 10);
    const key = `${author.toLowerCase()}${year}-${i}`;
    keys.push(key);
    const title = Array.from({ length: 6 }, () => pick(WORDS)).join(' ');
    bib.push(
      `@article{${key},\n  author = {${author}, Jo and Second, Sam},\n  title = {${title[0]!.toUpperCase()}${title.slice(1)}},\n  journaltitle = {Journal of ${pick(WORDS)}},\n  volume = {${1 + Math.floor(rnd() * 30)}},\n  pages = {${10 + i}--${20 + i}},\n  date = {${year}},\n}\n`,
    );
  }
  const bibPath = path.join(dir, 'refs.bib');
  fs.writeFileSync(bibPath, bib.join('\n'));
  const pages: string[] = [];
  for (let p = 0; p < 100 * scale; p += 1) {
    const paragraphs: string[] = [`# Page ${p + 1}\n`];
    for (let c = 0; c < 40; c += 1) {
      const k = () => pick(keys);
      const forms = [
        () => `[@${k()}]`,
        () => `[@${k()}; @${k()}]`,
        () => `[@${k()}, p. ${1 + Math.floor(rnd() * 200)}]`,
        () => `[see @${k()}, ch. ${1 + Math.floor(rnd() * 9)}]`,
        () => `@${k()} wrote`,
      ];
      const words = Array.from({ length: 12 }, () => pick(WORDS)).join(' ');
      paragraphs.push(`The ${words} ${pick(forms)()}.\n`);
    }
    const file = path.join(dir, 'pages', `page-${String(p + 1).padStart(4, '0')}.md`);
    fs.writeFileSync(file, paragraphs.join('\n'));
    pages.push(file);
  }
  return { dir, bib: bibPath, pages };
}

/** One tool's time on one site, in a fresh process (see bench/stage.ts). */
function timeInProcess(tool: 'ours' | 'rehype-citation', site: Synthetic): number {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/stage.ts'), tool, site.dir],
    { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) throw new Error(`${tool} failed on ${site.dir}:\n${run.stderr}`);
  return (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number }).ms;
}

function pandocAvailable(): boolean {
  return spawnSync('pandoc', ['--version']).status === 0;
}

/** pandoc once per page; on big sites every `sample`-th page, extrapolated. */
function pandoc(site: Synthetic, cslPath: string, sample: number): number {
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

async function part1(scales: number[], repeats: number): Promise<void> {
  const cslPath = path.join(OUT, 'apa.csl');
  fs.writeFileSync(cslPath, loadStyle('apa', 'en-US', ROOT).xml);
  const havePandoc = pandocAvailable();
  const rows: Record<string, unknown>[] = [];
  for (const scale of scales) {
    const site = generate(scale);
    // Interleaved, and the best run of each kept: this host's noise only ever adds time.
    const runs: Record<'ours' | 'rehype-citation', number[]> = { ours: [], 'rehype-citation': [] };
    for (let i = 0; i < repeats; i += 1) {
      for (const tool of ['ours', 'rehype-citation'] as const) {
        runs[tool].push(timeInProcess(tool, site));
      }
    }
    const ourMs = Math.min(...runs.ours);
    const rehypeMs = Math.min(...runs['rehype-citation']);
    const sample = scale === 1 ? 1 : 2 * scale;
    const pandocMs = havePandoc ? pandoc(site, cslPath, sample) : undefined;
    rows.push({
      scale,
      pages: site.pages.length,
      entries: 500 * scale,
      citations: site.pages.length * 40,
      oursMs: Math.round(ourMs),
      rehypeCitationMs: Math.round(rehypeMs),
      runs: repeats,
      oursRunsMs: runs.ours.map(Math.round),
      rehypeCitationRunsMs: runs['rehype-citation'].map(Math.round),
      pandocMs: pandocMs === undefined ? null : Math.round(pandocMs),
      pandocSampledPages: pandocMs === undefined ? null : Math.ceil(site.pages.length / sample),
      vsPandoc: pandocMs === undefined ? null : +(pandocMs / ourMs).toFixed(1),
      vsRehypeCitation: +(rehypeMs / ourMs).toFixed(1),
    });
    console.log(
      `  ${scale}×: ours ${Math.round(ourMs)} ms, rehype-citation ${Math.round(rehypeMs)} ms, pandoc ${pandocMs ? Math.round(pandocMs) : '—'} ms`,
    );
  }
  const base = rows[0]!.oursMs as number;
  for (const row of rows) row.growth = +((row.oursMs as number) / base).toFixed(2);
  results.citationStage = rows;
}

// ---------------------------------------------------------------------------------------------
// 2. Build overhead, 3. page weight, 4. Lighthouse

/** Builds made in this run: parts 3 and 4 measure the current code, never an older build. */
const built = new Set<string>();

async function build(outDir: string, features: boolean): Promise<number> {
  const start = performance.now();
  const result = await runBuild(outDir, ROOT, { DIGITAL_DIVIDE_FEATURES: features ? 'on' : 'off' });
  if (result.code !== 0) throw new Error(`build exited ${result.code}:\n${result.output}`);
  built.add(outDir);
  return performance.now() - start;
}

async function builtNow(mode: 'on' | 'off'): Promise<string> {
  const dir = path.join(OUT, `build-${mode}`);
  if (!built.has(dir)) await build(dir, mode === 'on');
  return dir;
}

async function part2(): Promise<void> {
  const times: Record<string, number[]> = { on: [], off: [] };
  // Alternate, twice each, and keep the best: the machine's noise hits both the same way.
  for (let i = 0; i < 2; i += 1) {
    for (const mode of ['off', 'on'] as const) {
      times[mode]!.push(await build(path.join(OUT, `build-${mode}`), mode === 'on'));
    }
  }
  const on = Math.min(...times.on!);
  const off = Math.min(...times.off!);
  results.buildOverhead = {
    onMs: Math.round(on),
    offMs: Math.round(off),
    overheadPercent: +(((on - off) / off) * 100).toFixed(1),
  };
  console.log(`  build: on ${Math.round(on)} ms, off ${Math.round(off)} ms`);
}

async function part3(): Promise<void> {
  await builtNow('on');
  await builtNow('off');
  const rows: Record<string, unknown>[] = [];
  const visit = (mode: string, pagePath: string): Promise<VisitBytes | null> => {
    const dir = path.join(OUT, `build-${mode}`);
    const file = pagePath === '/' ? 'index.html' : `${pagePath.slice(1)}.html`;
    return fs.existsSync(path.join(dir, file)) ? firstVisit(dir, pagePath) : Promise.resolve(null);
  };
  for (const pagePath of ['/', '/google', '/bibliography']) {
    const on = await visit('on', pagePath);
    const off = await visit('off', pagePath);
    rows.push({
      page: pagePath,
      on,
      off,
      addedJs: on && off ? on.js - off.js : null,
      addedTotal: on && off ? on.html + on.js + on.css - (off.html + off.js + off.css) : null,
      addedPrefetched: on && off ? on.prefetched - off.prefetched : null,
    });
    console.log(`  ${pagePath}: on ${JSON.stringify(on)}, off ${JSON.stringify(off)}`);
  }
  results.pageWeight = rows;
}

/** One Lighthouse run's figures. */
interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcpMs: number;
  tbtMs: number;
  /** Lighthouse's measure of the host's speed: its CPU throttling assumes about 1000–2000. */
  benchmarkIndex: number;
  failingAudits: string[];
}

/**
 * Lighthouse (mobile preset) on / and /google, with the features on and off, `runs` times each,
 * interleaved. Its score moves a lot from run to run on a shared 2-core host (total blocking time
 * is measured, then multiplied by the 4× CPU throttling), so each row is the run with the median
 * Performance score, with the range beside it, as Lighthouse's own advice on variability says.
 */
async function part4(): Promise<void> {
  const runs = Number(option('lighthouse-runs', '5')[0]);
  const { default: lighthouse } = (await import('lighthouse')) as unknown as {
    default: (url: string, flags: Record<string, unknown>) => Promise<{ lhr: LighthouseResult }>;
  };
  const { launch } = (await import('chrome-launcher')) as unknown as {
    launch: (o: Record<string, unknown>) => Promise<{ port: number; kill: () => Promise<void> }>;
  };
  const once = async (url: string): Promise<LighthouseRun> => {
    const chrome = await launch({ chromePath: CHROME, chromeFlags: CHROME_ARGS });
    try {
      const { lhr } = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
      });
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      return {
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
        tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
        benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
        failingAudits: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id),
      };
    } finally {
      await chrome.kill();
    }
  };
  const servers = {
    on: await serveCompressed(await builtNow('on')),
    off: await serveCompressed(await builtNow('off')),
  };
  const measured = ['/', '/google'].flatMap((page) =>
    (['on', 'off'] as const).map((mode) => ({ page, mode, runs: [] as LighthouseRun[] })),
  );
  try {
    for (let i = 0; i < runs; i += 1) {
      for (const row of measured) {
        const run = await once(servers[row.mode].url + row.page);
        row.runs.push(run);
        console.log(`  lighthouse ${row.page} ${row.mode} #${i + 1}: ${JSON.stringify(run)}`);
      }
    }
  } finally {
    await servers.on.close();
    await servers.off.close();
  }
  results.lighthouse = measured.map(({ page, mode, runs: all }) => {
    const sorted = [...all].sort((a, b) => a.performance - b.performance);
    return {
      page,
      mode,
      runs: all.length,
      ...sorted[Math.floor(sorted.length / 2)]!,
      performanceRange: [sorted[0]!.performance, sorted.at(-1)!.performance],
    };
  });
}

interface LighthouseResult {
  environment: { benchmarkIndex: number };
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<
    string,
    { id: string; score: number | null; scoreDisplayMode: string; numericValue?: number }
  >;
}

// ---------------------------------------------------------------------------------------------
// 5. A whole library

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

interface LibraryResults {
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

/**
 * A researcher's whole library: 10,000 generated entries (tests/support/bigLibrary.ts) added to
 * a copy of the site, which cites none of them. `cite check` on it (best of three, fresh
 * processes), and the build of that copy against the same copy without the library (twice
 * each by default, `--build-repeats`, alternating, best kept), each with its peak memory, what the build says about the
 * entries it leaves out, and the size of /bibliography.
 */
async function part5(buildRepeats: number): Promise<void> {
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
          ['--require', PEAK, path.join(ROOT, 'bin/cite.cjs'), 'check'],
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
        const { result, peakMb } = await withPeak(async (env) => {
          const start = performance.now();
          const run = await runBuild(outDir, site.dir, {
            ...env,
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(ROOT, 'tests/support/offline.cjs')} --require ${PEAK}`,
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
    const figures: LibraryResults = {
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
    results.library = figures;
  } finally {
    withLibrary.remove();
    citedOnly.remove();
  }
}

function table(): string {
  const lines: string[] = [];
  const stage = results.citationStage as Record<string, unknown>[] | undefined;
  if (stage) {
    lines.push(
      '| scale | pages | entries | ours, best run (ms) | rehype-citation, best run (ms) | pandoc per page (ms) | × vs pandoc | × vs rehype-citation | growth |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of stage) {
      const sampled =
        r.pandocSampledPages !== r.pages && r.pandocSampledPages
          ? ` (${r.pandocSampledPages} pages sampled)`
          : '';
      lines.push(
        `| ${r.scale}× | ${r.pages} | ${r.entries} | ${r.oursMs} | ${r.rehypeCitationMs} | ${r.pandocMs ?? 'not installed'}${sampled} | ${r.vsPandoc ?? '—'} | ${r.vsRehypeCitation} | ${r.growth} |`,
      );
    }
    lines.push('');
  }
  const b = results.buildOverhead as Record<string, number> | undefined;
  if (b)
    lines.push(`Build: citations on ${b.onMs} ms, off ${b.offMs} ms: +${b.overheadPercent} %`, '');
  const w = results.pageWeight as Record<string, unknown>[] | undefined;
  if (w) {
    lines.push(
      '| page | HTML gz (on/off) | JS gz (on/off) | CSS gz (on/off) | JS added | search index on first visit | prefetched for next pages (on/off) |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of w) {
      const on = r.on as Record<string, number> | null;
      const off = r.off as Record<string, number> | null;
      const pair = (k: string) => `${on?.[k] ?? '—'} / ${off?.[k] ?? '—'}`;
      lines.push(
        `| ${r.page} | ${pair('html')} | ${pair('js')} | ${pair('css')} | ${r.addedJs ?? '—'} | ${on?.searchIndex ? 'yes' : 'no'} | ${pair('prefetched')} |`,
      );
    }
    lines.push('');
  }
  const lib = results.library as LibraryResults | undefined;
  if (lib) {
    const state = (met: boolean) => (met ? 'met' : 'not met');
    lines.push(
      `| a whole library (${lib.entries} entries, none cited) | now | target |`,
      '| --- | --- | --- |',
      `| cite check (best of 3) | ${lib.citeCheckMs} ms, ${lib.citeCheckLines} line(s) of output, peak ${lib.citeCheckPeakMb} MB | ≤ 2 s: ${state(lib.citeCheckMs <= 2000)} |`,
      `| build, against the site without the library (best of 2) | ${lib.buildLibraryMs} ms against ${lib.buildCitedOnlyMs} ms: ${lib.buildRatio}× | ≤ 1.1×: ${state(lib.buildRatio <= 1.1)} |`,
      `| build's peak memory | ${lib.buildLibraryPeakMb} MB against ${lib.buildCitedOnlyPeakMb} MB | reported |`,
      `| what the build says of the entries it leaves out | ${lib.buildUncitedWarnings} line(s) | once |`,
      `| /bibliography.html | ${lib.bibliographyHtmlBytes.library} bytes against ${lib.bibliographyHtmlBytes.citedOnly} | reported |`,
      '',
    );
  }
  const l = results.lighthouse as Record<string, unknown>[] | undefined;
  if (l) {
    lines.push(
      '| page | features | Performance (median, range) | Accessibility | Best Practices | SEO | LCP (ms) | TBT (ms) | host benchmarkIndex |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of l) {
      const [low, high] = (r.performanceRange as number[] | undefined) ?? [];
      lines.push(
        `| ${r.page} | ${r.mode ?? 'on'} | ${r.performance} (${low ?? '?'}–${high ?? '?'}) | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.lcpMs} | ${r.tbtMs} | ${r.benchmarkIndex ?? '?'} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const parts = option('parts', '1,2,3,4,5');
  const scales = option('scales', '1,2,4').map(Number);
  if (parts.includes('1')) {
    console.log('1. citation stage');
    await part1(scales, Number(option('repeats', '3')[0]));
  }
  if (parts.includes('2')) {
    console.log('2. build overhead');
    await part2();
  }
  if (parts.includes('3')) {
    console.log('3. page weight');
    await part3();
  }
  if (parts.includes('4')) {
    console.log('4. lighthouse');
    await part4();
  }
  if (parts.includes('5') || parts.includes('library')) {
    console.log('5. a whole library');
    await part5(Number(option('build-repeats', '2')[0]));
  }
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table()}\n\nWritten: bench/out/results.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
