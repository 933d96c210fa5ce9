/**
 * citeproc-js, as the engine uses it: the same module citation-js loads, with one change that
 * alters no output, only speed.
 *
 * citeproc lower- and upper-cases text through `String#toLocaleLowerCase(lang_array)` for every
 * name, title word and sort key. With a locale list, V8 canonicalises the list on every call;
 * skipping that takes 11–14 % off the citation stage (README, Performance). Yet a locale
 * changes case mapping only for Turkish, Azerbaijani, Lithuanian and Greek (ECMA-402
 * TransformCase; V8 looks at the first requested locale, or the host's when the list is empty).
 * So the wrappers below decide once per distinct list whether its first locale is one of those:
 * if not, they use the locale-free mapping, which is what V8 does in that case; if so, or when
 * unsure, they call citeproc's own function. tests/unit/citeproc-case.test.ts holds them to the
 * built-in result.
 */
import CSL from 'citeproc';

const LOCALE_SENSITIVE_CASE = /^(?:tr|az|lt|el)(?:-|$)/;

/** Whether case mapping under this locale list is the locale-free one, per distinct list. */
const localeFree = new Map<string, boolean>();

function isLocaleFree(langs: string[] = []): boolean {
  const key = langs.join('\u0000');
  let free = localeFree.get(key);
  if (free === undefined) {
    let first: string;
    try {
      // Canonical tags have a lower-case language; the host's default is canonical too.
      first = Intl.getCanonicalLocales(langs)[0] ?? Intl.DateTimeFormat().resolvedOptions().locale;
    } catch {
      // An invalid tag makes the built-in throw, and citeproc then uses toLowerCase().
      first = 'und';
    }
    free = !LOCALE_SENSITIVE_CASE.test(first);
    localeFree.set(key, free);
  }
  return free;
}

interface CaseState {
  tmp: { lang_array?: string[] };
}

type CaseMapping = (this: CaseState, text: string) => string;

const caseMappings = CSL as unknown as {
  toLocaleLowerCase: CaseMapping;
  toLocaleUpperCase: CaseMapping;
  fastCaseMapping?: true;
};

if (!caseMappings.fastCaseMapping) {
  const lower = caseMappings.toLocaleLowerCase;
  const upper = caseMappings.toLocaleUpperCase;
  caseMappings.toLocaleLowerCase = function (text) {
    return isLocaleFree(this.tmp.lang_array) ? text.toLowerCase() : lower.call(this, text);
  };
  caseMappings.toLocaleUpperCase = function (text) {
    return isLocaleFree(this.tmp.lang_array) ? text.toUpperCase() : upper.call(this, text);
  };
  caseMappings.fastCaseMapping = true;
}

export default CSL;
export type { Citation, CitationItem, Engine } from 'citeproc';
