/**
 * One timing of the citation stage, in a process of its own: `tsx bench/stage.ts ours|rehype-citation
 * <site dir>` prints `{"ms": …}`. `npm run bench` runs every tool and scale this way, so that no
 * run inherits another's heap, caches or JIT state (pandoc gets a fresh process per page anyway).
 * The clock starts once the modules are loaded, and includes reading the .bib and building
 * citeproc engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

import {
  createLibrary,
  findCitations,
  loadStyle,
  parseMdx,
  renderDocument,
} from '../src/citations';

const ROOT = path.resolve(__dirname, '..');

export interface SyntheticSite {
  dir: string;
  bib: string;
  pages: string[];
}

function readSite(dir: string): SyntheticSite {
  const pages = fs
    .readdirSync(path.join(dir, 'pages'))
    .sort()
    .map((name) => path.join(dir, 'pages', name));
  return { dir, bib: path.join(dir, 'refs.bib'), pages };
}

/** Ours: the .bib read once, then each page parsed, checked and rendered in APA. */
function ours(site: SyntheticSite): number {
  const start = performance.now();
  const library = createLibrary([{ file: 'refs.bib', text: fs.readFileSync(site.bib, 'utf8') }]);
  const style = loadStyle('apa', 'en-US', ROOT);
  for (const page of site.pages) {
    const source = fs.readFileSync(page, 'utf8');
    const { citations } = findCitations(parseMdx(source), source, page, library);
    renderDocument(library, style, citations);
  }
  return performance.now() - start;
}

/** rehype-citation in one unified processor, as a site would run it. */
async function rehypeCitation(site: SyntheticSite): Promise<number> {
  const { default: plugin } = (await import('rehype-citation')) as {
    default: (options: Record<string, unknown>) => unknown;
  };
  const start = performance.now();
  const processor = unified()
    .use(remarkParse)
    .use(remarkRehype)
    .use(plugin as never, {
      path: site.dir,
      bibliography: path.basename(site.bib),
      csl: 'apa',
      linkCitations: true,
    })
    .use(rehypeStringify);
  for (const page of site.pages) await processor.process(fs.readFileSync(page, 'utf8'));
  return performance.now() - start;
}

async function main(): Promise<void> {
  const [tool, dir] = process.argv.slice(2);
  if (!dir || (tool !== 'ours' && tool !== 'rehype-citation')) {
    throw new Error('usage: tsx bench/stage.ts ours|rehype-citation <site dir>');
  }
  const site = readSite(dir);
  const ms = tool === 'ours' ? ours(site) : await rehypeCitation(site);
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
