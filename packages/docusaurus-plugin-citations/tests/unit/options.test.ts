// The plugin's options, validated the way Docusaurus validates them (normalizePluginOptions and
// the plugin's validateOptions): defaults filled in, and every mistake named, echoed and explained.
import path from 'node:path';

import { normalizePluginOptions } from '@docusaurus/utils-validation';
import { describe, expect, it } from 'vitest';

import plugin, { optionsInConfig } from '../../src/plugin';
import { DEFAULT_OPTIONS, validateOptions } from '../../src/plugin/options';
import { PACKAGE } from '../support/paths';

/** A site beside the package: where the entries below are resolved from. */
const SITE = path.resolve(PACKAGE, '../..');

/** What Docusaurus does with a plugin's options before it calls the plugin. */
function validate(options: unknown) {
  return plugin.validateOptions!({
    validate: normalizePluginOptions as never,
    options,
  }) as ReturnType<typeof validateOptions>;
}

function message(options: unknown): string {
  try {
    validate(options);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  throw new Error('the options were accepted');
}

const EDITION = {
  title: 'An essay',
  containerTitle: 'An edition',
  publisher: 'Digital Divide',
  issued: '2026-11-29',
  original: {
    title: 'An essay',
    publisher: 'A paper',
    issued: '2020-09-22',
    url: 'https://example.com/essay',
  },
};

describe('the options', () => {
  it('have defaults for everything', () => {
    expect(validate(undefined)).toEqual({
      ...DEFAULT_OPTIONS,
      styles: [{ id: 'apa', label: 'apa', style: 'apa' }],
    });
  });

  it('take one .bib path or several', () => {
    expect(validate({ bibliography: 'refs.bib' }).bibliography).toEqual(['refs.bib']);
    expect(validate({ bibliography: ['a.bib', 'b'] }).bibliography).toEqual(['a.bib', 'b']);
  });

  it('put the default style first among the reader’s choices', () => {
    const styles = [
      { id: 'vancouver', label: 'Vancouver', style: 'vancouver' },
      { id: 'apa', label: 'APA', style: 'apa' },
    ];
    expect(validate({ style: 'apa', styles }).styles.map((s) => s.id)).toEqual([
      'apa',
      'vancouver',
    ]);
  });

  it('turn print: true into the default print edition', () => {
    expect(validate({ print: true }).print).toEqual({
      path: 'print',
      title: undefined,
      docsPluginId: 'default',
    });
    expect(validate({ print: { path: 'all' } }).print).toMatchObject({ path: 'all' });
  });

  it('derive the edition’s citation key from its publisher unless given', () => {
    expect(validate({ edition: EDITION }).edition?.key).toBe('digitaldivide');
    expect(validate({ edition: { ...EDITION, key: 'dd' } }).edition?.key).toBe('dd');
  });

  it('are found in a site config’s plugin entry', () => {
    const options = { style: 'vancouver' };
    expect(optionsInConfig({ plugins: ['x', [plugin, options]] }, SITE)).toBe(options);
    expect(optionsInConfig({ plugins: [plugin] }, SITE)).toEqual({});
    expect(optionsInConfig({ plugins: [['other', options]] }, SITE)).toBeUndefined();
  });

  it('are found in an entry that names the plugin, as a site installing the package writes it', () => {
    const options = { style: 'vancouver' };
    const named = (name: string) => optionsInConfig({ plugins: [[name, options]] }, SITE);
    expect(named('docusaurus-plugin-citations')).toBe(options);
    expect(named('citations')).toBe(options);
    // A path to the package's own files, as a site inside this repository may give it.
    expect(named(`./${path.relative(SITE, path.join(PACKAGE, 'src/index.ts'))}`)).toBe(options);
    expect(named('./src/index.ts')).toBeUndefined();
  });
});

describe('a mistake in the options', () => {
  it('names the option, echoes the value and lists what is allowed', () => {
    expect(message({ onBrokenCitations: 'fail' })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "onBrokenCitations" must be one of "throw", "warn", "ignore"; got "fail"."`,
    );
  });

  it('names an unknown option and lists the options, at any depth', () => {
    expect(message({ styel: 'apa' })).toMatchInlineSnapshot(
      `"OptionsError: Unknown citation option "styel"; the options are "bibliography", "style", "styles", "locale", "onBrokenCitations", "onUncitedEntries", "nocite", "referencesTitle", "edition", "timeline", "bibliographyPath", "timelinePath", "bibliographyNote", "print", "terms", "renderThreads"."`,
    );
    expect(message({ terms: { chapter: 'x' } })).toMatchInlineSnapshot(
      `"OptionsError: Unknown citation option "terms.chapter"; the options are "work", "part", "parts", "site"."`,
    );
    expect(
      message({ edition: { ...EDITION, original: { ...EDITION.original, date: 1 } } }),
    ).toMatchInlineSnapshot(
      `"OptionsError: Unknown citation option "edition.original.date"; the options are "title", "publisher", "issued", "url"."`,
    );
  });

  it('says what a value must look like', () => {
    expect(message({ style: '' })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "style" must be a non-empty string; got ""."`,
    );
    expect(message({ bibliography: [] })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "bibliography" must be a path or a non-empty list of paths; got []."`,
    );
    expect(message({ styles: [{ id: 'APA 7', label: 'x', style: 'apa' }] })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "styles[0].id" must be lower-case letters, digits and "-"; got "APA 7"."`,
    );
    expect(message({ edition: { ...EDITION, issued: '29/11/2026' } })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "edition.issued" must be a date written YYYY-MM-DD; got "29/11/2026"."`,
    );
    expect(message({ print: 'yes' })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "print" must be true, false or an object; got "yes"."`,
    );
    expect(message({ renderThreads: -1 })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "renderThreads" must be at least 0; got -1."`,
    );
    expect(message({ renderThreads: 1.5 })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "renderThreads" must be a whole number; got 1.5."`,
    );
    expect(message({ renderThreads: 'two' })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "renderThreads" must be a number; got "two"."`,
    );
  });

  it('names what is missing and what is given twice', () => {
    const { publisher: _, ...withoutPublisher } = EDITION;
    expect(message({ edition: withoutPublisher })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "edition.publisher" is required."`,
    );
    const twice = { id: 'a', label: 'A', style: 'apa' };
    expect(message({ styles: [twice, twice] })).toMatchInlineSnapshot(
      `"OptionsError: Citation option "styles" lists the id "a" twice."`,
    );
  });
});
