// Hostile bibliography data stays inert (issue #13). The hostile corpus
// (packages/docusaurus-plugin-citations/tests/fixtures/hostile/refs.bib), cited by a document of its own (input.mdx beside it) and by a
// timeline event, is built into a copy of the site. Chromium then opens every page of that build
// at desktop and phone size, opens the preview of every citation of the corpus, and searches for
// it. Nothing of the corpus may run (each script in it sets a global `__xss_…`), add an element
// (each is marked `data-hostile`), a link that is not a web address or a tag in the head; where
// a field is shown, it reads as the text the .bib holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  expectNoProblems,
  gotoAndHydrate,
  isPhone,
  leavePage,
  problemsOf,
  SiteBrowser,
  SIZES,
  visit,
  waitForHydration,
} from '../support/browser';
import { runBuild } from '../support/build';
import { FIXTURES } from '../support/paths';
import { serveStatic } from '../support/server';
import { copySite } from '../support/tempsite';

/** The corpus (data the library accepts) and its addresses that cannot be links. */
const CORPUS = path.join(FIXTURES, 'hostile/refs.bib');
const UNSAFE_CORPUS = path.join(FIXTURES, 'hostile/unsafe-urls.bib');
const UNSAFE_TEXT = fs.readFileSync(UNSAFE_CORPUS, 'utf8');
/** Where they go in the copy of the site, as build messages name them. */
const BIB = 'bibliography/hostile.bib';
const UNSAFE_BIB = 'bibliography/hostile-unsafe-urls.bib';
const KEYS = [CORPUS, UNSAFE_CORPUS].flatMap((file) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!),
);
/** What the hostile document cites: all but the key MDX could not hold. */
const CITED = KEYS.filter((key) => key !== 'hostile-key<b>&x');

const EVENT = `
- id: hostile-event
  date: '2020'
  title: The hostile corpus is cited on the timeline
  chapter: docs/hostile.mdx
  passage: lands on this hostile passage
  cite: '[@hostile-title; @hostile-author]'
`;

/** The fields whose address cannot be a link: each is a warning at the field's value. */
const UNSAFE_FIELDS: [key: string, field: string][] = [
  ['hostile-url-javascript', 'url'],
  ['hostile-url-case', 'url'],
  ['hostile-url-tab', 'url'],
  ['hostile-url-newline', 'url'],
  ['hostile-url-entity', 'url'],
  ['hostile-url-data', 'url'],
  ['hostile-url-vbscript', 'url'],
  ['hostile-url-relative', 'url'],
  ['hostile-howpublished', 'howpublished'],
  ['hostile-doi', 'doi'],
];

/** The text payload's parts that must read as text wherever the field is shown. */
const payloadText = (f: string) => [
  `</script><script>__xss_${f}_script=1</script>`,
  `<img src=x onerror=__xss_${f}_img=1 data-hostile>`,
  `<a href=javascript:__xss_${f}_link=1 data-hostile>`,
  `&lt;img src=x onerror=__xss_${f}_entity=1 data-hostile&gt;`,
  `</li></ul></div>`,
];

/**
 * What a reader sees of each entry in the default style (APA), compared without regard to case
 * (the style title-cases some titles). Fields APA does not print (note, addendum, keywords,
 * abstract, unknown fields, PubMed ids) are checked by what must not happen only.
 */
const SHOWN: Record<string, string[]> = {
  ...Object.fromEntries(
    [
      'title',
      'subtitle',
      'author',
      'editor',
      'organization',
      'publisher',
      'institution',
      'journaltitle',
      'booktitle',
    ].map((f) => [`hostile-${f}`, payloadText(f)]),
  ),
  'hostile-separators': ['</script><script>__xss_separators_script=1</script>'],
  'hostile-highwire': ['carrier; citation_public_url=javascript:__xss_highwire=1; citation_title'],
  'hostile-latex': ['</script><script>__xss_latex_script=1</script>'],
  'hostile-url-ok': ['https://example.org/hostile-ok?a=1&b=2'],
  'hostile-url-javascript': ['javascript:__xss_url_javascript=1'],
  'hostile-url-case': ['JaVaScRiPt:__xss_url_case=1'],
  'hostile-url-tab': ['javascript:__xss_url_tab=1'],
  'hostile-url-newline': ['script:__xss_url_newline=1'],
  'hostile-url-entity': ['java&#x73;cript:__xss_url_entity=1'],
  'hostile-url-data': ['data:text/html,'],
  'hostile-url-vbscript': ['vbscript:__xss_url_vbscript=1'],
  'hostile-url-relative': ['//evil.example/__xss_url_relative'],
  'hostile-howpublished': ['httpjavascript:__xss_howpublished=1'],
  'hostile-doi': ['<img src=x onerror=__xss_doi_img=1 data-hostile>'],
};

/** `line:column` of a field's value in unsafe-urls.bib (where its `{` stands). */
function placeOfField(key: string, field: string): string {
  const start = UNSAFE_TEXT.indexOf(`{${key},`);
  const match = new RegExp(`^\\s*${field}\\s*=\\s*`, 'm');
  const rest = UNSAFE_TEXT.slice(start);
  const found = match.exec(rest)!;
  const offset = start + found.index + found[0].length;
  const before = UNSAFE_TEXT.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

interface HostileBuild {
  dir: string;
  output: string;
}

/**
 * Builds the copy of the site with the corpus. HOSTILE_BUILD_DIR keeps the build (and what it
 * printed, in <dir>.log) and reuses it while iterating, as SITE_BUILD_DIR does for the site.
 */
async function buildHostileSite(): Promise<HostileBuild> {
  const kept = process.env.HOSTILE_BUILD_DIR ? path.resolve(process.env.HOSTILE_BUILD_DIR) : '';
  if (kept && fs.existsSync(path.join(kept, 'index.html'))) {
    return { dir: kept, output: fs.readFileSync(`${kept}.log`, 'utf8') };
  }
  const dir = kept || path.join(os.tmpdir(), `dd-hostile-build-${process.pid}`);
  const site = copySite();
  try {
    fs.copyFileSync(CORPUS, path.join(site.dir, BIB));
    fs.copyFileSync(UNSAFE_CORPUS, path.join(site.dir, UNSAFE_BIB));
    fs.copyFileSync(
      path.join(FIXTURES, 'hostile/input.mdx'),
      path.join(site.dir, 'docs/hostile.mdx'),
    );
    site.edit('timeline/events.yaml', (t) => `${t.trimEnd()}\n${EVENT}`);
    // The corpus holds fields that cannot be shown safely: the build must say so and go on.
    // The key MDX cannot hold is published all the same, as an editor would, with nocite.
    site.edit('docusaurus.config.ts', (t) =>
      t
        .replace("onBrokenCitations: 'throw'", "onBrokenCitations: 'warn'")
        .replace(
          "onUncitedEntries: 'warn',",
          "onUncitedEntries: 'warn',\n  nocite: ['hostile-key<b>&x'],",
        ),
    );
    const result = await runBuild(dir, site.dir);
    if (result.code !== 0) {
      throw new Error(`The hostile site's build failed (exit ${result.code}):\n${result.output}`);
    }
    if (kept) fs.writeFileSync(`${kept}.log`, result.output);
    return { dir, output: result.output };
  } finally {
    site.remove();
  }
}

/** Every HTML page of a build, as URL paths ("/", "/google", "/search"). */
function pagesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map(
      (f) =>
        `/${f
          .split(path.sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '')
          .replace(/\.html$/, '')}`,
    )
    .sort();
}

let build: HostileBuild;
let server: { url: string; close: () => Promise<void> };
let browser: SiteBrowser;

beforeAll(async () => {
  build = await buildHostileSite();
  server = await serveStatic(build.dir);
  browser = await SiteBrowser.launch(server.url);
}, 900_000);

afterEach(async () => {
  await browser?.closePages();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (!process.env.HOSTILE_BUILD_DIR && build)
    fs.rmSync(build.dir, { recursive: true, force: true });
});

/**
 * A page that also records the dialogs a script would open (alert, confirm, prompt). With
 * `keep`, it outlives the test: close it with `browser.closePage`.
 */
async function newPage(
  options?: Parameters<SiteBrowser['newPage']>[0],
  { keep = false } = {},
): Promise<Page> {
  const page = await browser.newPage(options, { keep });
  // The corpus's pages are large (/print, /bibliography in four styles), and CI machines busy.
  page.setDefaultTimeout(30_000);
  page.on('dialog', (dialog) => {
    problemsOf(page).pageErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

/**
 * Everything on the page, head included, that the corpus could have made: scripts that ran,
 * elements it marks, event handlers, links and sources that are not web addresses, inline
 * scripts it wrote, JSON-LD that does not parse, and Highwire, JSON-LD and COinS addresses that
 * are not web addresses. With `scope`, only the elements in it (and the scripts that ran).
 */
function findHostileEffects(page: Page, scope?: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const problems: string[] = [];
    const root = scope ? document.querySelector(scope)! : document;
    const web = (url: string) => {
      try {
        return ['http:', 'https:'].includes(new URL(url).protocol);
      } catch {
        return false;
      }
    };
    const ran = Object.keys(window).filter((k) => k.startsWith('__xss'));
    if (ran.length > 0) problems.push(`scripts ran: ${ran.join(', ')}`);
    for (const e of Array.from(root.querySelectorAll('[data-hostile]'))) {
      problems.push(`element: ${e.outerHTML.slice(0, 120)}`);
    }
    for (const e of Array.from(root.querySelectorAll('*'))) {
      for (const a of Array.from(e.attributes)) {
        if (/^on/i.test(a.name)) problems.push(`handler: <${e.localName} ${a.name}=${a.value}>`);
      }
    }
    for (const a of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
      // "Cite this" downloads the edition's own BibTeX and RIS as data: URLs.
      const citeThisDownload =
        a.protocol === 'data:' &&
        a.hasAttribute('download') &&
        a.closest('section[aria-labelledby="cite-this"]') !== null;
      if (!web(a.href) && !citeThisDownload) problems.push(`link: ${a.getAttribute('href')}`);
      if (a.hostname === 'evil.example') problems.push(`link: ${a.getAttribute('href')}`);
    }
    for (const e of Array.from(
      root.querySelectorAll('[src], [srcdoc], [action], [formaction], base, iframe, object, embed'),
    )) {
      const src = e.getAttribute('src');
      if (!src || new URL(src, location.href).origin !== location.origin) {
        problems.push(`element: ${e.outerHTML.slice(0, 120)}`);
      }
    }
    if (scope) return problems;
    for (const s of Array.from(document.querySelectorAll('script:not([src])'))) {
      const text = s.textContent ?? '';
      if (s.getAttribute('type') === 'application/ld+json') {
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          problems.push(`JSON-LD does not parse: ${text.slice(0, 120)}`);
          continue;
        }
        JSON.stringify(data, (key, value: unknown) => {
          if (key === 'url' && (typeof value !== 'string' || !web(value))) {
            problems.push(`JSON-LD url: ${String(value)}`);
          }
          return value;
        });
      } else if (text.includes('__xss')) {
        problems.push(`inline script: ${text.slice(0, 120)}`);
      }
    }
    const highwire = Array.from(
      document.querySelectorAll<HTMLMetaElement>('meta[name^="citation_"]'),
    );
    if (highwire.filter((m) => m.name === 'citation_title').length > 1) {
      problems.push('more than one citation_title');
    }
    for (const m of highwire) {
      if (m.name === 'citation_public_url' && !web(m.content)) {
        problems.push(`citation_public_url: ${m.content}`);
      }
      if (m.name !== 'citation_reference') continue;
      const pairs = m.content.split(';').map((p) => p.trim().split('='));
      if (pairs.filter(([k]) => k === 'citation_title').length !== 1) {
        problems.push(`citation_reference: ${m.content.slice(0, 120)}`);
      }
      for (const [k, ...v] of pairs) {
        if (k === 'citation_public_url' && !web(v.join('='))) {
          problems.push(`citation_reference URL: ${v.join('=')}`);
        }
      }
    }
    for (const span of Array.from(document.querySelectorAll('span.Z3988'))) {
      const id = new URLSearchParams(span.getAttribute('title') ?? '').get('rft_id');
      if (id !== null && !web(id)) problems.push(`COinS rft_id: ${id}`);
    }
    return problems;
  }, scope);
}

// Soft: a page reports everything the corpus did to it, and the next pages are still opened.
async function expectInert(page: Page, where: string, scope?: string): Promise<void> {
  expect.soft(await findHostileEffects(page, scope), where).toEqual([]);
}

interface ShownEntry {
  /** The entry in the style shown, as the reader sees it. */
  text: string;
  /** Its links (not the buttons, back-links or archived copy). */
  links: { href: string; text: string }[];
  /** Its "Archived copy" links. */
  archive: string[];
}

/** What the reader sees of the entries with these keys (null for one not on the page). */
function shownEntries(
  page: Page,
  keys: readonly string[],
): Promise<Record<string, ShownEntry | null>> {
  return page.evaluate((keys) => {
    const items = Array.from(document.querySelectorAll<HTMLElement>('li.csl-entry'));
    return Object.fromEntries(
      keys.map((key) => {
        const li = items.find((e) => e.dataset.key === key);
        if (!li) return [key, null];
        const variants = Array.from(li.querySelectorAll<HTMLElement>('.entry-variant'));
        const shown = variants.find((v) => getComputedStyle(v).display !== 'none');
        const links = Array.from(
          (shown ?? li).querySelectorAll<HTMLAnchorElement>('a[href]'),
        ).filter((a) => !a.closest('.entry-actions, .citation-backlinks, .entry-archive'));
        return [
          key,
          {
            text: (shown ?? li).innerText.trim(),
            links: links.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent ?? '' })),
            archive: Array.from(li.querySelectorAll('.entry-archive a')).map(
              (a) => a.getAttribute('href') ?? '',
            ),
          },
        ];
      }),
    );
  }, keys);
}

/**
 * The corpus's entries on the page (`keys`): each is there, reads as its text, and each link in
 * it shows the address it goes to; the one web address of the corpus stays a link.
 */
async function expectEntriesAsText(
  page: Page,
  where: string,
  keys: readonly string[],
): Promise<void> {
  const entries = await shownEntries(page, keys);
  for (const key of keys) {
    const entry = entries[key];
    expect.soft(entry, `${where}: ${key} is listed`).not.toBeNull();
    if (!entry) continue;
    const text = entry.text.toLowerCase();
    for (const part of SHOWN[key] ?? []) {
      expect.soft(text, `${where}: ${key}`).toContain(part.toLowerCase());
    }
    for (const link of entry.links) expect.soft(link.text, `${where}: ${key}`).toBe(link.href);
  }
  const ok = entries['hostile-url-ok'];
  if (!ok) return;
  expect
    .soft(
      ok.links.map((l) => l.href),
      where,
    )
    .toEqual(['https://example.org/hostile-ok?a=1&b=2']);
  expect
    .soft(ok.archive, where)
    .toEqual(['https://web.archive.org/web/2020/https://example.org/hostile-ok?a=1&b=2']);
}

/** The pages that list entries of the corpus, and which. */
const ENTRIES_SHOWN: Record<string, readonly string[]> = {
  '/hostile': CITED,
  '/bibliography': KEYS,
  '/print': CITED,
  '/timeline': ['hostile-title', 'hostile-author'],
};

const preview = (page: Page) => page.locator('#citation-preview');

/** The visible citations on the page that cite an entry of the corpus. */
async function hostileCitations(page: Page): Promise<Locator[]> {
  const links = page
    .locator('.citation[data-cites*="hostile-"] a.citation-link')
    .filter({ visible: true });
  return links.all();
}

describe('a build with the hostile corpus', () => {
  it('warns at every field whose address cannot be a link, and at no other', () => {
    for (const [key, field] of UNSAFE_FIELDS) {
      expect(build.output).toContain(
        `${UNSAFE_BIB}:${placeOfField(key, field)}: Entry "${key}": ${field} = `,
      );
    }
    const warned = new Set(
      [
        ...build.output.matchAll(
          new RegExp(
            `bibliography/[\\w-]+\\.bib:\\d+:\\d+: Entry "([^"]+)": \\w+ = .* cannot be a link`,
            'g',
          ),
        ),
      ].map((m) => m[1]),
    );
    expect([...warned].sort()).toEqual(UNSAFE_FIELDS.map(([key]) => key).sort());
  });

  it('writes pages whose structure the HTML minifier finds intact', () => {
    // swc's minifier parses every page; markup that escaped into the HTML is what it trips on.
    expect(build.output).not.toContain('HTML minifier diagnostic');
  });

  it('has the pages the test opens', () => {
    const pages = pagesOf(build.dir);
    for (const p of [...Object.keys(ENTRIES_SHOWN), '/search']) {
      expect(pages).toContain(p);
    }
  });
});

/**
 * Opens a page, looks at it as served and once hydrated, opens the preview of each citation of
 * the corpus on it (a tap on a phone; on a desktop the pointer and the keyboard in turn) and
 * looks again, then once more when the page is idle.
 */
async function inspect(page: Page, urlPath: string, phone: boolean, where: string): Promise<void> {
  // Looked at as served too: markup that breaks the page can also keep it from hydrating.
  await page.goto(urlPath);
  await expectInert(page, `${where} as served`);
  await waitForHydration(page);
  await expectInert(page, where);
  const listed = ENTRIES_SHOWN[urlPath];
  if (listed) await expectEntriesAsText(page, where, listed);
  // Every preview on the corpus's own page; elsewhere the same entries, so the first and last.
  const citations = await hostileCitations(page);
  const opened =
    urlPath === '/hostile' ? citations : [citations[0], citations.at(-1)].filter((l) => l);
  for (const [i, link] of (opened as Locator[]).entries()) {
    const href = (await link.getAttribute('href'))!;
    if (phone) {
      await link.scrollIntoViewIfNeeded();
      await link.tap();
    } else if (i % 2 === 0) {
      await link.hover();
    } else {
      await link.focus();
    }
    await preview(page).waitFor({ state: 'visible' });
    const [previewText, entry] = await page.evaluate(
      (id) => {
        const li = document.getElementById(id)!;
        const shown = Array.from(li.querySelectorAll<HTMLElement>('.entry-variant')).find(
          (v) => getComputedStyle(v).display !== 'none',
        );
        return [document.getElementById('citation-preview')!.innerText, shown!.innerText.trim()];
      },
      decodeURIComponent(href.slice(1)),
    );
    expect.soft(previewText, `${where}: preview of ${href}`).toContain(entry);
    await expectInert(page, `${where}: preview of ${href}`, '#citation-preview');
    await page.keyboard.press('Escape');
    await preview(page).waitFor({ state: 'detached' });
  }
  // Handlers fire late (an image that fails to load): look again once the page is idle.
  await page.waitForLoadState('networkidle');
  await expectInert(page, where);
}

describe.each(SIZES)('every page that shows the corpus, at %s', (size, options) => {
  it('runs nothing of the corpus, adds none of its elements, links or tags, and shows it as text', async () => {
    // The pages that show the corpus (search results are opened below); the others show none of
    // it, and opening them too would only make the test slower. One tab goes from page to page.
    const page = await newPage(options);
    for (const urlPath of Object.keys(ENTRIES_SHOWN)) {
      await leavePage(page);
      const where = `${size} ${urlPath}`;
      try {
        await inspect(page, urlPath, isPhone(options), where);
      } catch (error) {
        expect.soft(error, where).toBeUndefined();
      }
      expect.soft(problemsOf(page), where).toEqual({
        consoleErrors: [],
        pageErrors: [],
        blockedRequests: [],
      });
    }
  }, 600_000);
});

describe('the hostile corpus', () => {
  // One tab for the three checks (a context costs more to open than most of them), each
  // starting from a blank page with nothing recorded.
  let tab: Page | undefined;
  beforeAll(async () => {
    tab = await newPage(undefined, { keep: true });
  });
  afterAll(async () => {
    if (tab) await browser.closePage(tab);
  });

  it('is cited on its page, in /print and on /timeline, so that its previews were opened', async () => {
    const page = tab!;
    await leavePage(page);
    for (const [urlPath, keys] of [
      ['/hostile', CITED],
      ['/print', CITED],
      ['/timeline', ['hostile-title', 'hostile-author']],
    ] as const) {
      await gotoAndHydrate(page, urlPath);
      const cited = await page
        .locator('.citation[data-cites*="hostile-"]')
        .evaluateAll((cs) => cs.flatMap((c) => (c as HTMLElement).dataset.cites!.split(' ')));
      expect(new Set(cited), urlPath).toEqual(new Set(keys));
    }
  });

  it('reads as its text in the JSON-LD of its page', async () => {
    const page = tab!;
    await visit(page, '/hostile');
    const scripts = await page
      .locator('script[type="application/ld+json"]')
      .evaluateAll((ss) =>
        ss.map((s) => JSON.parse(s.textContent ?? '') as Record<string, unknown>),
      );
    // Docusaurus writes the breadcrumbs' JSON-LD; ours is the Article.
    const articles = scripts.filter((s) => s['@type'] === 'Article');
    expect(articles).toHaveLength(1);
    const data = articles[0] as { citation: { name: string; url?: string }[] };
    const title = data.citation.find((c) => c.name.includes('__xss_title_script'))?.name;
    for (const part of [...payloadText('title'), ']]> <!-- </li>']) expect(title).toContain(part);
    const separators = data.citation.find((c) => c.name.startsWith('Hostile separators'));
    // citation-js reads U+2028 and U+2029 in a .bib as spaces, as BibTeX reads white space.
    expect(separators?.name).toBe(
      'Hostile separators </script><script>__xss_separators_script=1</script> carrier',
    );
    expect(data.citation.find((c) => c.url?.includes('hostile-ok'))?.url).toBe(
      'https://example.org/hostile-ok?a=1&b=2',
    );
  });

  it('stays text in search suggestions and on the results page', async () => {
    const query = '<img src=x onerror=__xss_title_img=1 data-hostile>';
    const page = tab!;
    await visit(page, '/hostile');
    const box = page.getByRole('searchbox').or(page.locator('input.navbar__search-input')).first();
    await box.click();
    await box.pressSequentially(query, { delay: 10 });
    // The index loads in a worker on first use: slow on a busy machine.
    await expect
      .poll(() => page.getByRole('option').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expectInert(page, 'search suggestions');

    await gotoAndHydrate(page, `/search?q=${encodeURIComponent(query)}`);
    const results = page.locator('article h2 a');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const hrefs = await results.evaluateAll((as) =>
      as.map((a) => (a as HTMLAnchorElement).pathname),
    );
    expect(hrefs).toContain('/hostile');
    // Each result shows the matching passage, markup and all, as text.
    const summaries = await page.locator('article').allInnerTexts();
    expect(summaries.join('\n')).toMatch(/<img src=x onerror=__xss_\w+_img=1 data-hostile>/);
    expect(await page.locator('h1').innerText()).toContain(query);
    await page.waitForLoadState('networkidle');
    await expectInert(page, 'search results');
    await expectNoProblems(page);
  });
});
