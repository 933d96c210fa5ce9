/**
 * A pass-through loader that makes a compiled document depend on the files its citations are
 * rendered from (the .bib files and their folders, the timeline; for /print, the chapters too),
 * so that `npm start` recompiles the page when one of them changes. See sourcesRule().
 */
module.exports = function citationSources(source) {
  const { files = [], folders = [] } = this.getOptions();
  for (const file of files) this.addDependency(file);
  for (const folder of folders) this.addContextDependency(folder);
  return source;
};
