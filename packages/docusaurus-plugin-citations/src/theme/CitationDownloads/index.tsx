/**
 * "Download these references: BibLaTeX (.bib, for biber) · BibTeX (.bib, for classic bibtex) ·
 * RIS (.ris)": files the plugin wrote.
 */
import { useBaseUrlUtils } from '@docusaurus/useBaseUrl';
import { Fragment, type ReactNode } from 'react';

import { DOWNLOAD_LABELS, type ExportFormat } from '../../citations/formats';

export interface Props {
  /** What the files hold: "Download these references". */
  intro: string;
  /** Each file: its format and its path under the site's base URL. */
  files: readonly { format: ExportFormat; path: string }[];
}

export default function CitationDownloads({ intro, files }: Props): ReactNode {
  const { withBaseUrl } = useBaseUrlUtils();
  if (files.length === 0) return null;
  return (
    <p className="references-downloads">
      {`${intro}: `}
      {files.map(({ format, path }, i) => (
        <Fragment key={path}>
          {i > 0 && ' · '}
          <a href={withBaseUrl(`/${path}`)} download={path.slice(path.lastIndexOf('/') + 1)}>
            {DOWNLOAD_LABELS[format]}
          </a>
        </Fragment>
      ))}
    </p>
  );
}
