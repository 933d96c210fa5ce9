// One citeproc engine per style serves every document in turn; each document must still get
// the result a fresh engine would give it: its own disambiguation, order and numbering.
import { describe, expect, it } from 'vitest';

import {
  createLibrary,
  findCitations,
  loadStyle,
  parseMdx,
  renderClusters,
  renderEntries,
  shortReferences,
  toText,
  type Library,
} from '../../src/citations';

const BIB = ['a', 'b', 'c', 'd']
  .map(
    (k, i) =>
      `@article{doe${k}, author = {Doe, Jane}, title = {Study ${k}}, journaltitle = {J}, date = {2018}}\n@article{roe${k}, author = {Roe, R${i}}, title = {Work ${k}}, journaltitle = {J}, date = {200${i}}}`,
  )
  .join('\n');
const library = createLibrary([{ file: 'refs.bib', text: BIB }]);
const apa = loadStyle('apa', 'en-US', '.');
const vancouver = loadStyle('vancouver', 'en-US', '.');

function render(lib: Library, style: typeof apa, markdown: string) {
  const { citations } = findCitations(parseMdx(markdown), markdown, 'x.md', lib);
  const doc = renderClusters(lib, style, citations);
  return {
    citations: doc.clusters.map((c) => toText(c)),
    entries: doc.entries.map((e) => toText(e.content)),
  };
}

const A = 'One [@doea] and two [@doeb; @roec].';
const B = 'Others [@doec], [@doed], [@doea; @roed], [@roea].';

describe.each([
  ['APA', apa],
  ['Vancouver', vancouver],
])('%s', (_, style) => {
  it('gives a document the same result whatever was rendered before it', () => {
    const alone = render(library, style, A);
    render(library, style, B);
    const afterB = render(library, style, A);
    expect(afterB).toEqual(alone);
  });

  it('gives a document the same result after a bibliography of the whole library', () => {
    const alone = render(library, style, '[@doea]');
    renderEntries(library, style);
    expect(render(library, style, '[@doea]')).toEqual(alone);
  });

  it('disambiguates and numbers within the document only', () => {
    const a = render(library, style, A);
    render(library, style, B);
    if (style === apa) {
      // Two works by Doe in 2018 in this document: 2018a and 2018b, not letters from B.
      expect(a.citations).toEqual(['(Doe, 2018a)', '(Doe, 2018b; Roe, 2002)']);
    } else {
      expect(a.citations).toEqual(['(1)', '(2,3)']);
    }
  });
});

it('forgets the items of a bibliography rendered without citations', () => {
  const other = createLibrary([
    {
      file: 'other.bib',
      text: '@article{only, author = {Only, One}, title = {T}, journaltitle = {K}, date = {1999}}',
    },
  ]);
  expect(renderEntries(other, apa).entries.map((e) => e.key)).toEqual(['only']);
  expect(render(library, apa, '[@doea]').entries).toHaveLength(1);
});

it('reads items again when another library uses the same keys', () => {
  const other = createLibrary([
    {
      file: 'other.bib',
      text: '@article{doea, author = {Other, Olga}, title = {Elsewhere}, journaltitle = {K}, date = {1999}}',
    },
  ]);
  expect(render(library, apa, '[@doea]').citations).toEqual(['(Doe, 2018)']);
  expect(render(other, apa, '[@doea]').citations).toEqual(['(Other, 1999)']);
  expect(render(library, apa, '[@doea]').citations).toEqual(['(Doe, 2018)']);
});

it('never asks a library for the items of another one', () => {
  // A bibliography leaves its items registered as uncited; the next library must not inherit
  // them (cite list after cite export on other .bib files failed with 'No entry for "else2019"').
  const other = createLibrary([
    {
      file: 'other.bib',
      text: '@misc{else2019, author = {Else, Where}, title = {T}, date = {2019}}',
    },
  ]);
  expect(render(other, apa, '[@else2019]').citations).toEqual(['(Else, 2019)']);
  expect(renderEntries(other, apa).entries.map((e) => e.key)).toEqual(['else2019']);
  expect(shortReferences(library, apa).get('roea')).toBe('(Roe, 2000)');
  expect(render(library, apa, '[@doea]').citations).toEqual(['(Doe, 2018)']);
  expect(renderEntries(library, apa, ['doea']).entries.map((e) => e.key)).toEqual(['doea']);
});
