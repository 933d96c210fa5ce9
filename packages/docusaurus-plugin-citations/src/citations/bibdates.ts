/**
 * biblatex's date fields (`date`, `urldate`, `origdate`, `eventdate`) as CSL dates. biblatex
 * reads ISO 8601-2 (EDTF level 1): `2020`, `2020-03`, `2020-03-05`, ranges `2019/2020`, open
 * ends `2019/` or `2019/..`, approximate or uncertain dates `2020~`, `2020?`, `2020%`,
 * unspecified digits `201X`, and a time after `T`. citation-js drops the qualifiers, reads
 * `201X` as 2010, leaves an open end as `null` (which crashes citeproc) and cannot read an open
 * start at all; so these fields are read here.
 */
import type { CslDate } from './csl';

export type DateReading = { date: CslDate } | { problem: string };

const PART =
  /^(?<year>-?[\dX]{4})(?:-(?<month>[\dX]{2})(?:-(?<day>[\dX]{2}))?)?(?<time>T\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?(?<qualifier>[?~%])?$/;

interface Part {
  parts: number[];
  /** `201X`: the last year the unspecified digits allow. */
  latestYear?: number;
  approximate: boolean;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const ALL_WAYS = 'write it as YYYY, YYYY-MM or YYYY-MM-DD, or a range as start/end';

function readPart(text: string): Part | string {
  const match = PART.exec(text);
  if (!match?.groups) return 'not-iso';
  const { year, month, day, qualifier } = match.groups;
  const approximate = qualifier !== undefined;
  if (year!.includes('X')) {
    // Only trailing digits may be unspecified (201X, 19XX), and then nothing after the year.
    if (!/^-?\d*X+$/.test(year!) || year!.startsWith('-') || month !== undefined) return 'not-iso';
    return {
      parts: [Number(year!.replaceAll('X', '0'))],
      latestYear: Number(year!.replaceAll('X', '9')),
      approximate,
    };
  }
  const y = Number(year);
  if (month === undefined || month === 'XX') {
    if (day !== undefined && day !== 'XX') return 'not-iso';
    return { parts: [y], approximate };
  }
  if (month.includes('X')) return 'not-iso';
  const m = Number(month);
  if (m >= 21 && m <= 41) return day === undefined ? 'season' : 'not-iso';
  if (m < 1 || m > 12) return 'impossible';
  if (day === undefined || day === 'XX') return { parts: [y, m], approximate };
  if (day.includes('X')) return 'not-iso';
  const d = Number(day);
  if (d < 1 || d > daysIn(y, m)) return 'impossible';
  return { parts: [y, m, d], approximate };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The ISO form of a date written in words or with short numbers ("March 5, 2020", "5 March
 * 2020", "March 2020", "2020-3-5"), for the message; undefined when it is not clear.
 */
export function isoSuggestion(text: string): string | undefined {
  const t = text.trim();
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t))) {
    [month, day, year] = [monthNumber(m[1]!), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(t))) {
    [day, month, year] = [Number(m[1]), monthNumber(m[2]!), Number(m[3])];
  } else if ((m = /^([A-Za-z]+\.?),?\s+(\d{4})$/.exec(t))) {
    [month, year] = [monthNumber(m[1]!), Number(m[2])];
  } else if ((m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined];
  } else {
    return undefined;
  }
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (day === undefined) return `${year}-${pad(month)}`;
  if (day < 1 || day > daysIn(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Reads one date field's value (as citation-js hands it over: braces gone, macros expanded).
 * A problem is the end of a sentence that starts with the field: "date = {…} <problem>".
 */
export function readDate(value: string): DateReading {
  const text = value.trim();
  const halves = text.split('/');
  if (halves.length > 2) return notIso(text);
  const [startText, endText] = halves as [string, string | undefined];
  if (startText === '' || startText === '..') {
    return {
      problem: `has an open start, which CSL styles cannot show; give the first date, or write the last one alone${endText ? `: {${endText}}` : ''}`,
    };
  }
  const start = readPart(startText);
  if (typeof start === 'string') return problemOf(start, text);
  const openEnd = endText === '' || endText === '..';
  const end = endText === undefined || openEnd ? undefined : readPart(endText);
  if (typeof end === 'string') return problemOf(end, text);
  if (start.latestYear !== undefined && endText !== undefined) {
    return {
      problem: `has unspecified digits in a range, which CSL styles cannot show; ${ALL_WAYS}`,
    };
  }

  const approximate = start.approximate || (end?.approximate ?? false);
  let dateParts: number[][];
  if (start.latestYear !== undefined) {
    // What biber reads 201X as: some year of the 2010s.
    dateParts = [start.parts, [start.latestYear]];
  } else if (openEnd) {
    // citeproc shows a zero end as an open range ("2019–").
    dateParts = [start.parts, start.parts.map(() => 0)];
  } else if (end) {
    if (end.latestYear !== undefined) {
      return {
        problem: `has unspecified digits in a range, which CSL styles cannot show; ${ALL_WAYS}`,
      };
    }
    if (compare(end.parts, start.parts) < 0) return { problem: 'ends before it starts' };
    if (end.parts.length !== start.parts.length) {
      // citeproc needs both ends as precise, and shows a padded one wrongly ("2019–2020, May–").
      return {
        problem:
          'has ends of different precision, which CSL styles cannot show; write both as YYYY, YYYY-MM or YYYY-MM-DD',
      };
    }
    dateParts = [start.parts, end.parts];
  } else {
    dateParts = [start.parts];
  }
  return { date: { 'date-parts': dateParts, ...(approximate ? { circa: true } : {}) } };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

function notIso(text: string): DateReading {
  const iso = isoSuggestion(text);
  return {
    problem: `is not a date biblatex can read; ${iso ? `write {${iso}}` : ALL_WAYS}`,
  };
}

function problemOf(kind: string, text: string): DateReading {
  switch (kind) {
    case 'season':
      return {
        problem: 'names a season, which would be dropped; write the month, or the year alone',
      };
    case 'impossible':
      return { problem: 'is not a date that exists' };
    default:
      return notIso(text);
  }
}
