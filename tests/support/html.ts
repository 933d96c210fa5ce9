import fs from 'node:fs';
import path from 'node:path';

import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';

export { select, selectAll, toString };

/** The built HTML file behind a URL path ("/" → index.html, "/google" → google.html). */
export function htmlFileFor(buildDir: string, urlPath: string): string {
  return path.join(buildDir, urlPath === '/' ? 'index.html' : `${urlPath.replace(/^\//, '')}.html`);
}

export function readPage(buildDir: string, urlPath: string): Root {
  return fromHtml(fs.readFileSync(htmlFileFor(buildDir, urlPath), 'utf8'));
}

export function attr(element: Element | undefined, name: string): string | undefined {
  const value = element?.properties[name];
  return value === undefined || value === null
    ? undefined
    : Array.isArray(value)
      ? value.join(' ')
      : String(value);
}

/** Visible text with runs of white space collapsed. */
export function text(node: Element | Root | undefined): string {
  // Headings end with a hash link holding a zero-width space.
  return node
    ? toString(node)
        .replace(/\u200b/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    : '';
}
