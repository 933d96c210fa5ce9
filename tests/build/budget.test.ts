// Byte budgets, which are deterministic, unlike timings: what our reading features add to the
// JavaScript a page downloads.
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';
import { expect, it } from 'vitest';

import { ROOT } from '../support/paths';

async function gzippedSize(entry: string): Promise<number> {
  const result = await build({
    entryPoints: [`${ROOT}/${entry}`],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    // Docusaurus's own modules are on every page already.
    external: ['@docusaurus/*'],
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

it('citation previews and copy buttons add at most 5 KB (gzip) of JavaScript', async () => {
  const previews = await gzippedSize('src/clientModules/citationPreviews.ts');
  const copy = await gzippedSize('src/clientModules/copyToClipboard.ts');
  expect(previews + copy).toBeLessThanOrEqual(5 * 1024);
});
