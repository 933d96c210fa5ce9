/**
 * The options an editor may set in docusaurus.config.ts, validated once. Shared by the remark
 * plugin, the Docusaurus plugin and the `cite` command so that all three read them the same way.
 */

export type Policy = 'throw' | 'warn' | 'ignore';
export const POLICIES: readonly Policy[] = ['throw', 'warn', 'ignore'];

/** What a reader needs to cite the edition itself; set once, in the site config. */
export type EditionMetadata = {
  /** The work's title, as the introduction's citation shows it. */
  title: string;
  /** The edition as a container of its chapters ("… : a cited edition"). */
  containerTitle: string;
  publisher: string;
  /** When this edition was published, YYYY-MM-DD. */
  issued: string;
  /** The site's address, without a trailing slash. */
  url: string;
  /** Where the text was first published. */
  original: { title: string; publisher: string; issued: string; url: string };
};

/** A style a reader may choose: its id (in URLs and attributes), its name, and the CSL style. */
export type ReaderStyle = { id: string; label: string; style: string };

// A type, not an interface, so that it fits where Docusaurus expects plugin options.
export type CitationOptions = {
  /** .bib files or folders of them, relative to the site directory. */
  bibliography?: string | readonly string[];
  /** A bundled CSL style name (see `listStyles()`) or a path to a .csl file. */
  style?: string;
  /**
   * Styles a reader can switch between, all rendered at build time. `style` is the default
   * and is added first if missing. Default: only `style`.
   */
  styles?: readonly ReaderStyle[];
  /** A bundled CSL locale (see `listLocales()`) or a path to a locales-xx-XX.xml file. */
  locale?: string;
  /** Unknown keys, malformed citations, duplicate keys and malformed BibTeX. */
  onBrokenCitations?: Policy;
  /** Entries that no document cites (and `nocite` does not name): said once, in one line. */
  onUncitedEntries?: Policy;
  /**
   * Entries to publish on /bibliography and in the exports although no document cites them, as
   * pandoc's `nocite`: their keys, or `['*']` for every entry. Default: none, so that the site
   * publishes what it cites.
   */
  nocite?: readonly string[];
  /** The heading of each document's reference list. */
  referencesTitle?: string;
  /** The edition's own metadata: "Cite this chapter", Highwire and schema.org tags. */
  edition?: EditionMetadata;
  /** A YAML file of dated events for /timeline, relative to the site. */
  timeline?: string;
};

export interface ResolvedCitationOptions {
  bibliography: readonly string[];
  style: string;
  /** The default style first. */
  styles: readonly ReaderStyle[];
  locale: string;
  onBrokenCitations: Policy;
  onUncitedEntries: Policy;
  nocite: readonly string[];
  referencesTitle: string;
  edition: EditionMetadata | undefined;
  timeline: string | undefined;
}

export const DEFAULT_OPTIONS: ResolvedCitationOptions = {
  bibliography: ['bibliography'],
  style: 'apa',
  styles: [],
  locale: 'en-US',
  onBrokenCitations: 'throw',
  onUncitedEntries: 'warn',
  nocite: [],
  referencesTitle: 'References',
  edition: undefined,
  timeline: undefined,
};

export class OptionsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OptionsError';
  }
}

const KNOWN_OPTIONS = Object.keys(DEFAULT_OPTIONS);

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

function nonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OptionsError(
      `Citation option "${name}" must be a non-empty string; got ${describe(value)}.`,
    );
  }
  return value;
}

function policy(name: string, value: unknown): Policy {
  if (!POLICIES.includes(value as Policy)) {
    throw new OptionsError(
      `Citation option "${name}" must be one of ${POLICIES.map((p) => `"${p}"`).join(', ')}; got ${describe(value)}.`,
    );
  }
  return value as Policy;
}

/**
 * Checks the shape of the options and fills in defaults. Whether the style and locale exist is
 * checked where they are loaded (`loadStyle`), since that needs the file system.
 */
export function validateOptions(options: unknown = {}): ResolvedCitationOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionsError(`Citation options must be an object; got ${describe(options)}.`);
  }
  for (const name of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(name)) {
      throw new OptionsError(
        `Unknown citation option "${name}"; the options are ${KNOWN_OPTIONS.map((o) => `"${o}"`).join(', ')}.`,
      );
    }
  }
  const merged = { ...DEFAULT_OPTIONS, ...(options as CitationOptions) };
  const bibliography =
    typeof merged.bibliography === 'string' ? [merged.bibliography] : merged.bibliography;
  if (!Array.isArray(bibliography) || bibliography.length === 0) {
    throw new OptionsError(
      `Citation option "bibliography" must be a path or a non-empty list of paths; got ${describe(merged.bibliography)}.`,
    );
  }
  const style = nonEmptyString('style', merged.style);
  return {
    bibliography: bibliography.map((p, i) => nonEmptyString(`bibliography[${i}]`, p)),
    style,
    styles: readerStyles(style, merged.styles),
    locale: nonEmptyString('locale', merged.locale),
    onBrokenCitations: policy('onBrokenCitations', merged.onBrokenCitations),
    onUncitedEntries: policy('onUncitedEntries', merged.onUncitedEntries),
    nocite: nocite(merged.nocite),
    referencesTitle: nonEmptyString('referencesTitle', merged.referencesTitle),
    edition: merged.edition === undefined ? undefined : edition(merged.edition),
    timeline:
      merged.timeline === undefined ? undefined : nonEmptyString('timeline', merged.timeline),
  };
}

function nocite(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new OptionsError(
      `Citation option "nocite" must be a list of citation keys, or ["*"] for every entry; got ${describe(value)}.`,
    );
  }
  return value.map((key: unknown, i) => nonEmptyString(`nocite[${i}]`, key));
}

function readerStyles(style: string, value: unknown): ReaderStyle[] {
  if (!Array.isArray(value)) {
    throw new OptionsError(`Citation option "styles" must be a list; got ${describe(value)}.`);
  }
  const styles = value.map((v: unknown, i): ReaderStyle => {
    const s = (v ?? {}) as Record<string, unknown>;
    const id = nonEmptyString(`styles[${i}].id`, s.id);
    if (!/^[a-z][a-z0-9-]*$/.test(id)) {
      throw new OptionsError(
        `Citation option "styles[${i}].id" must be lower-case letters, digits and "-"; got ${describe(id)}.`,
      );
    }
    return {
      id,
      label: nonEmptyString(`styles[${i}].label`, s.label),
      style: nonEmptyString(`styles[${i}].style`, s.style),
    };
  });
  const ids = styles.map((s) => s.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new OptionsError(`Citation option "styles" lists the id "${twice}" twice.`);
  const main = styles.find((s) => s.style === style);
  const fallback = { id: style.replace(/[^a-z0-9-]+/gi, '-').toLowerCase(), label: style, style };
  return main ? [main, ...styles.filter((s) => s !== main)] : [fallback, ...styles];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEB_ADDRESS = /^https?:\/\/[^\s]+[^/\s]$/;

function edition(value: unknown): EditionMetadata {
  if (typeof value !== 'object' || value === null) {
    throw new OptionsError(`Citation option "edition" must be an object; got ${describe(value)}.`);
  }
  const e = value as Record<string, unknown>;
  const field = (name: string, v: unknown, pattern?: RegExp, what?: string): string => {
    const s = nonEmptyString(`edition.${name}`, v);
    if (pattern && !pattern.test(s)) {
      throw new OptionsError(
        `Citation option "edition.${name}" must be ${what}; got ${describe(v)}.`,
      );
    }
    return s;
  };
  const original = (e.original ?? {}) as Record<string, unknown>;
  return {
    title: field('title', e.title),
    containerTitle: field('containerTitle', e.containerTitle),
    publisher: field('publisher', e.publisher),
    issued: field('issued', e.issued, ISO_DATE, 'a date written YYYY-MM-DD'),
    url: field('url', e.url, WEB_ADDRESS, 'an http(s) address without a trailing slash'),
    original: {
      title: field('original.title', original.title),
      publisher: field('original.publisher', original.publisher),
      issued: field('original.issued', original.issued, ISO_DATE, 'a date written YYYY-MM-DD'),
      url: field('original.url', original.url, /^https?:\/\/\S+$/, 'an http(s) address'),
    },
  };
}
