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

import { CitationError, placeOfOffset, type Diagnostic } from './diagnostics';
import type { CslStyle } from './csl';
import { suggestKey, type Library } from './library';
import { renderClusters, type Scope } from './render';
import { toText } from './toText';
import { scanCitations, type CitationMatch } from './syntax';

declare module 'mdast' {
  interface TextData {
    /**
     * Offsets in `value` of characters the source escapes (`\@`, `&#64;`): text, never citation
     * syntax. Set by `parseMdx`, which knows the node's own source; a tree assembled from several
     * files (the print edition) keeps what each file said.
     */
    literal?: number[];
  }
}

export interface FoundCitation extends CitationMatch {
  /** The text node the citation sits in, and where that node is. */
  node: Text;
  parent: Parent;
  /** 1-based place of the citation's first character in the file. */
  line: number;
  column: number;
  /** Offsets of the citation as written in the source, when they are known. */
  sourceStart?: number;
  sourceEnd?: number;
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
// Nor is text inside these JSX elements: code and links written as HTML (`<code>[@key]</code>`),
// and Docusaurus's own code block and link components.
const OPAQUE_JSX = new Set(['a', 'code', 'kbd', 'pre', 'samp', 'CodeBlock', 'Link']);

function isOpaque(node: Nodes): boolean {
  if (OPAQUE.has(node.type)) return true;
  return (
    (node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') &&
    OPAQUE_JSX.has(node.name ?? '')
  );
}

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

/**
 * Parses MDX into the tree Docusaurus's remark plugins see. A syntax error (an HTML comment, an
 * `<https://…>` autolink, a stray `{`) throws a `CitationError` at `file:line:col`.
 */
export function parseMdx(source: string, file = ''): Root {
  let tree: Root;
  try {
    tree = unified()
      .use(remarkParse)
      .use(remarkMdx)
      .use(remarkFrontmatter)
      .use(remarkDirective)
      .use(remarkGfm)
      .parse(source);
  } catch (error) {
    throw new CitationError([mdxSyntaxDiagnostic(error, source, file)], { cause: error });
  }
  unravelJsxParagraphs(tree);
  visit(tree, 'text', (node) => {
    if (!/[@[\];]/.test(node.value)) return;
    const literal = sourceMap(node, source)?.literal ?? [];
    node.data = { ...node.data, literal };
  });
  return tree;
}

/** What the MDX parser threw, as a diagnostic at the place it names, with advice where we have it. */
function mdxSyntaxDiagnostic(error: unknown, source: string, file: string): Diagnostic {
  const e = error as { reason?: unknown; message?: unknown; line?: unknown; column?: unknown };
  const reason = String(e.reason ?? e.message ?? error);
  // Some errors give their place only in the text: "Expected a closing tag for `<div>` (1:1-1:6)".
  const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
  let line = typeof e.line === 'number' ? e.line : Number(inText?.[1] ?? 1);
  let column = typeof e.column === 'number' ? e.column : Number(inText?.[2] ?? 1);
  let message = `MDX syntax error: ${reason}`;
  const offset = offsetOfPlace(source, line, column);
  const brace = /closing brace for `\{`/.test(reason) ? unclosedBrace(source, offset) : undefined;
  if (brace !== undefined) {
    // The parser reports the end of the paragraph; the editor needs the "{" that opened it.
    ({ line, column } = placeOfOffset(source, brace));
    message = `MDX syntax error: "{" starts an expression that no "}" closes; to write a brace as text, escape it: "\\{"`;
  } else if (/expression/.test(reason)) {
    message += '; to write a brace as text, escape it: "\\{"';
  } else if (!reason.includes('(note:') && isAutolink(source, offset)) {
    message += '; an autolink such as <https://…> is not MDX: write [text](url) or the bare URL';
  }
  return { file, line, column, ruleId: 'mdx-syntax', message };
}

function offsetOfPlace(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = source.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return Math.min(source.length, offset + column - 1);
}

/** The first "{" still open at `offset`, in the paragraph that `offset` ends. */
function unclosedBrace(source: string, offset: number): number | undefined {
  const before = source.slice(0, offset);
  const blank = [...before.matchAll(/\n[ \t]*\n/g)].at(-1);
  const open: number[] = [];
  for (let i = blank ? blank.index + blank[0].length : 0; i < before.length; i += 1) {
    if (before[i - 1] === '\\') continue;
    if (before[i] === '{') open.push(i);
    else if (before[i] === '}') open.pop();
  }
  return open[0];
}

/** Whether the "<" before `offset` on its line opens `<scheme:…>` or `<name@host>`. */
function isAutolink(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const open = source.lastIndexOf('<', offset);
  if (open < lineStart) return false;
  return /^<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/i.test(source.slice(open));
}

/** The front matter of a parsed document (its YAML block), or {} when it has none. */
export function frontMatterOf(tree: Root): Record<string, unknown> {
  const yaml = tree.children.find((n) => n.type === 'yaml');
  const parsed = yaml && 'value' in yaml ? parseYaml(yaml.value) : undefined;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/**
 * A document's citations and problems, from its text: what `cite check` and `cite list` report.
 * A document that is not valid MDX has one problem, the syntax error, and no citations.
 */
export function readDocument(
  source: string,
  file: string,
  library: Library,
): DocumentCitations & { tree?: Root } {
  let tree: Root;
  try {
    tree = parseMdx(source, file);
  } catch (error) {
    if (error instanceof CitationError)
      return { citations: [], diagnostics: [...error.diagnostics] };
    throw error;
  }
  return { tree, ...findCitations(tree, source, file, library) };
}

/**
 * The document's source with each citation written as the reader sees it, in plain text
 * ("Doe (2020) argues"), for what Docusaurus derives from the source itself (the excerpt that
 * becomes a page's meta description). Unknown keys stay as written, as on the page; a document
 * that is not valid MDX comes back unchanged (its error is reported where documents are checked).
 * `scope` gives the labels, as on the page: `scopeOf` gets the keys this document cites.
 */
export function citationsAsText(
  source: string,
  file: string,
  library: Library,
  style: CslStyle,
  scopeOf: (cited: readonly string[]) => Scope,
): string {
  const resolved = readDocument(source, file, library).citations.filter((c) => c.resolved);
  if (resolved.length === 0) return source;
  // The whole document is rendered, so that positions are the page's own.
  const { clusters } = renderClusters(
    scopeOf(resolved.flatMap((c) => c.items.map((i) => i.key))),
    style,
    resolved,
  );
  let text = source;
  for (let i = resolved.length - 1; i >= 0; i -= 1) {
    const { sourceStart, sourceEnd } = resolved[i]!;
    if (sourceStart === undefined || sourceEnd === undefined) continue;
    text = text.slice(0, sourceStart) + toText(clusters[i]!) + text.slice(sourceEnd);
  }
  return text;
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
    if (ancestors.some(isOpaque)) return;
    if (!node.value.includes('@')) return;
    const map = sourceMap(node, source);
    const literal = node.data?.literal ?? map?.literal ?? [];
    const { citations: matches, problems } = scanCitations(node.value, new Set(literal));
    const locate = locator(node, source, map);
    for (const problem of problems) {
      diagnostics.push({
        file,
        ...locate(problem.offset),
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
          ...locate(item.offset),
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
        ...locate(match.start),
        ...(map
          ? { sourceStart: map.starts[match.start], sourceEnd: map.ends[match.end - 1] }
          : {}),
        resolved: unknown.length === 0,
      });
    }
  });
  return { citations, diagnostics };
}

/**
 * Where each character of a text node's value is written in the source. The value has lost
 * escapes (`\@`), character references (`&#64;`) and, across lines, indentation and container
 * markers (`> `); everything else is verbatim, so the two are walked side by side. Undefined
 * when the node has no position or the walk fails (a value that is not this source's).
 */
function sourceMap(
  node: Text,
  source: string,
): { starts: number[]; ends: number[]; literal: number[] } | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  const { value } = node;
  const starts: number[] = [];
  const ends: number[] = [];
  const literal: number[] = [];
  let j = from;
  for (let i = 0; i < value.length;) {
    if (j >= to) return undefined;
    const c = source[j]!;
    if (c === '\\' && source[j + 1] === value[i] && ASCII_PUNCTUATION.test(value[i]!)) {
      starts.push(j);
      ends.push(j + 2);
      literal.push(i);
      i += 1;
      j += 2;
      continue;
    }
    if (c === '&') {
      CHARACTER_REFERENCE.lastIndex = j;
      const ref = CHARACTER_REFERENCE.exec(source)?.[0];
      if (ref && !value.startsWith(ref, i)) {
        // One code point: one or two UTF-16 units of the value.
        const units = value.codePointAt(i)! > 0xffff ? 2 : 1;
        for (let k = 0; k < units; k += 1) {
          starts.push(j);
          ends.push(j + ref.length);
          literal.push(i + k);
        }
        i += units;
        j += ref.length;
        continue;
      }
    }
    if (c === value[i]) {
      starts.push(j);
      ends.push(j + 1);
      i += 1;
    }
    j += 1;
  }
  return { starts, ends, literal };
}

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** Maps offsets in a text node's value to places in the file (the node's start if unknown). */
function locator(node: Text, source: string, map: ReturnType<typeof sourceMap>) {
  const start = node.position?.start;
  return (offset: number): { line: number; column: number } => {
    const at = map?.starts[offset];
    if (at !== undefined) return placeOfOffset(source, at);
    return start ? { line: start.line, column: start.column } : { line: 1, column: 1 };
  };
}
