/**
 * Formatted text from the citation engine (citeproc's output, already made safe by the engine's
 * one sanitiser, src/citations/hast.ts) as React elements. No element or attribute is filtered
 * here; property names are only spelled the way React wants them. A link keeps its address only
 * when it is a place on the page or a web address by the engine's one rule (`webUrl`): a
 * swizzled engine or a hand-made tree cannot slip another scheme past this renderer. Links
 * within the page go through Link, so that the build checks that their targets exist.
 */
import Link from '@docusaurus/Link';
import type { ElementContent, Properties } from 'hast';
import { createElement, type ReactNode } from 'react';

import { webUrl } from '../../citations/safety';

/** hast property names ("dataStyle", "className") as React props ("data-style", "className"). */
function propsOf(properties: Properties): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    const prop = /^(data|aria)[A-Z]/.test(name)
      ? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
      : name;
    props[prop] = Array.isArray(value) ? value.join(' ') : value === true ? '' : String(value);
  }
  return props;
}

function render(node: ElementContent, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return null;
  const props = propsOf(node.properties);
  if (props.href !== undefined && !props.href.startsWith('#') && !webUrl(props.href)) {
    delete props.href;
  }
  const children = node.children.length > 0 ? node.children.map(render) : undefined;
  if (node.tagName === 'a' && props.href?.startsWith('#')) {
    return (
      <Link key={key} {...props}>
        {children}
      </Link>
    );
  }
  return createElement(node.tagName, { key, ...props }, children);
}

export interface Props {
  nodes: readonly ElementContent[];
}

export default function CitationFormatted({ nodes }: Props): ReactNode {
  return <>{nodes.map(render)}</>;
}
