/**
 * Pandoc's citation syntax, read from a run of text:
 *
 *   [@key]  [@a; @b]  [@key, p. 4]  [see @key, ch. 2]  [-@key]  @key  @key [p. 4]
 *
 * This module only reads text; which runs of text it sees (never code, links or URLs) is
 * decided by `document.ts`, and whether a key exists by the library.
 */

export type LocatorLabel =
  | 'book'
  | 'chapter'
  | 'column'
  | 'figure'
  | 'folio'
  | 'line'
  | 'note'
  | 'number'
  | 'opus'
  | 'page'
  | 'paragraph'
  | 'part'
  | 'section'
  | 'sub verbo'
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

const LOCATOR_TERMS: [LocatorLabel, string[]][] = [
  ['book', ['bk.', 'bks.', 'book', 'books']],
  ['chapter', ['ch.', 'chap.', 'chaps.', 'chapter', 'chapters']],
  ['column', ['col.', 'cols.', 'column', 'columns']],
  ['figure', ['fig.', 'figs.', 'figure', 'figures']],
  ['folio', ['fol.', 'fols.', 'folio', 'folios']],
  ['line', ['l.', 'll.', 'line', 'lines']],
  ['note', ['n.', 'nn.', 'note', 'notes']],
  ['number', ['no.', 'nos.', 'number', 'numbers']],
  ['opus', ['op.', 'opp.', 'opus', 'opera']],
  ['page', ['p.', 'pp.', 'page', 'pages']],
  ['paragraph', ['para.', 'paras.', 'paragraph', 'paragraphs', '¶¶', '¶']],
  ['part', ['pt.', 'pts.', 'part', 'parts']],
  ['section', ['sec.', 'secs.', 'section', 'sections', '§§', '§']],
  ['sub verbo', ['s.v.', 's.vv.', 'sub verbo', 'sub verbis']],
  ['verse', ['v.', 'vv.', 'verse', 'verses']],
  ['volume', ['vol.', 'vols.', 'volume', 'volumes']],
];

const TERM_TO_LABEL = new Map<string, LocatorLabel>(
  LOCATOR_TERMS.flatMap(([label, terms]) => terms.map((t) => [t, label] as const)),
);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest terms first, so "pp." wins over "p." and "paras." over "para.".
const TERM_PATTERN = [...TERM_TO_LABEL.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
// A locator value: numbers or roman numerals, in ranges and lists ("33-35", "iv, vi-xi").
const VALUE = String.raw`(?:\p{N}+[\p{L}]?|[ivxlcdm]+)(?:\s*[-–—,&]\s*(?:\p{N}+[\p{L}]?|[ivxlcdm]+)(?![\p{L}]))*`;
const LABELLED_LOCATOR = new RegExp(
  String.raw`^(${TERM_PATTERN})(?:(?<=\.)\s*|\s+)(${VALUE})(?![\p{L}\p{N}])`,
  'iu',
);
const BARE_LOCATOR = new RegExp(String.raw`^(\p{N}+(?:\s*[-–—]\s*\p{N}+)?)(?![\p{L}\p{N}])`, 'u');

/** Splits what follows a key ("," "p. 4" ", emphasis added") into locator and suffix. */
export function parseSuffix(raw: string): Pick<CiteItem, 'locator' | 'label' | 'suffix'> {
  const afterComma = raw.replace(/^\s*,?\s*/, '');
  const labelled = LABELLED_LOCATOR.exec(afterComma);
  if (labelled) {
    const rest = afterComma.slice(labelled[0].length);
    return {
      label: TERM_TO_LABEL.get(labelled[1]!.toLowerCase()) ?? 'page',
      locator: labelled[2]!,
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

function parseBracketed(
  text: string,
  open: number,
  close: number,
): { match?: CitationMatch; problem?: SyntaxProblem } {
  const inner = text.slice(open + 1, close);
  const items: CiteItem[] = [];
  let partStart = open + 1;
  let sawKey = false;
  const problems: SyntaxProblem[] = [];
  for (const part of inner.split(';')) {
    const keys = [...part.matchAll(KEY_IN_PART)];
    if (keys.length === 0) {
      problems.push({
        offset: partStart,
        message: `Malformed citation "${text.slice(open, close + 1)}": the part "${part.trim()}" has no @key (parts of a citation are separated by ";")`,
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
      const prefix = part.slice(0, at).trim();
      const key = m[3]!;
      items.push({
        key,
        offset: partStart + at + m[2]!.length,
        ...(prefix ? { prefix } : {}),
        ...(m[2] ? { suppressAuthor: true } : {}),
        ...parseSuffix(part.slice(at + m[2]!.length + 1 + key.length)),
      });
    }
    partStart += part.length + 1;
  }
  // "[email me @ home]" has an @ but no key anywhere: it is text, not a broken citation.
  if (!sawKey) return {};
  if (problems.length > 0) return { problem: problems[0]! };
  return { match: { start: open, end: close + 1, narrative: false, items } };
}

/**
 * Finds every citation in a run of text. Bracketed citations come first; a narrative `@key`
 * is any other `@key` not glued to a word (so not an e-mail address). Narrative matches are
 * returned whatever their key: whether `@name` cites a work or names a handle is for the
 * caller to decide, by asking the library.
 */
export function scanCitations(text: string): {
  citations: CitationMatch[];
  problems: SyntaxProblem[];
} {
  const citations: CitationMatch[] = [];
  const problems: SyntaxProblem[] = [];
  const taken: [number, number][] = [];

  for (let open = text.indexOf('['); open !== -1; open = text.indexOf('[', open + 1)) {
    const close = text.indexOf(']', open);
    if (close === -1) {
      if (new RegExp(String.raw`(^|[\s;])-?@${KEY}`, 'u').test(text.slice(open + 1))) {
        problems.push({
          offset: open,
          message:
            'Citation is not closed by "]" in the same run of text (citation brackets cannot hold links or formatting)',
        });
      }
      break;
    }
    const nested = text.lastIndexOf('[', close);
    if (nested !== open) continue; // the innermost pair is tried when the loop reaches it
    if (!text.slice(open, close).includes('@')) continue;
    const { match, problem } = parseBracketed(text, open, close);
    if (problem) problems.push(problem);
    if (match) {
      citations.push(match);
      taken.push([match.start, match.end]);
    }
    if (match || problem) taken.push([open, close + 1]);
  }

  for (const m of text.matchAll(NARRATIVE)) {
    const start = m.index!;
    if (taken.some(([s, e]) => start >= s && start < e)) continue;
    const key = m[1]!;
    let end = start + 1 + key.length;
    // "[see *also* @key]": the "[" is in another run of text, cut off by the formatting.
    if (/^[^[]*\]/.test(text.slice(end))) {
      problems.push({
        offset: start,
        message:
          'Citation is not opened by "[" in the same run of text (citation brackets cannot hold links or formatting)',
      });
      continue;
    }
    const item: CiteItem = { key, offset: start };
    // "@key [p. 4]": a locator in brackets right after a narrative citation.
    const trailer = /^ ?\[([^\]@[]*)\]/.exec(text.slice(end));
    if (trailer) {
      Object.assign(item, parseSuffix(trailer[1]!));
      end += trailer[0].length;
    }
    citations.push({ start, end, narrative: true, items: [item] });
  }
  citations.sort((a, b) => a.start - b.start);
  return { citations, problems };
}
