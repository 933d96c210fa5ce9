/**
 * What biblatex knows, as data: its entry types and fields (biblatex 3.18's `blx-dm.def`), the
 * BibTeX names biber reads as biblatex ones (biber's default source map), its inheritance rules
 * for `crossref` (`biblatex.def`), the words it prints for type keys (`english.lbx`) and the
 * babel language names it accepts, with their BCP 47 codes (biber's `LOCALE_MAP`).
 */

export const ENTRY_TYPES: ReadonlySet<string> = new Set([
  'article',
  'artwork',
  'audio',
  'bibnote',
  'book',
  'bookinbook',
  'booklet',
  'collection',
  'commentary',
  'customa',
  'customb',
  'customc',
  'customd',
  'custome',
  'customf',
  'dataset',
  'inbook',
  'incollection',
  'inproceedings',
  'inreference',
  'image',
  'jurisdiction',
  'legal',
  'legislation',
  'letter',
  'manual',
  'misc',
  'movie',
  'music',
  'mvcollection',
  'mvreference',
  'mvproceedings',
  'mvbook',
  'online',
  'patent',
  'performance',
  'periodical',
  'proceedings',
  'reference',
  'report',
  'review',
  'set',
  'software',
  'standard',
  'suppbook',
  'suppcollection',
  'suppperiodical',
  'thesis',
  'unpublished',
  'video',
  'xdata',
]);

/** BibTeX entry types biber reads as biblatex ones. */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  conference: 'inproceedings',
  electronic: 'online',
  www: 'online',
  mastersthesis: 'thesis',
  phdthesis: 'thesis',
  techreport: 'report',
};

/** BibTeX field names biber reads as biblatex ones. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  address: 'location',
  school: 'institution',
  annote: 'annotation',
  archiveprefix: 'eprinttype',
  journal: 'journaltitle',
  primaryclass: 'eprintclass',
  key: 'sortkey',
  pdf: 'file',
};

const DATA_MODEL_FIELDS = `abstract addendum afterword annotation annotator author authortype
  bookauthor bookpagination booksubtitle booktitle booktitleaddon chapter commentator crossref
  date doi edition editor editora editoratype editorb editorbtype editorc editorctype editortype
  eid entryset entrysubtype eprint eprintclass eprinttype eventdate eventtitle eventtitleaddon
  execute file foreword gender holder howpublished ids indexsorttitle indextitle institution
  introduction isan isbn ismn isrn issn issue issuesubtitle issuetitle issuetitleaddon iswc
  journalsubtitle journaltitle journaltitleaddon keywords label langid langidopts language library
  lista listb listc listd liste listf location mainsubtitle maintitle maintitleaddon namea
  nameaddon nameatype nameb namebtype namec namectype note number options organization origdate
  origlanguage origlocation origpublisher origtitle pages pagetotal pagination part presort
  publisher pubstate related relatedoptions relatedstring relatedtype reprinttitle series
  shortauthor shorteditor shorthand shorthandintro shortjournal shortseries shorttitle sortkey
  sortname sortshorthand sorttitle sortyear subtitle title titleaddon translator type url urldate
  usera userb userc userd usere userf venue verba verbb verbc version volume volumes xdata xref
  year month day`;

/**
 * Fields read without a word: biblatex's, their BibTeX aliases, the identifiers citation-js
 * reads (PubMed), and what reference managers write for their own bookkeeping, which carries
 * nothing a reader would see.
 */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...DATA_MODEL_FIELDS.split(/\s+/).filter(Boolean),
  ...Object.keys(FIELD_ALIASES),
  'pmid',
  'pmcid',
  // JabRef, Mendeley, Zotero (Better BibTeX) bookkeeping.
  'timestamp',
  'owner',
  'creationdate',
  'modificationdate',
  'groups',
  'ranking',
  'readstatus',
  'qualityassured',
  'priority',
  'printed',
  'relevance',
  'mendeley-tags',
  'mendeley-groups',
]);

/** Fields that an entry never passes on through `crossref` (biblatex.def, `\DeclareDataInheritance{*}{*}`). */
export const NOT_INHERITED: ReadonlySet<string> = new Set([
  'ids',
  'crossref',
  'xref',
  'xdata',
  'entryset',
  'entrysubtype',
  'execute',
  'label',
  'options',
  'presort',
  'related',
  'relatedoptions',
  'relatedstring',
  'relatedtype',
  'shorthand',
  'shorthandintro',
  'sortkey',
]);

interface InheritanceRule {
  parents: readonly string[];
  children: readonly string[];
  /** Parent field → the child fields it fills instead of the one of the same name. */
  fields: Readonly<Record<string, readonly string[]>>;
  /** Parent fields not passed on at all. */
  skip?: readonly string[];
}

const TITLES_NOT_INHERITED = ['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'];
const asPrefix = (prefix: string) => ({
  title: [`${prefix}title`],
  subtitle: [`${prefix}subtitle`],
  titleaddon: [`${prefix}titleaddon`],
});

/** biblatex's default `\DeclareDataInheritance` rules, in the order biblatex.def gives them. */
export const INHERITANCE: readonly InheritanceRule[] = [
  {
    parents: ['mvbook', 'book'],
    children: ['inbook', 'bookinbook', 'suppbook'],
    fields: { author: ['author', 'bookauthor'] },
  },
  {
    parents: ['mvbook'],
    children: ['book', 'inbook', 'bookinbook', 'suppbook'],
    fields: asPrefix('main'),
    skip: TITLES_NOT_INHERITED,
  },
  {
    parents: ['mvcollection', 'mvreference'],
    children: ['collection', 'reference', 'incollection', 'inreference', 'suppcollection'],
    fields: asPrefix('main'),
    skip: TITLES_NOT_INHERITED,
  },
  {
    parents: ['mvproceedings'],
    children: ['proceedings', 'inproceedings'],
    fields: asPrefix('main'),
    skip: TITLES_NOT_INHERITED,
  },
  {
    parents: ['book'],
    children: ['inbook', 'bookinbook', 'suppbook'],
    fields: asPrefix('book'),
    skip: TITLES_NOT_INHERITED,
  },
  {
    parents: ['collection', 'reference'],
    children: ['incollection', 'inreference', 'suppcollection'],
    fields: asPrefix('book'),
    skip: TITLES_NOT_INHERITED,
  },
  {
    parents: ['proceedings'],
    children: ['inproceedings'],
    fields: asPrefix('book'),
    skip: TITLES_NOT_INHERITED,
  },
  {
    parents: ['periodical'],
    children: ['article', 'suppperiodical'],
    fields: asPrefix('journal'),
    skip: TITLES_NOT_INHERITED,
  },
];

/**
 * Type keys, which biblatex prints as words (`type = {phdthesis}`, `@mastersthesis`): the words
 * of its English localisation, capitalised as CSL data is. The theses are written as
 * citation-js's BibTeX mapping writes and reads them, so that they export as @phdthesis and
 * @mastersthesis again.
 */
export const TYPE_KEY_WORDS: Readonly<Record<string, string>> = {
  bathesis: "Bachelor's thesis",
  mathesis: "Master's thesis",
  phdthesis: 'PhD thesis',
  candthesis: 'Candidate thesis',
  resreport: 'Research report',
  techreport: 'Technical report',
  software: 'Computer software',
  datacd: 'CD-ROM',
  audiocd: 'Audio CD',
  patent: 'Patent',
  patentde: 'German patent',
  patenteu: 'European patent',
  patentfr: 'French patent',
  patentuk: 'British patent',
  patentus: 'U.S. patent',
  patreq: 'Patent request',
  patreqde: 'German patent request',
  patreqeu: 'European patent request',
  patreqfr: 'French patent request',
  patrequk: 'British patent request',
  patrequs: 'U.S. patent request',
};

/**
 * babel and polyglossia language names (what `langid` and `language` hold) as BCP 47 codes,
 * the form CSL's `language` takes. A name for a language alone gives the language alone
 * (`german` → `de`); a name for a regional variety keeps its region (`austrian` → `de-AT`).
 */
export const LANGUAGE_CODES: Readonly<Record<string, string>> = {
  acadian: 'fr-CA',
  afrikaans: 'af',
  albanian: 'sq',
  american: 'en-US',
  amharic: 'am',
  arabic: 'ar',
  armenian: 'hy',
  asturian: 'ast',
  australian: 'en-AU',
  austrian: 'de-AT',
  bahasa: 'id',
  bahasai: 'id',
  bahasam: 'ms',
  basque: 'eu',
  belarusian: 'be',
  bengali: 'bn',
  bgreek: 'el',
  brazil: 'pt-BR',
  brazilian: 'pt-BR',
  breton: 'br',
  british: 'en-GB',
  bulgarian: 'bg',
  canadian: 'en-CA',
  canadien: 'fr-CA',
  catalan: 'ca',
  chinese: 'zh',
  coptic: 'cop',
  croatian: 'hr',
  czech: 'cs',
  danish: 'da',
  divehi: 'dv',
  dutch: 'nl',
  english: 'en',
  esperanto: 'eo',
  estonian: 'et',
  ethiopia: 'am',
  farsi: 'fa',
  finnish: 'fi',
  francais: 'fr',
  french: 'fr',
  frenchle: 'fr',
  friulan: 'fur',
  galician: 'gl',
  german: 'de',
  germanb: 'de',
  greek: 'el',
  hebrew: 'he',
  hindi: 'hi',
  icelandic: 'is',
  indon: 'id',
  indonesia: 'id',
  indonesian: 'id',
  interlingua: 'ia',
  irish: 'ga',
  italian: 'it',
  japanese: 'ja',
  kannada: 'kn',
  korean: 'ko',
  lao: 'lo',
  latin: 'la',
  latvian: 'lv',
  lithuanian: 'lt',
  lowersorbian: 'dsb',
  lsorbian: 'dsb',
  magyar: 'hu',
  hungarian: 'hu',
  malay: 'ms',
  malayalam: 'ml',
  marathi: 'mr',
  meyalu: 'ms',
  mongolian: 'mn',
  naustrian: 'de-AT',
  newzealand: 'en-NZ',
  ngerman: 'de',
  norsk: 'nb',
  norwegian: 'no',
  nynorsk: 'nn',
  occitan: 'oc',
  piedmontese: 'pms',
  polish: 'pl',
  polutonikogreek: 'el',
  portuges: 'pt',
  portuguese: 'pt',
  romanian: 'ro',
  romansh: 'rm',
  russian: 'ru',
  samin: 'se',
  sanskrit: 'sa',
  scottish: 'gd',
  serbian: 'sr-Latn',
  serbianc: 'sr-Cyrl',
  slovak: 'sk',
  slovene: 'sl',
  slovenian: 'sl',
  spanish: 'es',
  swedish: 'sv',
  swiss: 'de-CH',
  swissgerman: 'de-CH',
  nswissgerman: 'de-CH',
  syriac: 'syc',
  tamil: 'ta',
  telugu: 'te',
  thai: 'th',
  tibetan: 'bo',
  turkish: 'tr',
  turkmen: 'tk',
  ukenglish: 'en-GB',
  ukrainian: 'uk',
  urdu: 'ur',
  uppersorbian: 'hsb',
  usenglish: 'en-US',
  usorbian: 'hsb',
  vietnamese: 'vi',
  welsh: 'cy',
};
