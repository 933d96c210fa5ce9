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

// Only the style loader at the top: our engine changes how citeproc lower-cases (see
// packages/docusaurus-plugin-citations/src/citations/citeproc.ts), and rehype-citation's
// process must run citeproc as it ships.
import { loadStyle } from '../packages/docusaurus-plugin-citations/src/citations/csl';

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

/**
 * Ours, as the site does it: the .bib read once, every page parsed and checked (the site
 * plugin's pass), the site's cited works registered once, then each page rendered in APA.
 */
async function ours(site: SyntheticSite): Promise<number> {
  const { createLibrary, createScope, findCitations, parseMdx, renderDocument } =
    await import('../packages/docusaurus-plugin-citations/src/citations');
  const start = performance.now();
  const library = createLibrary([{ file: 'refs.bib', text: fs.readFileSync(site.bib, 'utf8') }]);
  const style = loadStyle('apa', 'en-US', ROOT);
  const pages = site.pages.map((page) => {
    const source = fs.readFileSync(page, 'utf8');
    return findCitations(parseMdx(source), source, page, library).citations;
  });
  const scope = createScope(
    library,
    pages.flatMap((citations) => citations.flatMap((c) => c.items.map((i) => i.key))),
  );
  for (const citations of pages) renderDocument(scope, style, citations);
  return performance.now() - start;
}

/**
 * rehype-citation in one unified processor, as a site would run it, with our APA style. Its
 * built-in "apa" is another revision of the style (2022, 38 macros against 99), so it would not
 * be the same work. The style is registered once under a name, through the citation-js the
 * package exports: given a file path instead, rehype-citation registers it anew for every page
 * and so builds a new citeproc engine each time, which would make it look slower than it is.
 */
async function rehypeCitation(site: SyntheticSite): Promise<number> {
  const { default: plugin, Cite } = (await import('rehype-citation')) as unknown as {
    default: (options: Record<string, unknown>) => unknown;
    Cite: {
      plugins: {
        config: { get(name: '@csl'): { templates: { add(name: string, xml: string): void } } };
      };
    };
  };
  const style = 'bench-apa';
  Cite.plugins.config.get('@csl').templates.add(style, loadStyle('apa', 'en-US', ROOT).xml);
  const start = performance.now();
  const processor = unified()
    .use(remarkParse)
    .use(remarkRehype)
    .use(plugin as never, {
      path: site.dir,
      bibliography: path.basename(site.bib),
      csl: style,
      lang: 'en-US',
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
  const ms = tool === 'ours' ? await ours(site) : await rehypeCitation(site);
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
