// Two builds of the same content produce the same pages, byte for byte.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, expect, inject, it } from 'vitest';

import { runBuild } from '../support/build';

const again = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-second-build-'));
afterAll(() => fs.rmSync(again, { recursive: true, force: true }));

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
}

it('a second build writes identical HTML', { timeout: 240_000 }, async () => {
  const first = inject('buildDir');
  const result = await runBuild(again);
  expect(result.code, result.output).toBe(0);
  expect(htmlFiles(again)).toEqual(htmlFiles(first));
  for (const file of htmlFiles(first)) {
    expect(fs.readFileSync(path.join(again, file), 'utf8'), file).toBe(fs.readFileSync(path.join(first, file), 'utf8'));
  }
});
