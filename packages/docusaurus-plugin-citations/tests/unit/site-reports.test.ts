// A build parses only the documents that changed: each document's report (its citations and
// problems) is kept under a digest of its text, its path and the library's keys (site.ts
// `ReportStore`). A kept report must be the report a fresh parse gives, and never outlive what it
// was read from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { KeptReport, ReportStore } from '../../src/citations';
import { resolveOptions as validateOptions } from '../../src/plugin/options';

type Engine = typeof import('../../src/citations');

/** The engine as a new process loads it: nothing parsed yet. */
async function freshEngine(): Promise<Engine> {
  vi.resetModules();
  return import('../../src/citations');
}

/** A store in memory that counts what it is asked. */
function memoryStore(): ReportStore & { reads: number; hits: number; writes: number } {
  const kept = new Map<string, string>();
  const store = {
    reads: 0,
    hits: 0,
    writes: 0,
    read(digest: string): KeptReport | undefined {
      store.reads += 1;
      const text = kept.get(digest);
      if (text === undefined) return undefined;
      store.hits += 1;
      // Through JSON, as the cache on disk keeps it.
      return JSON.parse(text) as KeptReport;
    },
    write(digest: string, value: KeptReport): void {
      store.writes += 1;
      kept.set(digest, JSON.stringify(value));
    },
  };
  return store;
}

const entry = (key: string, title = 'A Title') =>
  `@book{${key}, author = {Author, Ann}, title = {${title}}, publisher = {P}, date = {2000}}\n`;

let dir: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};

function check(engine: Engine, store: ReportStore, timeline = false) {
  const context = engine.loadContext(
    validateOptions({
      bibliography: ['refs.bib'],
      ...(timeline ? { timeline: 'events.yaml' } : {}),
    }),
    dir,
  );
  return engine.checkSite(context, engine.listDocuments(path.join(dir, 'docs')), store);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-reports-'));
  write('refs.bib', entry('a') + entry('b'));
  write(
    'docs/one.mdx',
    '---\nsidebar_position: 2\n---\n\nAs shown [see @a, p. 3], and by @b.\n\nA typo [@bb].\n',
  );
  // No sidebar_position: its place is Infinity, which JSON cannot hold.
  write('docs/two.mdx', 'Only [-@a].\n\nAlso [@zz; @a].\n');
  write('docs/broken.mdx', 'Text with <div> never closed [@a].\n');
  write(
    'events.yaml',
    '- id: one\n  date: 2000-01-01\n  title: An event\n  chapter: docs/one.mdx\n  passage: As shown\n  cite: "[@a]"\n',
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a document’s kept report', () => {
  it('is the report a fresh parse gives, in a new process', async () => {
    const store = memoryStore();
    const parsed = check(await freshEngine(), store);
    expect(store.writes).toBe(3);
    expect(store.hits).toBe(0);
    const kept = check(await freshEngine(), store);
    expect(store.hits).toBe(3);
    expect(store.writes).toBe(3);
    expect(kept).toEqual(parsed);
    // What the reports hold, so that the comparison is not of two empty reports.
    expect(parsed.documents.map((d) => [d.file, d.position, d.citations.length])).toEqual([
      ['docs/broken.mdx', Infinity, 0],
      ['docs/one.mdx', 2, 2],
      ['docs/two.mdx', Infinity, 1],
    ]);
    expect(kept.diagnostics.map((d) => `${d.file}:${d.line}: ${d.ruleId}`)).toEqual([
      'docs/broken.mdx:1: mdx-syntax',
      'docs/one.mdx:7: unknown-key',
      'docs/two.mdx:3: unknown-key',
    ]);
    // A document that is not valid MDX hides what it cites: nothing is called uncited.
    expect(kept.uncited).toEqual([]);
  });

  it('is parsed again when its text changes', async () => {
    const store = memoryStore();
    check(await freshEngine(), store);
    write('docs/two.mdx', 'Only [-@a], and now [@b].\n\nAlso [@zz; @a].\n');
    const report = check(await freshEngine(), store);
    expect(store.hits).toBe(2);
    expect(report.documents[2]!.citations.map((c) => c.key)).toEqual(['a', 'b']);
    write('docs/two.mdx', 'Only [-@a].\n\nAlso [@zz; @a].\n');
  });

  it('is parsed again when the library’s keys change, and kept when only a field does', async () => {
    const store = memoryStore();
    check(await freshEngine(), store);
    // A title edited: every key resolves as before, so every report is kept.
    write('refs.bib', entry('a', 'Another Title') + entry('b'));
    check(await freshEngine(), store);
    expect(store.hits).toBe(3);
    // "bb" now an entry: the typo is a citation, and its diagnostic is gone.
    write('refs.bib', entry('a') + entry('b') + entry('bb'));
    const report = check(await freshEngine(), store);
    expect(store.hits).toBe(3);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}: ${d.ruleId}`)).toEqual([
      'docs/broken.mdx:1: mdx-syntax',
      'docs/two.mdx:3: unknown-key',
    ]);
    write('refs.bib', entry('a') + entry('b'));
  });

  it('in the same process, outlives a .bib edit that keeps the keys, without the store', async () => {
    const engine = await freshEngine();
    const store = memoryStore();
    check(engine, store);
    write('refs.bib', entry('a', 'Another Title') + entry('b'));
    check(engine, store);
    expect(store.reads).toBe(3);
    write('refs.bib', entry('a') + entry('b'));
  });

  it('leaves the timeline checked against the document’s text', async () => {
    const store = memoryStore();
    expect(check(await freshEngine(), store, true).diagnostics).toHaveLength(3);
    write(
      'events.yaml',
      fs.readFileSync(path.join(dir, 'events.yaml'), 'utf8').replace('As shown', 'Not there'),
    );
    const report = check(await freshEngine(), store, true);
    expect(store.hits).toBe(3);
    expect(report.diagnostics.filter((d) => d.ruleId === 'missing-passage')).toMatchObject([
      { message: 'Timeline event "one": the passage "Not there" is not in docs/one.mdx' },
    ]);
  });
});
