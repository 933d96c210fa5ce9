/**
 * Documents rendered in worker threads. Each thread reads the library and the styles itself and
 * registers the site's scope once (render.ts), then renders the documents it is given; the
 * caller gets each document's data as the build's own thread would have rendered it
 * (tests/build shows the pages are byte-identical). Rendering is citeproc's work, and
 * synchronous: threads are what lets it use more than one core, and lets it go on while the
 * bundler compiles.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { CitationConfig, ClusterInput, DocumentData } from '../citations';

export interface PoolSetup {
  config: CitationConfig;
  siteDir: string;
  /** The site's scope: the keys every document is labelled against, in order. */
  scope: readonly string[];
}

export interface PoolRequest {
  id: number;
  clusters: readonly ClusterInput[];
}

export type PoolReply = { id: number; data: DocumentData } | { id: number; error: string };

export interface RenderPool {
  /** How many threads render. */
  threads: number;
  render(clusters: readonly ClusterInput[]): Promise<DocumentData>;
  /** Stops the threads once what was asked of them is done. */
  close(): Promise<void>;
}

/**
 * The thread's module: compiled, lib/plugin/renderWorker.js; run from the TypeScript sources (the
 * package's own tests, the bench), the source through tsx's require hook.
 */
function startWorker(workerData: PoolSetup): Worker {
  if (path.extname(__filename) === '.js') {
    return new Worker(path.join(__dirname, 'renderWorker.js'), { workerData });
  }
  const source = path.join(__dirname, 'renderWorker.ts');
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(source)});`;
  return new Worker(code, { eval: true, workerData });
}

export function createRenderPool(setup: PoolSetup & { threads: number }): RenderPool {
  const { threads, ...data } = setup;
  type Job = PoolRequest & {
    resolve: (data: DocumentData) => void;
    reject: (error: Error) => void;
  };
  const queue: Job[] = [];
  const busy = new Map<Worker, Job>();
  const idle: Worker[] = [];
  /** Every job not yet settled. */
  const unsettled = new Set<Promise<DocumentData>>();
  let next = 0;
  let closing: Promise<void> | undefined;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ id: job.id, clusters: job.clusters } satisfies PoolRequest);
    }
  };

  const workers = Array.from({ length: Math.max(1, threads) }, () => {
    const worker = startWorker(data);
    // A build that has what it needs exits without waiting for idle threads.
    worker.unref();
    worker.on('message', (reply: PoolReply) => {
      const job = busy.get(worker)!;
      busy.delete(worker);
      idle.push(worker);
      if ('error' in reply)
        job.reject(new Error(`Rendering in a worker thread failed: ${reply.error}`));
      else job.resolve(reply.data);
      dispatch();
    });
    worker.on('error', (error) => {
      // The thread is gone (its setup failed): what it had and what waits fail with its error.
      const lost = [...(busy.has(worker) ? [busy.get(worker)!] : []), ...queue.splice(0)];
      busy.delete(worker);
      for (const job of lost) job.reject(error);
    });
    idle.push(worker);
    return worker;
  });

  return {
    threads: workers.length,
    render(clusters) {
      if (closing) return Promise.reject(new Error('The render pool is closed'));
      const job = new Promise<DocumentData>((resolve, reject) => {
        next += 1;
        queue.push({ id: next, clusters, resolve, reject });
        dispatch();
      });
      unsettled.add(job);
      const settled = () => unsettled.delete(job);
      job.then(settled, settled);
      return job;
    },
    close() {
      closing ??= Promise.allSettled([...unsettled])
        .then(() => Promise.all(workers.map((w) => w.terminate())))
        .then(() => undefined);
      return closing;
    },
  };
}
