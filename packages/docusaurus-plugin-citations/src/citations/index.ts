/**
 * The citation engine: pure TypeScript on citation-js and citeproc-js, with no Docusaurus or
 * React in it. The remark plugin, the Docusaurus plugin and the `cite` command are glue around it.
 */
export * from './diagnostics';
export * from './options';
export * from './csl';
export * from './bibtex';
export * from './library';
export * from './syntax';
export * from './document';
export * from './casing';
export * from './items';
export * from './render';
export * from './renderKey';
export * from './hast';
export * from './site';
export * from './publish';
export * from './export';
export * from './metadata';
export * from './timeline';
export * from './safety';
