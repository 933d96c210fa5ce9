/**
 * What the plugin reads from the environment, in one place and checked once, as its options
 * are: overrides for one run that must not change the site's config (which is part of its
 * bundle), and which command Docusaurus runs.
 */
import { OptionsError } from '../citations/options';

export interface PluginEnvironment {
  /** CITATIONS_RENDER_THREADS: the worker threads for this run, instead of `renderThreads`. */
  renderThreads: number | undefined;
  /** CITATIONS_CACHE_DIR: where renderings are kept (a CI cache folder), instead of node_modules/.cache. */
  cacheRoot: string | undefined;
  /** CITATIONS_TRACE: a file to append a line to for each rendering (see renderer.ts). */
  traceFile: string | undefined;
  /**
   * NODE_ENV is anything but "production", as Docusaurus reads it: `docusaurus start` sets
   * "development" unless NODE_ENV is set already, `build` sets "production" and `build --dev`
   * "development".
   */
  development: boolean;
}

/** CITATIONS_CACHE_DIR, which `cacheDirectory` reads on its own (the tests' and the bench's). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CITATIONS_CACHE_DIR || undefined;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): PluginEnvironment {
  const threads = env.CITATIONS_RENDER_THREADS;
  if (threads !== undefined && threads !== '' && !/^\d+$/.test(threads)) {
    throw new OptionsError(
      `CITATIONS_RENDER_THREADS must be a whole number of threads (0 renders in the build's own thread); got ${JSON.stringify(threads)}`,
    );
  }
  return {
    renderThreads: threads ? Number(threads) : undefined,
    cacheRoot: cacheRoot(env),
    traceFile: env.CITATIONS_TRACE || undefined,
    development: env.NODE_ENV !== 'production',
  };
}
