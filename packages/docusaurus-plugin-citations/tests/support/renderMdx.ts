/**
 * A document rendered as the site renders it: compiled by MDX with the citations remark plugin,
 * then rendered by the plugin's theme components (with the stand-ins for Docusaurus's client
 * APIs that vitest.config.mts aliases). For the unit project only.
 */
import fs from 'node:fs';
import path from 'node:path';

import { compile } from '@mdx-js/mdx';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { prerenderToNodeStream } from 'react-dom/static';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { VFile } from 'vfile';

import type { Options } from '../../src/plugin/options';
import remarkCitations from '../../src/remark/citations';
import { registerFixtureSite, type FixtureDocument } from './fixtureSite';
import { PACKAGE } from './paths';

/** Compiled documents go here, where the test runner resolves their imports like the tests'. */
const COMPILED = path.join(PACKAGE, 'test-results/compiled');

let count = 0;

/**
 * The HTML of `source`, as the document `file` of a one-document site in `dir`; an MDX syntax
 * error rejects, as it stops Docusaurus. With `inlineDeferred`, compiled as under `npm start`.
 */
export async function renderMdx(
  dir: string,
  source: string,
  options: Options,
  { file = 'input.mdx', inlineDeferred = false }: FixtureDocument = {},
): Promise<string> {
  registerFixtureSite(dir, options, { file, inlineDeferred });
  const code = await compile(new VFile({ path: path.join(dir, file), cwd: dir, value: source }), {
    remarkPlugins: [remarkCitations, remarkFrontmatter, remarkDirective, remarkGfm],
  });
  fs.mkdirSync(COMPILED, { recursive: true });
  count += 1;
  const module = path.join(COMPILED, `${path.basename(dir)}-${process.pid}-${count}.mjs`);
  fs.writeFileSync(module, String(code));
  const { default: Content } = (await import(/* @vite-ignore */ module)) as {
    default: ComponentType;
  };
  // A document's page loads its citations' data and components when it renders (see
  // src/plugin/deferred.tsx), which a static render cannot wait for: a first render, which
  // waits, loads them, and the second finds them loaded.
  const { prelude } = await prerenderToNodeStream(createElement(Content));
  prelude.resume();
  return renderToStaticMarkup(createElement(Content));
}
