/**
 * MDX ESM nodes built as trees (never as source text to be parsed again): what our remark plugins
 * add to a document's module.
 */
import { valueToEstree } from 'estree-util-value-to-estree';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';

type EsmStatement = NonNullable<NonNullable<MdxjsEsm['data']>['estree']>['body'][number];

function esmNode(statement: EsmStatement): MdxjsEsm {
  return {
    type: 'mdxjsEsm',
    value: '',
    data: { estree: { type: 'Program', sourceType: 'module', body: [statement] } },
  };
}

/** `export const name = value`. */
export function esmExport(name: string, value: unknown): MdxjsEsm {
  return esmNode({
    type: 'ExportNamedDeclaration',
    specifiers: [],
    attributes: [],
    source: null,
    declaration: {
      type: 'VariableDeclaration',
      kind: 'const',
      declarations: [
        {
          type: 'VariableDeclarator',
          id: { type: 'Identifier', name },
          init: valueToEstree(value),
        },
      ],
    },
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
