// The exact words an editor reads for each kind of mistake.
import { describe, expect, it } from 'vitest';

import {
  createLibrary,
  findCitations,
  formatDiagnostic,
  loadStyle,
  parseMdx,
} from '../../src/citations';
import { resolveOptions as validateOptions } from '../../src/plugin/options';

const GALLAGHER = `@article{gallagher2018,
  author = {Gallagher, Ryan},
  title = {Google Plans to Launch Censored Search Engine in {China}},
  journaltitle = {The Intercept},
  date = {2018-08-01},
}
`;

function messages(bib: Record<string, string>, doc = '', docFile = 'docs/google.mdx'): string[] {
  const library = createLibrary(Object.entries(bib).map(([file, text]) => ({ file, text })));
  const { diagnostics } = findCitations(parseMdx(doc), doc, docFile, library);
  return [...library.diagnostics, ...diagnostics].map(formatDiagnostic);
}

describe('unknown keys', () => {
  it('names the file, line and column of the key and suggests the nearest key', () => {
    const doc =
      '---\ntitle: Google\n---\n\nIn 2018, an investigation found that Google [@galagher2018] had.\n';
    expect(messages({ 'bibliography/essay.bib': GALLAGHER }, doc)).toMatchInlineSnapshot(`
      [
        "docs/google.mdx:5:46: Unknown citation key "galagher2018"; did you mean "gallagher2018"?",
      ]
    `);
  });

  it('suggests nothing when no key is close', () => {
    expect(messages({ 'a.bib': GALLAGHER }, 'See [@rauhala2016].')).toMatchInlineSnapshot(`
      [
        "docs/google.mdx:1:6: Unknown citation key "rauhala2016"",
      ]
    `);
  });

  it('reports each unknown key of a cluster at its own column', () => {
    expect(messages({ 'a.bib': GALLAGHER }, 'See [@gallagher2018; @galagher2019; @nope].'))
      .toMatchInlineSnapshot(`
      [
        "docs/google.mdx:1:22: Unknown citation key "galagher2019"; did you mean "gallagher2018"?",
        "docs/google.mdx:1:37: Unknown citation key "nope"",
      ]
    `);
  });

  it('finds keys inside admonitions, lists and block quotes at their real column', () => {
    const doc =
      ':::note\n\nA note [@galagher2018].\n\n:::\n\n- item\n  continued [@nope]\n\n> quoted [@nope2]\n';
    expect(messages({ 'a.bib': GALLAGHER }, doc)).toMatchInlineSnapshot(`
      [
        "docs/google.mdx:3:9: Unknown citation key "galagher2018"; did you mean "gallagher2018"?",
        "docs/google.mdx:8:14: Unknown citation key "nope"",
        "docs/google.mdx:10:11: Unknown citation key "nope2"",
      ]
    `);
  });
});

describe('duplicate keys', () => {
  it('names both places within one file', () => {
    expect(messages({ 'bibliography/essay.bib': `${GALLAGHER}\n${GALLAGHER}` }))
      .toMatchInlineSnapshot(`
      [
        "bibliography/essay.bib:8:1: Duplicate citation key "gallagher2018"; first defined at bibliography/essay.bib:1:1",
      ]
    `);
  });

  it('names both places across files', () => {
    expect(
      messages({ 'bibliography/a.bib': GALLAGHER, 'bibliography/b.bib': `% again\n${GALLAGHER}` }),
    ).toMatchInlineSnapshot(`
        [
          "bibliography/b.bib:2:1: Duplicate citation key "gallagher2018"; first defined at bibliography/a.bib:1:1",
        ]
      `);
  });
});

describe('malformed BibTeX', () => {
  it('points at a missing comma between fields', () => {
    const bib = '@book{roe2001,\n  author = {Roe, Richard}\n  title = {A Book},\n}\n';
    expect(messages({ 'refs.bib': bib })).toMatchInlineSnapshot(`
      [
        "refs.bib:3:3: Malformed BibTeX: missing "," before this field",
      ]
    `);
  });

  it('points at the end of a file left inside an entry', () => {
    const bib = '@book{roe2001,\n  title = {A Book},\n';
    expect(messages({ 'refs.bib': bib })).toMatchInlineSnapshot(`
      [
        "refs.bib:3:1: Malformed BibTeX: expected a closing "}", found the end of the file",
      ]
    `);
  });

  it('points at a missing key', () => {
    const bib = '@book{\n  title = {A Book},\n}\n';
    expect(messages({ 'refs.bib': bib })).toMatchInlineSnapshot(`
      [
        "refs.bib:2:9: Malformed BibTeX: expected "," after the entry key (is the key missing?)",
      ]
    `);
  });

  it('places an error inside a field value at its field', () => {
    const bib = `${GALLAGHER}\n@book{roe2001,\n  title = {Bad math $x},\n}\n`;
    expect(messages({ 'refs.bib': bib })).toMatchInlineSnapshot(`
      [
        "refs.bib:9:11: Malformed BibTeX in entry "roe2001", field "title": expected text, found the end of the value",
      ]
    `);
  });
});

describe('text that is not an entry, and entries left open', () => {
  it('points at an "@" in free text, and still reads the entry after it', () => {
    const bib = `Write to me at jane@example.org.\n${GALLAGHER}`;
    const library = createLibrary([{ file: 'refs.bib', text: bib }]);
    expect(library.diagnostics.map(formatDiagnostic)).toMatchInlineSnapshot(`
      [
        "refs.bib:1:20: Malformed BibTeX: "@" starts an entry, but no entry follows; outside entries, write text without "@" (or put the line in @comment{…})",
      ]
    `);
    expect([...library.entries.keys()]).toEqual(['gallagher2018']);
  });

  it('points at an @string left open, and still reads the entry after it', () => {
    const bib = `@string{ti = {The Intercept}\n${GALLAGHER}`;
    const library = createLibrary([{ file: 'refs.bib', text: bib }]);
    expect(library.diagnostics.map(formatDiagnostic)).toMatchInlineSnapshot(`
      [
        "refs.bib:1:29: Malformed BibTeX: this @string is not closed; add "}" here, before the entry at line 2",
      ]
    `);
    expect([...library.entries.keys()]).toEqual(['gallagher2018']);
  });

  it('says the end of an entry read alone is the end of the entry, and reads the next one', () => {
    const library = createLibrary([{ file: 'refs.bib', text: `@book{nofields}\n${GALLAGHER}` }]);
    expect(library.diagnostics.map(formatDiagnostic)).toMatchInlineSnapshot(`
      [
        "refs.bib:1:16: Malformed BibTeX: expected ",", found the end of the entry",
      ]
    `);
    expect([...library.entries.keys()]).toEqual(['gallagher2018']);
  });
});

describe('what citation-js would drop without a word', () => {
  it('points at an @string macro that the file never defines', () => {
    const bib =
      '@string{intercept = {The Intercept}}\n' +
      '@article{a,\n  title = {Dragonfly} # subtitle,\n  journaltitle = intercpt,\n  date = 2018,\n  month = aug,\n}\n';
    expect(messages({ 'refs.bib': bib })).toMatchInlineSnapshot(`
      [
        "refs.bib:3:25: Entry "a": field "title" uses "subtitle", which no @string in this file defines; define it, or put the text in braces: {subtitle}",
        "refs.bib:4:18: Entry "a": field "journaltitle" uses "intercpt", which no @string in this file defines; define it, or put the text in braces: {intercpt}",
      ]
    `);
  });

  it('points at a date that does not exist or would lose its season, and passes real ones', () => {
    const bib = [
      '@article{feb30, title = {A}, date = {2020-02-30}}',
      '@article{month13,\n  title = {B},\n  year = {2021},\n  month = {13},\n}',
      '@online{accessed, title = {C}, url = {https://example.org}, urldate = {2020-04-31}}',
      '@article{leap, title = {D}, date = {2020-02-29}}',
      '@article{range, title = {E}, date = {1990/}}',
      '@article{spring, title = {F}, date = {2021-21}}',
    ].join('\n');
    expect(messages({ 'refs.bib': bib })).toMatchInlineSnapshot(`
      [
        "refs.bib:1:37: Entry "feb30": date = {2020-02-30} is not a date that exists",
        "refs.bib:4:10: Entry "month13": year = {2021}, month = {13} is not a date that exists",
        "refs.bib:7:71: Entry "accessed": urldate = {2020-04-31} is not a date that exists",
        "refs.bib:10:38: Entry "spring": date = {2021-21} names a season, which would be dropped; write the month, or the year alone",
      ]
    `);
  });
});

describe('styles and locales', () => {
  it('refuses an unknown style and lists the known ones', () => {
    expect(() => loadStyle('apa7', 'en-US', '.')).toThrowErrorMatchingInlineSnapshot(
      `[OptionsError: Unknown CSL style "apa7"; use one of "apa", "vancouver", "harvard1", the path of a .csl file, or an installed npm package that exports a style.]`,
    );
  });

  it('refuses an unknown locale instead of falling back to en-US', () => {
    expect(() => loadStyle('apa', 'xx-XX', '.')).toThrowErrorMatchingInlineSnapshot(
      `[OptionsError: Unknown CSL locale "xx-XX"; use one of "en-US", "nl-NL", "fr-FR", "de-DE", "es-ES", or the path of a locales-xx-XX.xml file.]`,
    );
  });

  it('refuses a style file that does not exist', () => {
    expect(() => loadStyle('styles/missing.csl', 'en-US', '/nowhere')).toThrowError(
      'Cannot read the CSL style file "/nowhere/styles/missing.csl"',
    );
  });
});

describe('options', () => {
  it('names a bad policy, echoes it and lists what is allowed', () => {
    expect(() => validateOptions({ onBrokenCitations: 'fail' })).toThrowErrorMatchingInlineSnapshot(
      `[OptionsError: Citation option "onBrokenCitations" must be one of "throw", "warn", "ignore"; got "fail".]`,
    );
  });

  it('names an unknown option', () => {
    expect(() => validateOptions({ styel: 'apa' })).toThrowErrorMatchingInlineSnapshot(
      `[OptionsError: Unknown citation option "styel"; the options are "bibliography", "style", "styles", "locale", "onBrokenCitations", "onUncitedEntries", "nocite", "referencesTitle", "edition", "timeline", "bibliographyPath", "timelinePath", "bibliographyNote", "print", "terms", "renderThreads".]`,
    );
  });

  it('throws for broken citations unless told otherwise', () => {
    expect(validateOptions({}).onBrokenCitations).toBe('throw');
  });
});
