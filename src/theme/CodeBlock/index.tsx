/**
 * Code blocks without Prism on pages that have no code (see src/plugins/leanTheme). A document
 * with code imports the highlighter (src/remark/codeHighlighter.ts), which registers Docusaurus's
 * own code block; Docusaurus loads a page's modules before it renders or hydrates the page, so
 * such a page is highlighted on the server and in the browser alike. Code on a page that does
 * not import `src/components/CodeHighlight/highlighter` (a React page, say) shows plain.
 */
import type { Props } from '@theme/CodeBlock';
import type { ReactNode } from 'react';

import { renderHighlighted } from '../../components/CodeHighlight/registry';

export default function CodeBlock(props: Props): ReactNode {
  return (
    renderHighlighted(props) ?? (
      <pre className={props.className}>
        <code>{props.children}</code>
      </pre>
    )
  );
}
