/**
 * What the remark plugin needs to know about the site it compiles for: the plugin's resolved
 * options, where the site is served and its documents. Docusaurus gives a remark plugin no way
 * to hear from a site plugin, so the citations plugin leaves it here, keyed by site directory,
 * and the remark plugin (which runs in the same process, inside the MDX loader) looks a file's
 * site up by its path. The map lives on globalThis so that two copies of this module (a config
 * importing the plugin and the remark plugin by different paths) still share it.
 */
import path from 'node:path';

import type { SiteDocument } from './documents';
import type { PluginOptions } from './options';
import type { Renderer } from './renderer';

export interface SiteState {
  siteDir: string;
  /** The site's `baseUrl`, with a slash at each end. */
  baseUrl: string;
  /** The site's `url`: scheme and host, maybe a path, without the base URL. */
  siteUrl: string;
  options: PluginOptions;
  /** Every document, by its source as Docusaurus names it ("@site/docs/google.mdx"). */
  documents: ReadonlyMap<string, SiteDocument>;
  /**
   * The keys of the site's scope (see `siteScope`), in order: what every page is labelled
   * against. Empty until the site's documents are known.
   */
  scope: readonly string[];
  /**
   * The folders (absolute) the site's docs and blog plugins read, as its config names them: what
   * gives a scope before Docusaurus has loaded the documents (see frontMatter.ts).
   */
  contentFolders?: readonly string[];
  /**
   * Where the remark plugin writes what a document's page loads only when the browser renders
   * it (see src/plugin/deferred.tsx): one JSON file per document, unless `inlineDeferred`.
   */
  deferredDir: string;
  /**
   * Whether pages carry their deferred data in their own module instead: under `npm start`
   * (NODE_ENV other than "production"), where no server HTML exists to defer to. A file written
   * while the bundler compiles the page that imports it makes the bundler's watcher compile
   * again: a citation edit would show one compile later than a plain-text edit.
   */
  inlineDeferred: boolean;
  /**
   * Where documents' renderings come from (renderer.ts): absent, the remark plugin renders each
   * itself (a page compiled on its own, as in the fixture tests).
   */
  renderer?: Renderer;
}

/**
 * A value kept on globalThis under `name`, made by `make` the first time it is asked for: the
 * same for every copy of this package's modules in the process (a config and the remark plugin
 * importing them by different paths, the plugin loaded afresh when Docusaurus reloads the config).
 */
export function processWide<T>(name: string, make: () => T): T {
  const key = Symbol.for(`docusaurus-plugin-citations.${name}`);
  const holder = globalThis as Record<symbol, unknown>;
  holder[key] ??= make();
  return holder[key] as T;
}

const sites = () => processWide('sites', () => new Map<string, SiteState>());

/** Records (or replaces) what is known about a site; called as the plugin learns it. */
export function registerSite(state: SiteState): void {
  sites().set(path.resolve(state.siteDir), state);
}

/** The site a file belongs to: the registered site whose directory holds it most closely. */
export function siteOfFile(file: string): SiteState | undefined {
  const absolute = path.resolve(file);
  let best: SiteState | undefined;
  for (const [dir, state] of sites()) {
    const inside = absolute === dir || absolute.startsWith(dir + path.sep);
    if (inside && (!best || dir.length > best.siteDir.length)) best = state;
  }
  return best;
}
