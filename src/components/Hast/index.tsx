/**
 * Renders the small, sanitized hast trees the citation engine produces (formatted references:
 * text, emphasis, spans with classes, http(s) links). React escapes every text node, so a .bib
 * field can never become markup here.
 */
import type { ElementContent } from 'hast';
import type { ReactNode } from 'react';

const ALLOWED = new Set(['a', 'b', 'br', 'div', 'em', 'i', 'span', 'strong', 'sub', 'sup']);

function classNameOf(value: unknown): string | undefined {
  return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : undefined;
}

function render(node: ElementContent, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || !ALLOWED.has(node.tagName)) return null;
  const Tag = node.tagName as 'span';
  const href = node.properties.href;
  const props: Record<string, string> = {};
  const className = classNameOf(node.properties.className);
  if (className) props.className = className;
  if (node.tagName === 'a' && typeof href === 'string' && /^https?:/.test(href)) props.href = href;
  return (
    <Tag key={key} {...props}>
      {node.children.map(render)}
    </Tag>
  );
}

export default function Hast({ nodes }: { nodes: readonly ElementContent[] }): ReactNode {
  return <>{nodes.map(render)}</>;
}
