// Builds are the same however their citations were rendered. The site's first build renders its
// documents in its own thread (the default); a build rendering them in worker threads, from an
// empty cache, and a build taking them all from the cache write the same files, byte for byte.
// And the cache never serves a stale page: after a .bib edit, a build renders again exactly what
// cites the entry, and the pages show the edit; a work the site does not cite, of the same author
// and year as one it does, changes no page's label.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { cacheDirectory } from '../../packages/docusaurus-plugin-citations/src/plugin/renderCache';
import { runBuild } from '../support/build';
import { attr, readPage, select, text } from '../support/html';
import { ROOT } from '../support/paths';
import { copySite } from '../support/tempsite';
import { renderedFrom } from '../support/trace';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-rebuilds-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => path.relative(dir, path.join(f.parentPath, f.name)))
    .sort();
}

function expectSameFiles(actual: string, expected: string): void {
  expect(files(actual)).toEqual(files(expected));
  for (const file of files(expected)) {
    const same = fs.readFileSync(path.join(actual, file)).equals(fs.readFileSync(path.join(expected, file)));
    expect(same, `${file} differs`).toBe(true);
  }
}

/** A build of `siteDir` into a new folder, with its trace. */
async function build(name: string, siteDir = ROOT, env: Record<string, string> = {}) {
  const outDir = path.join(temporary, name);
  const trace = path.join(temporary, `${name}.jsonl`);
  const result = await runBuild(outDir, siteDir, { CITATIONS_TRACE: trace, ...env });
  expect(result.code, result.output).toBe(0);
  return { outDir, output: result.output, rendered: renderedFrom(trace) };
}

const SOURCES = [
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => `docs/${f}`),
  'timeline/events.yaml',
];

/** The documents (and the timeline) that cite `key` (any key by default), as traces name them. */
function citing(siteDir: string, key = '[a-z][\\w-]*'): string[] {
  const cites = (file: string) =>
    new RegExp(`\\[[^\\]]*@${key}\\b`).test(fs.readFileSync(path.join(siteDir, file), 'utf8'));
  return SOURCES.filter(cites).sort();
}

// A cache of these builds' own, which other tests' builds of the site do not touch.
const CACHE = path.join(temporary, 'cache');

describe('the essay, built again', { timeout: 300_000 }, () => {
  it('in worker threads from an empty cache, writes what the first build (one thread) wrote', async () => {
    const first = inject('buildDir');
    const firstTrace = inject('buildTrace');
    if (firstTrace) {
      // The first build was made in this run: no document was rendered in a worker thread.
      expect([...renderedFrom(firstTrace).values()]).not.toContain('worker');
    }
    const { outDir, rendered } = await build('worker-threads', ROOT, {
      CITATIONS_RENDER_THREADS: '2',
      CITATIONS_CACHE_DIR: CACHE,
    });
    expect([...rendered.keys()].sort()).toEqual(citing(ROOT));
    // The timeline is rendered before the documents, in the build's own thread.
    expect(new Set([...rendered.values()])).toEqual(new Set(['worker', 'thread']));
    expect([...rendered].filter(([, from]) => from === 'thread')).toEqual([
      ['timeline/events.yaml', 'thread'],
    ]);
    expectSameFiles(outDir, first);
  });

  it('from the cache, renders nothing and writes the same files', async () => {
    const { outDir, rendered } = await build('from-cache', ROOT, { CITATIONS_CACHE_DIR: CACHE });
    expect([...rendered.keys()].sort()).toEqual(citing(ROOT));
    expect(new Set(rendered.values())).toEqual(new Set(['cache']));
    expectSameFiles(outDir, inject('buildDir'));
  });
});

describe('a .bib edit', { timeout: 300_000 }, () => {
  const KEY = 'ft2010google';
  // A work no page cites, by the author of one /google cites, of the same year: were /google's
  // citations labelled among the whole library, that one would read "Gallagher, 2018b" there
  // and "2018" on /bibliography, which publishes only what the site cites.
  const CITED = 'gallagher2018dragonfly';
  const UNCITED = 'gallagher2018uncited';
  const site = copySite();
  afterAll(() => site.remove());
  let after: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    site.edit('bibliography/essay.bib', (bib) =>
      bib
        .replace('{A history of {Google} in {China}}', '{A retitled history of {Google} in {China}}')
        .concat(
          `\n@article{${UNCITED},\n`,
          '  author       = {Gallagher, Ryan},\n',
          '  title        = {An article the essay does not cite},\n',
          '  entrysubtype = {newspaper},\n',
          '  journaltitle = {The Intercept},\n',
          '  date         = {2018-03-01},\n',
          '}\n',
        ),
    );
    // The copy starts from the renderings the essay's builds kept: a digest does not depend on
    // where the site is, so they are its renderings as they were before the edit.
    const cache = path.join(temporary, 'copy-cache');
    fs.cpSync(cacheDirectory(ROOT, 'default', CACHE), cacheDirectory(site.dir, 'default', cache), {
      recursive: true,
    });
    after = await build('after-edit', site.dir, { CITATIONS_CACHE_DIR: cache });
  });

  it('renders again the documents that cite the entry, and takes the others from the cache', () => {
    const again = [...after.rendered].filter(([, from]) => from !== 'cache').map(([file]) => file);
    expect(again.sort()).toEqual(citing(site.dir, KEY));
    expect(again).toContain('docs/google.mdx');
    expect(after.rendered.size).toBeGreaterThan(again.length);
  });

  it('shows the new title where the entry is listed, and the old one nowhere', () => {
    for (const page of ['google.html', 'bibliography.html', 'timeline.html', 'print.html']) {
      const html = fs.readFileSync(path.join(after.outDir, page), 'utf8');
      expect(html, page).toMatch(/A retitled history of Google in China/i);
      expect(html, page).not.toMatch(/>A history of Google in China/i);
    }
  });

  it('labels a cited work on its page as /bibliography does, whatever the site does not cite', () => {
    // Rendered by this build, not taken from the cache: the page shows what labels it now gets.
    expect(after.rendered.get('docs/google.mdx')).not.toBe('cache');
    expect(after.output.match(new RegExp(`"${UNCITED}"`, 'g')) ?? []).toHaveLength(1);

    const google = readPage(after.outDir, '/google');
    const bibliography = readPage(after.outDir, '/bibliography');
    expect(select(`li[data-key="${UNCITED}"]`, bibliography)).toBeUndefined();
    expect(text(bibliography)).not.toContain('An article the essay does not cite');
    const listed = select(`li.csl-entry[data-key="${CITED}"]`, bibliography);
    const referenced = select(`li.csl-entry[data-key="${CITED}"]`, google);
    const citation = select(`.citation[data-cites="${CITED}"]`, google);
    const year = (shown: string) => shown.match(/\b2018[a-z]?\b/)?.[0];
    // The author-date styles the reader may choose (Vancouver numbers works instead).
    for (const style of ['apa', 'harvard', 'chicago']) {
      const variant = `[data-style="${style}"]`;
      const link = select(`.citation-variant${variant} a.citation-link`, citation);
      expect(attr(link, 'href'), style).toBe(`#ref-${CITED}`);
      const shown = {
        citation: year(text(link)),
        references: year(text(select(`.entry-variant${variant}`, referenced))),
        bibliography: year(text(select(`.entry-variant${variant}`, listed))),
      };
      expect(shown, style).toEqual({ citation: '2018', references: '2018', bibliography: '2018' });
    }
  });
});
