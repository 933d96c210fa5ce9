/**
 * The timeline: dated events from one YAML file, each tied to the passage of the chapter that
 * tells it and cited with the chapters' own syntax. Checked like the chapters are: a wrong
 * date, chapter, passage or key is a positioned error.
 */
import { JSON_SCHEMA, load } from 'js-yaml';
import { toString } from 'mdast-util-to-string';
import type { Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';

import type { Diagnostic } from './diagnostics';
import { suggestKey, type Library } from './library';
import { scanCitations, type CitationMatch } from './syntax';

export interface TimelineEvent {
  id: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  title: string;
  /** The document that tells it, by its path relative to the site ("docs/google.mdx"). */
  chapter: string;
  /** A phrase copied exactly from the paragraph that tells the event. */
  passage: string;
  /** The citation, parsed; undefined when the event cites nothing. */
  cite?: CitationMatch;
  /** Where the event starts in the file. */
  line: number;
}

export interface Timeline {
  file: string;
  events: TimelineEvent[];
  diagnostics: Diagnostic[];
}

/** The id of the anchor the build puts at an event's passage. */
export function passageAnchor(eventId: string): string {
  return `passage-${eventId}`;
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Reads the timeline file; `file` is the path shown in messages. */
export function parseTimeline(file: string, text: string, library: Library): Timeline {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  let data: unknown;
  try {
    data = load(text, { schema: JSON_SCHEMA, filename: file });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    diagnostics.push({
      file,
      line: (mark?.line ?? 0) + 1,
      column: (mark?.column ?? 0) + 1,
      ruleId: 'malformed-timeline',
      message: `Malformed timeline: ${(error as { reason?: string }).reason ?? String(error)}`,
    });
    return { file, events: [], diagnostics };
  }
  if (!Array.isArray(data)) {
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      ruleId: 'malformed-timeline',
      message: 'The timeline must be a list of events',
    });
    return { file, events: [], diagnostics };
  }

  // Entries start at "- " lines, in order; that is where problems with an entry are shown.
  const starts = lines.flatMap((l, i) => (/^- /.test(l) ? [i + 1] : []));
  const fieldLine = (start: number, field: string): { line: number; column: number } => {
    for (
      let i = start - 1;
      i < lines.length && (i === start - 1 || !/^- /.test(lines[i]!));
      i += 1
    ) {
      const column = lines[i]!.search(new RegExp(`\\b${field}:`));
      if (column !== -1) return { line: i + 1, column: column + 1 };
    }
    return { line: start, column: 1 };
  };

  const events: TimelineEvent[] = [];
  const seen = new Set<string>();
  data.forEach((raw: unknown, i) => {
    const line = starts[i] ?? 1;
    const e = (raw ?? {}) as Record<string, unknown>;
    const problem = (field: string, message: string) =>
      diagnostics.push({ file, ...fieldLine(line, field), ruleId: 'malformed-timeline', message });
    const str = (field: string): string | undefined => {
      const v = e[field];
      if (v === undefined || v === null || String(v).trim() === '') return undefined;
      return String(v);
    };
    for (const field of ['id', 'date', 'title', 'chapter', 'passage']) {
      if (!str(field)) problem(field, `Timeline event ${i + 1} has no "${field}"`);
    }
    const [id, date, title, chapter, passage] = ['id', 'date', 'title', 'chapter', 'passage'].map(
      str,
    );
    if (!id || !date || !title || !chapter || !passage) return;
    if (!/^[a-z0-9-]+$/.test(id))
      problem('id', `Timeline id "${id}" must be lower-case letters, digits and "-"`);
    if (seen.has(id)) problem('id', `Timeline id "${id}" is used twice`);
    seen.add(id);
    if (!DATE.test(date))
      problem('date', `Timeline date "${date}" of "${id}" must be YYYY, YYYY-MM or YYYY-MM-DD`);

    let cite: CitationMatch | undefined;
    const citeText = str('cite');
    if (citeText) {
      const at = fieldLine(line, 'cite');
      const { citations, problems } = scanCitations(citeText);
      const valueColumn = lines[at.line - 1]!.indexOf(citeText);
      const columnOf = (offset: number) =>
        valueColumn === -1 ? at.column : valueColumn + offset + 1;
      for (const p of problems) {
        diagnostics.push({
          file,
          line: at.line,
          column: columnOf(p.offset),
          ruleId: 'malformed-citation',
          message: p.message,
        });
      }
      cite = citations.find((c) => !c.narrative);
      if (!cite && problems.length === 0) {
        problem('cite', `Timeline citation "${citeText}" of "${id}" must be written like [@key]`);
      }
      for (const item of cite?.items ?? []) {
        if (library.entries.has(item.key)) continue;
        const suggestion = suggestKey(library, item.key);
        diagnostics.push({
          file,
          line: at.line,
          column: columnOf(item.offset),
          ruleId: 'unknown-key',
          message:
            `Unknown citation key "${item.key}"` +
            (suggestion ? `; did you mean "${suggestion}"?` : ''),
        });
      }
    }
    events.push({ id, date, title, chapter, passage, ...(cite ? { cite } : {}), line });
  });
  return { file, events, diagnostics };
}

/** The first paragraph of a document whose text holds `phrase`. */
export function findPassage(tree: Root, phrase: string): Paragraph | undefined {
  let found: Paragraph | undefined;
  visit(tree, 'paragraph', (node) => {
    if (!found && toString(node).includes(phrase)) found = node;
  });
  return found;
}

/** "2018", "August 2018", "1 August 2018". */
export function formatEventDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = m
    ? new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
    : '';
  return [d, month, y].filter(Boolean).join(' ');
}

/**
 * An event's title as the site prints text: typographic quotes for the typewriter's, so that
 * `the "Great Firewall"` reads “Great Firewall” and `Google's` reads Google’s. A double quote
 * opens after a space or an opening bracket (or at the start) and closes elsewhere; a single
 * quote does the same, so that an apostrophe, which follows a letter, is a closing one.
 */
export function typographicQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{“‘—–-])"/gu, '$1“')
    .replace(/"/g, '”')
    .replace(/(^|[\s([{“—–-])'/gu, '$1‘')
    .replace(/'/g, '’');
}
