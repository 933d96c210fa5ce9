// The files the plugin makes while a site builds or `npm start` runs (plugin/files.ts): a
// document's deferred data, its stamp, the exports. Each is written only when its content
// changes, so that a watcher sees only real changes, and never half written; the exports'
// folder holds what the last site pass exported, and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { folderWriter, writeIfChanged } from '../../src/plugin/files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Gives `file` an old time, so that a later write shows. */
const backdate = (file: string) => fs.utimesSync(file, new Date(1000), new Date(1000));

const data = (title: string) => JSON.stringify({ cite: { title } });

describe('a file the plugin writes while the site builds', () => {
  const deferredDir = path.join(dir, 'deferred');

  it('is written when its content changes, and only then', () => {
    const file = path.join(deferredDir, 'google.json');
    writeIfChanged(file, data('One'));
    expect(fs.readFileSync(file, 'utf8')).toEqual(data('One'));
    backdate(file);
    writeIfChanged(file, data('One'));
    expect(fs.statSync(file).mtimeMs).toBe(1000);
    writeIfChanged(file, data('Two'));
    expect(fs.statSync(file).mtimeMs).not.toBe(1000);
    expect(fs.readFileSync(file, 'utf8')).toEqual(data('Two'));
    // Nothing else is left in the folder (the temporary file is renamed).
    expect(fs.readdirSync(deferredDir)).toEqual(['google.json']);
  });
});

describe('the exports folder', () => {
  const exportsDir = path.join(dir, 'static');
  const file = (name: string) => path.join(exportsDir, name);
  const listed = () =>
    fs
      .readdirSync(exportsDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => path.relative(exportsDir, path.join(f.parentPath, f.name)))
      .sort();

  it('holds what each site pass exports, writing only what changed', () => {
    // What an earlier run left: one file still exported, one no longer.
    fs.mkdirSync(path.join(exportsDir, 'entries'), { recursive: true });
    fs.writeFileSync(file('bibliography.bib'), '@book{a}');
    fs.writeFileSync(file('entries/gone.bib'), '@book{gone}');
    backdate(file('bibliography.bib'));

    const write = folderWriter(exportsDir);
    write({ 'bibliography.bib': '@book{a}', 'entries/a.bib': '@book{a}' });
    expect(listed()).toEqual(['bibliography.bib', path.join('entries', 'a.bib')]);
    expect(fs.statSync(file('bibliography.bib')).mtimeMs).toBe(1000);

    write({ 'bibliography.bib': '@book{b}', 'entries/b.bib': '@book{b}' });
    expect(listed()).toEqual(['bibliography.bib', path.join('entries', 'b.bib')]);
    expect(fs.readFileSync(file('bibliography.bib'), 'utf8')).toBe('@book{b}');

    // A file given again as it was is left alone, and not read back (the writer knows what it
    // wrote); one given again after it went is written.
    backdate(file('entries/b.bib'));
    const reads = vi.spyOn(fs, 'readFileSync');
    write({
      'bibliography.bib': '@book{b}',
      'entries/a.bib': '@book{a}',
      'entries/b.bib': '@book{b}',
    });
    expect(listed()).toEqual([
      'bibliography.bib',
      path.join('entries', 'a.bib'),
      path.join('entries', 'b.bib'),
    ]);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(fs.statSync(file('entries/b.bib')).mtimeMs).toBe(1000);
    expect(fs.readFileSync(file('entries/a.bib'), 'utf8')).toBe('@book{a}');

    // The folder removed (`docusaurus clear` while the server runs): written whole again.
    fs.rmSync(exportsDir, { recursive: true });
    write({ 'bibliography.bib': '@book{b}', 'entries/b.bib': '@book{b}' });
    expect(listed()).toEqual(['bibliography.bib', path.join('entries', 'b.bib')]);

    // A call that fails half-way (its second file cannot be written), then the files as they
    // were before it: the folder is read back, not taken for what the last call left.
    const rename = fs.renameSync;
    const failing = vi
      .spyOn(fs, 'renameSync')
      .mockImplementationOnce(rename)
      .mockImplementationOnce(() => {
        throw new Error('No space left on device');
      });
    expect(() => write({ 'bibliography.bib': '@book{c}', 'entries/b.bib': '@book{c}' })).toThrow(
      'No space left',
    );
    failing.mockRestore();
    expect(fs.readFileSync(file('bibliography.bib'), 'utf8')).toBe('@book{c}');
    write({ 'bibliography.bib': '@book{b}', 'entries/b.bib': '@book{b}' });
    expect(fs.readFileSync(file('bibliography.bib'), 'utf8')).toBe('@book{b}');
    // The failed write's temporary file is gone too.
    expect(listed()).toEqual(['bibliography.bib', path.join('entries', 'b.bib')]);
  });
});
