/**
 * Where a site's renderings come from: rendered once, kept between builds, and rendered ahead
 * in worker threads. The site plugin, which learns every document's citations before any page
 * compiles, starts the documents no earlier build left in the cache (`prepare`); the remark
 * plugin then takes its document's rendering from there, from the cache, or renders it itself
 * (`document`). Site-wide renderings (the bibliography, the timeline) go through `site`. Each
 * document's report (its citations and problems, from parsing it) is kept the same way, so that
 * a build parses only the documents that changed (`reports`).
 *
 * With a trace file (CITATIONS_TRACE, see environment.ts), each rendering appends a line to it:
 * where it came from and the time it took (see bench/run.ts).
 */
import fs from 'node:fs';

import {
  digest,
  documentRenderKey,
  documentSourcesKey,
  renderInStyles,
  scopeRenderKey,
  type CitationConfig,
  type CitationContext,
  type ClusterInput,
  type DocumentData,
  type KeptReport,
  type ReportStore,
  type Scope,
} from '../citations';
import type { RenderCache } from './renderCache';
import { createRenderPool } from './renderPool';

export type RenderedFrom = 'cache' | 'worker' | 'thread';

export interface Renderer {
  /** The digest of what a document's rendering reads besides its own citations (in its stamp). */
  sourcesKeyOf(context: CitationContext, scope: Scope, clusters: readonly ClusterInput[]): string;
  /** Starts rendering, in worker threads, the documents the cache does not hold. */
  prepare(
    context: CitationContext,
    scope: Scope,
    documents: readonly (readonly ClusterInput[])[],
  ): void;
  /**
   * A document's data (`renderInStyles`): from its worker thread, from the cache, or rendered
   * here; the trace says which.
   */
  document(
    context: CitationContext,
    scope: Scope,
    clusters: readonly ClusterInput[],
    file: string,
  ): Promise<DocumentData>;
  /** A site-wide rendering, `what` among the whole scope (and `keys` in it), kept as a document's is. */
  site<T>(
    context: CitationContext,
    scope: Scope,
    what: string,
    keys: readonly string[] | undefined,
    render: () => T,
  ): T;
  /** Each document's report (`checkSite`), kept as renderings are. */
  reports: ReportStore;
  /** Forgets what this process did not use (after a build). */
  prune(): void;
  /** Appends an event to the trace file, if the site has one (CITATIONS_TRACE). */
  trace(event: Record<string, unknown>): void;
}

/** The options a worker thread needs to read the library and styles as the site does. */
function workerConfig(config: CitationConfig): CitationConfig {
  return {
    bibliography: config.bibliography,
    style: config.style,
    styles: config.styles,
    locale: config.locale,
    nocite: config.nocite,
    edition: undefined,
    timeline: undefined,
  };
}

/**
 * Threads are started for at least this many documents to render, and fewer are rendered in the
 * build's own thread: a thread first reads the library, builds its engines and registers the
 * site's works, which only many documents can repay. Once the build's own thread has its engines
 * (`npm start`, after an edit), it takes many more.
 */
const POOL_MINIMUM = { first: 2, later: 16 };

export function createRenderer(setup: {
  siteDir: string;
  threads: number;
  cache: RenderCache;
  /** What every rendering also depends on (renderCache.ts's `engineVersion`). */
  salt: string;
  /** Where each rendering appends a line saying where it came from (environment.ts). */
  traceFile?: string | undefined;
}): Renderer {
  const { siteDir, threads, cache, salt, traceFile } = setup;
  const trace = (event: Record<string, unknown>) => {
    // `at`: when the event ended (ms since the epoch). Documents are compiled in parallel, so
    // their times overlap: the bench needs when each happened, not only how long it took.
    if (traceFile)
      fs.appendFileSync(traceFile, `${JSON.stringify({ ...event, at: Date.now() })}\n`);
  };
  /** Renderings under way in worker threads, by digest. */
  const pending = new Map<string, Promise<DocumentData>>();
  // A report's digest names what it is read from; the engine that reads it is the salt's.
  const reportKey = (read: string) => digest(`report\n${salt}\n${read}`);
  const held = (key: string) => pending.has(key) || cache.has(key);
  /** What the cache keeps under `key`, or what `render` gives, then kept there. */
  const cached = <T>(key: string, render: () => T): T => {
    const known = cache.read<T>(key);
    if (known !== undefined) return known;
    const value = render();
    cache.write(key, value);
    return value;
  };
  let prepared = false;

  return {
    sourcesKeyOf(context, scope, clusters) {
      return documentSourcesKey(context, scope, clusters, salt);
    },

    prepare(context, scope, documents) {
      if (threads === 0) return;
      const todo = new Map<string, readonly ClusterInput[]>();
      for (const clusters of documents) {
        const key = documentRenderKey(context, scope, clusters, salt);
        if (!todo.has(key) && !held(key)) todo.set(key, clusters);
      }
      const minimum = prepared ? POOL_MINIMUM.later : POOL_MINIMUM.first;
      prepared = true;
      if (todo.size < minimum) return;
      const pool = createRenderPool({
        threads: Math.min(threads, todo.size),
        config: workerConfig(context.options),
        siteDir,
        scope: scope.keys,
      });
      trace({ event: 'pool', threads: pool.threads, documents: todo.size });
      const jobs = [...todo].map(([key, clusters]) => {
        const job = pool.render(clusters).then((data) => {
          cache.write(key, data);
          return data;
        });
        // Whoever awaits it reports a failure; the pool must not also report it as unhandled.
        job.catch(() => undefined);
        pending.set(key, job);
        return job;
      });
      void Promise.allSettled(jobs).then(() => pool.close());
    },

    async document(context, scope, clusters, file) {
      const start = performance.now();
      const key = documentRenderKey(context, scope, clusters, salt);
      let from: RenderedFrom = 'worker';
      let data = await pending.get(key);
      if (data) pending.delete(key);
      else {
        from = 'cache';
        data = cached(key, () => {
          from = 'thread';
          return renderInStyles(context, scope, clusters);
        });
      }
      trace({ event: 'document', file, ms: Math.round(performance.now() - start), from });
      return data;
    },

    site(context, scope, what, keys, render) {
      return cached(scopeRenderKey(context, scope, what, salt, keys), render);
    },

    reports: {
      read: (read) => cache.read<KeptReport>(reportKey(read)),
      write: (read, kept) => cache.write(reportKey(read), kept),
    },

    prune() {
      cache.prune();
    },

    trace,
  };
}
