/**
 * `cite`: the citation engine from the command line, for editors (see USAGE).
 *
 * Run in a site, it reads the citations plugin's options from docusaurus.config.ts (style,
 * locale, .bib files, timeline) and the folders its docs and blog plugins read, so that it sees
 * what the build sees, without running Docusaurus. Its own flags name paths relative to the
 * working directory. Each command works on what the site publishes (what it cites, and what
 * `nocite` names); `--all` on every entry of the .bib files. Every problem is a `file:line:col: message` line; the exit code is 0 when
 * there is none, 1 when there is one (in the content, or anything else that fails), and 2 when
 * the command line itself is wrong. No failure ends in a stack trace.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  archiveUrl,
  checkFolders,
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
  sortDiagnostics,
  summarizeUncited,
  type CitationContext,
  type CslStyle,
  type Diagnostic,
  type ExportFormat,
  type Library,
  type Scope,
  type SiteReport,
} from '../citations';
import { optionsInConfig } from '../plugin';
import { contentFolders, type SiteConfig } from '../plugin/contentFolders';
import { resolveOptions } from '../plugin/options';

const USAGE = `Usage:
  cite check  [--bib FILE]... [--docs DIR]... [--timeline FILE] [--all] [--links]
                                             check the .bib files, every citation in the documents
                                             and the timeline; --links also lists each source URL
                                             and its archived copy
  cite list   [--bib FILE]... [--docs DIR]... [--all | --uncited]
                                             list each entry the site publishes, its short reference
                                             and where it is cited; --uncited: each entry nothing
                                             cites, where it is written, and whether it is published
  cite export --format biblatex|bibtex|ris|csl-json [--document FILE] [--bib FILE]... [--docs DIR]... [--all]
                                             write the entries the site publishes (or one document's)
                                             to standard output

  --bib FILE       a .bib file or folder (repeatable; default: the site's configured bibliography)
  --docs DIR       a folder of Markdown/MDX documents (repeatable; default: the folders of the
                   site's docs and blog plugins)
  --timeline FILE  a timeline to check against the documents (default: the site's, unless --docs
                   is given); its events name documents by their path, as "docs/google.mdx"
  --document FILE  only the works cited by this document ("docs/google.mdx")
  --all            every entry of the .bib files, cited or not, as with nocite: ['*'] (the site
                   publishes, and so checks, what it cites and what nocite names)
`;

type Write = (line: string) => void;

interface Io {
  cwd: string;
  out: Write;
  err: Write;
  /** The site's config; read from docusaurus.config.ts when not given. */
  siteConfig?: SiteConfig;
}

/** The site's docusaurus.config.ts, when the working directory has one. */
function readSiteConfig(cwd: string): SiteConfig {
  const file = path.join(cwd, 'docusaurus.config.ts');
  if (!fs.existsSync(file)) return {};
  // tsx compiles the TypeScript config, and what it imports, for this one load: the rest of the
  // command is loaded without its hooks (which would read and hash every module it loads).
  const tsx = createRequire(__filename)('tsx/cjs/api') as {
    require: (id: string, fromFile: string) => unknown;
  };
  return (tsx.require(file, file) as { default?: SiteConfig }).default ?? {};
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
  scope: Scope,
  out: Write,
  err: Write,
): number {
  const failed = refuse('list', report, err);
  // Labelled as the site labels them.
  const short = shortReferences(scope, context.style);
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
  scope: Scope,
  format: string | undefined,
  document: string | undefined,
  out: Write,
  err: Write,
): number {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    throw new UsageError(
      `cite export: --format must be one of ${EXPORT_FORMATS.join(', ')}; got ${format === undefined ? 'nothing' : JSON.stringify(format)}`,
    );
  }
  let keys = new Set(report.published);
  if (document !== undefined) {
    const doc = report.documents.find((d) => d.path === path.resolve(context.siteDir, document));
    if (!doc) {
      const known = report.documents.map((d) => JSON.stringify(d.file));
      throw new UsageError(
        `cite export: ${JSON.stringify(document)} is not one of the documents: ${known.join(', ')}`,
      );
    }
    keys = new Set(doc.citations.map((c) => c.key));
  }
  // A partial export would look complete to whoever imports it.
  if (refuse('export', report, err)) return 1;
  // In the style's order, as on the site.
  const entries = renderEntries(scope, context.style)
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
    return run(argv, cwd, out, err, io?.siteConfig);
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
  givenConfig: SiteConfig | undefined,
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
    docs?: string[];
    timeline?: string;
    format?: string;
    document?: string;
    links?: boolean;
    all?: boolean;
    uncited?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        bib: { type: 'string', multiple: true },
        docs: { type: 'string', multiple: true },
        timeline: { type: 'string' },
        format: { type: 'string' },
        document: { type: 'string' },
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
  if (command !== 'export' && (values.format !== undefined || values.document !== undefined)) {
    throw new UsageError(`cite ${command}: --format and --document belong to "cite export"`);
  }
  if (command !== 'check' && (values.links || values.timeline !== undefined)) {
    throw new UsageError(`cite ${command}: --links and --timeline belong to "cite check"`);
  }
  if (command !== 'list' && values.uncited) {
    throw new UsageError(`cite ${command}: --uncited belongs to "cite list"`);
  }
  if (values.all && values.uncited) {
    throw new UsageError('cite list: --all and --uncited are two different lists; give one');
  }
  for (const [flag, file] of [
    ...(values.bib ?? []).map((f) => ['--bib', f] as const),
    ...(values.timeline !== undefined ? [['--timeline', values.timeline] as const] : []),
  ]) {
    if (!fs.existsSync(path.resolve(cwd, file))) {
      throw new UsageError(`cite ${command}: ${flag} ${file}: no such file or folder`);
    }
  }
  for (const dir of values.docs ?? []) {
    if (!fs.existsSync(path.resolve(cwd, dir))) {
      throw new UsageError(`cite ${command}: --docs ${dir}: no such folder`);
    }
  }

  const config = givenConfig ?? readSiteConfig(cwd);
  const siteOptions = optionsInConfig(config, cwd) ?? {};
  const options = resolveOptions({
    ...siteOptions,
    ...(values.bib ? { bibliography: values.bib } : {}),
    // Every entry, as if the site published all of them (nocite: ['*']).
    ...(values.all ? { nocite: ['*'] } : {}),
  });
  // The site's timeline is checked against the site's documents, not against other folders.
  const timeline = values.timeline ?? (values.docs ? undefined : options.timeline);
  const context = loadContext({ ...options, timeline }, cwd);
  const folders = (values.docs ?? contentFolders(config)).map((d) => path.resolve(cwd, d));
  const { report, scope } = checkFolders(context, folders);

  try {
    switch (command) {
      case 'check': {
        if (values.links) links(context, report, out);
        return check(context, report, out, err);
      }
      case 'list':
        return values.uncited
          ? listUncited(context, report, out, err)
          : list(context, report, scope, out, err);
      case 'export':
        return exportCommand(context, report, scope, values.format, values.document, out, err);
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
