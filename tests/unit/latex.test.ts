// A LaTeX document that cites every entry of the classic BibTeX export must compile, whatever
// the fields hold: pdflatex, bibtex and pdflatex again, with natbib's plainnat (which also
// prints URLs with \url). The forging fixture's backslashes, braces, & % # _ ^ are printed as text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createLibrary, exportEntries } from 'docusaurus-plugin-citations/engine';
import { ROOT } from '../support/paths';

// Non-Latin names need fonts that pdflatex does not load by default: tricky.bib is read by the
// other readers instead.
const SOURCES = [
  'bibliography/essay.bib',
  'packages/docusaurus-plugin-citations/tests/fixtures/exports/forging.bib',
];

const DOCUMENT = String.raw`\documentclass{article}
\usepackage{url}
\usepackage{natbib}
\begin{document}
\nocite{*}
\bibliographystyle{plainnat}
\bibliography{refs}
\end{document}
`;

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the BibTeX export in a LaTeX document', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latex-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compiles with pdflatex and bibtex, printing hostile commands as text', () => {
    const library = createLibrary(
      SOURCES.map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') })),
    );
    expect(library.diagnostics).toEqual([]);
    fs.writeFileSync(
      path.join(dir, 'refs.bib'),
      exportEntries([...library.entries.values()], 'bibtex'),
    );
    fs.writeFileSync(path.join(dir, 'doc.tex'), DOCUMENT);
    const latex = ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'doc.tex'];

    const first = run('pdflatex', latex, dir);
    expect(first.code, first.output).toBe(0);
    const bibtex = run('bibtex', ['doc'], dir);
    expect(bibtex.code, bibtex.output).toBe(0);
    expect(bibtex.output).not.toMatch(/error message/);
    const second = run('pdflatex', latex, dir);
    expect(second.code, second.output).toBe(0);

    const log = fs.readFileSync(path.join(dir, 'doc.log'), 'utf8');
    expect(log).not.toMatch(/^!/m);
    // \input would show the file it read as "(/etc/passwd" in the log.
    expect(log).not.toContain('(/etc/passwd');
    // Every entry is in the bibliography, and the forged one is not.
    const bbl = fs.readFileSync(path.join(dir, 'doc.bbl'), 'utf8');
    const items = [...bbl.matchAll(/\\bibitem\[[^\]]*\]\{([^}]*)\}/g)].map((m) => m[1]);
    expect(items.sort()).toEqual([...library.entries.keys()].sort());
    expect(bbl.replace(/\s+/g, ' ')).toContain('\\textbackslash input\\textbraceleft{}/etc/passwd');
  }, 180_000);
});
