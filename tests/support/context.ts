import fs from 'node:fs';
import path from 'node:path';

import { optionsInConfig, resolveOptions } from 'docusaurus-plugin-citations';
import {
  findCitations,
  loadContext,
  parseMdx,
  type FoundCitation,
} from 'docusaurus-plugin-citations/engine';

import config from '../../docusaurus.config';
import { ROOT } from './paths';

/** The site's library, styles and timeline, loaded with the options the site is built with. */
export const siteContext = loadContext(resolveOptions(optionsInConfig(config, ROOT)), ROOT);

/** The citations of a page's source file (a path relative to the repository). */
export function citationsIn(source: string): FoundCitation[] {
  const text = fs.readFileSync(path.join(ROOT, source), 'utf8');
  return findCitations(parseMdx(text), text, source, siteContext.library).citations;
}

/** The keys a page cites, each once. */
export function citedKeysIn(source: string): string[] {
  return [...new Set(citationsIn(source).flatMap((c) => c.items.map((i) => i.key)))];
}
