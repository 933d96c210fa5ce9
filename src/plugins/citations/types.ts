// Data the citations plugin hands to the pages it creates. Type-only: shared by the plugin
// (Node) and the React components (browser).
import type { ElementContent } from 'hast';

export interface CitedIn {
  title: string;
  /** The entry in that chapter's reference list. */
  href: string;
}

export interface BibliographyEntryData {
  key: string;
  /** The entry's id, the same on every page that lists it. */
  id: string;
  content: ElementContent[];
  /** "Copy BibTeX" and "Download .bib". */
  actions: ElementContent;
  /** OpenURL ContextObject for a COinS span. */
  coins: string;
  citedIn: CitedIn[];
}

export interface BibliographyPageData {
  title: string;
  hangingIndent: boolean;
  cited: BibliographyEntryData[];
  uncited: BibliographyEntryData[];
}

/** Per-page citation metadata, exported by each MDX document as `citationMeta`. */
export interface CitationMeta {
  /** Highwire Press tags, name and content, in order. */
  highwire: [string, string][];
  /** The page as a schema.org Article, with the works it cites. */
  jsonLd: Record<string, unknown>;
  /** "Cite this chapter" (or "… essay" on the introduction). */
  cite?: {
    heading: string;
    formatted: ElementContent[];
    text: string;
    bibtex: string;
    ris: string;
    /** Base name for the downloaded files. */
    fileName: string;
  };
}
