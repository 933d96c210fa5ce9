/**
 * The text of a tree, as a reader would read (and copy) it. On its own, without dependencies,
 * so that browser code (the "Cite this" box) can use it too.
 */
import type { ElementContent } from 'hast';

export function toText(nodes: readonly ElementContent[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? n.value : n.type === 'element' ? toText(n.children) : ''))
    .join('');
}
