/**
 * The library: every entry of every configured .bib file, read once, with the problems found
 * while reading (syntax errors, duplicate keys). Documents, the site bibliography, exports and
 * the `cite` command all look keys up here.
 */
import fs from 'node:fs';
import path from 'node:path';

import { parseBibFile, type BibEntry } from './bibtex';
import type { Diagnostic } from './diagnostics';

export interface Library {
  /** Entries in file order, first definition of each key only. */
  entries: ReadonlyMap<string, BibEntry>;
  files: readonly string[];
  /** The files' text, as read: what render-only copies of entries are read from (items.ts). */
  sources: readonly BibSource[];
  diagnostics: readonly Diagnostic[];
  /** The id of a key's reference entry: stable, unique in the library, safe in a URL fragment. */
  anchorOf(key: string): string;
  /** The name of a key's own .bib file (without extension): stable, unique, safe on any disk. */
  fileNameOf(key: string): string;
}

/** Expands folders into the .bib files they hold, sorted, so that the order never depends on the disk. */
export function resolveBibFiles(paths: readonly string[], siteDir: string): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const absolute = path.resolve(siteDir, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      throw new Error(`Bibliography path ${JSON.stringify(p)} does not exist`, { cause: error });
    }
    if (stat.isDirectory()) {
      const bibs = fs
        .readdirSync(absolute)
        .filter((name) => name.endsWith('.bib'))
        .sort()
        .map((name) => path.join(absolute, name));
      if (bibs.length === 0) {
        throw new Error(`Bibliography folder ${JSON.stringify(p)} holds no .bib file`);
      }
      files.push(...bibs);
    } else {
      files.push(absolute);
    }
  }
  return [...new Set(files)];
}

export interface BibSource {
  /** The path shown in messages. */
  file: string;
  text: string;
}

/** Builds a library from file contents; pure, so tests can give it text directly. */
export function createLibrary(sources: readonly BibSource[]): Library {
  const entries = new Map<string, BibEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of sources) {
    const parsed = parseBibFile(file, text);
    diagnostics.push(...parsed.diagnostics);
    for (const entry of parsed.entries) {
      const first = entries.get(entry.key);
      if (first) {
        diagnostics.push({
          file: entry.file,
          line: entry.line,
          column: entry.column,
          ruleId: 'duplicate-key',
          message: `Duplicate citation key "${entry.key}"; first defined at ${first.file}:${first.line}:${first.column}`,
        });
      } else {
        entries.set(entry.key, entry);
      }
    }
  }
  const keys = [...entries.keys()];
  const lookup = (names: Map<string, string>) => (key: string) => {
    const name = names.get(key);
    if (name === undefined) throw new Error(`No entry for citation key "${key}"`);
    return name;
  };
  return {
    entries,
    files: sources.map((s) => s.file),
    sources,
    diagnostics,
    anchorOf: lookup(uniqueNames(keys, (key) => `ref-${key.replace(/[^\w.:/-]/g, '-')}`)),
    fileNameOf: lookup(uniqueNames(keys, (key) => key.replace(/[^\w.-]+/g, '-'))),
  };
}

/**
 * Keys may hold characters that are awkward in ids and file names (`a b`, `x"y`, `a/b`). Those
 * become `-`; the rare clash that makes is settled by a counter, in key order, so names never
 * depend on which chapter is built first.
 */
function uniqueNames(keys: readonly string[], base: (key: string) => string): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    let name = base(key);
    for (let n = 2; taken.has(name); n += 1) name = `${base(key)}-${n}`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}

const cache = new Map<string, Library>();

/**
 * Reads the configured .bib files. The result is kept for as long as the files are unchanged,
 * so the remark plugin (once per document and compiler), the Docusaurus plugin and the `cite`
 * command share one parse per build.
 */
export function loadLibrary(paths: readonly string[], siteDir: string): Library {
  const files = resolveBibFiles(paths, siteDir);
  const signature = files
    .map((f) => {
      const stat = fs.statSync(f);
      return `${f}:${stat.size}:${stat.mtimeMs}`;
    })
    .join('|');
  const cached = cache.get(signature);
  if (cached) return cached;
  const library = createLibrary(
    files.map((f) => ({ file: displayPath(f, siteDir), text: fs.readFileSync(f, 'utf8') })),
  );
  cache.clear();
  cache.set(signature, library);
  return library;
}

/** Paths in messages are relative to the site, the way editors see the project. */
export function displayPath(file: string, siteDir: string): string {
  const relative = path.relative(siteDir, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

/** The closest known key, for "did you mean"; none when nothing is close. */
export function suggestKey(library: Library, key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(key.length / 4));
  for (const candidate of library.entries.keys()) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance, giving up (returning > limit) once it cannot come in under `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
