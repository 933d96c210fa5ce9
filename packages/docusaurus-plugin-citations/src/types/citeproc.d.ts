// citeproc-js (the `citeproc` package) ships no type declarations; these cover what we call.

declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
    wrapCitationEntry?(str: string, itemId: string, locatorTxt: string, suffixTxt: string): string;
  }
  interface CitationItem {
    id: string;
    prefix?: string;
    suffix?: string;
    locator?: string;
    label?: string;
    'suppress-author'?: boolean;
    'author-only'?: boolean;
  }
  interface Citation {
    citationID: string;
    citationItems: CitationItem[];
    properties: { noteIndex: number; mode?: 'composite' | 'author-only' | 'suppress-author' };
  }
  interface BibliographyParams {
    entry_ids: string[][];
    bibstart: string;
    bibend: string;
    'second-field-align': false | 'flush' | 'margin';
    hangingindent: boolean | number;
  }
  /** Which registry entries a bibliography lists: any item whose `field` equals `value`. */
  interface BibliographySelection {
    include?: { field: string; value: string }[];
  }
  /** citeproc's registry of items and citations. */
  interface Registry {
    citationreg: unknown;
    /**
     * Each registered item's token: its disambiguation (year letter, names), list number and
     * ambiguity group (the key of `ambigcites`).
     */
    registry: Record<string, { disambig: unknown; seq: number; ambig: string }>;
    /** Each ambiguity group's items: works whose citations look alike before disambiguation. */
    ambigcites: Record<string, string[]>;
    /** The registered items in the bibliography's order. */
    getSortedIds(): string[];
  }
  interface Engine {
    opt: {
      development_extensions: Record<string, boolean | number>;
      xclass: 'in-text' | 'note';
    };
    citation: { opt: { layout_prefix?: string; layout_suffix?: string } };
    bibliography: { opt: Record<string, unknown> };
    registry: Registry;
    /** Scratch state of the processor, and the disambiguator bound to the registry. */
    tmp: unknown;
    disambiguate: unknown;
    updateItems(ids: string[]): void;
    updateUncitedItems(ids: string[]): void;
    /** With ASSUME_ALL_ITEMS_REGISTERED, renders against the registry as it stands. */
    processCitationCluster(
      citation: Citation,
      citationsPre: [string, number][],
      citationsPost: [string, number][],
      flag?: number,
    ): [unknown, [number, string, string?][]];
    rebuildProcessorState(
      citations: Citation[],
      mode?: 'html' | 'text' | 'rtf',
      uncitedItemIDs?: string[],
    ): [string, number, string][];
    makeBibliography(selection?: BibliographySelection): [BibliographyParams, string[]] | false;
  }
  interface EngineConstructor {
    new (sys: Sys, style: string, lang?: string, forceLang?: boolean): Engine;
    prototype: Engine;
  }
  const CSL: {
    Engine: EngineConstructor & { Tmp: new () => unknown };
    Registry: { new (state: Engine): Registry; CitationReg: new (state: Engine) => unknown };
    Disambiguation: new (state: Engine) => unknown;
    ASSUME_ALL_ITEMS_REGISTERED: number;
  };
  export default CSL;
  export type { Citation, CitationItem, Engine, Sys, BibliographyParams, BibliographySelection };
}
