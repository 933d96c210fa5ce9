// The engine's citeproc lower- and upper-cases without asking V8 for a locale each time, where
// the locale cannot change the result. It must give exactly what the built-in gives.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import CSL from '../../src/citations/citeproc';
import { createLibrary, createScope, loadStyle, renderEntries, toText } from '../../src/citations';

const PACKAGE = path.resolve(__dirname, '../..');

const mappings = CSL as unknown as Record<
  'toLocaleLowerCase' | 'toLocaleUpperCase',
  (this: { tmp: { lang_array?: string[] } }, text: string) => string
>;

/** What citeproc's own functions do: the built-in with the list, toLowerCase if it throws. */
function builtIn(kind: 'lower' | 'upper', text: string, langs: string[] | undefined): string {
  try {
    return kind === 'lower' ? text.toLocaleLowerCase(langs) : text.toLocaleUpperCase(langs);
  } catch {
    return kind === 'lower' ? text.toLowerCase() : text.toUpperCase();
  }
}

const TEXTS = ['Istanbul İzmir', 'ıi', 'ΟΔΟΣ Σοφία', 'Straße ǅemal', 'Įėjimas i̇̀', 'ÀB cd'];
const LISTS: (string[] | undefined)[] = [
  undefined,
  [],
  ['en-US'],
  ['de-DE', 'tr'],
  ['tr'],
  ['tr-TR'],
  ['TR'],
  ['az-Latn-AZ'],
  ['lt'],
  ['el-GR'],
  ['tr-u-co-search'],
  ['not a tag!'],
];

describe('citeproc case mapping', () => {
  for (const langs of LISTS) {
    it(`matches the built-in for ${JSON.stringify(langs)}`, () => {
      const state = { tmp: { lang_array: langs } };
      for (const text of TEXTS) {
        expect(mappings.toLocaleLowerCase.call(state, text)).toBe(builtIn('lower', text, langs));
        expect(mappings.toLocaleUpperCase.call(state, text)).toBe(builtIn('upper', text, langs));
      }
    });
  }

  it('still maps Turkish dotted and dotless i by the locale', () => {
    const turkish = { tmp: { lang_array: ['tr-TR'] } };
    expect(mappings.toLocaleLowerCase.call(turkish, 'Iİ')).toBe('ıi');
    expect(mappings.toLocaleUpperCase.call(turkish, 'iı')).toBe('İI');
    expect(mappings.toLocaleLowerCase.call({ tmp: { lang_array: ['en'] } }, 'I')).toBe('i');
  });

  // The expected text is what the unchanged citeproc gives (checked when this was written).
  it('leaves title-cased entries as they were', () => {
    const library = createLibrary([
      {
        file: 'refs.bib',
        text: '@book{x, author = {Öztürk, İlkay and van der Berg, Ånne}, title = {IN THE CITY of istanbul: a study}, publisher = {P}, date = {2019}}',
      },
    ]);
    const [entry] = renderEntries(
      createScope(library),
      loadStyle('style-chicago', 'en-US', PACKAGE),
    ).entries;
    expect(toText(entry!.content)).toBe(
      'Öztürk, İlkay, and Ånne van der Berg. 2019. IN THE CITY of Istanbul: A Study. P.',
    );
  });
});
