/**
 * What a build's citations plugin reports when CITATIONS_TRACE names a file (see the package's
 * src/plugin/renderer.ts): one event per line.
 */
import fs from 'node:fs';

export interface TraceEvent {
  event: 'site' | 'pool' | 'document';
  /** For `document`: the file whose citations were rendered ("docs/google.mdx"). */
  file?: string;
  /** For `document`: where its rendering came from. */
  from?: 'cache' | 'worker' | 'thread';
  ms?: number;
  /** When the event ended, in ms since the epoch. */
  at?: number;
  threads?: number;
  documents?: number;
}

/** The events of a trace, those written after its first `offset` bytes (all by default). */
export function readTrace(file: string, offset = 0): TraceEvent[] {
  return fs
    .readFileSync(file)
    .subarray(offset)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TraceEvent);
}

/** The size of a trace in bytes (0 before the plugin has written one): an offset for `readTrace`. */
export const traceSize = (file: string): number =>
  fs.existsSync(file) ? fs.statSync(file).size : 0;

/** The documents a build rendered, each with where its rendering came from. */
export function renderedFrom(file: string): Map<string, string> {
  return new Map(
    readTrace(file)
      .filter((e) => e.event === 'document')
      .map((e) => [e.file!, e.from!]),
  );
}
