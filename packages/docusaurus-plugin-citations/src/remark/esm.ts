/**
 * MDX nodes built as trees (never as source text to be parsed again): the imports, exports and
 * JSX elements our remark plugins add to a document.
 */
import { valueToEstree } from 'estree-util-value-to-estree';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import type { Expression } from 'estree';

type EsmStatement = NonNullable<NonNullable<MdxjsEsm['data']>['estree']>['body'][number];

function esmNode(statement: EsmStatement): MdxjsEsm {
  return {
    type: 'mdxjsEsm',
    value: '',
    data: { estree: { type: 'Program', sourceType: 'module', body: [statement] } },
  };
}

/** `export const name = init`, for an estree expression `init`. */
function exportConst(name: string, init: Expression): MdxjsEsm {
  return esmNode({
    type: 'ExportNamedDeclaration',
    specifiers: [],
    attributes: [],
    source: null,
    declaration: {
      type: 'VariableDeclaration',
      kind: 'const',
      declarations: [{ type: 'VariableDeclarator', id: { type: 'Identifier', name }, init }],
    },
  });
}

/** `export const name = value`. */
export function esmExport(name: string, value: unknown): MdxjsEsm {
  return exportConst(name, valueToEstree(value));
}

/** `export const name = () => body`. */
function arrowExport(name: string, body: Expression): MdxjsEsm {
  return exportConst(name, {
    type: 'ArrowFunctionExpression',
    params: [],
    expression: true,
    async: false,
    generator: false,
    body,
  });
}

/** `export const name = () => import('source')`: a module loaded only when asked for. */
export function lazyExport(name: string, source: string): MdxjsEsm {
  return arrowExport(name, {
    type: 'ImportExpression',
    source: { type: 'Literal', value: source },
  });
}

/**
 * `export const name = () => Promise.resolve({ default: value })`: what `lazyExport` gives, with
 * the module's value in this module.
 */
export function loadedExport(name: string, value: unknown): MdxjsEsm {
  return arrowExport(name, {
    type: 'CallExpression',
    optional: false,
    callee: {
      type: 'MemberExpression',
      object: { type: 'Identifier', name: 'Promise' },
      property: { type: 'Identifier', name: 'resolve' },
      computed: false,
      optional: false,
    },
    arguments: [valueToEstree({ default: value })],
  });
}

/** `import 'source'`, for the module's side effects. */
export function sideEffectImport(source: string): MdxjsEsm {
  return esmNode({
    type: 'ImportDeclaration',
    specifiers: [],
    attributes: [],
    source: { type: 'Literal', value: source },
  });
}

/** `import name from 'source'`. */
export function defaultImport(name: string, source: string): MdxjsEsm {
  return esmNode({
    type: 'ImportDeclaration',
    specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
    attributes: [],
    source: { type: 'Literal', value: source },
  });
}

/** A prop whose value is a name the document binds (an import or an export), not a literal. */
export class Binding {
  constructor(readonly name: string) {}
}

/**
 * `<Name prop={value} …>children</Name>`: an MDX JSX element whose props are literals of the
 * given values (strings as plain attributes, anything else as an expression tree).
 */
export function jsxElement<T extends MdxJsxTextElement | MdxJsxFlowElement>(
  type: T['type'],
  name: string,
  props: object,
  children: T['children'] = [],
): T {
  const attributes = Object.entries(props).map(([prop, value]): MdxJsxAttribute => ({
    type: 'mdxJsxAttribute',
    name: prop,
    value:
      typeof value === 'string'
        ? value
        : {
            type: 'mdxJsxAttributeValueExpression',
            value: '',
            data: {
              estree: {
                type: 'Program',
                sourceType: 'module',
                body: [
                  {
                    type: 'ExpressionStatement',
                    expression:
                      value instanceof Binding
                        ? { type: 'Identifier', name: value.name }
                        : valueToEstree(value),
                  },
                ],
              },
            },
          },
  }));
  return { type, name, attributes, children } as T;
}
