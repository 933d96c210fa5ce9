/**
 * Makes a document that has a code block import the code highlighter, so that Prism comes with
 * the pages that show code and with no others (see src/plugins/leanTheme).
 */
import path from 'node:path';

import type { Root } from 'mdast';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { visit, EXIT } from 'unist-util-visit';

const HIGHLIGHTER = path.resolve(__dirname, '../components/CodeHighlight/highlighter.ts');

/** `import 'source'`, as a tree (MDX compiles its estree, not its text). */
function sideEffectImport(source: string): MdxjsEsm {
  return {
    type: 'mdxjsEsm',
    value: '',
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [],
            attributes: [],
            source: { type: 'Literal', value: source },
          },
        ],
      },
    },
  };
}

function hasCode(tree: Root): boolean {
  let found = false;
  visit(tree, 'code', () => {
    found = true;
    return EXIT;
  });
  return found;
}

export default function remarkCodeHighlighter() {
  return (tree: Root): void => {
    if (hasCode(tree)) tree.children.unshift(sideEffectImport(HIGHLIGHTER));
  };
}
