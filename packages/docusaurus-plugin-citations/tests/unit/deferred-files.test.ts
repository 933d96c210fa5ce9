// A document's deferred data is written for a build only when it changed (plugin/deferredFiles.ts),
// so that a watcher sees only real changes, and never half written: the server and the client
// compiles both write it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { DeferredData } from '../../src/plugin/deferred';
import { writeDeferred } from '../../src/plugin/deferredFiles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const data = (title: string) => ({ cite: { title } }) as unknown as DeferredData;

describe('a document’s deferred data file', () => {
  const deferredDir = path.join(dir, 'deferred');

  it('is written when its data changes, and only then', () => {
    const file = writeDeferred(deferredDir, 'google', data('One'));
    expect(file).toBe(path.join(deferredDir, 'google.json'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(data('One'));
    fs.utimesSync(file, new Date(1000), new Date(1000));
    writeDeferred(deferredDir, 'google', data('One'));
    expect(fs.statSync(file).mtimeMs).toBe(1000);
    writeDeferred(deferredDir, 'google', data('Two'));
    expect(fs.statSync(file).mtimeMs).not.toBe(1000);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(data('Two'));
    // Nothing else is left in the folder (the temporary file is renamed).
    expect(fs.readdirSync(deferredDir)).toEqual(['google.json']);
  });
});
