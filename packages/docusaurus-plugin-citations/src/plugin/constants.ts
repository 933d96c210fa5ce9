/**
 * What the plugin (Node) and the browser code (client modules, theme components) share. Nothing
 * here may import anything: both sides load it.
 */

/** localStorage key of the reader's citation style. */
export const STYLE_STORAGE_KEY = 'digital-divide-citation-style';
