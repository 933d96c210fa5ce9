// Mistakes an editor can make stop `docusaurus build` with a message that says where and why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runBuild } from '../support/build';
import { copySite } from '../support/tempsite';

let site: ReturnType<typeof copySite> | undefined;
afterEach(() => site?.remove());

async function buildBroken(change: (s: ReturnType<typeof copySite>) => void): Promise<string> {
  site = copySite();
  change(site);
  const result = await runBuild(path.join(os.tmpdir(), `dd-broken-build-${process.pid}`), site.dir);
  expect(result.code).not.toBe(0);
  expect(result.output).not.toContain('[SUCCESS]');
  return result.output;
}

function placeOf(file: string, needle: string): string {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
}

describe('the build stops', () => {
  it('on a mistyped key', async () => {
    const output = await buildBroken((s) =>
      s.edit('docs/google.mdx', (t) => t.replace('[@gallagher2018dragonfly]', '[@galagher2018dragonfly]')),
    );
    const at = placeOf(path.join(site!.dir, 'docs/google.mdx'), '@galagher2018dragonfly');
    expect(output).toContain(
      `docs/google.mdx:${at}: Unknown citation key "galagher2018dragonfly"; did you mean "gallagher2018dragonfly"?`,
    );
  });

  it('on a duplicate key', async () => {
    const output = await buildBroken((s) =>
      fs.writeFileSync(
        path.join(s.dir, 'bibliography/more.bib'),
        '\n@online{ft2010google,\n  title = {A second entry under the same key},\n  date = {2010},\n}\n',
      ),
    );
    const first = placeOf(path.join(site!.dir, 'bibliography/essay.bib'), '@article{ft2010google');
    expect(output).toContain(
      `bibliography/more.bib:2:1: Duplicate citation key "ft2010google"; first defined at bibliography/essay.bib:${first}`,
    );
  });

  it('on malformed BibTeX', async () => {
    const output = await buildBroken((s) =>
      s.edit('bibliography/essay.bib', (t) => t.replace('  journaltitle = {The Intercept},', '  journaltitle = {The Intercept}')),
    );
    const at = placeOf(path.join(site!.dir, 'bibliography/essay.bib'), 'date         = {2018-08-01}');
    expect(output).toContain(`bibliography/essay.bib:${at}: Malformed BibTeX: missing "," before this field`);
  });

  it('on a mistaken plugin option, named and explained', async () => {
    const output = await buildBroken((s) =>
      s.edit('docusaurus.config.ts', (t) => t.replace("onUncitedEntries: 'warn',", "onUncitedEntries: 'warning',")),
    );
    expect(output).toContain(
      'Citation option "onUncitedEntries" must be one of "throw", "warn", "ignore"; got "warning".',
    );
  });

  it('on MDX that does not parse, naming each file, line and column', async () => {
    // Three documents, three mistakes editors make; one build reports them all.
    const mistakes = {
      'docs/google.mdx': "<!-- an editor's note, as in Markdown -->",
      'docs/wechat.mdx': 'See <https://example.org/wechat> for more.',
      'docs/bans.mdx': 'The set {a, b is never closed.',
    };
    const output = await buildBroken((s) => {
      for (const [file, line] of Object.entries(mistakes)) s.edit(file, (t) => `${t}\n${line}\n`);
    });
    const at = (file: string, needle: string, offset = 0) => {
      const [line, column] = placeOf(path.join(site!.dir, file), needle).split(':').map(Number);
      return `${file}:${line}:${column! + offset}`;
    };
    expect(output).toContain(
      `${at('docs/google.mdx', '<!--', 1)}: MDX syntax error: Unexpected character \`!\` (U+0021) before name`,
    );
    expect(output).toContain('(note: to create a comment in MDX, use `{/* text */}`)');
    expect(output).toContain(
      `${at('docs/wechat.mdx', '<https:', 7)}: MDX syntax error: Unexpected character \`/\` (U+002F) before local name`,
    );
    expect(output).toContain(
      `${at('docs/bans.mdx', '{a, b')}: MDX syntax error: "{" starts an expression that no "}" closes; to write a brace as text, escape it: "\\{"`,
    );
    expect(output).not.toMatch(/file: ''/);
  });

  it('on an unknown CSL locale', async () => {
    const output = await buildBroken((s) =>
      s.edit('docusaurus.config.ts', (t) => t.replace("locale: 'en-US',", "locale: 'en-XX',")),
    );
    expect(output).toContain('Unknown CSL locale "en-XX"; use one of "en-US"');
  });
});
