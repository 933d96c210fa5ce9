// References as the style manuals print them. Each case names the manual's rule it checks and
// gives the entry exactly as that style prints it: APA, Harvard and Vancouver put titles in
// sentence case, Chicago in title case, from one .bib written in title case with braces around
// what keeps its capitals (as biblatex and pandoc read it).
import { describe, expect, it } from 'vitest';

import {
  createLibrary,
  createScope,
  editionItem,
  loadStyle,
  pageDate,
  protectBraces,
  renderClusters,
  renderEntries,
  renderItems,
  sentenceCase,
  toText,
  type CslStyle,
  type EditionMetadata,
} from '../../src/citations';
import { PACKAGE } from '../support/paths';

const BIB = String.raw`
@online{statement,
  author       = {{TikTok}},
  title        = {Statement on {TikTok}’s Data Security Practices in the {U.S.}},
  organization = {TikTok Newsroom},
  date         = {2019-10-24},
}
@book{divides,
  author    = {Lee, Ann},
  title     = {Digital Divides},
  subtitle  = {a History of the Internet in {China}},
  publisher = {Press},
  date      = {2020},
}
@book{french,
  author    = {Dupont, Jean},
  title     = {La Chine et les États-Unis},
  langid    = {french},
  publisher = {Seuil},
  date      = {2019},
}
@book{british,
  author    = {Hill, Bea},
  title     = {Tea and Empire in {India}},
  langid    = {british},
  publisher = {Press},
  date      = {2017},
}
@article{gallagher,
  author       = {Gallagher, Ryan},
  title        = {Google Plans to Launch Censored Search Engine in {China}, Leaked Documents Reveal},
  journaltitle = {The Intercept},
  entrysubtype = {newspaper},
  date         = {2018-08-01},
}
@jurisdiction{beeler,
  author      = {Beeler, Laurel},
  title       = {Order Granting Motion for Preliminary Injunction, {U.S. WeChat Users Alliance} et al. v. {Donald J. Trump} et al., No. \NoCaseChange{3:20-cv-05910-LB}},
  institution = {U.S. District Court for the Northern District of California},
  date        = {2020-09-19},
}
@online{ftc,
  author = {{Federal Trade Commission}},
  title  = {Largest {FTC} {COPPA} Settlement Requires {Musical.ly} to Change Its Tune},
  date   = {2019-02-27},
}
`;
const library = createLibrary([{ file: 'refs.bib', text: BIB }]);
const scope = createScope(library);

const STYLES: Record<string, CslStyle> = {
  apa: loadStyle('apa', 'en-US', PACKAGE),
  harvard: loadStyle('harvard1', 'en-US', PACKAGE),
  vancouver: loadStyle('vancouver', 'en-US', PACKAGE),
  chicago: loadStyle('style-chicago', 'en-US', PACKAGE),
};

function entry(style: string, key: string): string {
  const found = renderEntries(scope, STYLES[style]!, [key]).entries[0]!;
  // Vancouver's number is a margin of its own; the text after it is the reference.
  return toText(found.content).replace(/^\d+\./, '');
}

function citation(style: string, key: string): string {
  const doc = renderClusters(scope, STYLES[style]!, [
    { narrative: false, items: [{ key, offset: 0 }] },
  ]);
  return toText(doc.clusters[0]!);
}

interface Case {
  rule: string;
  style: string;
  key: string;
  expected: string;
}

const CASES: Case[] = [
  // Sentence case, proper nouns and acronyms protected by braces.
  {
    rule: 'APA 7 §6.17: titles of works in sentence case; proper nouns and acronyms keep their capitals',
    style: 'apa',
    key: 'statement',
    expected:
      'TikTok. (2019, October 24). Statement on TikTok’s data security practices in the U.S. TikTok Newsroom.',
  },
  {
    rule: 'Cite Them Right 12: capitalise only the first word of a title and proper nouns',
    style: 'harvard',
    key: 'statement',
    expected:
      'TikTok (2019) Statement on TikTok’s data security practices in the U.S. TikTok Newsroom.',
  },
  {
    rule: 'Citing Medicine 2, ch. 1: capitalize only the first word of a title, proper nouns, acronyms and initialisms',
    style: 'vancouver',
    key: 'statement',
    expected:
      'TikTok. Statement on TikTok’s data security practices in the U.S. TikTok Newsroom; 2019.',
  },
  {
    rule: 'Chicago 17 §8.159: headline-style capitalization for titles in the reference list',
    style: 'chicago',
    key: 'statement',
    expected:
      'TikTok. 2019. “Statement on TikTok’s Data Security Practices in the U.S.” TikTok Newsroom. October 24, 2019.',
  },
  // A subtitle after a colon starts with a capital.
  {
    rule: 'APA 7 §6.17: capitalize the first word of a subtitle (after a colon)',
    style: 'apa',
    key: 'divides',
    expected: 'Lee, A. (2020). Digital divides: A history of the internet in China. Press.',
  },
  {
    rule: 'Cite Them Right 12: the first word of a subtitle is capitalised',
    style: 'harvard',
    key: 'divides',
    expected: 'Lee, A. (2020) Digital divides: A history of the internet in China. Press.',
  },
  {
    rule: 'Citing Medicine 2, ch. 2: title and subtitle separated by a colon, each in sentence case',
    style: 'vancouver',
    key: 'divides',
    expected: 'Lee A. Digital divides: A history of the internet in China. Press; 2020.',
  },
  {
    rule: 'Chicago 17 §8.159: the first word of a subtitle is capitalized, in headline style',
    style: 'chicago',
    key: 'divides',
    expected: 'Lee, Ann. 2020. Digital Divides: A History of the Internet in China. Press.',
  },
  // Titles in another language keep their own capitalisation, in every style.
  ...['apa', 'harvard', 'vancouver', 'chicago'].map((style) => ({
    rule: `${style}: a title in another language (langid = french) keeps its own capitalization (biblatex and pandoc recase English titles only)`,
    style,
    key: 'french',
    expected: {
      apa: 'Dupont, J. (2019). La Chine et les États-Unis. Seuil.',
      harvard: 'Dupont, J. (2019) La Chine et les États-Unis. Seuil.',
      vancouver: 'Dupont J. La Chine et les États-Unis. Seuil; 2019.',
      chicago: 'Dupont, Jean. 2019. La Chine et les États-Unis. Seuil.',
    }[style]!,
  })),
  // An English langid is English: recased in sentence case, and in title case for Chicago.
  {
    rule: 'APA 7 §6.17: sentence case for an English title (langid = british)',
    style: 'apa',
    key: 'british',
    expected: 'Hill, B. (2017). Tea and empire in India. Press.',
  },
  {
    rule: 'Chicago 17 §8.159: headline style for an English title (langid = british)',
    style: 'chicago',
    key: 'british',
    expected: 'Hill, Bea. 2017. Tea and Empire in India. Press.',
  },
  // Newspaper articles (entrysubtype = newspaper): dated to the day, no "[Preprint]".
  {
    rule: 'APA 7 §10.1 (newspaper article): (Year, Month Day), title in sentence case, newspaper in italics',
    style: 'apa',
    key: 'gallagher',
    expected:
      'Gallagher, R. (2018, August 1). Google plans to launch censored search engine in China, leaked documents reveal. The Intercept.',
  },
  {
    rule: 'Cite Them Right 12 (newspaper article): title in quotation marks, newspaper, day and month',
    style: 'harvard',
    key: 'gallagher',
    expected:
      'Gallagher, R. (2018) “Google plans to launch censored search engine in China, leaked documents reveal,” The Intercept, 1 August.',
  },
  {
    rule: 'Citing Medicine 2, ch. 5 (newspaper article): date as Year Mon Day',
    style: 'vancouver',
    key: 'gallagher',
    expected:
      'Gallagher R. Google plans to launch censored search engine in China, leaked documents reveal. The Intercept. 2018 Aug 1.',
  },
  {
    rule: 'Chicago 17 §14.191 (newspaper article): headline style, newspaper and full date',
    style: 'chicago',
    key: 'gallagher',
    expected:
      'Gallagher, Ryan. 2018. “Google Plans to Launch Censored Search Engine in China, Leaked Documents Reveal.” The Intercept, August 1, 2018.',
  },
  // A court order is cited by its name, as written, docket number included.
  ...['apa', 'harvard', 'vancouver', 'chicago'].map((style) => ({
    rule: `${style}: a legal case keeps its name as written, with "et al.", "v." and the docket number, and names its court (APA 7 ch. 11 follows the Bluebook)`,
    style,
    key: 'beeler',
    expected: {
      apa: 'Order Granting Motion for Preliminary Injunction, U.S. WeChat Users Alliance et al. v. Donald J. Trump et al., No. 3:20-cv-05910-LB (U.S. District Court for the Northern District of California September 19, 2020).',
      harvard:
        'Beeler, L. (2020) Order Granting Motion for Preliminary Injunction, U.S. WeChat Users Alliance et al. v. Donald J. Trump et al., No. 3:20-cv-05910-LB. U.S. District Court for the Northern District of California.',
      vancouver:
        'Beeler L. Order Granting Motion for Preliminary Injunction, U.S. WeChat Users Alliance et al. v. Donald J. Trump et al., No. 3:20-cv-05910-LB. U.S. District Court for the Northern District of California; 2020.',
      chicago:
        'Beeler, Laurel. 2020. Order Granting Motion for Preliminary Injunction, U.S. WeChat Users Alliance et al. v. Donald J. Trump et al., No. 3:20-cv-05910-LB. U.S. District Court for the Northern District of California.',
    }[style]!,
  })),
  // An organisation as author: its whole name, never split into given and family names.
  {
    rule: 'APA 7 §9.11: a group author is spelled out in full',
    style: 'apa',
    key: 'ftc',
    expected:
      'Federal Trade Commission. (2019, February 27). Largest FTC COPPA settlement requires Musical.ly to change its tune.',
  },
  {
    rule: 'Cite Them Right 12: an organisation as author, name in full',
    style: 'harvard',
    key: 'ftc',
    expected:
      'Federal Trade Commission (2019) Largest FTC COPPA settlement requires Musical.ly to change its tune.',
  },
  {
    rule: 'Citing Medicine 2, ch. 1: an organization as author',
    style: 'vancouver',
    key: 'ftc',
    expected:
      'Federal Trade Commission. Largest FTC COPPA settlement requires Musical.ly to change its tune. 2019.',
  },
  {
    rule: 'Chicago 17 §8.159: headline style keeps a braced name as written ("Musical.ly", not "Musical.Ly")',
    style: 'chicago',
    key: 'ftc',
    expected:
      'Federal Trade Commission. 2019. “Largest FTC COPPA Settlement Requires Musical.ly to Change Its Tune.” February 27, 2019.',
  },
];

describe('reference entries', () => {
  it.each(CASES)('$rule', ({ style, key, expected }) => {
    expect(entry(style, key)).toBe(expected);
  });
});

describe('in-text citations', () => {
  it('APA 7 §8.21: a group author in full, "(Federal Trade Commission, 2019)"', () => {
    expect(citation('apa', 'ftc')).toBe('(Federal Trade Commission, 2019)');
    expect(citation('chicago', 'ftc')).toBe('(Federal Trade Commission 2019)');
  });
});

describe('the library keeps titles as written', () => {
  it('for the exports: only what is rendered changes case', () => {
    expect(library.entries.get('gallagher')!.csl.title).toBe(
      'Google Plans to Launch Censored Search Engine in China, Leaked Documents Reveal',
    );
  });

  it('reads a newspaper article as one for every use, exports included (as biblatex does)', () => {
    const { csl } = library.entries.get('gallagher')!;
    expect(csl.type).toBe('article-newspaper');
    expect(csl.genre).toBeUndefined();
  });
});

describe('sentence case', () => {
  const cased = (raw: string) => sentenceCase(raw);

  it('lower-cases words that are only capitalised, and keeps every other capital', () => {
    expect(cased('Self-Driving Cars From NASA, iPhone Apps and COVID-19 Data')).toBe(
      'Self-driving cars from NASA, iPhone apps and COVID-19 data',
    );
  });

  it('keeps what braces protect, and the pronoun I', () => {
    expect(cased('What I Learned in <span class="nocase">Paris</span>')).toBe(
      'What I learned in <span class="nocase">Paris</span>',
    );
  });

  it('capitalises a subtitle and a new sentence, not the word after an abbreviation', () => {
    expect(cased('Title: a Subtitle. Next Sentence? Yes')).toBe(
      'Title: A subtitle. Next sentence? Yes',
    );
    expect(cased('Notes on the U.S. Election, e.g. Polls and Ballots')).toBe(
      'Notes on the U.S. election, e.g. polls and ballots',
    );
    expect(cased('Doe et al. Found More')).toBe('Doe et al. found more');
    expect(cased('The <span class="nocase">U.S.</span> National Debt')).toBe(
      'The <span class="nocase">U.S.</span> national debt',
    );
  });

  it('reads braces as BibTeX does: a command’s argument or a group starting with a command does not protect', () => {
    expect(protectBraces(String.raw`\textit{Big Data} at {\'E}cole {MIT} \& $x^{2}$`)).toBe(
      String.raw`\textit{Big Data} at {\'E}cole \NoCaseChange{MIT} \& $x^{2}$`,
    );
  });
});

describe('"Cite this"', () => {
  const edition: EditionMetadata = {
    key: 'digitaldivide',
    title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
    containerTitle: 'Digital Divide: a cited edition',
    publisher: 'Digital Divide',
    issued: '2026-11-29',
    original: {
      title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
      publisher: 'TechCrunch',
      issued: '2020-09-22',
      url: 'https://techcrunch.com/',
    },
  };
  const page = {
    id: 'wechat',
    title: 'WeChat and a shifting dynamic',
    url: 'https://example.org/wechat',
    whole: false,
  };
  const cite = (style: string, issued?: string) =>
    toText(
      renderItems([editionItem(edition, { ...page, issued })], STYLES[style]!).entries[0]!.content,
    );

  it('is dated as the editors date the edition, or the page’s last_update', () => {
    expect(cite('apa')).toMatch(
      /^Digital Divide\. \(2026, November 29\)\. WeChat and a shifting dynamic\./,
    );
    expect(pageDate({}, edition, 'docs/wechat.mdx')).toBe('2026-11-29');
    expect(pageDate({ last_update: { date: new Date('2026-12-03') } }, edition, 'x.mdx')).toBe(
      '2026-12-03',
    );
    expect(
      cite('apa', pageDate({ last_update: { date: '2026-12-04' } }, edition, 'x.mdx')),
    ).toMatch(/\(2026, December 4\)/);
    expect(() =>
      pageDate({ last_update: { date: 'last week' } }, edition, 'docs/wechat.mdx'),
    ).toThrow(
      'docs/wechat.mdx: front matter "last_update.date" must be a date written YYYY-MM-DD; got "last week"',
    );
  });

  it('has no list number in Vancouver', () => {
    expect(cite('vancouver')).toBe(
      'TikTok, WeChat and the growing digital divide between the U.S. and China (Digital Divide: a cited edition) [Internet]. Digital Divide; 2026. WeChat and a shifting dynamic. Available from: https://example.org/wechat',
    );
  });

  it('is in title case in Chicago', () => {
    expect(cite('chicago')).toMatch(/^“WeChat and a Shifting Dynamic\.”/);
  });
});
