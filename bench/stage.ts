/**
 * One timing of the citation stage, in a process of its own:
 * `tsx bench/stage.ts ours|rehype-citation <site dir> [threads]` prints `{"ms": …}`. `npm run
 * bench` runs every tool and scale this way, so that no run inherits another's heap, caches or
 * JIT state (pandoc gets a fresh process per page anyway). The clock starts once the modules are
 * loaded, and includes reading the .bib and building citeproc engines (in each worker thread
 * too, and the threads' own start, module loading included).
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
import type { CitationConfig } from '../packages/docusaurus-plugin-citations/src/citations';

import { ROOT } from './common';
import { readSite, type SyntheticSite } from './synthetic';

/** The site's options, as the plugin resolves them: APA only, as the other tools render. */
const CONFIG: CitationConfig = {
  bibliography: ['refs.bib'],
  style: 'apa',
  styles: [{ id: 'apa', label: 'APA', style: 'apa' }],
  locale: 'en-US',
  edition: undefined,
  timeline: undefined,
  nocite: [],
};

/**
 * Ours, as the site does it: the .bib read once and every page parsed and checked (the site
 * plugin's pass), the site's cited works registered once as its scope, then each page rendered
 * (`renderInStyles`), in this thread (`threads` = 0) or in a pool of worker threads, each of
 * which reads the library and registers the scope itself, as the plugin's pool does.
 */
async function ours(site: SyntheticSite, threads: number): Promise<number> {
  const engine = await import('../packages/docusaurus-plugin-citations/src/citations');
  const createRenderPool =
    threads > 0
      ? (await import('../packages/docusaurus-plugin-citations/src/plugin/renderPool'))
          .createRenderPool
      : undefined;
  const start = performance.now();
  const context = engine.loadContext(CONFIG, site.dir);
  const documents = site.pages.map((page) => {
    const source = fs.readFileSync(page, 'utf8');
    return engine
      .findCitations(engine.parseMdx(source), source, page, context.library)
      .citations.map((c) => ({ items: c.items, narrative: c.narrative }));
  });
  const scope = engine.createScope(
    context.library,
    documents.flatMap((clusters) => clusters.flatMap((c) => c.items.map((i) => i.key))),
    [],
  );
  if (!createRenderPool) {
    for (const clusters of documents) engine.renderInStyles(context, scope, clusters);
    return performance.now() - start;
  }
  const pool = createRenderPool({ threads, config: CONFIG, siteDir: site.dir, scope: scope.keys });
  try {
    await Promise.all(documents.map((clusters) => pool.render(clusters)));
    return performance.now() - start;
  } finally {
    await pool.close();
  }
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
  const [tool, dir, threads = '0'] = process.argv.slice(2);
  if (!dir || (tool !== 'ours' && tool !== 'rehype-citation')) {
    throw new Error('usage: tsx bench/stage.ts ours|rehype-citation <site dir> [threads]');
  }
  const site = readSite(dir);
  const ms = tool === 'ours' ? await ours(site, Number(threads)) : await rehypeCitation(site);
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
