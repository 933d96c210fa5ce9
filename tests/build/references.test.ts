// References as readers see them across the built site: one label per work on every page,
// titles in each style's case wherever a reference is shown, "Cite this" dated by the editors,
// and APA's /bibliography as pandoc --citeproc renders it from the same files and style.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, inject, it } from 'vitest';

import { siteContext as context } from '../support/context';
import { CHAPTERS } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { ROOT } from '../support/paths';

const buildDir = inject('buildDir');
const bibliography = readPage(buildDir, '/bibliography');
const entries = selectAll('main li.csl-entry', bibliography);
const keyOfAnchor = new Map(entries.map((li) => [attr(li, 'id')!, attr(li, 'dataKey')!]));

function variant(li: Element | undefined, style: string): Element | undefined {
  return select(`.entry-variant[data-style="${style}"]`, li);
}

/** A year as an author-date label shows it: 2020, 2020b, n.d. */
const YEAR = /\b\d{4}[a-z]?\b|\bn\.d\.(?:-[a-z])?/g;

/** How /bibliography labels each work in each style: its number, or its year with any letter. */
const labels = new Map(
  context.styles.map((s) => [
    s.id,
    new Map(
      entries.map((li) => {
        const shown = variant(li, s.id);
        const margin = select('.csl-left-margin', shown);
        const label = margin ? text(margin).replace(/\.$/, '') : text(shown).match(YEAR)?.[0];
        return [attr(li, 'dataKey')!, label];
      }),
    ),
  ]),
);

describe('one label per work', () => {
  const pages = [...CHAPTERS.map((p) => p.path), '/print', '/timeline'];

  it.each(context.styles.map((s) => s.id))(
    'in %s, every citation of a work on every page says what /bibliography says',
    (style) => {
      const wrong: string[] = [];
      let checked = 0;
      for (const page of pages) {
        const tree = readPage(buildDir, page);
        const shown = selectAll(`.citation .citation-variant[data-style="${style}"]`, tree);
        for (const link of shown.flatMap((v) => selectAll('a.citation-link', v))) {
          const key = keyOfAnchor.get(attr(link, 'href')!.slice(1))!;
          const label = labels.get(style)!.get(key);
          const linkText = text(link);
          const years = [...new Set(linkText.match(YEAR) ?? [])];
          // A link that stands for several works ("(1–3)", "Trump, 2020a, 2020b") says nothing
          // about one of them.
          const numbers = linkText.replace(/^[([]|[)\]]$/g, '');
          const own = /^\d+$/.test(label ?? '') ? numbers : years.length === 1 ? years[0] : null;
          if (own === null || (/^\d+$/.test(label ?? '') && !/^\d+$/.test(numbers))) continue;
          checked += 1;
          if (own !== label) wrong.push(`${page}: "${linkText}" cites ${key}, /bibliography: ${label}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(10);
    },
  );
});

/** The title of a work as each style prints it on this site. */
const TITLES: Record<string, { sentence: string; title: string }> = {
  gallagher2018dragonfly: {
    sentence: 'Google plans to launch censored search engine in China, leaked documents reveal',
    title: 'Google Plans to Launch Censored Search Engine in China, Leaked Documents Reveal',
  },
  techcrunch2020divide: {
    sentence:
      'TikTok, WeChat and the growing digital divide between the U.S. and China: Two ‘parallel universes’ are now even further apart',
    title:
      'TikTok, WeChat and the Growing Digital Divide between the U.S. and China: Two ‘Parallel Universes’ Are Now Even Further Apart',
  },
};

describe.each(['/bibliography', '/print', '/', '/google'])('titles on %s', (page) => {
  const tree = readPage(buildDir, page);
  const listed = Object.keys(TITLES).filter((key) =>
    select(`li.csl-entry[data-key="${key}"]`, tree),
  );

  it('are in sentence case in APA, Harvard and Vancouver, in title case in Chicago', () => {
    expect(listed.length).toBeGreaterThan(0);
    for (const key of listed) {
      const li = select(`li.csl-entry[data-key="${key}"]`, tree);
      for (const style of ['apa', 'harvard', 'vancouver']) {
        expect(text(variant(li, style)), `${key} in ${style}`).toContain(TITLES[key]!.sentence);
      }
      expect(text(variant(li, 'chicago')), key).toContain(TITLES[key]!.title);
    }
  });

  it('show no newspaper as a preprint', () => {
    expect(text(select('main', tree) ?? tree)).not.toContain('[Preprint]');
  });
});

describe.each(CHAPTERS)('"Cite this" on $path', (page) => {
  const box = select('section[aria-labelledby="cite-this"]', readPage(buildDir, page.path));
  const formatted = (style: string) =>
    text(select(`[data-style="${style}"] [data-testid="cite-this-formatted"]`, box));
  const issued = context.options.edition!.issued;
  const [year, month, day] = issued.split('-').map(Number);
  const monthName = new Date(Date.UTC(2000, month! - 1, 1)).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });

  it('carries the date the editors gave the edition, not the date of the build', () => {
    expect(formatted('apa')).toContain(`(${year}, ${monthName} ${day})`);
    const ris = selectAll('pre code', box)
      .map((c) => text(c))
      .find((t) => t.startsWith('TY - '));
    expect(ris).toContain(`DA - ${issued.replaceAll('-', '/')}/`);
  });

  it('has no list number in Vancouver', () => {
    expect(formatted('vancouver')).toMatch(/^\D/);
    expect(formatted('vancouver')).toContain(page.title);
  });

  it('has the page’s title as the editors wrote it in APA, in title case in Chicago', () => {
    expect(formatted('apa')).toContain(page.title);
    if (page.path === '/wechat') {
      expect(formatted('chicago')).toContain('“WeChat and a Shifting Dynamic.”');
    }
  });
});

/**
 * Where pandoc 2.17 is wrong and we are right: each work, what pandoc prints, and what the
 * reference must print. Every other APA entry must be exactly pandoc's.
 */
const PANDOC_IS_WRONG: Record<string, { why: string; pandoc: string[]; ours: string[] }> = {
  beeler2020wechat: {
    why: 'pandoc drops \\NoCaseChange{…}, so the docket number, title-cases "et al." and "v.", and prints no court: it reads a @jurisdiction’s institution as publisher, where CSL 1.0.2 and APA’s style have the court as authority',
    pandoc: ['Alliance Et Al. V. Donald J. Trump Et Al., No. , ECF No. 59 (September 19, 2020)'],
    ours: [
      'Alliance et al. v. Donald J. Trump et al., No. 3:20-cv-05910-LB, ECF No. 59 (U.S. District Court for the Northern District of California September 19, 2020)',
    ],
  },
  alliance2020complaint: {
    why: 'as for the order: no docket number, "Et Al." and "V.", and no court',
    pandoc: ['Alliance Et Al. V. Donald J. Trump Et Al., Case No. , Document 1 (August 21, 2020)'],
    ours: [
      'Alliance et al. v. Donald J. Trump et al., Case No. 3:20-cv-05910, Document 1 (U.S. District Court for the Northern District of California, San Francisco Division August 21, 2020)',
    ],
  },
  rogers2012huawei: {
    why: 'pandoc takes the period of the braced "{U.S.}" for the end of a sentence',
    pandoc: ['the U.S. National security issues'],
    ours: ['the U.S. national security issues'],
  },
  techcrunch2020divide: {
    why: 'the same after "{U.S.}", and pandoc turns the subtitle’s single quotation marks into double',
    pandoc: ['between the U.S. And China', '“parallel universes”'],
    ours: ['between the U.S. and China', '‘parallel universes’'],
  },
};

describe('APA on /bibliography, against pandoc --citeproc', () => {
  it('is what pandoc renders from the same .bib files and CSL style, but where pandoc is wrong', () => {
    const apa = context.styles.find((s) => s.id === 'apa')!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pandoc-apa-'));
    const csl = path.join(dir, 'apa.csl');
    fs.writeFileSync(csl, apa.csl.xml);
    let html: string;
    try {
      html = execFileSync(
        'pandoc',
        [
          '--from=markdown',
          '--to=html',
          '--citeproc',
          `--csl=${csl}`,
          ...context.library.files.map((f) => `--bibliography=${path.join(ROOT, f)}`),
        ],
        { input: '---\nnocite: "@*"\n---\n', encoding: 'utf8' },
      );
    } catch (error) {
      throw new Error('pandoc 2.17 must be installed (.ci/run installs it: apt-get install pandoc)', {
        cause: error,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const theirs = new Map(
      selectAll('div.csl-entry', fromHtml(html, { fragment: true })).map((div) => [
        attr(div, 'id')!.replace(/^ref-/, ''),
        text(div),
      ]),
    );
    const ours = new Map(entries.map((li) => [attr(li, 'dataKey')!, text(variant(li, 'apa'))]));

    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    // Every difference at once: one entry's mismatch must not hide the next one's.
    const differences: { key: string; ours: string; theirs: string }[] = [];
    for (const [key, shown] of ours) {
      const wrong = PANDOC_IS_WRONG[key];
      let expected = theirs.get(key)!;
      if (wrong) {
        for (const part of wrong.pandoc) expect(theirs.get(key), wrong.why).toContain(part);
        for (const part of wrong.ours) expect(shown, wrong.why).toContain(part);
        // Apart from pandoc's mistakes, the same entry.
        wrong.pandoc.forEach((part, i) => (expected = expected.replace(part, wrong.ours[i]!)));
      }
      if (shown !== expected) differences.push({ key, ours: shown, theirs: expected });
    }
    expect(differences).toEqual([]);
  });
});
