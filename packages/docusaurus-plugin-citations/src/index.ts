/**
 * docusaurus-plugin-citations: the Docusaurus plugin (the default export, with the
 * `validateOptions` Docusaurus reads from a plugin's module) and its options' types. The remark
 * plugin is `docusaurus-plugin-citations/remark`, the front-matter hook
 * `docusaurus-plugin-citations/front-matter`, the engine `docusaurus-plugin-citations/engine`.
 */
export { default, optionsInConfig, validateOptions } from './plugin';
export type { Options, PluginOptions } from './plugin';
export { resolveOptions } from './plugin/options';
