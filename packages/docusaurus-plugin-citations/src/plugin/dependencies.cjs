/**
 * A pass-through loader that makes a compiled document depend on its stamp: a file the citations
 * plugin rewrites whenever what the document renders from besides its own text changes for it
 * (its entries, the works they share labels with, the style, the timeline's passages in it, its
 * title and front matter as the plugin read them). So `npm start` recompiles, after a .bib edit,
 * the pages citing the entry and no other. The stamp's name is the document's path relative to
 * the site, as `writeStamp` in index.ts writes it. See sourcesRule().
 */
const path = require('node:path');

module.exports = function citationSources(source) {
  const { stampsDir, siteDir } = this.getOptions();
  const name = encodeURIComponent(path.relative(siteDir, this.resourcePath));
  this.addDependency(path.join(stampsDir, `${name}.txt`));
  return source;
};
