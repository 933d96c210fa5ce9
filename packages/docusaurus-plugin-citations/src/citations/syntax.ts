/**
 * Pandoc's citation syntax, read from a run of text:
 *
 *   [@key]  [@a; @b]  [@key, p. 4]  [see @key, ch. 2]  [-@key]  @key  @key [p. 4]
 *
 * This module only reads text; which runs of text it sees (never code, links or URLs) is
 * decided by `document.ts`, and whether a key exists by the library.
 */

/**
 * CSL's locator types, as citeproc-js looks them up among the locale's terms: CSL 1.0.2's
 * "article-locator" and "title-locator" keep their suffix, because "article" and "title" name
 * other terms (an item type, a variable).
 */
export type LocatorLabel =
  | 'act'
  | 'appendix'
  | 'article-locator'
  | 'book'
  | 'canon'
  | 'chapter'
  | 'column'
  | 'elocation'
  | 'equation'
  | 'figure'
  | 'folio'
  | 'line'
  | 'note'
  | 'number'
  | 'opus'
  | 'page'
  | 'paragraph'
  | 'part'
  | 'rule'
  | 'scene'
  | 'section'
  | 'sub verbo'
  | 'supplement'
  | 'table'
  | 'timestamp'
  | 'title-locator'
  | 'verse'
  | 'volume';

export interface CiteItem {
  key: string;
  /** Offset of the `@` in the text. */
  offset: number;
  prefix?: string;
  suffix?: string;
  locator?: string;
  label?: LocatorLabel;
  suppressAuthor?: boolean;
}

export interface CitationMatch {
  /** Offsets in the text: the citation is `text.slice(start, end)`. */
  start: number;
  end: number;
  /** `@key` in running text ("Rauhala (2016) wrote") rather than `[@key]`. */
  narrative: boolean;
  items: CiteItem[];
}

export interface SyntaxProblem {
  offset: number;
  message: string;
}

// Pandoc's key rule: starts with a letter, digit or _, and may hold :.#$%&-+?<>~/ between
// word characters, so that trailing punctuation ("@key.") is not part of the key.
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*`;
const KEY_IN_PART = new RegExp(String.raw`(^|\s)(-?)@(${KEY})`, 'gu');
// A narrative citation must not follow a word character or the characters of e-mail
// addresses, paths and handles in URLs.
const NARRATIVE = new RegExp(String.raw`(?<![\p{L}\p{N}_.+/@\\-])@(${KEY})`, 'gu');

// The words an editor writes before a locator: CSL's en-US terms, long and short, singular and
// plural, plus a few common variants ("ch.", "eqs.").
const LOCATOR_TERMS: [LocatorLabel, string[]][] = [
  ['act', ['act', 'acts']],
  ['appendix', ['app.', 'apps.', 'appendix', 'appendices', 'appendixes']],
  ['article-locator', ['art.', 'arts.', 'article', 'articles']],
  ['book', ['bk.', 'bks.', 'book', 'books']],
  ['canon', ['can.', 'cann.', 'canon', 'canons']],
  ['chapter', ['ch.', 'chap.', 'chaps.', 'chapter', 'chapters']],
  ['column', ['col.', 'cols.', 'column', 'columns']],
  ['elocation', ['loc.', 'locs.', 'location', 'locations']],
  ['equation', ['eq.', 'eqq.', 'eqs.', 'equation', 'equations']],
  ['figure', ['fig.', 'figs.', 'figure', 'figures']],
  ['folio', ['fol.', 'fols.', 'folio', 'folios']],
  ['line', ['l.', 'll.', 'line', 'lines']],
  ['note', ['n.', 'nn.', 'note', 'notes']],
  ['number', ['no.', 'nos.', 'number', 'numbers']],
  ['opus', ['op.', 'opp.', 'opus', 'opera']],
  ['page', ['p.', 'pp.', 'page', 'pages']],
  ['paragraph', ['para.', 'paras.', 'paragraph', 'paragraphs', '¶¶', '¶']],
  ['part', ['pt.', 'pts.', 'part', 'parts']],
  ['rule', ['r.', 'rr.', 'rule', 'rules']],
  ['scene', ['sc.', 'scs.', 'scene', 'scenes']],
  ['section', ['sec.', 'secs.', 'section', 'sections', '§§', '§']],
  ['sub verbo', ['s.v.', 's.vv.', 'sub verbo', 'sub verbis']],
  ['supplement', ['supp.', 'supps.', 'suppl.', 'supplement', 'supplements']],
  ['table', ['tbl.', 'tbls.', 'tab.', 'table', 'tables']],
  ['timestamp', ['timestamp', 'timestamps']],
  ['title-locator', ['tit.', 'titt.', 'title', 'titles']],
  ['verse', ['v.', 'vv.', 'verse', 'verses']],
  ['volume', ['vol.', 'vols.', 'volume', 'volumes']],
];

const TERM_TO_LABEL = new Map<string, LocatorLabel>(
  LOCATOR_TERMS.flatMap(([label, terms]) => terms.map((t) => [t, label] as const)),
);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest terms first, so "pp." wins over "p." and "paras." over "para.". Terms are matched
// on a lower-cased copy ("Ch. 2"), values on the text as written (an appendix is "B", not "b").
const TERM = new RegExp(
  `^(?:${[...TERM_TO_LABEL.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})`,
  'u',
);
// One locator value: a number with an optional letter ("2a"), dotted or timed parts ("3.2",
// "01:02:03"), or a roman numeral; the first may also be a capital letter ("appendix B", "A.2").
const NUMBER = String.raw`\p{N}+(?:[.:]\p{N}+)*\p{L}?`;
const ROMAN = String.raw`[ivxlcdm]+|[IVXLCDM]+`;
const VALUE = new RegExp(
  String.raw`^(?:${NUMBER}|${ROMAN}|\p{Lu}(?:\.\p{N}+)*)(?:\s*[-–—,&]\s*(?:${NUMBER}|${ROMAN})(?![\p{L}]))*(?![\p{L}\p{N}])`,
  'u',
);
const BARE_LOCATOR = new RegExp(String.raw`^(\p{N}+(?:\s*[-–—]\s*\p{N}+)?)(?![\p{L}\p{N}])`, 'u');

/** "ch. 2" → chapter and "2"; the term must be followed by a space or end in a period. */
function labelledLocator(
  text: string,
): { label: LocatorLabel; locator: string; length: number } | undefined {
  const term = TERM.exec(text.toLowerCase())?.[0];
  if (!term) return undefined;
  const gap = /^\s*/.exec(text.slice(term.length))![0];
  if (!gap && !term.endsWith('.')) return undefined;
  const value = VALUE.exec(text.slice(term.length + gap.length));
  if (!value) return undefined;
  return {
    label: TERM_TO_LABEL.get(term)!,
    locator: value[0],
    length: term.length + gap.length + value[0].length,
  };
}

/** Splits what follows a key ("," "p. 4" ", emphasis added") into locator and suffix. */
export function parseSuffix(raw: string): Pick<CiteItem, 'locator' | 'label' | 'suffix'> {
  const afterComma = raw.replace(/^\s*,?\s*/, '');
  const labelled = labelledLocator(afterComma);
  if (labelled) {
    const rest = afterComma.slice(labelled.length);
    return {
      label: labelled.label,
      locator: labelled.locator,
      ...(rest.trim() ? { suffix: rest.trimEnd() } : {}),
    };
  }
  // "[@key, 33]" and "[@key 33]": a bare number is a page, as in pandoc.
  const bare = BARE_LOCATOR.exec(afterComma);
  if (bare) {
    const rest = afterComma.slice(bare[0].length);
    return { label: 'page', locator: bare[1]!, ...(rest.trim() ? { suffix: rest.trimEnd() } : {}) };
  }
  const suffix = raw.trim();
  return suffix ? { suffix: raw.startsWith(',') ? raw.trimEnd() : suffix } : {};
}

/**
 * Parses `[…]` between `open` and `close`. `syntax` is `text` with its literal characters
 * masked (see `scanCitations`): structure is read from it, prefixes and suffixes from `text`.
 */
function parseBracketed(
  text: string,
  syntax: string,
  open: number,
  close: number,
): { match?: CitationMatch; problem?: SyntaxProblem } {
  const items: CiteItem[] = [];
  let partStart = open + 1;
  let sawKey = false;
  const problems: SyntaxProblem[] = [];
  for (const part of syntax.slice(open + 1, close).split(';')) {
    const written = text.slice(partStart, partStart + part.length);
    const keys = [...part.matchAll(KEY_IN_PART)];
    if (keys.length === 0) {
      problems.push({
        offset: partStart,
        message: `Malformed citation "${text.slice(open, close + 1)}": the part "${written.trim()}" has no @key (parts of a citation are separated by ";")`,
      });
    } else if (keys.length > 1) {
      sawKey = true;
      problems.push({
        offset: partStart + keys[1]!.index! + keys[1]![1]!.length,
        message: `Malformed citation "${text.slice(open, close + 1)}": separate the keys with ";"`,
      });
    } else {
      sawKey = true;
      const m = keys[0]!;
      const at = m.index! + m[1]!.length;
      const prefix = written.slice(0, at).trim();
      const key = m[3]!;
      items.push({
        key,
        offset: partStart + at + m[2]!.length,
        ...(prefix ? { prefix } : {}),
        ...(m[2] ? { suppressAuthor: true } : {}),
        ...parseSuffix(written.slice(at + m[2]!.length + 1 + key.length)),
      });
    }
    partStart += part.length + 1;
  }
  // "[email me @ home]" has an @ but no key anywhere: it is text, not a broken citation.
  if (!sawKey) return {};
  if (problems.length > 0) return { problem: problems[0]! };
  return { match: { start: open, end: close + 1, narrative: false, items } };
}

/** Stands for a character that is text whatever it is: never `@`, `[`, `]` or `;` to the scanner. */
const LITERAL = '\uFFFF';
const SYNTAX_CHARACTERS = new Set(['@', '[', ']', ';']);

function maskLiterals(text: string, literal: ReadonlySet<number> | undefined): string {
  if (!literal || literal.size === 0) return text;
  let masked = '';
  for (let i = 0; i < text.length; i += 1) {
    masked += literal.has(i) && SYNTAX_CHARACTERS.has(text[i]!) ? LITERAL : text[i]!;
  }
  return masked;
}

/**
 * Finds every citation in a run of text. Bracketed citations come first; a narrative `@key`
 * is any other `@key` not glued to a word (so not an e-mail address). Narrative matches are
 * returned whatever their key: whether `@name` cites a work or names a handle is for the
 * caller to decide, by asking the library.
 *
 * `literal` holds the offsets of characters the author escaped (`\@`, `\[`, or a character
 * reference such as `&#64;`): as in pandoc, they are text, never citation syntax.
 */
export function scanCitations(
  text: string,
  literal?: ReadonlySet<number>,
): {
  citations: CitationMatch[];
  problems: SyntaxProblem[];
} {
  const syntax = maskLiterals(text, literal);
  const citations: CitationMatch[] = [];
  const problems: SyntaxProblem[] = [];
  const taken: [number, number][] = [];

  for (let open = syntax.indexOf('['); open !== -1; open = syntax.indexOf('[', open + 1)) {
    const close = syntax.indexOf(']', open);
    if (close === -1) {
      if (new RegExp(String.raw`(^|[\s;])-?@${KEY}`, 'u').test(syntax.slice(open + 1))) {
        problems.push({
          offset: open,
          message:
            'Citation is not closed by "]" in the same run of text (citation brackets cannot hold links or formatting)',
        });
      }
      break;
    }
    const nested = syntax.lastIndexOf('[', close);
    if (nested !== open) continue; // the innermost pair is tried when the loop reaches it
    if (!syntax.slice(open, close).includes('@')) continue;
    const { match, problem } = parseBracketed(text, syntax, open, close);
    if (problem) problems.push(problem);
    if (match) {
      citations.push(match);
      taken.push([match.start, match.end]);
    }
    if (match || problem) taken.push([open, close + 1]);
  }

  for (const m of syntax.matchAll(NARRATIVE)) {
    const start = m.index!;
    if (taken.some(([s, e]) => start >= s && start < e)) continue;
    const key = m[1]!;
    let end = start + 1 + key.length;
    // "[see *also* @key]": the "[" is in another run of text, cut off by the formatting.
    if (/^[^[]*\]/.test(syntax.slice(end))) {
      problems.push({
        offset: start,
        message:
          'Citation is not opened by "[" in the same run of text (citation brackets cannot hold links or formatting)',
      });
      continue;
    }
    const item: CiteItem = { key, offset: start };
    // "@key [p. 4]": a locator in brackets right after a narrative citation.
    const trailer = /^ ?\[([^\]@[]*)\]/.exec(syntax.slice(end));
    if (trailer) {
      const inner = end + trailer[0].indexOf('[') + 1;
      Object.assign(item, parseSuffix(text.slice(inner, inner + trailer[1]!.length)));
      end += trailer[0].length;
    }
    citations.push({ start, end, narrative: true, items: [item] });
  }
  citations.sort((a, b) => a.start - b.start);
  return { citations, problems };
}
