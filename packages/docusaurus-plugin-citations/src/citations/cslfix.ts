/**
 * Corrections to the CSL that citation-js reads from a .bib, where its mapping differs from
 * CSL 1.0.2 or drops a field. Applied once, where entries are read (bibtex.ts), so that
 * rendering and every export see the same item.
 */
import type { SourceField } from './bibsource';
import type { CslItem } from './csl';

/** A short identifier from a .bib value: its braces dropped (docket numbers hold no LaTeX). */
function identifier(value: string): string {
  return value.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
}

/** CSL variables that hold names or dates, the only ones that are not text. */
const STRUCTURED =
  /^(?:author|editor|translator|container-author|collection-editor|composer|director|editorial-director|illustrator|interviewer|original-author|recipient|reviewed-author|issued|accessed|original-date|event-date|submitted|available-date)$/;

export function correctCsl(item: CslItem, fields: readonly SourceField[]): CslItem {
  const corrected: CslItem = { ...item };
  // biblatex's list fields (organization, institution, publisher, location) with more than one
  // item ("A and B") come out of citation-js as arrays, where CSL has one string; citeproc
  // then fails on the whole site. They are one string, the items joined as biblatex lists them.
  for (const [name, value] of Object.entries(corrected)) {
    if (
      Array.isArray(value) &&
      !STRUCTURED.test(name) &&
      value.every((v) => typeof v === 'string')
    ) {
      corrected[name] = value.join('; ');
    }
  }
  // biblatex's newspaper or magazine article is an @article with that entrysubtype; citation-js
  // keeps the journal type and puts the subtype in `genre`, so Harvard printed "[Preprint]",
  // APA dated it to the year only, and RIS said JOUR with "newspaper" as its type of work.
  const subtype = fields
    .find((f) => f.name === 'entrysubtype')
    ?.value.trim()
    .toLowerCase();
  if (item.type === 'article-journal' && (subtype === 'newspaper' || subtype === 'magazine')) {
    corrected.type = `article-${subtype}`;
    if (typeof corrected.genre === 'string' && corrected.genre.toLowerCase() === subtype) {
      delete corrected.genre;
    }
  }
  if (item.type !== 'legal_case') return corrected;
  // citation-js puts a @jurisdiction's `institution` (the court) in `publisher`; CSL 1.0.2
  // names a legal_case's court `authority`, the variable styles print for it.
  if (corrected.publisher !== undefined && corrected.authority === undefined) {
    corrected.authority = corrected.publisher;
    delete corrected.publisher;
  }
  // …and drops its `number`, the docket number (CSL `number` for a legal_case).
  const docket = fields.find((f) => f.name === 'number');
  if (docket && corrected.number === undefined) corrected.number = identifier(docket.value);
  return corrected;
}
