/**
 * The export formats, their file extensions and media types. On their own, without
 * dependencies, so that browser code ("Cite this") can use them too.
 */
export const EXPORT_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  bibtex: 'bib',
  ris: 'ris',
  'csl-json': 'json',
};

/** How pages name each format ("Copy BibTeX", "RIS (.ris)"). */
export const EXPORT_LABELS: Record<ExportFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
};

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  bibtex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
  'csl-json': 'application/vnd.citationstyles.csl+json',
};
