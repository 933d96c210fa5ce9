// Reader-chosen styles, archived links and the timeline, at the engine level.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  archiveUrl,
  createLibrary,
  createScope,
  formatDiagnostic,
  formatEventDate,
  loadStyle,
  parseTimeline,
  renderClusters,
  toText,
  typographicQuotes,
} from 'docusaurus-plugin-citations/engine';
import { resolveOptions as validateOptions } from 'docusaurus-plugin-citations';
import { ROOT } from '../support/paths';

const library = createLibrary([
  { file: 'essay.bib', text: fs.readFileSync(path.join(ROOT, 'bibliography/essay.bib'), 'utf8') },
]);

describe('reader styles', () => {
  it('put the default style first, adding it when it is not listed', () => {
    const styles = validateOptions({
      style: 'apa',
      styles: [{ id: 'vancouver', label: 'Vancouver', style: 'vancouver' }],
    }).styles;
    expect(styles.map((s) => s.id)).toEqual(['apa', 'vancouver']);
  });

  it('refuse ids that cannot go into an attribute, and ids listed twice', () => {
    expect(() => validateOptions({ styles: [{ id: 'APA 7', label: 'x', style: 'apa' }] })).toThrow(
      'Citation option "styles[0].id" must be lower-case letters, digits and "-"; got "APA 7".',
    );
    const twice = { id: 'a', label: 'A', style: 'apa' };
    expect(() => validateOptions({ styles: [twice, twice] })).toThrow(
      'Citation option "styles" lists the id "a" twice.',
    );
  });

  it('load Chicago author-date from its npm package and render with it', () => {
    const chicago = loadStyle('style-chicago', 'en-US', ROOT);
    expect(chicago.xml).toContain('chicago-author-date');
    const doc = renderClusters(createScope(library), chicago, [
      { narrative: false, items: [{ key: 'gallagher2018dragonfly', offset: 0 }] },
    ]);
    expect(toText(doc.clusters[0]!)).toBe('(Gallagher 2018)');
  });

  it('name npm packages among the ways to give a style', () => {
    expect(() => loadStyle('no-such-style-package', 'en-US', ROOT)).toThrow(
      /an installed npm package that exports a style/,
    );
  });
});

describe('archived copies', () => {
  it('are the Wayback Machine at the publication date, as precise as it is known', () => {
    const at = (key: string) => archiveUrl(library.entries.get(key)!.csl);
    expect(at('tiktok2019statement')).toBe(
      'https://web.archive.org/web/20191024/https://newsroom.tiktok.com/en-us/statement-on-tiktoks-content-moderation-and-data-security-practices',
    );
    expect(at('radii2020klingon')).toBe(
      'https://web.archive.org/web/202003/https://radiichina.com/klingon-emojis-morse-code/',
    );
    // No address, nothing to archive.
    expect(at('gallagher2018dragonfly')).toBeUndefined();
  });
});

describe('timeline', () => {
  const parse = (yaml: string) => parseTimeline('timeline/events.yaml', yaml, library);

  it('reads events and their citations', () => {
    const { events, diagnostics } = parse(
      '- id: dragonfly\n  date: 2018-08-01\n  title: Dragonfly revealed\n  chapter: google\n  passage: an investigation\n  cite: "[@gallagher2018dragonfly]"\n',
    );
    expect(diagnostics).toEqual([]);
    expect(events[0]).toMatchObject({ id: 'dragonfly', date: '2018-08-01', chapter: 'google' });
    expect(events[0]!.cite!.items.map((i) => i.key)).toEqual(['gallagher2018dragonfly']);
  });

  it('reports a mistyped key, a bad date and a missing field where they are', () => {
    const { diagnostics } = parse(
      [
        '- id: one',
        '  date: 2018-13',
        '  title: A bad month',
        '  chapter: google',
        '  passage: an investigation',
        '  cite: "[@galagher2018dragonfly]"',
        '- id: two',
        '  date: 2019',
        '  chapter: google',
        '  passage: x',
      ].join('\n'),
    );
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'timeline/events.yaml:2:3: Timeline date "2018-13" of "one" must be YYYY, YYYY-MM or YYYY-MM-DD',
      'timeline/events.yaml:6:11: Unknown citation key "galagher2018dragonfly"; did you mean "gallagher2018dragonfly"?',
      'timeline/events.yaml:7:1: Timeline event 2 has no "title"',
    ]);
  });

  it('writes dates as they are known', () => {
    expect(formatEventDate('2018')).toBe('2018');
    expect(formatEventDate('2003-11')).toBe('November 2003');
    expect(formatEventDate('2018-08-01')).toBe('1 August 2018');
  });

  it('writes titles with typographic quotes and apostrophes', () => {
    expect(typographicQuotes('The Golden Shield Project, the "Great Firewall", begins')).toBe(
      'The Golden Shield Project, the “Great Firewall”, begins',
    );
    expect(typographicQuotes('Google\'s engine; the Post\'s "parallel universe"')).toBe(
      'Google’s engine; the Post’s “parallel universe”',
    );
    expect(typographicQuotes('\'Quoted\' at the start, and ("in brackets")')).toBe(
      '‘Quoted’ at the start, and (“in brackets”)',
    );
    expect(typographicQuotes('Already “curly” and ’90s')).toBe('Already “curly” and ’90s');
  });
});
