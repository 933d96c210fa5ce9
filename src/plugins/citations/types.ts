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
  citedIn: CitedIn[];
}

export interface BibliographyPageData {
  title: string;
  hangingIndent: boolean;
  cited: BibliographyEntryData[];
  uncited: BibliographyEntryData[];
}
