// Hostile bibliography data stays inert (issue #13), in the engine: which addresses may become
// links or metadata URLs, JSON written into a <script>, what the metadata and the rendered
// references make of the hostile corpus (tests/fixtures/hostile/refs.bib), and the messages
// for fields that cannot be shown safely. tests/browser/hostile.test.ts does the same in Chromium.
import fs from 'node:fs';
import path from 'node:path';

import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';

import {
  archiveUrl,
  coinsOf,
  createLibrary,
  createScope,
  formatDiagnostic,
  highwireReference,
  loadStyle,
  renderDocument,
  schemaOrgWork,
  scriptJson,
  webUrl,
  whyNotWebUrl,
  type CslItem,
} from '../../src/citations';
import { PACKAGE } from '../support/paths';

describe('webUrl', () => {
  it.each([
    'https://example.org/page?a=1&b=2#part',
    'http://example.org',
    'HTTPS://EXAMPLE.ORG/',
    'https://example.org/a%20b',
    "https://en.wikipedia.org/wiki/O'Brien",
    'https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0',
    // An old DOI as written: a tree writes the brackets escaped, a browser sends them encoded.
    'https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0',
  ])('lets %j be a link', (url) => {
    expect(whyNotWebUrl(url)).toBeUndefined();
    expect(webUrl(url)).toBe(url);
    // Node's WHATWG URL parser, the one browsers follow, agrees that it is a web address.
    expect(['http:', 'https:']).toContain(new URL(url).protocol);
  });

  it.each([
    ['javascript:alert(1)', 'is not an http: or https: address'],
    ['JaVaScRiPt:alert(1)', 'is not an http: or https: address'],
    ['\tjavascript:alert(1)', 'holds a control character'],
    [' javascript:alert(1)', 'holds white space'],
    ['\u0001javascript:alert(1)', 'holds a control character'],
    ['java\tscript:alert(1)', 'holds a control character'],
    ['java\nscript:alert(1)', 'holds a control character'],
    ['java&#x73;cript:alert(1)', 'is not an http: or https: address'],
    ['&#106;avascript:alert(1)', 'is not an http: or https: address'],
    ['data:text/html,<script>alert(1)</script>', 'is not an http: or https: address'],
    ['vbscript:msgbox(1)', 'is not an http: or https: address'],
    ['//evil.example/', 'is not an http: or https: address'],
    ['/relative/path', 'is not an http: or https: address'],
    ['https:evil.example', 'is not an http: or https: address'],
    [' https://example.org/', 'holds white space'],
    ['https://example.org/\u2028', 'holds white space'],
    ['https://exa mple.org/', 'holds white space'],
    [
      'https://example.org/"onmouseover="alert(1)',
      'holds a double quote ("), which a web address must percent-encode',
    ],
    [
      'https://example.org\\@evil.example/',
      'holds a backslash (\\), which a web address must percent-encode',
    ],
    ['https://example.org/&#x22;onmouseover', 'holds an HTML character reference'],
    ['https://example.org/&quot;', 'holds an HTML character reference'],
    ['https://', 'is not a valid web address'],
  ])('refuses %j: it %s', (url, reason) => {
    expect(whyNotWebUrl(url)).toBe(reason);
    expect(webUrl(url)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, ['https://example.org/'], {}]) {
      expect(webUrl(value)).toBeUndefined();
    }
  });
});

describe('scriptJson', () => {
  const value = {
    name: '</script><script>alert(1)</script> <!--<script> ]]> & \u2028\u2029 "quoted" \\',
    list: ['</SCRIPT>', '<\u0000>', 1, true, null],
  };

  it('writes JSON that no value can end, comment out or break a line of', () => {
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
    // The same text is also a JavaScript expression with the same value (inline state).
    expect(new Function(`return ${json};`)()).toEqual(value);
  });

  it('stays one script element for an HTML parser (parse5, as browsers parse)', () => {
    const json = scriptJson(value);
    const tree = fromHtml(
      `<head><script type="application/ld+json">${json}</script></head><body><p>after</p></body>`,
    );
    const scripts = selectAll('script', tree);
    expect(scripts).toHaveLength(1);
    expect(toString(scripts[0]!)).toBe(json);
    expect(selectAll('p', tree).map((p) => toString(p))).toEqual(['after']);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => scriptJson(undefined)).toThrow(TypeError);
  });
});

// refs.bib is what the library accepts; unsafe-urls.bib the addresses it refuses at their place.
const CORPUS_FILES = ['tests/fixtures/hostile/refs.bib', 'tests/fixtures/hostile/unsafe-urls.bib'];
const CORPUS = CORPUS_FILES.map((file) => fs.readFileSync(path.join(PACKAGE, file), 'utf8')).join(
  '\n',
);
const library = createLibrary(
  CORPUS_FILES.map((file) => ({ file, text: fs.readFileSync(path.join(PACKAGE, file), 'utf8') })),
);
const item = (key: string): CslItem => library.entries.get(key)!.csl;

/** The keys whose URL (or DOI) cannot be a link. */
const UNSAFE = [
  'hostile-url-javascript',
  'hostile-url-case',
  'hostile-url-tab',
  'hostile-url-newline',
  'hostile-url-entity',
  'hostile-url-data',
  'hostile-url-vbscript',
  'hostile-url-relative',
  'hostile-howpublished',
];

describe('the hostile corpus', () => {
  it('is accepted as it is, but for the addresses that cannot be links', () => {
    const accepted = createLibrary([
      {
        file: CORPUS_FILES[0]!,
        text: fs.readFileSync(path.join(PACKAGE, CORPUS_FILES[0]!), 'utf8'),
      },
    ]);
    expect(accepted.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(new Set(library.diagnostics.map((d) => d.file))).toEqual(new Set([CORPUS_FILES[1]]));
  });

  it('is read whole', () => {
    const keys = [...CORPUS.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect([...library.entries.keys()]).toEqual(keys);
    expect(keys.length).toBeGreaterThan(30);
  });

  it('gives metadata only web addresses', () => {
    for (const key of library.entries.keys()) {
      const highwireUrls = highwireReference(item(key))
        .split('; ')
        .filter((pair) => pair.startsWith('citation_public_url='))
        .map((pair) => pair.slice('citation_public_url='.length));
      const work = schemaOrgWork(item(key));
      const rftId = new URLSearchParams(coinsOf(item(key))).get('rft_id');
      const archived = archiveUrl(item(key));
      for (const url of [...highwireUrls, work.url, rftId, archived].filter((u) => u != null)) {
        expect(webUrl(url), `${key}: ${String(url)}`).toBe(url);
      }
      // A work with an address that cannot be a link has none in its metadata.
      if (UNSAFE.includes(key))
        expect([highwireUrls, work.url, rftId, archived]).toEqual([[], undefined, null, undefined]);
    }
    expect(schemaOrgWork(item('hostile-url-ok')).url).toBe(
      'https://example.org/hostile-ok?a=1&b=2',
    );
    expect(archiveUrl(item('hostile-url-ok'))).toBe(
      'https://web.archive.org/web/2020/https://example.org/hostile-ok?a=1&b=2',
    );
  });

  it('renders links only to web addresses, each showing where it goes', () => {
    const style = loadStyle('apa', 'en-US', PACKAGE);
    const keys = [...library.entries.keys()];
    const { entries } = renderDocument(
      createScope(library),
      style,
      keys.map((key) => ({ items: [{ key, offset: 0 }], narrative: false })),
    );
    const linked = new Set<string>();
    // The formatted entries, as the engine hands them to the page (its actions, archive link and
    // back-links are the components').
    for (const { key, variants } of entries) {
      for (const a of selectAll('a', { type: 'root', children: variants[0]!.content })) {
        expect(toString(a), key).toBe(a.properties.href);
        expect(webUrl(a.properties.href), key).toBe(a.properties.href);
        linked.add(key);
      }
    }
    // Linked: every entry whose url is written as a web address, and the javascript: DOI, which
    // goes to doi.org like any DOI. Not the DOI whose quote would cut citeproc's href short.
    const webUrls = keys.filter((k) =>
      /^\s*url\s*=\s*\{https:\/\//m.test(library.entries.get(k)!.source),
    );
    expect([...linked].sort()).toEqual([...webUrls, 'hostile-doi-scheme'].sort());
    for (const key of [...UNSAFE, 'hostile-doi']) expect(linked).not.toContain(key);
  });

  it('shows an address that had "<" as it was written', () => {
    expect(item('hostile-url-data').URL).toBe(
      'data:text/html,%3Cscript%3E__xss_url_data=1%3C/script%3E',
    );
  });
});

describe('messages for addresses that cannot be links', () => {
  it('name the field’s value and why, at the value', () => {
    const messages = library.diagnostics
      .filter((d) => d.ruleId === 'unsafe-url')
      .map(formatDiagnostic);
    expect(messages).toMatchInlineSnapshot(`
      [
        "tests/fixtures/hostile/unsafe-urls.bib:8:11: Entry "hostile-url-javascript": url = {javascript:__xss_url_javascript=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:15:11: Entry "hostile-url-case": url = {JaVaScRiPt:__xss_url_case=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:22:11: Entry "hostile-url-tab": url = {\\tjavascript:__xss_url_tab=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:29:11: Entry "hostile-url-newline": url = {java\\nscript:__xss_url_newline=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:37:11: Entry "hostile-url-entity": url = {java&#x73;cript:__xss_url_entity=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:44:11: Entry "hostile-url-data": url = {data:text/html,<script>__xss_url_data=1</script>} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:51:11: Entry "hostile-url-vbscript": url = {vbscript:__xss_url_vbscript=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:58:11: Entry "hostile-url-relative": url = {//evil.example/__xss_url_relative} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:66:18: Entry "hostile-howpublished": howpublished = {httpjavascript:__xss_howpublished=1} cannot be a link: it is not an http: or https: address; pages show it as text, and metadata leave it out",
        "tests/fixtures/hostile/unsafe-urls.bib:75:18: Entry "hostile-doi": doi = {10.1234/hostile"><img src=x onerror=__xss_doi_img=1 data-hostile>} cannot be a link: its address https://doi.org/10.1234/hostile"><img src=x onerror=__xss_doi_img=1 data-hostile> holds white space; pages show it as text, and metadata leave it out",
      ]
    `);
  });
});
