/**
 * The citation stage of a build, from what the citations plugin traces when CITATIONS_TRACE
 * names a file (tests/support/trace.ts reads it): the site plugin's work (`site`), then each
 * citing document's (`document`), whose times overlap, as the bundler compiles documents in
 * parallel and they wait for worker threads together.
 */
import fs from 'node:fs';

import { readTrace as readTraceFile, type TraceEvent } from '../tests/support/trace';

export type { TraceEvent };

export interface StageFromTrace {
  /** `siteMs` + `documentSpanMs`. */
  stageMs: number;
  siteMs: number;
  /**
   * How long at least one document was in the citation stage: the union of the documents'
   * intervals. Without the events' end times (a plugin before `at`), their sum, which counts
   * overlapping documents several times.
   */
  documentSpanMs: number;
  /** The documents' times added up (each document's own wait included). */
  documentMsSum: number;
  /** Whether `documentSpanMs` is a union of intervals (true) or a sum (false). */
  timed: boolean;
  /** How many documents came from where ("cache", "worker", "thread"). */
  documents: Record<string, number>;
  /** The pool's threads, when one was started. */
  threads: number | null;
}

/** The events of a trace file from `offset` (in bytes) on; [] when there is no file. */
export function readTrace(file: string, offset = 0): TraceEvent[] {
  return fs.existsSync(file) ? readTraceFile(file, offset) : [];
}

/** The length of the union of intervals [start, end]. */
function unionLength(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** The stage's figures, or null when the plugin wrote no trace. */
export function stageOf(events: readonly TraceEvent[]): StageFromTrace | null {
  if (events.length === 0) return null;
  const documents = events.filter((e) => e.event === 'document');
  const siteMs = events
    .filter((e) => e.event === 'site')
    .reduce((total, e) => total + (e.ms ?? 0), 0);
  const documentMsSum = documents.reduce((total, e) => total + (e.ms ?? 0), 0);
  const timed = documents.every((e) => e.at !== undefined);
  const documentSpanMs = timed
    ? unionLength(documents.map((e) => [e.at! - (e.ms ?? 0), e.at!]))
    : documentMsSum;
  const from: Record<string, number> = {};
  for (const e of documents) from[e.from ?? '?'] = (from[e.from ?? '?'] ?? 0) + 1;
  return {
    stageMs: siteMs + documentSpanMs,
    siteMs,
    documentSpanMs,
    documentMsSum,
    timed,
    documents: from,
    threads: events.find((e) => e.event === 'pool')?.threads ?? null,
  };
}

/** The documents (by file) rendered, not taken from the cache, among `events`. */
export function rendered(events: readonly TraceEvent[]): string[] {
  return [
    ...new Set(
      events.filter((e) => e.event === 'document' && e.from !== 'cache').map((e) => e.file ?? '?'),
    ),
  ].sort();
}
