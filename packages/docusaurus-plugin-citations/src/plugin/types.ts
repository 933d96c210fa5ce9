// Data the citations plugin hands to the pages and components it renders. Type-only: shared by
// the plugin (Node) and the theme components (browser).
import type { EntryData, ClusterData, StyledContent } from '../citations/render';
import type { ExportFormat } from '../citations/formats';

export type { ClusterData, EntryData, StyledContent };

/** A style a reader may choose, as the style switcher lists it. */
export interface StyleChoice {
  id: string;
  label: string;
}

/** A file the plugin wrote: its format and its path under the site's base URL. */
export interface DownloadData {
  format: ExportFormat;
  path: string;
}

/** How the plugin's words name the work and its documents. */
export interface TermsData {
  work: string;
  part: string;
  parts: string;
  site: string;
}

export interface CitedIn {
  title: string;
  /** The entry in that document's reference list. */
  href: string;
}

export interface BibliographyEntryData extends EntryData {
  /** OpenURL ContextObject for a COinS span. */
  coins: string;
  /** The documents that cite it, in reading order. */
  citedIn: CitedIn[];
}

export interface BibliographyPageData {
  title: string;
  /** Said under the description (the site's `bibliographyNote`), or null. */
  note: string | null;
  terms: TermsData;
  styles: StyleChoice[];
  /** The whole bibliography's files. */
  downloads: DownloadData[];
  cited: BibliographyEntryData[];
  uncited: BibliographyEntryData[];
}

/** Per-page citation metadata, exported by each MDX document as `citationMeta`. */
export interface CitationMeta {
  /** Highwire Press tags, name and content, in order. */
  highwire: [string, string][];
  /** The page as a schema.org Article, with the works it cites. */
  jsonLd: Record<string, unknown>;
  /**
   * "Cite this chapter" (or "… essay" on the site's home page). Not in the page's export: the
   * remark plugin moves it to the document's deferred data (src/plugin/deferred.tsx), and
   * leaves `citeThis` to say the page has one.
   */
  citeThis?: boolean;
  cite?: {
    heading: string;
    /** The citation in each style, the default first. */
    formatted: StyledContent[];
    biblatex: string;
    bibtex: string;
    ris: string;
    /** Base name for the downloaded files. */
    fileName: string;
  };
}

export interface TimelineEventData {
  id: string;
  /** ISO date, as precise as known. */
  date: string;
  /** The date for reading ("1 August 2018"). */
  dateLabel: string;
  title: string;
  /** The passage of the document that tells the event. */
  href: string;
  chapterTitle: string;
  /** The event's citation, or null. */
  citation: ClusterData | null;
}

export interface TimelinePageData {
  title: string;
  referencesTitle: string;
  terms: TermsData;
  styles: StyleChoice[];
  events: TimelineEventData[];
  /** The works the events cite. */
  references: EntryData[];
}

/** What the print edition's title page names besides its title (dates as a reader writes them). */
export interface TitlePage {
  subtitle?: string;
  original?: { publisher: string; date: string; url: string };
  edition?: { title: string; date: string; url: string };
}

export interface PrintPageData {
  title: string;
  /** On paper, the first page. */
  titlePage: TitlePage;
  description: string;
  /** Said under the title: what the page holds and how to print it. */
  note: string;
  referencesTitle: string;
  styles: StyleChoice[];
  /** The documents, in reading order; their compiled MDX comes as the route's `chapters`. */
  chapters: { name: string; title: string; permalink: string }[];
  /** Every work the documents cite, in the default style's order, linked back to each citation. */
  entries: EntryData[];
}
