/**
 * What the citations plugin says of its work when CITATIONS_TRACE names a file: one JSON line
 * per event (see the package's src/plugin/renderer.ts).
 *   {"event":"site","ms":N}: the site plugin's citation work in the build's main thread;
 *   {"event":"document","file":…,"ms":N,"from":"cache"|"worker"|"thread"}: one citing document;
 *   {"event":"pool","threads":N,"documents":N}: worker threads started.
 */
import fs from 'node:fs';

export interface TraceEvent {
  event: string;
  ms?: number;
  file?: string;
  from?: string;
  threads?: number;
  documents?: number;
}

/** The citation stage of one build, from its trace. */
export interface StageFromTrace {
  /** `site` ms + every `document`'s ms. */
  stageMs: number;
  siteMs: number;
  documentMs: number;
  /** How many documents came from where ("cache", "worker", "thread"). */
  documents: Record<string, number>;
  /** The pool's threads, when one was started. */
  threads: number | null;
}

/** The events of a trace file from `offset` (in bytes) on; [] when there is no file. */
export function readTrace(file: string, offset = 0): TraceEvent[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file).subarray(offset).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TraceEvent);
}

/** The stage's figures, or null when the plugin wrote no trace (a plugin without one). */
export function stageOf(events: readonly TraceEvent[]): StageFromTrace | null {
  if (events.length === 0) return null;
  const sum = (kind: string) =>
    events.filter((e) => e.event === kind).reduce((total, e) => total + (e.ms ?? 0), 0);
  const documents: Record<string, number> = {};
  for (const e of events) {
    if (e.event === 'document') documents[e.from ?? '?'] = (documents[e.from ?? '?'] ?? 0) + 1;
  }
  const pool = events.find((e) => e.event === 'pool');
  return {
    stageMs: sum('site') + sum('document'),
    siteMs: sum('site'),
    documentMs: sum('document'),
    documents,
    threads: pool?.threads ?? null,
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

export const traceSize = (file: string): number =>
  fs.existsSync(file) ? fs.statSync(file).size : 0;
