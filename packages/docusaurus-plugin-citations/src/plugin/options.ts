/**
 * The plugin's options: what a site may write in its config (`Options`, all optional), what the
 * plugin works with (`PluginOptions`, defaults filled in), the defaults, and the one Joi schema
 * that turns the first into the second. Docusaurus validates them once, through
 * `validateOptions` (exported from the plugin module, as @docusaurus/plugin-sitemap does); the
 * `cite` command, which runs without Docusaurus, calls `resolveOptions`, which does the same.
 */
import { Joi, normalizePluginOptions } from '@docusaurus/utils-validation';
import type { OptionValidationContext } from '@docusaurus/types';
import type { ValidationError, ValidationErrorItem } from 'joi';

import {
  OptionsError,
  POLICIES,
  type CitationConfig,
  type EditionMetadata,
  type Policy,
  type ReaderStyle,
} from '../citations/options';

/** How the plugin names the kinds of page it writes about ("Cite this chapter", …). */
export interface Terms {
  /** The whole work: "essay" in "Cite this essay" and "works cited in the essay". */
  work: string;
  /** One document: "chapter" in "Cite this chapter". */
  part: string;
  /** Documents: "chapters" in "with the chapters that cite each". */
  parts: string;
  /** The site as a whole: "edition" in "works cited in this edition". */
  site: string;
}

export interface PrintOptions {
  /** The page's path under the base URL. */
  path: string;
  /** Its title; by default the edition's title, or the site's. */
  title: string | undefined;
  /** Under the title on its title page. */
  subtitle: string | undefined;
  /** The docs plugin instance whose documents it prints. */
  docsPluginId: string;
}

/** The options as the plugin uses them: every default filled in. */
export interface PluginOptions extends CitationConfig {
  id: string;
  onBrokenCitations: Policy;
  onUncitedEntries: Policy;
  referencesTitle: string;
  /** The site bibliography's path under the base URL. */
  bibliographyPath: string;
  /** The timeline's path under the base URL (when `timeline` names a file). */
  timelinePath: string;
  /** A note shown on the bibliography page under its description, or none. */
  bibliographyNote: string | undefined;
  /** The print edition, or false for none. */
  print: PrintOptions | false;
  terms: Terms;
  /** Worker threads that render documents; 0 renders them in the build's own thread. */
  renderThreads: number;
}

/** What a site may write in its config: every option may be left out. */
export type Options = {
  /** .bib files or folders of them, relative to the site directory. */
  bibliography?: string | string[];
  /** The default CSL style: a bundled name, a .csl file or an npm package that exports one. */
  style?: string;
  /** Styles a reader may switch between, all rendered at build time; `style` comes first. */
  styles?: ReaderStyle[];
  /** A bundled CSL locale or a locales-xx-XX.xml file. */
  locale?: string;
  /** Unknown keys, malformed citations, duplicate keys, malformed BibTeX, timeline mistakes. */
  onBrokenCitations?: Policy;
  /** Entries that nothing cites and `nocite` does not name: said once, in one line. */
  onUncitedEntries?: Policy;
  /**
   * Entries to publish on the bibliography page and in the exports although nothing cites them,
   * as pandoc's `nocite`: their keys, or `['*']` for every entry. By default the site publishes
   * what it cites.
   */
  nocite?: string[];
  /** The heading of each document's reference list. */
  referencesTitle?: string;
  /** The edition's own metadata, for "Cite this", Highwire and schema.org tags. */
  edition?: Omit<EditionMetadata, 'key' | 'original'> & {
    key?: string;
    original: EditionMetadata['original'];
  };
  /** A YAML file of dated events, relative to the site directory; it adds the timeline page. */
  timeline?: string;
  bibliographyPath?: string;
  timelinePath?: string;
  bibliographyNote?: string;
  /** true, or the print edition's settings; false (the default) for none. */
  print?: boolean | Partial<PrintOptions>;
  terms?: Partial<Terms>;
  /**
   * Worker threads that render documents while the bundler compiles; 0 (the default) renders
   * them in the build's own thread.
   */
  renderThreads?: number;
};

export const DEFAULT_OPTIONS = {
  id: 'default',
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
  bibliographyPath: 'bibliography',
  timelinePath: 'timeline',
  bibliographyNote: undefined,
  print: false,
  terms: { work: 'site', part: 'page', parts: 'pages', site: 'site' },
  // Measured on two cores, threads make builds slower (see the README): off unless asked for.
  renderThreads: 0,
} as const satisfies PluginOptions;

const DEFAULT_PRINT: PrintOptions = {
  path: 'print',
  title: undefined,
  subtitle: undefined,
  docsPluginId: 'default',
};

// What each option must be, in the words of the error messages ("must be …").
const EXPECTED = {
  'string.base': 'a string',
  'string.empty': 'a non-empty string',
  'array.base': 'a list',
  'array.min': 'a non-empty list',
  'array.includes': 'a list of non-empty strings',
  'object.base': 'an object',
  'boolean.base': 'true or false',
  'number.base': 'a number',
  'number.integer': 'a whole number',
  'number.min': 'at least {#limit}',
};

/** One wording for whatever is wrong with an option that takes several forms. */
const expecting = (what: string) =>
  Object.fromEntries(
    ['alternatives.types', 'alternatives.match', 'array.min', 'string.empty'].map((t) => [t, what]),
  );

const text = () => Joi.string().trim().min(1);
const isoDate = () => text().pattern(/^\d{4}-\d{2}-\d{2}$/, { name: 'a date written YYYY-MM-DD' });
const routePath = () =>
  text().pattern(/^[a-z0-9][a-z0-9/_-]*$/i, {
    name: 'a path under the base URL, such as "bibliography" (letters, digits, "-", "_", "/")',
  });
const policy = (fallback: Policy) =>
  Joi.string()
    .valid(...POLICIES)
    .default(fallback);

export const OPTIONS_SCHEMA = Joi.object<PluginOptions>({
  bibliography: Joi.alternatives()
    .try(text(), Joi.array().items(text()).min(1))
    .messages(expecting('a path or a non-empty list of paths'))
    .default(DEFAULT_OPTIONS.bibliography),
  style: text().default(DEFAULT_OPTIONS.style),
  styles: Joi.array()
    .items(
      Joi.object({
        id: text().pattern(/^[a-z][a-z0-9-]*$/, {
          name: 'lower-case letters, digits and "-"',
        }),
        label: text(),
        style: text(),
      }).options({ presence: 'required' }),
    )
    .unique('id')
    .default(DEFAULT_OPTIONS.styles),
  locale: text().default(DEFAULT_OPTIONS.locale),
  onBrokenCitations: policy(DEFAULT_OPTIONS.onBrokenCitations),
  onUncitedEntries: policy(DEFAULT_OPTIONS.onUncitedEntries),
  nocite: Joi.array()
    .items(text())
    .messages({
      'array.base': 'a list of citation keys, or ["*"] for every entry',
      'array.includes': 'a list of citation keys, or ["*"] for every entry',
    })
    .default(DEFAULT_OPTIONS.nocite),
  referencesTitle: text().default(DEFAULT_OPTIONS.referencesTitle),
  edition: Joi.object({
    key: text().pattern(/^[a-z0-9][a-z0-9-]*$/i, {
      name: 'letters, digits and "-" (a citation key prefix)',
    }),
    title: text().required(),
    containerTitle: text().required(),
    publisher: text().required(),
    issued: isoDate().required(),
    original: Joi.object({
      title: text().required(),
      publisher: text().required(),
      issued: isoDate().required(),
      url: text()
        .pattern(/^https?:\/\/\S+$/, { name: 'an http(s) address' })
        .required(),
    }).required(),
  }),
  timeline: text(),
  bibliographyPath: routePath().default(DEFAULT_OPTIONS.bibliographyPath),
  timelinePath: routePath().default(DEFAULT_OPTIONS.timelinePath),
  bibliographyNote: text(),
  print: Joi.alternatives()
    .try(
      Joi.boolean(),
      Joi.object({ path: routePath(), title: text(), subtitle: text(), docsPluginId: text() }),
    )
    .messages({ 'alternatives.types': 'true, false or an object' })
    .default(DEFAULT_OPTIONS.print),
  terms: Joi.object({ work: text(), part: text(), parts: text(), site: text() }).default(
    DEFAULT_OPTIONS.terms,
  ),
  renderThreads: Joi.number().integer().min(0).default(DEFAULT_OPTIONS.renderThreads),
}).prefs({ messages: EXPECTED });

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The option's name as written in the config: `styles[1].id`, `edition.original.url`. */
function optionName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The names an object option may have at `path`, from the schema itself. */
function knownKeys(path: readonly (string | number)[]): string[] {
  const parent = path
    .slice(0, -1)
    .filter((p) => typeof p === 'string')
    .join('.');
  const description = (parent ? OPTIONS_SCHEMA.extract(parent) : OPTIONS_SCHEMA).describe() as {
    keys?: Record<string, unknown>;
    matches?: { schema: { keys?: Record<string, unknown> } }[];
  };
  const keys =
    description.keys ?? description.matches?.find((m) => m.schema.keys)?.schema.keys ?? {};
  return Object.keys(keys).filter((k) => k !== 'id');
}

/** One problem as a sentence that names the option, echoes the value and says what is allowed. */
function explain(detail: ValidationErrorItem): string {
  const name = optionName(detail.path);
  const value = detail.context?.value;
  switch (detail.type) {
    case 'object.unknown':
      return `Unknown citation option "${name}"; the options are ${knownKeys(detail.path)
        .map((k) => `"${k}"`)
        .join(', ')}.`;
    case 'any.required':
      return `Citation option "${name}" is required.`;
    case 'any.only':
      return `Citation option "${name}" must be one of ${(detail.context?.valids as unknown[])
        .map(describe)
        .join(', ')}; got ${describe(value)}.`;
    case 'array.unique':
      return `Citation option "${optionName(detail.path.slice(0, -1))}" lists the id ${describe(
        (value as { id?: unknown }).id,
      )} twice.`;
    case 'string.pattern.name':
      return `Citation option "${name}" must be ${String(detail.context?.name)}; got ${describe(value)}.`;
    default:
      return `Citation option "${name}" must be ${detail.message}; got ${describe(value)}.`;
  }
}

/** The default style first; if the reader's choices do not name it, it is added in front. */
function readerStyles(style: string, styles: readonly ReaderStyle[]): ReaderStyle[] {
  const main = styles.find((s) => s.style === style);
  const fallback = { id: style.replace(/[^a-z0-9-]+/gi, '-').toLowerCase(), label: style, style };
  return main ? [main, ...styles.filter((s) => s !== main)] : [fallback, ...styles];
}

/** "Digital Divide" → "digitaldivide": the edition's own citation keys start with this. */
function keyFrom(publisher: string): string {
  return publisher.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'edition';
}

type Validate = OptionValidationContext<Options | undefined, PluginOptions>['validate'];

export function validateOptions({
  validate,
  options,
}: OptionValidationContext<Options | undefined, PluginOptions>): PluginOptions {
  let value: PluginOptions & { print: boolean | Partial<PrintOptions> };
  try {
    value = validate(OPTIONS_SCHEMA, options);
  } catch (error) {
    if (!Joi.isError(error)) throw error;
    throw new OptionsError((error as ValidationError).details.map(explain).join('\n'), {
      cause: error,
    });
  }
  const bibliography = ([] as string[]).concat(value.bibliography);
  const edition = value.edition && {
    ...value.edition,
    key: value.edition.key ?? keyFrom(value.edition.publisher),
  };
  const print =
    value.print === false
      ? false
      : { ...DEFAULT_PRINT, ...(value.print === true ? {} : value.print) };
  return {
    ...value,
    bibliography,
    styles: readerStyles(value.style, value.styles),
    edition,
    print,
    terms: { ...DEFAULT_OPTIONS.terms, ...value.terms },
  };
}

/** The options resolved exactly as Docusaurus resolves them, for code that runs without it. */
export function resolveOptions(options: unknown = {}): PluginOptions {
  const validate = normalizePluginOptions as Validate;
  return validateOptions({ validate, options: options as Options });
}
