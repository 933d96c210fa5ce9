/**
 * The bench's synthetic site: 100 × scale pages of 40 citations each, over 500 × scale entries
 * with colliding author-years; and the same site at 1× as a Docusaurus site.
 */
import fs from 'node:fs';
import path from 'node:path';

import { OUT, ROOT, writeFile } from './common';
import { addEditTarget, EDIT_KEY } from './edits';

export interface SyntheticSite {
  dir: string;
  bib: string;
  pages: string[];
}

/** A small deterministic PRNG (mulberry32), so that every run works on the same site. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'digital divide search engine firewall platform payment market censorship privacy data law court order app network policy trade security'.split(
    ' ',
  );

/** Writes the site at `scale` into `dir` (emptied first): `refs.bib` and `pages/page-NNNN.md`. */
export function generate(scale: number, dir = path.join(OUT, `site-${scale}x`)): SyntheticSite {
  const rnd = random(42 + scale);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'pages'), { recursive: true });
  // 25 × scale authors over 10 years for 500 × scale entries: two works per author-year on
  // average, so disambiguation (2018a, 2018b) is needed throughout.
  const entries = 500 * scale;
  const keys: string[] = [];
  const bib: string[] = [];
  for (let i = 0; i < entries; i += 1) {
    const author = `Author${String(Math.floor(rnd() * 25 * scale)).padStart(3, '0')}`;
    const year = 2010 + Math.floor(rnd() * 10);
    const key = `${author.toLowerCase()}${year}-${i}`;
    keys.push(key);
    const title = Array.from({ length: 6 }, () => pick(WORDS)).join(' ');
    bib.push(
      `@article{${key},\n  author = {${author}, Jo and Second, Sam},\n  title = {${title[0]!.toUpperCase()}${title.slice(1)}},\n  journaltitle = {Journal of ${pick(WORDS)}},\n  volume = {${1 + Math.floor(rnd() * 30)}},\n  pages = {${10 + i}--${20 + i}},\n  date = {${year}},\n}\n`,
    );
  }
  const bibPath = path.join(dir, 'refs.bib');
  fs.writeFileSync(bibPath, bib.join('\n'));
  const pages: string[] = [];
  for (let p = 0; p < 100 * scale; p += 1) {
    const paragraphs: string[] = [`# Page ${p + 1}\n`];
    for (let c = 0; c < 40; c += 1) {
      const k = () => pick(keys);
      const forms = [
        () => `[@${k()}]`,
        () => `[@${k()}; @${k()}]`,
        () => `[@${k()}, p. ${1 + Math.floor(rnd() * 200)}]`,
        () => `[see @${k()}, ch. ${1 + Math.floor(rnd() * 9)}]`,
        () => `@${k()} wrote`,
      ];
      const words = Array.from({ length: 12 }, () => pick(WORDS)).join(' ');
      paragraphs.push(`The ${words} ${pick(forms)()}.\n`);
    }
    const file = path.join(dir, 'pages', `page-${String(p + 1).padStart(4, '0')}.md`);
    fs.writeFileSync(file, paragraphs.join('\n'));
    pages.push(file);
  }
  return { dir, bib: bibPath, pages };
}

/** The pages of a site written by `generate`, in order. */
export function readSite(dir: string): SyntheticSite {
  const pages = fs
    .readdirSync(path.join(dir, 'pages'))
    .filter((name) => /^page-\d+\.md$/.test(name))
    .sort()
    .map((name) => path.join(dir, 'pages', name));
  return { dir, bib: path.join(dir, 'refs.bib'), pages };
}

/** The synthetic site as a Docusaurus site, for the build and `npm start` parts. */
export interface DocusaurusSite extends SyntheticSite {
  /** The page the edits change (site-relative) and its URL path. */
  editFile: string;
  editPath: string;
  /** The entry the `.bib` edit changes, and the pages (site-relative) that cite it. */
  editKey: string;
  citing: string[];
}

/** Which pages (1-based) cite EDIT_KEY: the edited page among them. */
const CITING_PAGES = [1, 50, 100];

/**
 * The 1× site under bench/out/docusaurus-site, with a docusaurus.config.ts that, like the
 * essay's, leaves the citations plugin and its remark plugin out when
 * DIGITAL_DIVIDE_FEATURES=off (citations then stay as text). It resolves its packages from the
 * repository's node_modules, as tests/sites/second does.
 *
 * One entry is added to the generated ones, EDIT_KEY, whose author no other entry shares, so
 * that no other work's label can depend on it: cited by three pages, it is the one whose
 * `.bib` edit must re-render those three pages and no other. The first of them also carries the
 * paragraph the edits change (see edits.ts).
 */
export function docusaurusSite(): DocusaurusSite {
  const dir = path.join(OUT, 'docusaurus-site');
  const site = generate(1, dir);
  fs.appendFileSync(
    site.bib,
    `\n@article{${EDIT_KEY},\n  author = {Lindqvist, Maren},\n  title = {One work with an author of its own},\n  journaltitle = {Journal of bench edits},\n  volume = {1},\n  pages = {1--9},\n  date = {2015},\n}\n`,
  );
  const citing = CITING_PAGES.map((n) => site.pages[n - 1]!);
  addEditTarget(citing[0]!, EDIT_KEY);
  for (const page of citing.slice(1)) {
    fs.appendFileSync(page, `\nA work cited here and elsewhere [@${EDIT_KEY}].\n`);
  }
  writeFile(
    path.join(dir, 'pages/index.md'),
    '---\nslug: /\n---\n\n# The bench site\n\nA hundred pages of forty citations each.\n',
  );
  writeFile(path.join(dir, 'docusaurus.config.ts'), CONFIG);
  const relative = (file: string) => path.relative(dir, file);
  return {
    ...site,
    editFile: relative(citing[0]!),
    editPath: `/${path.basename(citing[0]!, '.md')}`,
    editKey: EDIT_KEY,
    citing: citing.map(relative),
  };
}

const CONFIG = `// Written by bench/synthetic.ts: the bench's synthetic site (see there).
import type { Config } from '@docusaurus/types';

import remarkCitations from 'docusaurus-plugin-citations/remark';
// The essay's settings (docusaurus.future.ts).
import { future } from ${JSON.stringify(path.join(ROOT, 'docusaurus.future'))};

const CITATIONS = process.env.DIGITAL_DIVIDE_FEATURES !== 'off';

const config: Config = {
  title: 'Bench site',
  url: 'https://bench.example.org',
  baseUrl: '/',
  trailingSlash: false,
  future,
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { hooks: { onBrokenMarkdownLinks: 'throw' } },
  presets: [
    [
      'classic',
      {
        docs: {
          path: 'pages',
          routeBasePath: '/',
          sidebarPath: false,
          beforeDefaultRemarkPlugins: CITATIONS ? [remarkCitations] : [],
        },
        blog: false,
        pages: false,
      },
    ],
  ],
  plugins: CITATIONS ? [['docusaurus-plugin-citations', { bibliography: 'refs.bib', style: 'apa' }]] : [],
};

export default config;
`;
