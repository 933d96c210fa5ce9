// Data the citations plugin hands to the pages it creates. Type-only: shared by the plugin
// (Node) and the React components (browser).
import type { ElementContent } from 'hast';

export interface CitedIn {
  title: string;
  /** The entry in that chapter's reference list. */
  href: string;
}

/** Something rendered in one of the styles a reader may choose. */
export interface StyledContent {
  style: string;
  content: ElementContent[];
}

export interface BibliographyEntryData {
  key: string;
  /** The entry's id, the same on every page that lists it. */
  id: string;
  /** The entry in each style, the default first. */
  variants: StyledContent[];
  /** Its place (1-based) in each style's order. */
  order: Record<string, number>;
  /** "(archived)" (web sources only). */
  archive: ElementContent[];
  /** "Cite ▾", which opens the entry's actions (copy or download its own .bib). */
  actions: ElementContent;
  /** OpenURL ContextObject for a COinS span. */
  coins: string;
  citedIn: CitedIn[];
}

export interface BibliographyPageData {
  title: string;
  styles: { id: string; label: string }[];
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
  /** The passage of the chapter that tells the event. */
  href: string;
  chapterTitle: string;
  /** The event's citation (`span.citation`), or null. */
  citation: ElementContent | null;
}

export interface TimelinePageData {
  styles: { id: string; label: string }[];
  events: TimelineEventData[];
  /** The reference list of the works the events cite. */
  references: ElementContent | null;
}
