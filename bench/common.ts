/** What every part of `npm run bench` shares: where it writes, its options, and its statistics. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT } from '../tests/support/paths';

export { ROOT };
export const OUT = path.join(ROOT, 'bench/out');

/** `--name a,b` from the command line, or `fallback`. */
export function option(name: string, fallback: string): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return (i === -1 ? fallback : (process.argv[i + 1] ?? fallback)).split(',');
}

/** A whole-number option (`--repeats 3`). */
export function count(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback))[0]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a whole number of at least 1, not ${option(name, '')[0]}`);
  }
  return value;
}

export const best = (xs: readonly number[]): number => Math.min(...xs);

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (x: number, digits = 0): number => +x.toFixed(digits);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** When and on which code a part's figures were measured: stored with them in results.json. */
export interface Measured {
  date: string;
  /** The commit checked out, with "+changes" when the work tree differed from it. */
  commit: string;
  node: string;
  cores: number;
  /** The host's load average (1, 5, 15 minutes) when the part ended: others share this host. */
  load: number[];
}

export function measured(): Measured {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  return {
    date: new Date().toISOString(),
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+changes' : ''}`,
    node: process.version,
    cores: os.availableParallelism(),
    load: os.loadavg().map((l) => round(l, 1)),
  };
}

/** Writes `text` to `file`, making its folder. */
export function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
