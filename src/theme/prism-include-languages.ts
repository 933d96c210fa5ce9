/**
 * The essay has no code, so Prism gets no languages beyond prism-react-renderer's own. Docusaurus's
 * version of this module requires a context of every `prismjs/components` file it might load
 * for `themeConfig.prism.additionalLanguages`, and with it Prism's 23 KB list of components, on
 * every page. Add languages here (with `require('prismjs/components/prism-<lang>')`) if code
 * blocks ever need them.
 */
export default function prismIncludeLanguages(): void {}
