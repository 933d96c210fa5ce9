/**
 * `cite`: the citation engine from the command line, for editors.
 *
 *   cite check  [--bib FILE…] [--docs DIR]   validate .bib files and every citation
 *   cite list   [--bib FILE…] [--docs DIR]   each key, its short reference, where it is cited
 *   cite export --format bibtex|ris|csl-json [--chapter SLUG] [--bib FILE…] [--docs DIR]
 *
 * Style, locale and the default .bib files come from docusaurus.config.ts, so the command
 * sees what the build sees.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  archiveUrl,
  checkSite,
  plainText,
  EXPORT_FORMATS,
  exportItems,
  formatDiagnostic,
  loadContext,
  renderEntries,
  shortReferences,
  siteScope,
  sortDiagnostics,
  validateOptions,
  type CitationContext,
  type CitationOptions,
  type ExportFormat,
  type SiteReport,
} from '../citations';

const USAGE = `Usage:
  cite check  [--bib FILE]... [--docs DIR] [--links]
                                             check the .bib files and every citation in the docs;
                                             --links also lists each source URL and its archived copy
  cite list   [--bib FILE]... [--docs DIR]   list each key, its short reference and where it is cited
  cite export --format bibtex|ris|csl-json [--chapter SLUG] [--bib FILE]... [--docs DIR]
                                             write the entries (or one chapter's) to standard output

  --bib FILE      a .bib file or folder (repeatable; default: the site's configured bibliography)
  --docs DIR      the folder of Markdown/MDX documents (default: docs)
  --chapter SLUG  only the works cited by the chapter at /SLUG ("google"; "/" for the introduction)
`;

type Write = (line: string) => void;

interface Io {
  cwd: string;
  out: Write;
  err: Write;
  /** The site's citation options; read from docusaurus.config.ts when not given. */
  siteOptions?: CitationOptions;
}

function readSiteOptions(cwd: string): CitationOptions {
  // require, not import(): the config is TypeScript, which tsx compiles on require.
  const load = createRequire(path.join(cwd, 'package.json'));
  const config = load('./docusaurus.config.ts') as {
    default?: { customFields?: { citations?: CitationOptions } };
  };
  return config.default?.customFields?.citations ?? {};
}

function check(context: CitationContext, report: SiteReport, out: Write, err: Write): number {
  const errors = sortDiagnostics(report.diagnostics);
  for (const d of errors) out(formatDiagnostic(d));
  for (const d of sortDiagnostics(report.uncited)) {
    out(`${d.file}:${d.line}:${d.column}: warning: ${d.message}`);
  }
  const citations = report.documents.reduce((n, d) => n + d.citations.length, 0);
  const summary = `${context.library.entries.size} entries in ${context.library.files.length} .bib file(s); ${citations} citation(s) in ${report.documents.length} document(s)`;
  if (errors.length > 0) {
    err(`cite check: ${errors.length} error(s). ${summary}.`);
    return 1;
  }
  err(`cite check: no errors. ${summary}.`);
  return 0;
}

/** Every web source with the Wayback Machine's copy of it, for editors to check by hand. */
function links(context: CitationContext, out: Write): void {
  for (const entry of context.library.entries.values()) {
    const archived = archiveUrl(entry.csl);
    if (archived) out(`${entry.key}\t${plainText(entry.csl.URL!)}\t${archived}`);
  }
}

function list(context: CitationContext, report: SiteReport, docsDir: string, out: Write): number {
  // Labelled as the site labels them.
  const short = shortReferences(siteScope(context, docsDir), context.style);
  for (const key of context.library.entries.keys()) {
    const places = report.documents.flatMap((d) =>
      d.citations.filter((c) => c.key === key).map((c) => `${d.file}:${c.line}:${c.column}`),
    );
    out(`${key}\t${short.get(key) ?? ''}\t${places.length ? places.join(' ') : '(not cited)'}`);
  }
  return report.diagnostics.length > 0 ? 1 : 0;
}

function exportCommand(
  context: CitationContext,
  report: SiteReport,
  docsDir: string,
  format: string | undefined,
  chapter: string | undefined,
  out: Write,
  err: Write,
): number {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    err(
      `cite export: --format must be one of ${EXPORT_FORMATS.join(', ')}; got ${format === undefined ? 'nothing' : JSON.stringify(format)}`,
    );
    return 1;
  }
  let keys = new Set(context.library.entries.keys());
  if (chapter !== undefined) {
    const permalink = chapter === 'index' ? '/' : `/${chapter.replace(/^\/+/, '')}`;
    const doc = report.documents.find((d) => d.permalink === permalink);
    if (!doc) {
      const known = report.documents.map((d) => JSON.stringify(d.permalink.slice(1) || '/'));
      err(
        `cite export: no chapter at ${JSON.stringify(permalink)}; the chapters are ${known.join(', ')}`,
      );
      return 1;
    }
    keys = new Set(doc.citations.map((c) => c.key));
  }
  // In the style's order, as on the site.
  const items = renderEntries(siteScope(context, docsDir), context.style)
    .entries.filter((e) => keys.has(e.key))
    .map((e) => context.library.entries.get(e.key)!.csl);
  // The text ends with its own newline, which `out` adds back.
  out(exportItems(items, format as ExportFormat).replace(/\n$/, ''));
  return 0;
}

export async function main(argv: readonly string[], io?: Partial<Io>): Promise<number> {
  const cwd = io?.cwd ?? process.cwd();
  const out = io?.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io?.err ?? ((line: string) => process.stderr.write(`${line}\n`));

  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    out(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'check' && command !== 'list' && command !== 'export') {
    err(`cite: unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }

  let values: { bib?: string[]; docs?: string; format?: string; chapter?: string; links?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        bib: { type: 'string', multiple: true },
        docs: { type: 'string' },
        format: { type: 'string' },
        chapter: { type: 'string' },
        links: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    err(`cite ${command}: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (command !== 'export' && (values.format !== undefined || values.chapter !== undefined)) {
    err(`cite ${command}: --format and --chapter belong to "cite export"\n\n${USAGE}`);
    return 1;
  }
  if (command !== 'check' && values.links) {
    err(`cite ${command}: --links belongs to "cite check"\n\n${USAGE}`);
    return 1;
  }

  const siteOptions = io?.siteOptions ?? readSiteOptions(cwd);
  const options = validateOptions({
    ...siteOptions,
    ...(values.bib ? { bibliography: values.bib } : {}),
  });
  const context = loadContext(options, cwd);
  const docsDir = path.resolve(cwd, values.docs ?? 'docs');
  const report = checkSite(context, docsDir);

  switch (command) {
    case 'check': {
      if (values.links) links(context, out);
      return check(context, report, out, err);
    }
    case 'list':
      return list(context, report, docsDir, out);
    case 'export':
      return exportCommand(context, report, docsDir, values.format, values.chapter, out, err);
  }
}
