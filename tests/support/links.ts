/**
 * Every link of a built site, checked against the files of the build as a host would serve them
 * under the site's base URL: pages, assets, downloads (which Docusaurus's own checker does not
 * see when they are `pathname://` links) and the fragment each link points to.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export interface Problem {
  /** The page, as a URL path. */
  page: string;
  /** The attribute and its value, as written. */
  link: string;
  reason: string;
}

/** Any scheme-like prefix we do not serve: these are someone else's to check. */
const EXTERNAL = /^(?:mailto|tel|data|blob):/i;
const ORIGIN = 'http://site.invalid';

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/** "google.html" → "/base/google"; "index.html" → "/base/"; "a/index.html" → "/base/a/". */
function pageUrl(file: string, basePath: string): string {
  const posix = file.split(path.sep).join('/');
  const page = posix.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '');
  return `${basePath}${page}`;
}

/** The file a clean-URL host serves for a path of the build, if any. */
function fileFor(buildDir: string, pathname: string): string | undefined {
  const relative = decodeURIComponent(pathname).replace(/^\/+/, '');
  const candidates =
    relative.endsWith('/') || relative === ''
      ? [`${relative}index.html`]
      : [relative, `${relative}.html`, `${relative}/index.html`];
  return candidates
    .map((c) => path.join(buildDir, c))
    .find((f) => f.startsWith(buildDir) && fs.existsSync(f) && fs.statSync(f).isFile());
}

/** Each (attribute, value) pair that names a URL the browser would fetch or follow. */
function linksOf(tree: Root): { attribute: string; value: string }[] {
  const found: { attribute: string; value: string }[] = [];
  visit(tree, 'element', (node: Element) => {
    const p = node.properties;
    for (const name of ['href', 'src'] as const) {
      if (typeof p[name] === 'string') found.push({ attribute: name, value: p[name] });
    }
    for (const name of ['srcSet'] as const) {
      const value = p[name];
      const list = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
      for (const candidate of list.split(',').map((c) => c.trim().split(/\s+/)[0]!)) {
        if (candidate) found.push({ attribute: 'srcset', value: candidate });
      }
    }
    // The page's own address, as search engines and social previews read it.
    if (
      node.tagName === 'meta' &&
      /^(og:url|og:image|twitter:image)$/.test(String(p.property ?? p.name))
    ) {
      found.push({ attribute: `meta ${String(p.property ?? p.name)}`, value: String(p.content) });
    }
  });
  return found;
}

function idsOf(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    for (const name of ['id', 'name'] as const) {
      if (typeof node.properties[name] === 'string') ids.add(node.properties[name]);
    }
  });
  return ids;
}

/**
 * Checks every page of the build in `buildDir`, served under `basePath` ("/" or "/sub/"), whose
 * absolute address is `siteUrl` (its `url` in the config): links to that address count as the
 * site's own and are checked like the others.
 */
export function checkLinks(buildDir: string, basePath: string, siteUrl: string): Problem[] {
  const problems: Problem[] = [];
  const trees = new Map<string, Root>();
  const parse = (file: string): Root => {
    let tree = trees.get(file);
    if (!tree) {
      tree = fromHtml(fs.readFileSync(file, 'utf8'));
      trees.set(file, tree);
    }
    return tree;
  };
  const ids = new Map<string, Set<string>>();
  const idsIn = (file: string): Set<string> => {
    let set = ids.get(file);
    if (!set) {
      set = idsOf(parse(file));
      ids.set(file, set);
    }
    return set;
  };

  for (const file of htmlFiles(buildDir)) {
    const page = pageUrl(file, basePath);
    for (const { attribute, value } of linksOf(parse(path.join(buildDir, file)))) {
      const problem = (reason: string) =>
        problems.push({ page, link: `${attribute}="${value}"`, reason });
      if (/^pathname:/i.test(value)) {
        problem('a pathname:// link reached the HTML');
        continue;
      }
      if (/^\s*(javascript|vbscript):/i.test(value)) {
        problem('a script URL');
        continue;
      }
      if (EXTERNAL.test(value)) continue;
      const own = value.startsWith(siteUrl.replace(/\/$/, '') + '/')
        ? value.slice(siteUrl.replace(/\/$/, '').length)
        : value;
      const url = new URL(own, ORIGIN + page);
      if (url.origin !== ORIGIN) continue;
      if (!`${url.pathname}/`.startsWith(basePath)) {
        problem(`outside the base URL ${basePath}`);
        continue;
      }
      const target = fileFor(buildDir, url.pathname.slice(basePath.length - 1));
      if (!target) {
        problem('no such file in the build');
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !idsIn(target).has(fragment)) {
        problem(
          `no element with id "${fragment}" on ${pageUrl(path.relative(buildDir, target), basePath)}`,
        );
      }
    }
  }
  return problems;
}
