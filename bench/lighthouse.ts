/**
 * Part 4, Lighthouse (mobile preset) on / and /google of the essay, with the features on and off,
 * `runs` times each, interleaved. Reported, not targeted: its score moves a lot from run to run on
 * a shared 2-core host (total blocking time is measured, then multiplied by the 4× CPU
 * throttling), so each row is the run with the median Performance score, with the range beside
 * it, as Lighthouse's own advice on variability says.
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';
import { serveCompressed } from '../tests/support/pageWeight';
import { essayBuild } from './firstVisit';

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

export interface LighthouseRow extends LighthouseRun {
  page: string;
  mode: 'on' | 'off';
  runs: number;
  performanceRange: [number, number];
}

interface LighthouseResult {
  environment: { benchmarkIndex: number };
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<
    string,
    { id: string; score: number | null; scoreDisplayMode: string; numericValue?: number }
  >;
}

export async function lighthouseRuns(runs: number): Promise<LighthouseRow[]> {
  const { default: lighthouse } = (await import('lighthouse')) as unknown as {
    default: (url: string, flags: Record<string, unknown>) => Promise<{ lhr: LighthouseResult }>;
  };
  const { launch } = (await import('chrome-launcher')) as unknown as {
    launch: (o: Record<string, unknown>) => Promise<{ port: number; kill: () => Promise<void> }>;
  };
  const once = async (url: string): Promise<LighthouseRun> => {
    const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS });
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
    on: await serveCompressed(await essayBuild('on')),
    off: await serveCompressed(await essayBuild('off')),
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
  return measured.map(({ page, mode, runs: all }) => {
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
