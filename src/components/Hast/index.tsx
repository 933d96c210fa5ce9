/**
 * Renders the small trees the citation engine produces (formatted references, entry actions).
 * Only known elements and attributes pass; React escapes every text and attribute, so a .bib
 * field can never become markup here. A link keeps its address only when it is a web address
 * (the engine's `webUrl`), a place on the page, or one of our export files.
 */
import Link from '@docusaurus/Link';
import type { ElementContent } from 'hast';
import type { ReactNode } from 'react';

import { webUrl } from '../../citations/safety';

const ELEMENTS = new Set([
  'a',
  'b',
  'br',
  'button',
  'div',
  'em',
  'i',
  'li',
  'span',
  'strong',
  'sub',
  'sup',
  'ul',
]);

// hast property name → React prop name.
const ATTRIBUTES: Record<string, string> = {
  id: 'id',
  className: 'className',
  href: 'href',
  download: 'download',
  type: 'type',
  ariaLabel: 'aria-label',
  ariaHidden: 'aria-hidden',
  ariaExpanded: 'aria-expanded',
  dataFile: 'data-file',
  dataCopyText: 'data-copy-text',
  dataCopyLink: 'data-copy-link',
  dataCopyDone: 'data-copy-done',
  dataKey: 'data-key',
  dataCites: 'data-cites',
  dataStyle: 'data-style',
  dataDefaultStyle: 'data-default-style',
};

// Only the engine's ordering properties ("--order-apa: 3; --order-vancouver: 1").
function orderStyle(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'string') return undefined;
  const entries = [...value.matchAll(/(--order-[a-z0-9-]+):\s*(\d+)/g)].map((m) => [m[1]!, m[2]!]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

// Our own export files: pathname:// marks a file, not a page (see Link).
const EXPORT_FILE = /^pathname:\/\/\/references\/[\w./-]+$/;

function allowedHref(href: string): boolean {
  return href.startsWith('#') || EXPORT_FILE.test(href) || webUrl(href) !== undefined;
}

function render(node: ElementContent, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || !ELEMENTS.has(node.tagName)) return null;
  const props: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.properties)) {
    const prop = ATTRIBUTES[name];
    if (!prop || value === undefined || value === null || value === false) continue;
    props[prop] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  if (props.href !== undefined && !allowedHref(props.href)) {
    delete props.href;
  }
  const style = orderStyle(node.properties.style);
  if (node.tagName === 'a' && props.href?.startsWith('pathname://')) {
    // Link puts the site's base URL in front, as it does for these links in MDX.
    const { href, ...rest } = props;
    return (
      <Link key={key} to={href} {...rest} style={style}>
        {node.children.map(render)}
      </Link>
    );
  }
  const Tag = node.tagName as 'span';
  return (
    <Tag key={key} {...props} style={style}>
      {node.children.map(render)}
    </Tag>
  );
}

export default function Hast({ nodes }: { nodes: readonly ElementContent[] }): ReactNode {
  return <>{nodes.map(render)}</>;
}
