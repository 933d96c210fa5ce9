/**
 * What the engine needs to know about a site's configuration. The options a site writes, their
 * defaults and their validation are the Docusaurus plugin's (src/plugin/options.ts);
 * the engine only reads the resolved values.
 */

export type Policy = 'throw' | 'warn' | 'ignore';
export const POLICIES: readonly Policy[] = ['throw', 'warn', 'ignore'];

/** What a reader needs to cite the edition itself; set once, in the site config. */
export interface EditionMetadata {
  /** Starts the citation keys and file names of the edition's own entries ("digitaldivide"). */
  key: string;
  /** The work's title, as the whole work's citation shows it. */
  title: string;
  /** The edition as a container of its parts ("… : a cited edition"). */
  containerTitle: string;
  publisher: string;
  /** When this edition was published, YYYY-MM-DD. */
  issued: string;
  /** Where the text was first published. */
  original: { title: string; publisher: string; issued: string; url: string };
}

/** A style a reader may choose: its id (in URLs and attributes), its name, and the CSL style. */
export interface ReaderStyle {
  id: string;
  label: string;
  style: string;
}

/** The resolved options the engine reads. */
export interface CitationConfig {
  /** .bib files or folders of them, relative to the site directory. */
  bibliography: readonly string[];
  /** The default style. */
  style: string;
  /** Every style a reader may choose, the default first. */
  styles: readonly ReaderStyle[];
  locale: string;
  /** The edition's own metadata, when the site describes itself. */
  edition: EditionMetadata | undefined;
  /** The timeline's YAML file, relative to the site directory. */
  timeline: string | undefined;
  /**
   * Entries published although nothing cites them, as pandoc's `nocite`: their keys, or `['*']`
   * for every entry (see publish.ts).
   */
  nocite: readonly string[];
}

export class OptionsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OptionsError';
  }
}
