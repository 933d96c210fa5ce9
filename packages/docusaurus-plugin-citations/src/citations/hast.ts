/**
 * citeproc speaks HTML strings; everything after it speaks trees. This is the one place where
 * the HTML is parsed, and where anything a .bib file could smuggle in is cut down to the few
 * inline elements a reference needs. Links survive only with web addresses (see safety.ts).
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';

import { restoreBrackets } from './bibtex';
import { webUrl } from './safety';
import { toText } from './toText';

/** Marks citeproc's per-item wrapper (see render.ts); removed before anything reaches a page. */
export const ITEM_MARKER = 'dataCiteItem';

const SCHEMA: Schema = {
  tagNames: ['a', 'b', 'br', 'div', 'em', 'i', 'span', 'strong', 'sub', 'sup'],
  attributes: {
    a: ['href'],
    div: [['className', /^csl-[a-z-]+$/]],
    span: [['className', /^(csl-[a-z-]+|nocase)$/], ITEM_MARKER],
  },
  protocols: { href: ['http', 'https'] },
  strip: ['script', 'style'],
  clobber: [],
};

// citeproc's inline styles, as classes: pages need no inline style attribute.
const STYLE_CLASSES: [RegExp, string][] = [
  [/font-variant:\s*small-caps/, 'csl-small-caps'],
  [/font-style:\s*normal/, 'csl-no-italic'],
  [/font-weight:\s*normal/, 'csl-no-bold'],
  [/text-decoration:\s*underline/, 'csl-underline'],
  [/vertical-align:\s*sup/, 'csl-superscript'],
];

function styleToClass(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const style = child.properties.style;
    if (typeof style === 'string') {
      const classes = STYLE_CLASSES.filter(([pattern]) => pattern.test(style)).map(([, c]) => c);
      delete child.properties.style;
      if (classes.length > 0) child.properties.className = classes;
    }
    styleToClass(child);
  }
}

/**
 * Keeps a link only where it shows a web address and goes exactly there. citeproc links any URL
 * field (and turns what it takes for a DOI into a doi.org address) by writing the address into
 * an attribute unescaped: a "javascript:" URL, or a DOI with a quote that cuts the attribute
 * short, is shown as text instead.
 */
function unwrapDeadLinks(node: Root | Element): void {
  node.children = (node.children as ElementContent[]).flatMap((child): ElementContent[] => {
    // Positions in citeproc's output string mean nothing to a reader, and would ship to pages.
    delete child.position;
    if (child.type === 'text') return [{ ...child, value: restoreBrackets(child.value) }];
    if (child.type !== 'element') return [child];
    unwrapDeadLinks(child);
    if (child.tagName !== 'a') return [child];
    const href = child.properties.href;
    const address = typeof href === 'string' ? webUrl(restoreBrackets(href)) : undefined;
    if (!address || address !== toText(child.children)) return child.children;
    child.properties.href = address;
    return [child];
  });
}

/** Parses citeproc output into safe hast content. */
export function citeprocHtmlToHast(html: string): ElementContent[] {
  const tree = fromHtml(html, { fragment: true });
  styleToClass(tree);
  const clean = sanitize(tree, SCHEMA) as Root;
  unwrapDeadLinks(clean);
  return clean.children.filter(
    (c) => c.type === 'element' || c.type === 'text',
  ) as ElementContent[];
}

export function h(
  tagName: string,
  properties: Element['properties'],
  children: ElementContent[] = [],
): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): ElementContent {
  return { type: 'text', value };
}

export { toText } from './toText';
