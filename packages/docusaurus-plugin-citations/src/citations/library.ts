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
import type { CslItem } from './csl';
import type { Diagnostic, Problems } from './diagnostics';
import { closest } from './suggest';

export interface Library {
  /**
   * Entries in file order, first definition of each key only (@xdata entries are not cited).
   * An entry becomes CSL, and its fields are read for the exports, when first asked for.
   */
  entries: ReadonlyMap<string, BibEntry>;
  files: readonly string[];
  /**
   * Errors, what stops a build: the files' (encoding, syntax, duplicate keys) and every entry's.
   * Checking every entry turns every entry into CSL: a site asks `problemsOf` for the entries
   * it publishes.
   */
  diagnostics: readonly Diagnostic[];
  /** What an editor should look at, though the entries read: an unknown field, an odd name. */
  warnings: readonly Diagnostic[];
  /**
   * The problems of a site that publishes `keys`: the files' (a syntax error anywhere may hide
   * or merge entries) and the fields of those entries and of the entries they inherit from.
   * Each entry is checked once, however often it is asked about.
   */
  problemsOf(keys: Iterable<string>): Problems;
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

/** An entry as CSL, with its fields as the exports write them, and the problems in it. */
interface Checked {
  csl: CslItem | undefined;
  fields: SourceField[];
  problems: Problems;
}

/**
 * Builds a library from file contents; pure, so tests can give it text directly. The files are
 * read whole at once (syntax, keys, inheritance); each entry is turned into CSL and checked
 * only when it is needed, so that a site citing a handful of entries of a library of thousands
 * pays for that handful.
 */
export function createLibrary(sources: readonly BibSource[]): Library {
  const reading: Diagnostic[] = [];
  // Keys are one namespace across files, @xdata entries included, as for biber.
  const records = new Map<string, BibRecord>();
  const strings = new Map<BibRecord, ReadonlySet<string>>();
  const macros = new Map<BibRecord, ReadonlyMap<string, string>>();
  for (const { file, text } of sources) {
    const read = readBibFile(file, text);
    reading.push(...read.diagnostics);
    for (const record of read.records) {
      const first = records.get(record.key);
      if (first) {
        reading.push({
          file: record.file,
          line: record.line,
          column: record.column,
          ruleId: 'duplicate-key',
          message: `Duplicate citation key "${record.key}"; first defined at ${first.file}:${first.line}:${first.column}`,
        });
      } else {
        records.set(record.key, record);
        strings.set(record, read.strings);
        macros.set(record, read.macros);
      }
    }
  }
  const inherited = resolveInheritance(records);

  // Each file's problems together, top to bottom, in the order the files were given.
  const order = new Map(sources.map((s, i) => [s.file, i]));
  const byPlace = (a: Diagnostic, b: Diagnostic) =>
    (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column;
  reading.sort(byPlace);

  const checked = new Map<string, Checked>();
  /** Turns the entries of `keys` not yet done into CSL, in one batch, and checks them. */
  const check = (keys: Iterable<string>): void => {
    const todo: BibRecord[] = [];
    for (const key of keys) {
      const record = records.get(key);
      if (record && !checked.has(key)) todo.push(record);
    }
    if (todo.length === 0) return;
    const csl = toCsl(
      todo.filter((r) => r.type !== 'xdata'),
      (record) => inherited.fields.get(record.key)!,
    );
    for (const record of todo) {
      const item = csl.items.get(record.key);
      const fields = exportFields(record, macros.get(record)!, inherited.fields.get(record.key));
      const checks = checkEntryFields(record.file, record, strings.get(record)!, item);
      const mapping = csl.problems.get(record.key);
      checked.set(record.key, {
        csl: item && correctCsl({ ...item, id: record.key, 'citation-key': record.key }, fields),
        fields,
        problems: {
          errors: [
            ...(inherited.problems.get(record.key) ?? []),
            ...(mapping?.errors ?? []),
            ...checks.errors,
          ],
          warnings: [...(mapping?.warnings ?? []), ...checks.warnings],
        },
      });
    }
  };
  const checkedOf = (key: string): Checked => {
    check([key]);
    return checked.get(key)!;
  };

  const entries = new Map<string, BibEntry>();
  for (const record of records.values()) {
    if (record.type === 'xdata') continue;
    const { key } = record;
    entries.set(key, {
      key,
      type: record.type,
      get csl() {
        // An entry citation-js cannot read at all has an error at its field; until it is
        // mended, it stands as a document with no data, so that pages still render.
        return checkedOf(key).csl ?? { id: key, 'citation-key': key, type: 'document' };
      },
      get fields() {
        return checkedOf(key).fields;
      },
      source: record.source,
      file: record.file,
      line: record.line,
      column: record.column,
    });
  }

  /** `keys` and every entry they inherit from, however far up. */
  const withParents = (keys: Iterable<string>): Set<string> => {
    const all = new Set<string>();
    const add = (key: string) => {
      if (all.has(key)) return;
      all.add(key);
      for (const parent of inherited.parents.get(key) ?? []) add(parent);
    };
    for (const key of keys) add(key);
    return all;
  };
  const problemsOf = (keys: Iterable<string>): Problems => {
    const wanted = withParents(keys);
    check(wanted);
    const errors = [...reading];
    const warnings: Diagnostic[] = [];
    // In file order, as the problems of the whole library are.
    for (const key of records.keys()) {
      if (!wanted.has(key)) continue;
      const { problems } = checked.get(key)!;
      errors.push(...problems.errors);
      warnings.push(...problems.warnings);
    }
    return { errors: errors.sort(byPlace), warnings: warnings.sort(byPlace) };
  };

  let everything: Problems | undefined;
  const all = () => (everything ??= problemsOf(records.keys()));
  let anchors: (key: string) => string;
  let fileNames: (key: string) => string;
  const lookup = (names: Map<string, string>) => (key: string) => {
    const name = names.get(key);
    if (name === undefined) throw new Error(`No entry for citation key "${key}"`);
    return name;
  };
  return {
    entries,
    files: sources.map((s) => s.file),
    get diagnostics() {
      return all().errors;
    },
    get warnings() {
      return all().warnings;
    },
    problemsOf,
    anchorOf: (key) =>
      (anchors ??= lookup(
        uniqueNames([...entries.keys()], (k) => `ref-${k.replace(/[^\w.:/-]/g, '-')}`),
      ))(key),
    fileNameOf: (key) =>
      (fileNames ??= lookup(uniqueNames([...entries.keys()], (k) => k.replace(/[^\w.-]+/g, '-'))))(
        key,
      ),
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
