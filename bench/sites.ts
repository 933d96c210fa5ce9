/**
 * The two Docusaurus sites the build and `npm start` parts measure: the essay (a copy, so that
 * the bench's edits never touch the repository's own files) and the synthetic 100-page site.
 * Each carries the paragraph the edits change (edits.ts) in one of its pages.
 */
import fs from 'node:fs';
import path from 'node:path';

import { cacheDirectory } from '../packages/docusaurus-plugin-citations/src/plugin/renderCache';
import { copySite } from '../tests/support/tempsite';
import { addEditTarget, retitle, revise, type Revision } from './edits';
import { docusaurusSite } from './synthetic';

export interface BenchSite {
  name: 'essay' | '100-page site';
  dir: string;
  /** The page the edits change, relative to `dir`, and its URL path. */
  editFile: string;
  editPath: string;
  /** The entry the edit paragraph cites and the `.bib` edit retitles, and its `.bib`. */
  editKey: string;
  bibFile: string;
  /** The pages that cite `editKey`, relative to `dir`. */
  citing: string[];
  /** Puts the edit paragraph at `revision` into the page. */
  revisePage(revision: Revision): void;
  /** Adds the `n`-th title mark to the edited entry (0: the title as it was). */
  retitleEntry(n: number): void;
  /** Where the citations plugin keeps its renderings between builds. */
  cacheDir: string;
  remove(): void;
}

function editing(
  dir: string,
  editFile: string,
  key: string,
  bibFile: string,
): Pick<BenchSite, 'revisePage' | 'retitleEntry' | 'cacheDir'> {
  const page = path.join(dir, editFile);
  const bib = path.join(dir, bibFile);
  return {
    revisePage: (revision) =>
      fs.writeFileSync(page, revise(fs.readFileSync(page, 'utf8'), key, revision)),
    retitleEntry: (n) => fs.writeFileSync(bib, retitle(fs.readFileSync(bib, 'utf8'), key, n)),
    // The site's one instance of the plugin has the default id.
    cacheDir: cacheDirectory(dir, 'default'),
  };
}

/** Whether a page cites `key` (the keys here are made of letters, digits, `_`, `:` and `-`). */
const citesKey = (source: string, key: string) => new RegExp(`@${key}(?![\\w:-])`).test(source);

/** The essay's chapter the edits change, and its URL path. */
const ESSAY_PAGE = { file: 'docs/google.mdx', path: '/google' };

/**
 * A copy of the essay (tests/support/tempsite.ts: its node_modules is the repository's, so
 * the citations plugin's cache is the repository's too). The edit paragraph cites the
 * chapter's first cited work.
 */
export function essaySite(): BenchSite {
  const copy = copySite();
  const page = path.join(copy.dir, ESSAY_PAGE.file);
  const source = fs.readFileSync(page, 'utf8');
  const key = /\[[^\]@]*@([\w:-]+)/.exec(source)?.[1];
  if (!key) throw new Error(`${ESSAY_PAGE.file} cites nothing`);
  const bibFile = fs
    .readdirSync(path.join(copy.dir, 'bibliography'))
    .map((name) => `bibliography/${name}`)
    .find((file) => fs.readFileSync(path.join(copy.dir, file), 'utf8').includes(`{${key},`));
  if (!bibFile) throw new Error(`No .bib in bibliography/ holds ${key}`);
  addEditTarget(page, key);
  const docs = fs
    .readdirSync(path.join(copy.dir, 'docs'))
    .map((name) => `docs/${name}`)
    .filter((file) => /\.mdx?$/.test(file));
  const text = (file: string) => fs.readFileSync(path.join(copy.dir, file), 'utf8');
  return {
    name: 'essay',
    dir: copy.dir,
    editFile: ESSAY_PAGE.file,
    editPath: ESSAY_PAGE.path,
    editKey: key,
    bibFile,
    citing: docs.filter((file) => citesKey(text(file), key)),
    ...editing(copy.dir, ESSAY_PAGE.file, key, bibFile),
    remove: copy.remove,
  };
}

/** The synthetic site at 1× as a Docusaurus site, written anew under bench/out. */
export function syntheticSite(): BenchSite {
  const site = docusaurusSite();
  return {
    name: '100-page site',
    dir: site.dir,
    editFile: site.editFile,
    editPath: site.editPath,
    editKey: site.editKey,
    bibFile: path.basename(site.bib),
    citing: site.citing,
    ...editing(site.dir, site.editFile, site.editKey, path.basename(site.bib)),
    remove: () => fs.rmSync(site.dir, { recursive: true, force: true }),
  };
}

export const SITES = { essay: essaySite, synthetic: syntheticSite } as const;
