/**
 * The renderings kept between builds: one JSON file per digest (see citations/renderKey.ts) in a
 * folder under the site's `node_modules/.cache`, which `docusaurus clear` empties. A digest names
 * everything its rendering depends on, so an entry is never stale; what a build did not use is
 * removed after it (`prune`), so the folder holds one build's renderings, not every build's.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { digest } from '../citations/renderKey';
import { cacheRoot } from './environment';
import { writeWhole } from './files';

export interface RenderCache {
  /** The value kept under `key`, or undefined. */
  read<T>(key: string): T | undefined;
  /** Whether a value is kept under `key` (a later `read` may still find it cut short). */
  has(key: string): boolean;
  write(key: string, value: unknown): void;
  /** Removes what this process has neither read nor written. */
  prune(): void;
}

/**
 * Where a site's renderings are kept: under the site's node_modules/.cache, or the folder
 * CITATIONS_CACHE_DIR names (a CI cache, a test's own); there, a folder per site and plugin
 * instance, since copies of a site may share one node_modules (linked), and builds of different
 * sites must not prune each other's renderings.
 */
export function cacheDirectory(
  siteDir: string,
  pluginId: string,
  root = cacheRoot() ?? path.join(siteDir, 'node_modules/.cache/docusaurus-plugin-citations'),
): string {
  const site = digest(path.resolve(siteDir)).slice(0, 12);
  return path.join(path.resolve(siteDir, root), `${site}-${pluginId}`);
}

export function openRenderCache(dir: string): RenderCache {
  const used = new Set<string>();
  const file = (key: string) => path.join(dir, `${key}.json`);
  return {
    read<T>(key: string): T | undefined {
      let text: string;
      try {
        text = fs.readFileSync(file(key), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const value = JSON.parse(text) as T;
        used.add(key);
        return value;
      } catch {
        // Cut short (a build stopped while writing): rendered again and rewritten.
        return undefined;
      }
    },
    has(key: string): boolean {
      return fs.existsSync(file(key));
    },
    write(key: string, value: unknown): void {
      writeWhole(file(key), JSON.stringify(value));
      used.add(key);
    },
    prune(): void {
      if (!fs.existsSync(dir)) return;
      for (const name of fs.readdirSync(dir)) {
        if (!used.has(name.replace(/\.json$/, '')))
          fs.rmSync(path.join(dir, name), { force: true });
      }
    },
  };
}

/** The packages whose code renders citations: their versions are part of every digest. */
const DEPENDENCIES = [
  'citeproc',
  '@citation-js/core',
  '@citation-js/plugin-bibtex',
  '@citation-js/plugin-csl',
];

/** The version of an installed package, as its package.json says. */
function installedVersion(name: string): string {
  const load = createRequire(__filename);
  let dir = path.dirname(load.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === name) return json.version ?? '?';
    }
    const parent = path.dirname(dir);
    if (parent === dir) return '?';
    dir = parent;
  }
}

/** The versions of the rendering's dependencies, this package's first. */
export function dependencyVersions(): Record<string, string> {
  const own = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
  ) as {
    name: string;
    version: string;
  };
  return {
    [own.name]: own.version,
    ...Object.fromEntries(DEPENDENCIES.map((name) => [name, installedVersion(name)])),
  };
}

/** The digest of the engine's own code and of `versions`. */
function engineDigest(versions: Record<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(versions));
  const code = path.resolve(__dirname, '../citations');
  for (const name of fs.readdirSync(code).sort()) {
    if (/\.[jt]s$/.test(name)) hash.update(name).update(fs.readFileSync(path.join(code, name)));
  }
  return hash.digest('hex');
}

let installed: string | undefined;

/**
 * What every rendering depends on besides its data: the dependencies' versions (those installed,
 * unless `versions` are given) and the engine's own code, so that a changed engine, released or
 * not, renders everything anew.
 */
export function engineVersion(versions?: Record<string, string>): string {
  if (versions) return engineDigest(versions);
  installed ??= engineDigest(dependencyVersions());
  return installed;
}
