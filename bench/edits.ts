/**
 * The edits the build and `npm start` parts make to a page and to a `.bib` entry. Each edit
 * puts a new number where the reader sees it, so that a browser (or a built page) shows
 * whether the edit has arrived: numbers, because a style may change the case of words.
 */
import fs from 'node:fs';

/** The entry of the synthetic Docusaurus site whose `.bib` title the bench edits. */
export const EDIT_KEY = 'benchedit';

/** The first text number and the first locator of the paragraph `editTarget` writes. */
const FIRST_TEXT = 700_001;
const FIRST_PAGE = 9001;

/** Which revision of the paragraph a page carries: 0 is the one `editTarget` writes. */
export interface Revision {
  text: number;
  locator: number;
}

export const FIRST_REVISION: Revision = { text: 0, locator: 0 };

/** What a reader sees of a revision: the paragraph's number, and the citation's page. */
export function shown(revision: Revision): { text: string; locator: string } {
  return {
    text: `Bench paragraph ${FIRST_TEXT + revision.text}`,
    locator: `p. ${FIRST_PAGE + revision.locator}`,
  };
}

/** The paragraph, at `revision`, that the page edits change: its text, and a citation of `key`. */
export function editTarget(key: string, revision: Revision = FIRST_REVISION): string {
  return `${shown(revision).text}, the one the bench edits [@${key}, ${shown(revision).locator}].`;
}

/** `source` with its edit paragraph at `revision` instead of whichever revision it carries. */
export function revise(source: string, key: string, revision: Revision): string {
  const paragraph = new RegExp(
    `Bench paragraph \\d+, the one the bench edits \\[@${key}, p\\. \\d+\\]\\.`,
  );
  if (!paragraph.test(source)) throw new Error(`No paragraph for the bench to edit citing ${key}`);
  return source.replace(paragraph, editTarget(key, revision));
}

/** Appends the edit paragraph to a page, citing `key`. */
export function addEditTarget(file: string, key: string): void {
  fs.appendFileSync(file, `\n${editTarget(key)}\n`);
}

/** What the `.bib` edit adds to the title of the entry: a number, new at each edit. */
export function titleMark(n: number): string {
  return `edition ${800_000 + n}`;
}

/**
 * `bib` with the title of entry `key` followed by `titleMark(n)` (n = 0: as it was), whatever
 * mark an earlier edit left there. The entry's title must be on one line, as in this
 * repository's .bib files.
 */
export function retitle(bib: string, key: string, n: number): string {
  const start = bib.search(new RegExp(`@\\w+\\{${key},`));
  if (start === -1) throw new Error(`No entry ${key} in the .bib`);
  const end = bib.indexOf('\n}', start);
  const entry = bib.slice(start, end);
  const title = /^(\s*title\s*=\s*\{)(.*?)( edition \d+)?(\},?)$/m;
  if (!title.test(entry)) throw new Error(`The entry ${key} has no one-line title`);
  const changed = entry.replace(title, (_, open: string, text: string, _mark, close: string) =>
    n === 0 ? `${open}${text}${close}` : `${open}${text} ${titleMark(n)}${close}`,
  );
  return bib.slice(0, start) + changed + bib.slice(end);
}
