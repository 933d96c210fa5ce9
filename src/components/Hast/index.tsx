/**
 * Renders the small trees the citation engine produces (formatted references, entry actions).
 * Only known elements and attributes pass; React escapes every text and attribute, so a .bib
 * field can never become markup here.
 */
import type { ElementContent } from 'hast';
import type { ReactNode } from 'react';

const ELEMENTS = new Set([
  'a',
  'b',
  'br',
  'button',
  'div',
  'em',
  'i',
  'span',
  'strong',
  'sub',
  'sup',
]);

// hast property name → React prop name.
const ATTRIBUTES: Record<string, string> = {
  className: 'className',
  href: 'href',
  download: 'download',
  type: 'type',
  ariaLabel: 'aria-label',
  ariaHidden: 'aria-hidden',
  dataCopyText: 'data-copy-text',
  dataCopyDone: 'data-copy-done',
};

// Web addresses, and the data: downloads of our own exports.
const SAFE_HREF = /^(https?:\/\/|data:application\/(x-bibtex|x-research-info-systems)[;,])/;

function render(node: ElementContent, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || !ELEMENTS.has(node.tagName)) return null;
  const props: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.properties)) {
    const prop = ATTRIBUTES[name];
    if (!prop || value === undefined || value === null || value === false) continue;
    props[prop] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  if (props.href !== undefined && !SAFE_HREF.test(props.href)) delete props.href;
  const Tag = node.tagName as 'span';
  return (
    <Tag key={key} {...props}>
      {node.children.map(render)}
    </Tag>
  );
}

export default function Hast({ nodes }: { nodes: readonly ElementContent[] }): ReactNode {
  return <>{nodes.map(render)}</>;
}
