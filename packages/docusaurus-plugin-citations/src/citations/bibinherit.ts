/**
 * biblatex's inheritance, done as biber does it before any style sees the data: `xdata = {a,b}`
 * copies every field of those @xdata entries, and `crossref = {parent}` copies the parent's
 * fields by biblatex's default rules (a @book's title becomes an @inbook's booktitle, its
 * author also the bookauthor, …). The parent may be in any of the site's .bib files. A field the
 * entry has itself always wins. A name that is no entry, or a loop, is an error at the field.
 */
import { INHERITANCE, NOT_INHERITED, TYPE_ALIASES } from './biblatex';
import type { BibRecord } from './bibtex';
import type { Diagnostic } from './diagnostics';
import { closest } from './suggest';

type Fields = Record<string, string>;

const typeOf = (record: BibRecord) => TYPE_ALIASES[record.type] ?? record.type;

/** What a parent of type `parent` passes to a child of type `child`, field by field. */
function rulesFor(
  parent: string,
  child: string,
): {
  targets: Map<string, readonly string[]>;
  skip: Set<string>;
} {
  const targets = new Map<string, readonly string[]>();
  const skip = new Set(NOT_INHERITED);
  for (const rule of INHERITANCE) {
    if (!rule.parents.includes(parent) || !rule.children.includes(child)) continue;
    for (const [source, to] of Object.entries(rule.fields)) {
      targets.set(source, [...(targets.get(source) ?? []), ...to]);
    }
    for (const name of rule.skip ?? []) skip.add(name);
  }
  return { targets, skip };
}

const present = (fields: Fields, name: string) => (fields[name] ?? '') !== '';

/**
 * Every record's fields after inheritance, keyed like `records` (the first definition of each
 * key), with `crossref` and `xdata` themselves left out: they are done with.
 */
export function resolveInheritance(records: ReadonlyMap<string, BibRecord>): {
  fields: Map<string, Fields>;
  diagnostics: Diagnostic[];
  /** Each entry's problems (a parent that is no entry, a loop), by key. */
  problems: Map<string, Diagnostic[]>;
  /** The entries each entry inherits from directly (`crossref`, `xdata`), by key. */
  parents: Map<string, string[]>;
} {
  const resolved = new Map<string, Fields>();
  const diagnostics: Diagnostic[] = [];
  const problems = new Map<string, Diagnostic[]>();
  const parents = new Map<string, string[]>();
  const visiting = new Set<string>();

  const problem = (record: BibRecord, field: string, message: string) => {
    const written = record.fields.find((f) => f.name === field);
    const diagnostic: Diagnostic = {
      file: record.file,
      ...record.place(written?.valueStart ?? 0),
      ruleId: 'missing-parent',
      message: `Entry "${record.key}": ${field} = {${record.properties[field]}} ${message}`,
    };
    diagnostics.push(diagnostic);
    problems.set(record.key, [...(problems.get(record.key) ?? []), diagnostic]);
  };

  /** The parent named by `name`, resolved; undefined (and reported) when there is none. */
  const parentOf = (record: BibRecord, field: string, name: string): Fields | undefined => {
    const parent = records.get(name);
    if (parent) parents.set(record.key, [...(parents.get(record.key) ?? []), name]);
    if (!parent) {
      const guess = closest(name, records.keys());
      problem(
        record,
        field,
        `names no entry in the .bib files${guess ? `; did you mean "${guess}"?` : ''}`,
      );
      return undefined;
    }
    if (visiting.has(name)) {
      problem(record, field, `leads back to "${record.key}" itself`);
      return undefined;
    }
    return resolve(parent);
  };

  const resolve = (record: BibRecord): Fields => {
    const done = resolved.get(record.key);
    if (done) return done;
    visiting.add(record.key);
    const own = record.properties;
    const fields: Fields = {};
    for (const [name, value] of Object.entries(own)) {
      if (name !== 'crossref' && name !== 'xdata') fields[name] = value;
    }
    if (present(own, 'xdata')) {
      for (const name of own
        .xdata!.split(',')
        .map((k) => k.trim())
        .filter(Boolean)) {
        const data = parentOf(record, 'xdata', name);
        for (const [field, value] of Object.entries(data ?? {})) {
          if (!present(fields, field)) fields[field] = value;
        }
      }
    }
    if (present(own, 'crossref')) {
      const name = own.crossref!.trim();
      const parent = parentOf(record, 'crossref', name);
      if (parent) {
        const { targets, skip } = rulesFor(typeOf(records.get(name)!), typeOf(record));
        for (const [field, value] of Object.entries(parent)) {
          if (skip.has(field)) continue;
          for (const target of targets.get(field) ?? [field]) {
            if (!present(fields, target)) fields[target] = value;
          }
        }
      }
    }
    visiting.delete(record.key);
    resolved.set(record.key, fields);
    return fields;
  };

  for (const record of records.values()) resolve(record);
  return { fields: resolved, diagnostics, problems, parents };
}
