// The files the plugin makes while a site builds or `npm start` runs (plugin/files.ts): a
// document's deferred data, its stamp, the exports. Each is written only when its content
// changes, so that a watcher sees only real changes, and never half written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { writeIfChanged } from '../../src/plugin/files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const data = (title: string) => JSON.stringify({ cite: { title } });

describe('a file the plugin writes while the site builds', () => {
  const deferredDir = path.join(dir, 'deferred');

  it('is written when its content changes, and only then', () => {
    const file = path.join(deferredDir, 'google.json');
    writeIfChanged(file, data('One'));
    expect(fs.readFileSync(file, 'utf8')).toEqual(data('One'));
    fs.utimesSync(file, new Date(1000), new Date(1000));
    writeIfChanged(file, data('One'));
    expect(fs.statSync(file).mtimeMs).toBe(1000);
    writeIfChanged(file, data('Two'));
    expect(fs.statSync(file).mtimeMs).not.toBe(1000);
    expect(fs.readFileSync(file, 'utf8')).toEqual(data('Two'));
    // Nothing else is left in the folder (the temporary file is renamed).
    expect(fs.readdirSync(deferredDir)).toEqual(['google.json']);
  });
});
