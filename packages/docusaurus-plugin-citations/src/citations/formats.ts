/**
 * The export formats, how their files are named and their media types. On their own, without
 * dependencies, so that browser code ("Cite this") can use them too.
 */
export const EXPORT_FORMATS = ['biblatex', 'bibtex', 'ris', 'csl-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What ends a file's name: both BibTeX dialects are .bib files, so the name says which one it
 * is (`bibliography-biblatex.bib`, `bibliography-bibtex.bib`).
 */
export const EXPORT_SUFFIXES: Record<ExportFormat, string> = {
  biblatex: '-biblatex.bib',
  bibtex: '-bibtex.bib',
  ris: '.ris',
  'csl-json': '.json',
};

/** The format's name for readers ("Copy BibTeX", "RIS (.ris)"). */
export const EXPORT_LABELS: Record<ExportFormat, string> = {
  biblatex: 'BibLaTeX',
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
};

/** How a download link names a file of the format, with what reads it where that is not plain. */
export const DOWNLOAD_LABELS: Record<ExportFormat, string> = {
  biblatex: 'BibLaTeX (.bib, for biber)',
  bibtex: 'BibTeX (.bib, for classic bibtex)',
  ris: 'RIS (.ris)',
  'csl-json': 'CSL-JSON (.json)',
};

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  biblatex: 'application/x-bibtex',
  bibtex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
  'csl-json': 'application/vnd.citationstyles.csl+json',
};
