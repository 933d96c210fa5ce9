/**
 * What the site publishes of its library. As with pandoc's `nocite`, a site publishes the
 * entries its pages cite, and those the editors name in the `nocite` option (`['*']` for every
 * entry); the rest of the .bib files is left out: not rendered, not exported, not checked beyond
 * its syntax. A researcher can point the site at a whole library of thousands of entries, and
 * learn in one line how many of them it leaves out.
 */
import { applyPolicy, type Diagnostic, type SourcePlace } from './diagnostics';
import type { Library } from './library';
import type { BibEntry } from './bibtex';
import type { Policy } from './options';

/** `nocite: ['*']`: every entry of the library. */
export const NOCITE_ALL = '*';

export interface Publication {
  /** The keys the site publishes, in library order. */
  published: string[];
  /** The entries no page cites and `nocite` does not name, in library order. */
  leftOut: BibEntry[];
  /** Keys `nocite` names that no .bib file holds. */
  unknown: string[];
}

/**
 * The entries a site that cites `cited` publishes, with `nocite` the editors' list of keys (or
 * `*`). Cited keys the library does not hold are skipped: they are reported where they are cited.
 */
export function selectPublished(
  library: Library,
  cited: Iterable<string>,
  nocite: readonly string[],
): Publication {
  const all = nocite.includes(NOCITE_ALL);
  const wanted = new Set(cited);
  for (const key of nocite) wanted.add(key);
  const published: string[] = [];
  const leftOut: BibEntry[] = [];
  for (const [key, entry] of library.entries) {
    if (all || wanted.has(key)) published.push(key);
    else leftOut.push(entry);
  }
  return {
    published,
    leftOut,
    unknown: nocite.filter((key) => key !== NOCITE_ALL && !library.entries.has(key)),
  };
}

/** An entry left out, where it is written. */
export type UncitedEntry = SourcePlace & { key: string };

const count = (n: number) => n.toLocaleString('en-US');

// Up to this many entries left out are named in the summary; more are only counted.
const NAMED = 3;

/**
 * The entries left out, in one line: how many, in which files, and what to do about it. A
 * library of ten thousand entries gives one line, not ten thousand; `cite list --uncited`
 * lists them. Undefined when every entry is published.
 */
export function summarizeUncited(uncited: readonly UncitedEntry[]): string | undefined {
  if (uncited.length === 0) return undefined;
  const byFile = new Map<string, string[]>();
  for (const { file, key } of uncited) {
    const keys = byFile.get(file);
    if (keys) keys.push(key);
    else byFile.set(file, [key]);
  }
  const one = uncited.length === 1;
  const named = uncited.length <= NAMED;
  const keysOf = (keys: readonly string[]) =>
    keys
      .map((k) => `"${k}"`)
      .join(', ')
      .replace(/, ([^,]*)$/, ' and $1');
  let what: string;
  if (byFile.size === 1) {
    const [file, keys] = [...byFile][0]!;
    what = `${count(uncited.length)} ${one ? 'entry' : 'entries'} in ${file} ${one ? 'is' : 'are'} not cited${named ? ` (${keysOf(keys)})` : ''}`;
  } else {
    const files = [...byFile].map(([file, keys]) =>
      named ? `${keysOf(keys)} in ${file}` : `${count(keys.length)} in ${file}`,
    );
    what = `${count(uncited.length)} entries are not cited (${files.join(', ')})`;
  }
  const them = one ? 'it' : 'them';
  return `${what}; ${one ? 'it is' : 'they are'} left out of the site — list ${them} with \`cite list --uncited\` or publish ${them} with nocite`;
}

const warned = new Set<string>();

/**
 * The `onUncitedEntries` policy: 'warn' says once, in one line, what the site leaves out;
 * 'throw' stops the build with every such entry at its place (the editors asked for every
 * entry to be cited); 'ignore' says nothing.
 */
export function applyUncitedPolicy(
  uncited: readonly (Diagnostic & { key: string })[],
  policy: Policy,
  warn: (message: string) => void,
): void {
  if (policy === 'throw') {
    applyPolicy(uncited, 'throw', warn);
    return;
  }
  const summary = summarizeUncited(uncited);
  if (policy === 'ignore' || summary === undefined || warned.has(summary)) return;
  warned.add(summary);
  warn(summary);
}
