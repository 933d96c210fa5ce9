/**
 * Highlighted rendering of a code block, once a page's modules have brought it
 * (./highlighter.ts). Kept apart from the highlighter so that the site's code block can ask for
 * it without importing Prism.
 */
import type { Props } from '@theme/CodeBlock';
import type { ReactNode } from 'react';

type Render = (props: Props) => ReactNode;

let highlighted: Render | undefined;

export function registerHighlighting(render: Render): void {
  highlighted = render;
}

/** The highlighted code block for `props`, or undefined while no highlighter is loaded. */
export function renderHighlighted(props: Props): ReactNode {
  return highlighted?.(props);
}
