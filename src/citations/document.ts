/**
 * Citations in one Markdown/MDX document: where they are in the tree and in the file, and what
 * is wrong with them. The remark plugin, the Docusaurus plugin and the `cite` command all read
 * documents through here, on the tree the site itself compiles.
 */
import type { Nodes, Parent, Root, RootContent, Text } from 'mdast';
import type {} from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { load as parseYaml } from 'js-yaml';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { visitParents } from 'unist-util-visit-parents';

import { placeOfOffset, type Diagnostic } from './diagnostics';
import { suggestKey, type Library } from './library';
import { scanCitations, type CitationMatch } from './syntax';

export interface FoundCitation extends CitationMatch {
  /** The text node the citation sits in, and where that node is. */
  node: Text;
  parent: Parent;
  /** 1-based place of the citation's first character in the file. */
  line: number;
  column: number;
  /** False when a key is unknown: such a citation is shown as written, marked unresolved. */
  resolved: boolean;
}

export interface DocumentCitations {
  citations: FoundCitation[];
  diagnostics: Diagnostic[];
}

// Text under these nodes is never a citation: link text and URLs, code, and raw HTML or JSX
// attribute values (which are not text nodes anyway).
const OPAQUE = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html', 'definition']);

const KEY_SO_FAR = /(?:^|[^\p{L}\p{N}_.+/@\\-])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*$/u;

/**
 * remark-directive reads ":name" as a directive, so a key such as "news:tiktok/2019" arrives as
 * text, a directive and text. Docusaurus turns unused directives back into text, but only after
 * this plugin has run; directives that continue a key are turned back here.
 */
function rejoinKeys(tree: Root): void {
  visit(tree, (node: Nodes) => {
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    for (let i = 1; i < children.length; i += 1) {
      const directive = children[i]!;
      const before = children[i - 1]!;
      if (
        directive.type !== 'textDirective' ||
        directive.children.length > 0 ||
        Object.keys(directive.attributes ?? {}).length > 0 ||
        before.type !== 'text' ||
        !KEY_SO_FAR.test(before.value)
      ) {
        continue;
      }
      const after = children[i + 1];
      const last = after?.type === 'text' ? after : directive;
      before.value += `:${directive.name}${after?.type === 'text' ? after.value : ''}`;
      if (before.position && last.position) before.position.end = last.position.end;
      children.splice(i, after?.type === 'text' ? 2 : 1);
      i -= 1;
    }
  });
}

/**
 * MDX's compiler lifts JSX that stands alone in a paragraph out of it (`<p className="x">…</p>`
 * on a line of its own is a block, not inline text). Plugins in Docusaurus see that tree, so
 * ours does too.
 */
function unravelJsxParagraphs(tree: Root): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined) return;
    const jsx = node.children.filter(
      (c) => c.type === 'mdxJsxTextElement' || c.type === 'mdxTextExpression',
    );
    const onlyJsx = node.children.every(
      (c) =>
        jsx.includes(c as (typeof jsx)[number]) || (c.type === 'text' && c.value.trim() === ''),
    );
    if (jsx.length === 0 || !onlyJsx) return;
    const flow = jsx.map((c) =>
      c.type === 'mdxJsxTextElement'
        ? { ...c, type: 'mdxJsxFlowElement' }
        : { ...c, type: 'mdxFlowExpression' },
    );
    (parent.children as RootContent[]).splice(index, 1, ...(flow as RootContent[]));
    return index;
  });
}

/** Parses MDX into the tree Docusaurus's remark plugins see. */
export function parseMdx(source: string): Root {
  const tree = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkFrontmatter)
    .use(remarkDirective)
    .use(remarkGfm)
    .parse(source);
  unravelJsxParagraphs(tree);
  return tree;
}

/** The front matter of a parsed document (its YAML block), or {} when it has none. */
export function frontMatterOf(tree: Root): Record<string, unknown> {
  const yaml = tree.children.find((n) => n.type === 'yaml');
  const parsed = yaml && 'value' in yaml ? parseYaml(yaml.value) : undefined;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/**
 * Finds the citations of a document and checks their keys against the library.
 * `file` is the path shown in messages; `source` the file's text, used for exact positions
 * (a text node's value has lost escapes and indentation, the source has not).
 */
export function findCitations(
  tree: Root,
  source: string,
  file: string,
  library: Library,
): DocumentCitations {
  const citations: FoundCitation[] = [];
  const diagnostics: Diagnostic[] = [];
  rejoinKeys(tree);

  visitParents(tree, 'text', (node, ancestors) => {
    if (ancestors.some((a) => OPAQUE.has(a.type))) return;
    if (!node.value.includes('@')) return;
    const { citations: matches, problems } = scanCitations(node.value);
    const locate = locator(node, source);
    for (const problem of problems) {
      diagnostics.push({
        file,
        ...locate(problem.offset, ''),
        ruleId: 'malformed-citation',
        message: problem.message,
      });
    }
    for (const match of matches) {
      const unknown = match.items.filter((item) => !library.entries.has(item.key));
      const suggestions = unknown.map((item) => suggestKey(library, item.key));
      // A narrative "@name" that is no key and close to none is a handle, not a citation.
      if (match.narrative && unknown.length > 0 && !suggestions[0]) continue;
      unknown.forEach((item, i) => {
        diagnostics.push({
          file,
          ...locate(item.offset, `@${item.key}`),
          ruleId: 'unknown-key',
          message:
            `Unknown citation key "${item.key}"` +
            (suggestions[i] ? `; did you mean "${suggestions[i]}"?` : ''),
        });
      });
      citations.push({
        ...match,
        node,
        parent: ancestors.at(-1)!,
        ...locate(match.start, node.value.slice(match.start, match.end)),
        resolved: unknown.length === 0,
      });
    }
  });
  return { citations, diagnostics };
}

/**
 * Maps offsets in a text node's value to places in the file. Citation text is plain (no
 * escapes), so it is found verbatim in the source from the node's start; if it is not (an
 * entity inside a key, say), the node's own start is the best place to show.
 */
function locator(node: Text, source: string) {
  const start = node.position?.start;
  return (offset: number, raw: string): { line: number; column: number } => {
    if (!start || start.offset === undefined) return { line: 1, column: 1 };
    const end = node.position?.end.offset ?? source.length;
    const slice = source.slice(start.offset, end);
    // The n-th occurrence of `raw` before `offset` in the value is the n-th in the source.
    const needle = raw || node.value.slice(offset, offset + 1);
    let nth = 0;
    for (
      let i = node.value.indexOf(needle);
      i !== -1 && i < offset;
      i = node.value.indexOf(needle, i + 1)
    ) {
      nth += 1;
    }
    let at = -1;
    for (let k = 0, i = slice.indexOf(needle); i !== -1; i = slice.indexOf(needle, i + 1), k += 1) {
      if (k === nth) {
        at = i;
        break;
      }
    }
    if (at === -1) return { line: start.line, column: start.column };
    return placeOfOffset(source, start.offset + at);
  };
}
