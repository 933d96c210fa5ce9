// MDX that does not parse: every `cite` command names the file, line and column, as the build
// does, and exits 1 (before, each printed the parser's bare message and exited 2).
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCite } from '../support/cite';
import { copySite } from '../support/tempsite';

let site: ReturnType<typeof copySite>;
const expected: string[] = [];

beforeAll(() => {
  site = copySite();
  const mistakes: [
    file: string,
    line: string,
    column: (line: string) => number,
    message: string,
  ][] = [
    [
      'docs/google.mdx',
      "<!-- an editor's note, as in Markdown -->",
      (l) => l.indexOf('!') + 1,
      'MDX syntax error: Unexpected character `!` (U+0021) before name, expected a character that can start a name, such as a letter, `$`, or `_` (note: to create a comment in MDX, use `{/* text */}`)',
    ],
    [
      'docs/wechat.mdx',
      'See <https://example.org/wechat> for more.',
      (l) => l.indexOf('//') + 1,
      'MDX syntax error: Unexpected character `/` (U+002F) before local name, expected a character that can start a name, such as a letter, `$`, or `_` (note: to create a link in MDX, use `[text](url)`)',
    ],
    [
      'docs/bans.mdx',
      'The set {a, b is never closed.',
      (l) => l.indexOf('{') + 1,
      'MDX syntax error: "{" starts an expression that no "}" closes; to write a brace as text, escape it: "\\{"',
    ],
  ];
  for (const [file, line, column, message] of mistakes) {
    site.edit(file, (t) => `${t}\n${line}\n`);
    const lines = fs.readFileSync(path.join(site.dir, file), 'utf8').split('\n');
    expected.push(`${file}:${lines.lastIndexOf(line) + 1}:${column(line)}: ${message}`);
  }
  expected.sort();
});
afterAll(() => site.remove());

describe('a document that is not valid MDX', () => {
  it('is an error of cite check, at its place', async () => {
    const { code, stdout, stderr } = await runCite(['check'], site.dir);
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
    expect(stderr).toMatch(/^cite check: 3 error\(s\)\./);
    expect(code).toBe(1);
  }, 120_000);

  it('is reported by cite list, which still lists the keys', async () => {
    const { code, stdout, stderr } = await runCite(['list'], site.dir);
    expect(stderr.trimEnd().split('\n')).toEqual([
      ...expected,
      'cite list: 3 error(s); "cite check" lists them too.',
    ]);
    expect(stdout).toMatch(/^gallagher2018dragonfly\t/m);
    expect(code).toBe(1);
  }, 120_000);

  it('stops cite export, which writes nothing', async () => {
    const { code, stdout, stderr } = await runCite(['export', '--format', 'bibtex'], site.dir);
    expect(stderr.trimEnd().split('\n')).toEqual([
      ...expected,
      'cite export: 3 error(s); "cite check" lists them too.',
    ]);
    expect(stdout).toBe('');
    expect(code).toBe(1);
  }, 120_000);
});
