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

it('citation previews, copy buttons and the style switch add at most 5 KB (gzip) of JavaScript', async () => {
  const sizes = await Promise.all(
    ['citationPreviews', 'copyToClipboard', 'citationStyle'].map((m) =>
      gzippedSize(`src/clientModules/${m}.ts`),
    ),
  );
  expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5 * 1024);
});
