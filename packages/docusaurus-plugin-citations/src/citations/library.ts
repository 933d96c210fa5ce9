/**
 * The library: every entry of every configured .bib file, read once, with the problems found
 * while reading (syntax errors, duplicate keys, what biblatex would read otherwise). Documents,
 * the site bibliography, exports and the `cite` command all look keys up here.
 */
import fs from 'node:fs';
import path from 'node:path';

import { toCsl } from './bibcsl';
import { checkEntryFields } from './bibfields';
import { resolveInheritance } from './bibinherit';
import { readSourceFields, type SourceField } from './bibsource';
import {
  readBibFile,
  restoreBrackets,
  type BibEntry,
  type BibFile,
  type BibRecord,
} from './bibtex';
import { correctCsl } from './cslfix';
import type { Diagnostic } from './diagnostics';
import { closest } from './suggest';

export interface Library {
  /** Entries in file order, first definition of each key only (@xdata entries are not cited). */
  entries: ReadonlyMap<string, BibEntry>;
  files: readonly string[];
  /** Errors: what stops a build. */
  diagnostics: readonly Diagnostic[];
  /** What an editor should look at, though the entries read: an unknown field, an odd name. */
  warnings: readonly Diagnostic[];
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
  /** The file's bytes (checked to be UTF-8), or its text. */
  text: string | Uint8Array;
}

/** Builds a library from file contents; pure, so tests can give it text directly. */
export function createLibrary(sources: readonly BibSource[]): Library {
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  // Keys are one namespace across files, @xdata entries included, as for biber.
  const records = new Map<string, BibRecord>();
  const strings = new Map<BibRecord, ReadonlySet<string>>();
  const macros = new Map<BibRecord, ReadonlyMap<string, string>>();
  for (const { file, text } of sources) {
    const reading = readBibFile(file, text);
    diagnostics.push(...reading.diagnostics);
    for (const record of reading.records) {
      const first = records.get(record.key);
      if (first) {
        diagnostics.push({
          file: record.file,
          line: record.line,
          column: record.column,
          ruleId: 'duplicate-key',
          message: `Duplicate citation key "${record.key}"; first defined at ${first.file}:${first.line}:${first.column}`,
        });
      } else {
        records.set(record.key, record);
        strings.set(record, reading.strings);
        macros.set(record, reading.macros);
      }
    }
  }

  const inherited = resolveInheritance(records);
  diagnostics.push(...inherited.diagnostics);
  const cited = [...records.values()].filter((r) => r.type !== 'xdata');
  const csl = toCsl(cited, (record) => inherited.fields.get(record.key)!);
  diagnostics.push(...csl.errors);
  warnings.push(...csl.warnings);

  const entries = new Map<string, BibEntry>();
  for (const record of records.values()) {
    const item = csl.items.get(record.key);
    const checks = checkEntryFields(record.file, record, strings.get(record)!, item);
    diagnostics.push(...checks.errors);
    warnings.push(...checks.warnings);
    if (!item) continue;
    const fields = exportFields(record, macros.get(record)!, inherited.fields.get(record.key));
    entries.set(record.key, {
      key: record.key,
      type: record.type,
      csl: correctCsl({ ...item, id: record.key, 'citation-key': record.key }, fields),
      source: record.source,
      fields,
      file: record.file,
      line: record.line,
      column: record.column,
    });
  }
  // Each file's problems together, top to bottom, in the order the files were given.
  const order = new Map(sources.map((s, i) => [s.file, i]));
  const byPlace = (a: Diagnostic, b: Diagnostic) =>
    (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column;
  diagnostics.sort(byPlace);
  warnings.sort(byPlace);
  const keys = [...entries.keys()];
  const lookup = (names: Map<string, string>) => (key: string) => {
    const name = names.get(key);
    if (name === undefined) throw new Error(`No entry for citation key "${key}"`);
    return name;
  };
  return {
    entries,
    files: sources.map((s) => s.file),
    diagnostics,
    warnings,
    anchorOf: lookup(uniqueNames(keys, (key) => `ref-${key.replace(/[^\w.:/-]/g, '-')}`)),
    fileNameOf: lookup(uniqueNames(keys, (key) => key.replace(/[^\w.-]+/g, '-'))),
  };
}

/**
 * What the .bib exports write for an entry: its own fields as written (macros expanded), then
 * those it inherits. `crossref` and `xdata` are left out, being resolved: a chapter's export may
 * not hold the parent.
 */
function exportFields(
  record: BibRecord,
  macros: ReadonlyMap<string, string>,
  inherited: Readonly<Record<string, string>> | undefined,
): SourceField[] {
  const own = readSourceFields(record.source, macros).filter(
    (f) => f.name !== 'crossref' && f.name !== 'xdata',
  );
  const names = new Set(own.map((f) => f.name));
  const more = Object.entries(inherited ?? {})
    .filter(([name, value]) => !names.has(name) && value !== '')
    .map(([name, value]) => ({ name, value: restoreBrackets(value) }));
  return [...own, ...more];
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
    files.map((f) => ({ file: displayPath(f, siteDir), text: fs.readFileSync(f) })),
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

/** One file on its own: its entries and its problems (a `crossref` can only reach this file). */
export function parseBibFile(file: string, text: string | Uint8Array): BibFile {
  const library = createLibrary([{ file, text }]);
  return { file, entries: [...library.entries.values()], diagnostics: [...library.diagnostics] };
}

/** The closest known key, for "did you mean"; none when nothing is close. */
export function suggestKey(library: Library, key: string): string | undefined {
  return closest(key, library.entries.keys());
}
