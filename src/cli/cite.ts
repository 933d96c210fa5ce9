/**
 * `cite`: the citation engine from the command line, for editors.
 *
 *   cite check  [--bib FILE…] [--docs DIR]   validate .bib files and every citation
 *   cite list   [--bib FILE…] [--docs DIR]   each entry, its short reference, where it is cited
 *   cite export --format biblatex|bibtex|ris|csl-json [--chapter SLUG] [--bib FILE…] [--docs DIR]
 *
 * Each works on what the site publishes (what it cites, and what `nocite` names); `--all` on
 * every entry of the .bib files.
 *
 * Style, locale and the default .bib files come from the site's citations.config.ts (or
 * docusaurus.config.ts), so the command sees what the build sees. Every problem is a `file:line:col: message` line; the exit code is
 * 0 when there is none, 1 when there is one (in the content, or anything else that fails), and 2
 * when the command line itself is wrong. No failure ends in a stack trace.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  archiveUrl,
  checkSite,
  plainText,
  EXPORT_FORMATS,
  ExportError,
  exportEntries,
  formatDiagnostic,
  formatWarning,
  loadContext,
  renderEntries,
  renderItemOf,
  renderItems,
  shortReferences,
  siteScope,
  summarizeUncited,
  sortDiagnostics,
  validateOptions,
  type CitationContext,
  type CitationOptions,
  type CslStyle,
  type Diagnostic,
  type ExportFormat,
  type Library,
  type SiteReport,
} from '../citations';

const USAGE = `Usage:
  cite check  [--bib FILE]... [--docs DIR] [--all] [--links]
                                             check the .bib files and every citation in the docs;
                                             --links also lists each source URL and its archived copy
  cite list   [--bib FILE]... [--docs DIR] [--all | --uncited]
                                             list each entry the site publishes, its short reference
                                             and where it is cited; --uncited: each entry nothing
                                             cites, where it is written, and whether it is published
  cite export --format biblatex|bibtex|ris|csl-json [--chapter SLUG] [--bib FILE]... [--docs DIR] [--all]
                                             write the entries the site publishes (or one chapter's)
                                             to standard output

  --bib FILE      a .bib file or folder (repeatable; default: the site's configured bibliography)
  --docs DIR      the folder of Markdown/MDX documents (default: docs; another folder is
                  read without the site's timeline, whose events name the site's chapters)
  --all           every entry of the .bib files, cited or not, as with nocite: ['*']
                  (the site publishes, and so checks, what it cites and what nocite names)
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

/**
 * The site's citation options: `citations` of `citations.config.ts` when the site has one (read
 * alone, quickly),
 * or else `customFields.citations` of docusaurus.config.ts (which loads Docusaurus's plugins).
 */
function readSiteOptions(cwd: string): CitationOptions {
  // require, not import(): the config is TypeScript, which tsx compiles on require.
  const load = createRequire(path.join(cwd, 'package.json'));
  if (fs.existsSync(path.join(cwd, 'citations.config.ts'))) {
    const own = load('./citations.config.ts') as { citations?: CitationOptions };
    return own.citations ?? {};
  }
  const config = load('./docusaurus.config.ts') as {
    default?: { customFields?: { citations?: CitationOptions } };
  };
  return config.default?.customFields?.citations ?? {};
}

/** A mistake in the command line: exit code 2, with the usage. */
class UsageError extends Error {}

function check(context: CitationContext, report: SiteReport, out: Write, err: Write): number {
  const errors = sortDiagnostics(report.diagnostics);
  for (const d of errors) out(formatDiagnostic(d));
  for (const d of sortDiagnostics(report.warnings)) out(formatWarning(d));
  const uncited = summarizeUncited(report.uncited);
  if (uncited) out(`warning: ${uncited}`);
  const citations = report.documents.reduce((n, d) => n + d.citations.length, 0);
  const summary = `${context.library.entries.size} entries in ${context.library.files.length} .bib file(s); ${citations} citation(s) in ${report.documents.length} document(s)`;
  if (errors.length > 0) {
    err(`cite check: ${errors.length} error(s). ${summary}.`);
    return 1;
  }
  err(`cite check: no errors. ${summary}.`);
  return 0;
}

/**
 * The problems that stop `list` and `export`, on standard error: their output would be built on
 * entries that are wrong or missing. True when there are any.
 */
function refuse(command: string, report: SiteReport, err: Write): boolean {
  if (report.diagnostics.length === 0) return false;
  for (const d of sortDiagnostics(report.diagnostics)) err(formatDiagnostic(d));
  err(`cite ${command}: ${report.diagnostics.length} error(s); "cite check" lists them too.`);
  return true;
}

/**
 * citeproc can fail on an entry it cannot format. Rendering each entry alone finds which ones;
 * each becomes a positioned problem instead of a stack trace.
 */
function renderingProblems(
  library: Library,
  keys: readonly string[],
  style: CslStyle,
  error: unknown,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const entry of keys.map((key) => library.entries.get(key)!)) {
    try {
      // As the site renders it (items.ts), so that a problem of that copy is found too.
      renderItems([renderItemOf(library, entry.key)], style);
    } catch (cause) {
      problems.push({
        file: entry.file,
        line: entry.line,
        column: entry.column,
        ruleId: 'malformed-bibtex',
        message: `Entry "${entry.key}" cannot be formatted in the style "${style.name}": ${messageOf(cause)}`,
      });
    }
  }
  if (problems.length > 0) return problems;
  throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every web source the site publishes with the Wayback Machine's copy of it, to check by hand. */
function links(context: CitationContext, report: SiteReport, out: Write): void {
  for (const entry of report.published.map((key) => context.library.entries.get(key)!)) {
    const archived = archiveUrl(entry.csl);
    if (archived) out(`${entry.key}\t${plainText(entry.csl.URL!)}\t${archived}`);
  }
}

function list(
  context: CitationContext,
  report: SiteReport,
  docsDir: string,
  out: Write,
  err: Write,
): number {
  const failed = refuse('list', report, err);
  // Labelled as the site labels them.
  const short = shortReferences(siteScope(context, docsDir), context.style);
  for (const key of report.published) {
    const places = report.documents.flatMap((d) =>
      d.citations.filter((c) => c.key === key).map((c) => `${d.file}:${c.line}:${c.column}`),
    );
    out(`${key}\t${short.get(key) ?? ''}\t${places.length ? places.join(' ') : '(not cited)'}`);
  }
  return failed ? 1 : 0;
}

/**
 * Each entry that no document or timeline event cites, in library order, with where it is
 * written and whether `nocite` publishes it; no entry is rendered, so this is quick on any
 * library.
 */
function listUncited(context: CitationContext, report: SiteReport, out: Write, err: Write): number {
  const failed = refuse('list', report, err);
  const leftOut = new Set(report.uncited.map((u) => u.key));
  const cited = new Set([
    ...report.documents.flatMap((d) => d.citations.map((c) => c.key)),
    ...(context.timeline?.events ?? []).flatMap((e) => e.cite?.items.map((i) => i.key) ?? []),
  ]);
  for (const entry of context.library.entries.values()) {
    if (cited.has(entry.key)) continue;
    const state = leftOut.has(entry.key) ? 'left out' : 'published (nocite)';
    out(`${entry.key}\t${entry.file}:${entry.line}:${entry.column}\t${state}`);
  }
  return failed ? 1 : 0;
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
    throw new UsageError(
      `cite export: --format must be one of ${EXPORT_FORMATS.join(', ')}; got ${format === undefined ? 'nothing' : JSON.stringify(format)}`,
    );
  }
  let keys = new Set(context.library.entries.keys());
  if (chapter !== undefined) {
    const permalink = chapter === 'index' ? '/' : `/${chapter.replace(/^\/+/, '')}`;
    const doc = report.documents.find((d) => d.permalink === permalink);
    if (!doc) {
      const known = report.documents.map((d) => JSON.stringify(d.permalink.slice(1) || '/'));
      throw new UsageError(
        `cite export: no chapter at ${JSON.stringify(permalink)}; the chapters are ${known.join(', ')}`,
      );
    }
    keys = new Set(doc.citations.map((c) => c.key));
  }
  // A partial export would look complete to whoever imports it.
  if (refuse('export', report, err)) return 1;
  // In the style's order, as on the site.
  const entries = renderEntries(siteScope(context, docsDir), context.style)
    .entries.filter((e) => keys.has(e.key))
    .map((e) => context.library.entries.get(e.key)!);
  let text: string;
  try {
    text = exportEntries(entries, format as ExportFormat);
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    err(error.message);
    return 1;
  }
  // The text ends with its own newline, which `out` adds back.
  out(text.replace(/\n$/, ''));
  return 0;
}

export async function main(argv: readonly string[], io?: Partial<Io>): Promise<number> {
  const cwd = io?.cwd ?? process.cwd();
  const out = io?.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io?.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    return run(argv, cwd, out, err, io?.siteOptions);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    err(`cite: ${messageOf(error)}`);
    return 1;
  }
}

function run(
  argv: readonly string[],
  cwd: string,
  out: Write,
  err: Write,
  givenOptions: CitationOptions | undefined,
): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    out(USAGE);
    return 0;
  }
  if (command === undefined) throw new UsageError('cite: which command?');
  if (command !== 'check' && command !== 'list' && command !== 'export') {
    throw new UsageError(`cite: unknown command "${command}"`);
  }

  let values: {
    bib?: string[];
    docs?: string;
    format?: string;
    chapter?: string;
    links?: boolean;
    all?: boolean;
    uncited?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        bib: { type: 'string', multiple: true },
        docs: { type: 'string' },
        format: { type: 'string' },
        chapter: { type: 'string' },
        links: { type: 'boolean' },
        all: { type: 'boolean' },
        uncited: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`cite ${command}: ${messageOf(error)}`);
  }
  if (command !== 'export' && (values.format !== undefined || values.chapter !== undefined)) {
    throw new UsageError(`cite ${command}: --format and --chapter belong to "cite export"`);
  }
  if (command !== 'check' && values.links) {
    throw new UsageError(`cite ${command}: --links belongs to "cite check"`);
  }
  if (command !== 'list' && values.uncited) {
    throw new UsageError(`cite ${command}: --uncited belongs to "cite list"`);
  }
  for (const file of values.bib ?? []) {
    if (!fs.existsSync(path.resolve(cwd, file))) {
      throw new UsageError(`cite ${command}: --bib ${file}: no such file or folder`);
    }
  }
  const docsDir = path.resolve(cwd, values.docs ?? 'docs');
  if (!fs.existsSync(docsDir)) {
    throw new UsageError(`cite ${command}: --docs ${values.docs ?? 'docs'}: no such folder`);
  }

  const siteOptions = givenOptions ?? readSiteOptions(cwd);
  const options = validateOptions({
    ...siteOptions,
    ...(values.bib ? { bibliography: values.bib } : {}),
    // The site's timeline names the site's chapters: other documents are read without it.
    ...(values.docs ? { timeline: undefined } : {}),
    // Every entry, as if the site published all of them (nocite: ['*']).
    ...(values.all ? { nocite: ['*'] } : {}),
  });
  const context = loadContext(options, cwd);
  const report = checkSite(context, docsDir);

  try {
    switch (command) {
      case 'check': {
        if (values.links) links(context, report, out);
        return check(context, report, out, err);
      }
      case 'list':
        return values.uncited
          ? listUncited(context, report, out, err)
          : list(context, report, docsDir, out, err);
      case 'export':
        return exportCommand(context, report, docsDir, values.format, values.chapter, out, err);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const problems = renderingProblems(context.library, report.published, context.style, error);
    for (const d of sortDiagnostics(problems)) err(formatDiagnostic(d));
    err(
      `cite ${command}: ${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} cannot be formatted.`,
    );
    return 1;
  }
}
