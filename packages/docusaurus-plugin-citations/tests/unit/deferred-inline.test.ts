// Under `npm start` a page carries its deferred data (its citations, its references, "Cite this")
// in its own module (SiteState's `inlineDeferred`): the page must read exactly as it does from
// the data file a build writes, and no file is written.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { siteOfFile } from '../../src/plugin/store';
import { FIXTURES } from '../support/paths';
import { renderMdx } from '../support/renderMdx';

describe.each(['basic', 'affixes'])('the %s fixture with its data in the page', (name) => {
  const dir = path.join(FIXTURES, name);
  const source = fs.readFileSync(path.join(dir, 'input.mdx'), 'utf8');
  const options = { bibliography: ['refs.bib'], onBrokenCitations: 'ignore' as const };

  it('renders what the build renders from its data file, and writes none', async () => {
    const inline = await renderMdx(dir, source, options, { inlineDeferred: true });
    const deferredDir = siteOfFile(path.join(dir, 'input.mdx'))!.deferredDir;
    expect(fs.existsSync(deferredDir)).toBe(false);
    const fromFile = await renderMdx(dir, source, options);
    expect(fs.readdirSync(siteOfFile(path.join(dir, 'input.mdx'))!.deferredDir)).toEqual([
      'input.json',
    ]);
    // What the build renders from the file is the fixture's expected.html (fixtures.test.ts).
    expect(inline).toBe(fromFile);
  });
});
