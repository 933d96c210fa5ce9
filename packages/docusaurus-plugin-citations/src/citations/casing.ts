/**
 * Sentence case, as APA, Harvard and Vancouver print titles ("Google plans to launch censored
 * search engine in China, leaked documents reveal"), from the title case BibTeX files are written
 * in. The rules are biblatex's and pandoc's: a word that is only capitalised ("Plans") is
 * lower-cased; a word with any other capital ("TikTok", "FTC", "iPhone") is kept, and so is
 * whatever the .bib puts in braces ("{China}", "{U.S.}"), which is the editor's way of saying "a
 * proper noun, keep it". The first word, and the first word after a colon (a subtitle) or after
 * the end of a sentence, keep their capital. Styles that want title case (Chicago) turn the
 * result back into title case, and then the braces keep "Musical.ly" from becoming "Musical.Ly".
 *
 * Two steps, because braces are only visible in the BibTeX source while case is best changed
 * after LaTeX is decoded (accents, \textit):
 * 1. `protectBraces` rewrites a raw BibTeX value so that each protecting brace group becomes
 *    `\NoCaseChange{…}`, which citation-js reads as `<span class="nocase">`;
 * 2. `sentenceCase` changes the case of the decoded rich text outside those spans.
 */

/**
 * Marks the brace groups of a raw BibTeX value that protect case. A group that is the argument
 * of a command (`\textit{Foo}`, `\'{E}`) or that starts with a command (`{\'E}cole`, BibTeX's
 * "special character") does not protect, as in BibTeX; math is left as it is.
 */
export function protectBraces(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') {
      const name = /^\\(?:[A-Za-z]+|.)/s.exec(raw.slice(i))![0];
      out += name;
      i += name.length;
      // A command's braced arguments are its own, not protection; of the one-character
      // commands only accents take one ("\'{E}"), "\&" and the like take none.
      const letters = /^\\[A-Za-z]+$/.test(name);
      if (letters || /^\\['"^`~=.]$/.test(name)) {
        while (raw[i] === '{' || (letters && raw[i] === ' ' && /^ +\{/.test(raw.slice(i)))) {
          const start = raw.indexOf('{', i);
          const end = closingBrace(raw, start);
          out += raw.slice(i, end + 1);
          i = end + 1;
        }
      }
    } else if (c === '{') {
      const end = closingBrace(raw, i);
      const group = raw.slice(i, end + 1);
      out += group[1] === '\\' ? group : `\\NoCaseChange${group}`;
      i = end + 1;
    } else if (c === '$') {
      const end = raw.indexOf('$', i + 1);
      const stop = end === -1 ? raw.length : end + 1;
      out += raw.slice(i, stop);
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The index of the brace that closes the group opened at `open` (or the last index). */
function closingBrace(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i += 1) {
    if (raw[i] === '\\') i += 1;
    else if (raw[i] === '{') depth += 1;
    else if (raw[i] === '}' && --depth === 0) return i;
  }
  return raw.length - 1;
}

// Abbreviations whose period does not end a sentence (lower-cased, without the period). Words
// with an inner period ("U.S.", "e.g.") and single letters ("v.", initials) are caught anyway.
const ABBREVIATIONS = new Set([
  'al',
  'co',
  'corp',
  'dr',
  'ed',
  'eds',
  'inc',
  'jr',
  'ltd',
  'mr',
  'mrs',
  'ms',
  'no',
  'nos',
  'pp',
  'sr',
  'st',
  'vol',
  'vols',
  'vs',
]);

const CLOSING = /[”’"'»)\]]+$/u;
const OPENING = /^[“‘"'«([]+/u;

/** Whether the word after `chunk` starts a subtitle or a sentence, and so keeps its capital. */
function endsSentence(chunk: string): boolean {
  const bare = chunk.replace(CLOSING, '');
  if (/[:?!]$/.test(bare)) return true;
  if (!bare.endsWith('.')) return false;
  const word = bare.slice(0, -1).replace(OPENING, '');
  if (word.includes('.') || [...word].length <= 1) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}

/** "Plans" → true; "TikTok", "FTC", "iPhone", "1M", "the" → false. */
function onlyCapitalised(part: string): boolean {
  if (/\p{N}/u.test(part)) return false;
  const letters = part.match(/\p{L}/gu);
  if (!letters) return false;
  const [first, ...rest] = letters;
  return first !== first!.toLowerCase() && rest.every((l) => l === l.toLowerCase());
}

/** The pronoun keeps its capital: "I", "I’m", "I'd". */
const PRONOUN_I = /^[“‘"'«([]*I(?:['’]\p{L}+)?[”’"'»)\]]*[,;:.?!]*$/u;

function caseChunk(chunk: string, keepFirst: boolean): string {
  const parts = chunk.split(/([-‐–—/])/);
  const cased = parts.map((part, i) => {
    if (i % 2 === 1 || PRONOUN_I.test(part)) return part;
    if (i === 0 && keepFirst) return part;
    return onlyCapitalised(part) ? part.toLowerCase() : part;
  });
  let result = cased.join('');
  if (keepFirst && /^\P{L}*\p{Ll}+(?:\P{L}|$)/u.test(parts[0]!)) {
    // "a" after a colon, or a title that starts in lower case: the first letter goes up.
    result = result.replace(/\p{Ll}/u, (l) => l.toUpperCase());
  }
  return result;
}

/**
 * Sentence case for a title as citation-js reads it: rich text whose tags are citeproc's (<i>,
 * <b>, <sup>, <sub>, <span …>), in which `<span class="nocase">` marks what must not change.
 */
export function sentenceCase(rich: string): string {
  let keepNext = true;
  let midWord = false;
  const open: boolean[] = [];
  let protectedDepth = 0;
  return rich.replace(/(<[^>]*>)|([^<]+)/g, (whole, tag: string | undefined) => {
    if (tag) {
      if (tag.startsWith('</')) {
        if (tag === '</span>' && open.pop()) protectedDepth -= 1;
      } else if (tag.startsWith('<span')) {
        const nocase = /class="nocase"/.test(tag);
        open.push(nocase);
        if (nocase) protectedDepth += 1;
      }
      return tag;
    }
    if (protectedDepth > 0) {
      // A protected word takes the place of a word, but its periods ("{U.S.}") end nothing.
      if (/\S/.test(whole)) keepNext = false;
      midWord = /\S$/.test(whole);
      return whole;
    }
    return whole.replace(/(\s+)|(\S+)/g, (_, space: string | undefined, chunk: string) => {
      if (space) {
        midWord = false;
        return space;
      }
      // The rest of a word that a tag interrupted ("<i>Data</i>sets") is left as it is.
      const cased = midWord ? chunk : caseChunk(chunk, keepNext);
      midWord = true;
      keepNext = endsSentence(chunk);
      return cased;
    });
  });
}
