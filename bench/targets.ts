/**
 * The issue's targets (#20), each with the figure the bench measured and whether it is met:
 * the table `npm run bench` ends with and the README shows. A figure missing from results.json
 * (its part not run yet, pandoc not installed, no trace from the plugin) is "not measured".
 */
import type { SiteBuilds } from './builds';
import type { StageRow } from './citationStage';
import type { Measured } from './common';
import type { FirstVisits } from './firstVisit';
import type { LibraryResults } from './library';
import type { LighthouseRow } from './lighthouse';
import type { EditLatency } from './start';

export interface Results {
  citationStage?: { measured: Measured; rows: StageRow[] };
  builds?: { measured: Measured; sites: SiteBuilds[] };
  firstVisit?: FirstVisits & { measured: Measured };
  lighthouse?: { measured: Measured; rows: LighthouseRow[] };
  library?: LibraryResults & { measured: Measured };
  start?: { measured: Measured; sites: EditLatency[] };
}

export type State = 'met' | 'not met' | 'not measured';

export interface TargetRow {
  target: string;
  figure: string;
  state: State;
}

const SCALES = [1, 2, 4];
const SITES = ['essay', '100-page site'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const bytes = (n: number) => n.toLocaleString('en-US');

/** Met when every figure is known and meets its target; not met when a known one misses. */
function stateOf(checks: (boolean | null)[]): State {
  if (checks.some((c) => c === false)) return 'not met';
  return checks.length > 0 && checks.every((c) => c === true) ? 'met' : 'not measured';
}

function stageTargets(stage: Results['citationStage']): TargetRow[] {
  const rows = stage?.rows ?? [];
  const versus = (target: number, name: string, pick: (r: StageRow) => StageRow['vsPandoc']) => {
    const figures = SCALES.map((scale) => {
      const row = rows.find((r) => r.scale === scale);
      if (!row) return { text: `${scale}×: not run`, ok: null };
      const ratios = pick(row);
      if (!ratios) return { text: `${scale}×: ${name} not installed`, ok: null };
      // Judged as a site renders by default (the plugin's renderThreads), the other reported.
      const threaded = row.siteThreads > 0;
      const judged = threaded ? ratios.workers : ratios.single;
      const one = `${ratios.single}× in one thread`;
      const workers =
        ratios.workers === null
          ? 'no render pool'
          : `${ratios.workers}× with ${row.threads} worker threads`;
      return {
        text: `${scale}×: ${threaded ? `${workers} (${one})` : `${one} (${workers})`}`,
        ok: judged === null ? null : judged >= target,
      };
    });
    return {
      target: `cold citation stage ≥ ${target}× faster than ${name} at 1×, 2× and 4×`,
      figure: figures.map((f) => f.text).join('; '),
      state: stateOf(figures.map((f) => f.ok)),
    };
  };
  return [
    versus(2, 'rehype-citation', (r) => r.vsRehypeCitation),
    versus(5, 'pandoc per page', (r) => r.vsPandoc),
  ];
}

function buildTargets(builds: Results['builds']): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const name of SITES) {
    const site = builds?.sites.find((s) => s.site === name);
    const { cold, warm } = site?.stage ?? { cold: null, warm: null };
    rows.push({
      target: `warm build (one page changed), ${name}: citation stage ≥ 20× faster than cold`,
      figure: !site
        ? 'not run'
        : cold && warm && site.stageRatio !== null
          ? `${site.stageRatio}× (${cold.stageMs} ms cold, ${warm.stageMs} ms warm${cold.timed && warm.timed ? '' : '; overlapping document times added up: a plugin without `at` in its trace'})`
          : 'no trace from the plugin',
      state: stateOf([
        site?.stageRatio === undefined || site.stageRatio === null ? null : site.stageRatio >= 20,
      ]),
    });
  }
  for (const [kind, limit] of [
    ['cold', 20],
    ['warm', 5],
  ] as const) {
    for (const name of SITES) {
      const site = builds?.sites.find((s) => s.site === name);
      rows.push({
        target: `citation features add ≤ ${limit} % to a ${kind} build, ${name}`,
        figure: site
          ? `${site.overheadPercent[kind] >= 0 ? '+' : ''}${site.overheadPercent[kind]} % (${seconds(site.wallMs.on[kind])} on, ${seconds(site.wallMs.off[kind])} off)`
          : 'not run',
        state: stateOf([site ? site.overheadPercent[kind] <= limit : null]),
      });
    }
  }
  return rows;
}

function startTargets(start: Results['start']): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const [kind, what] of [
    ['locator', 'a citation locator edit'],
    ['bib', 'a `.bib` title edit'],
  ] as const) {
    for (const name of SITES) {
      const site = start?.sites.find((s) => s.site === name);
      const ratio = site?.vsText[kind] ?? null;
      rows.push({
        target: `\`npm start\`, ${name}: ${what} shows within 10 % of a plain-text edit`,
        figure: !site
          ? 'not run'
          : ratio === null
            ? `not shown every time (${JSON.stringify(site.runsMs[kind])} ms)`
            : `${ratio}× (median ${site.medianMs[kind]} ms against ${site.medianMs.text} ms; best ${site.bestMs[kind]} ms against ${site.bestMs.text} ms)`,
        state: stateOf([ratio === null ? null : ratio <= 1.1]),
      });
    }
  }
  const site = start?.sites.find((s) => s.site === '100-page site');
  const known = site?.bibRendered.filter((r): r is string[] => r !== null) ?? [];
  rows.push({
    target:
      '`npm start`, 100-page site: a `.bib` edit renders again only the pages citing the entry',
    figure: !site
      ? 'not run'
      : known.length === 0
        ? 'no trace from the plugin'
        : `${known.map((r) => r.length).join(', ')} document(s) rendered again in ${known.length} edit(s); ${site.citing.length} pages cite the entry`,
    state: stateOf(
      known.length === 0
        ? [null]
        : known.map((r) => r.every((file) => site!.citing.includes(file))),
    ),
  });
  return rows;
}

function libraryTargets(library: Results['library']): TargetRow[] {
  return [
    {
      target: `a ${bytes(library?.entries ?? 10_000)}-entry library, none cited: build ≤ 1.1× the site with only the cited entries`,
      figure: library
        ? `${library.buildRatio}× (${seconds(library.buildLibraryMs)} against ${seconds(library.buildCitedOnlyMs)})`
        : 'not run',
      state: stateOf([library ? library.buildRatio <= 1.1 : null]),
    },
    {
      target: 'the same library: `cite check` ≤ 2 s',
      figure: library
        ? `${library.citeCheckMs} ms (best of ${library.citeCheckRunsMs.length}: ${library.citeCheckRunsMs.join(', ')} ms), ${library.citeCheckLines} line(s) of output`
        : 'not run',
      state: stateOf([library ? library.citeCheckMs <= 2000 : null]),
    },
    {
      target: 'the same library: peak memory reported',
      figure: library
        ? `build ${library.buildLibraryPeakMb} MB (${library.buildCitedOnlyPeakMb} MB without the library), \`cite check\` ${library.citeCheckPeakMb} MB`
        : 'not run',
      state: library ? 'met' : 'not measured',
    },
  ];
}

function visitTargets(visits: Results['firstVisit']): TargetRow[] {
  return [
    {
      target: `first visit: the features add ≤ ${bytes(visits?.budget.bytes ?? 5120)} B of gzip JavaScript (${visits?.budget.pages.join(', ') ?? '/, /google'}), on and off built in the same run`,
      figure: visits
        ? Object.entries(visits.budget.addedJs)
            .map(([page, added]) => `${page} +${added === null ? '?' : bytes(added)} B`)
            .join(', ')
        : 'not run',
      state: visits ? (visits.budget.within ? 'met' : 'not met') : 'not measured',
    },
  ];
}

export function targets(results: Results): TargetRow[] {
  return [
    ...stageTargets(results.citationStage),
    ...buildTargets(results.builds),
    ...startTargets(results.start),
    ...libraryTargets(results.library),
    ...visitTargets(results.firstVisit),
  ];
}

/** A Markdown table, its columns padded as Prettier would. */
export function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function targetTable(rows: readonly TargetRow[]): string {
  return markdownTable(
    ['target', 'figure', 'state'],
    rows.map((r) => [r.target, r.figure, r.state]),
  );
}

/** A table of `rows`, or nothing when a part has not run. */
function tableOf<T>(
  rows: readonly T[] | undefined,
  head: string[],
  row: (r: T) => string[],
): string[] {
  return rows?.length ? [markdownTable(head, rows.map(row))] : [];
}

/** The tables behind the targets, for the terminal (results.json has every run). */
export function details(results: Results): string {
  const pair = (
    r: NonNullable<Results['firstVisit']>['rows'][number],
    k: 'html' | 'js' | 'css' | 'prefetched',
  ) => `${r.on?.[k] ?? '—'} / ${r.off?.[k] ?? '—'}`;
  return [
    ...tableOf(
      results.citationStage?.rows,
      [
        'scale',
        'pages',
        'entries',
        'ours, 1 thread (ms)',
        'ours, workers (ms)',
        'rehype-citation (ms)',
        'pandoc per page (ms)',
      ],
      (r) => [
        `${r.scale}×`,
        String(r.pages),
        String(r.entries),
        String(r.singleMs),
        r.workersMs === null ? '—' : `${r.workersMs} (${r.threads} threads)`,
        String(r.rehypeCitationMs),
        r.pandocMs === null
          ? 'not installed'
          : `${r.pandocMs}${r.pandocSampledPages !== r.pages ? ` (${r.pandocSampledPages} pages sampled)` : ''}`,
      ],
    ),
    ...tableOf(
      results.builds?.sites,
      [
        'site',
        'cold on / off (ms)',
        'warm on / off (ms)',
        'stage cold / warm (ms)',
        'documents cold / warm',
      ],
      (s) => [
        s.site,
        `${s.wallMs.on.cold} / ${s.wallMs.off.cold}`,
        `${s.wallMs.on.warm} / ${s.wallMs.off.warm}`,
        `${s.stage.cold?.stageMs ?? '—'} / ${s.stage.warm?.stageMs ?? '—'}`,
        `${JSON.stringify(s.stage.cold?.documents ?? null)} / ${JSON.stringify(s.stage.warm?.documents ?? null)}`,
      ],
    ),
    ...tableOf(
      results.start?.sites,
      [
        'site',
        'text edit (ms)',
        'locator edit (ms)',
        '.bib edit (ms)',
        'rendered again after .bib edits',
      ],
      (s) => [
        s.site,
        JSON.stringify(s.runsMs.text),
        JSON.stringify(s.runsMs.locator),
        JSON.stringify(s.runsMs.bib),
        JSON.stringify(s.bibRendered),
      ],
    ),
    ...tableOf(
      results.firstVisit?.rows,
      [
        'page',
        'HTML gz on / off',
        'JS gz on / off',
        'CSS gz on / off',
        'JS added',
        'search index',
        'prefetched on / off',
      ],
      (r) => [
        r.page,
        pair(r, 'html'),
        pair(r, 'js'),
        pair(r, 'css'),
        String(r.addedJs ?? '—'),
        r.on?.searchIndex ? 'loaded' : 'not loaded',
        pair(r, 'prefetched'),
      ],
    ),
    ...tableOf(
      results.lighthouse?.rows,
      [
        'page',
        'features',
        'Performance (median, range)',
        'A11y',
        'BP',
        'SEO',
        'LCP (ms)',
        'TBT (ms)',
        'benchmarkIndex',
      ],
      (r) => [
        r.page,
        r.mode,
        `${r.performance} (${r.performanceRange[0]}–${r.performanceRange[1]})`,
        String(r.accessibility),
        String(r.bestPractices),
        String(r.seo),
        String(r.lcpMs),
        String(r.tbtMs),
        String(r.benchmarkIndex),
      ],
    ),
  ].join('\n\n');
}

/** When each part's figures were taken, and on which commit. */
export function provenance(results: Results): string {
  const names: [keyof Results, string][] = [
    ['citationStage', 'stage'],
    ['builds', 'builds'],
    ['start', 'npm start'],
    ['library', 'library'],
    ['firstVisit', 'first visit'],
    ['lighthouse', 'Lighthouse'],
  ];
  return names
    .filter(([key]) => results[key])
    .map(([key, name]) => {
      const m = results[key]!.measured;
      return `${name}: ${m.date.slice(0, 16).replace('T', ' ')} UTC, commit ${m.commit}, Node ${m.node}, ${m.cores} cores, load ${m.load?.join(' ') ?? '?'}`;
    })
    .join('; ');
}
