/**
 * Prism, the site's `additionalLanguages` and Docusaurus's highlighting code block. Imported by
 * every document that has code (src/remark/codeHighlighter.ts), so it is part of that page's
 * modules, which Docusaurus loads before it renders the page, on the server and in the browser.
 */
import CodeBlock from '@theme-original/CodeBlock';
import prismIncludeLanguages from '@theme/prism-include-languages';
import { Prism } from 'prism-react-renderer';
import { createElement } from 'react';

import { registerHighlighting } from './registry';

prismIncludeLanguages(Prism);
registerHighlighting((props) => createElement(CodeBlock, props));
