/**
 * `cite`: the citation engine from the command line, for editors (see USAGE).
 *
 * Run in a site, it reads the citations plugin's options from docusaurus.config.ts (style,
 * locale, .bib files, timeline) and the folders its docs and blog plugins read, so that it sees
 * what the build sees, without running Docusaurus. Its own flags name paths relative to the
 * working directory.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  archiveUrl,
  checkSite,
  listDocuments,
  plainText,
  EXPORT_FORMATS,
  exportItems,
  formatDiagnostic,
  loadContext,
  renderEntries,
  shortReferences,
  sortDiagnostics,
  type CitationContext,
  type ExportFormat,
  type SiteReport,
} from '../citations';
import { optionsInConfig } from '../plugins/citations';
import { resolveOptions } from '../plugins/citations/options';

const USAGE = `Usage:
  cite check  [--bib FILE]... [--docs DIR]... [--timeline FILE] [--links]
                                             check the .bib files, every citation in the documents
                                             and the timeline; --links also lists each source URL
                                             and its archived copy
  cite list   [--bib FILE]... [--docs DIR]...
                                             list each key, its short reference and where it is cited
  cite export --format bibtex|ris|csl-json [--document FILE] [--bib FILE]... [--docs DIR]...
                                             write the entries (or one document's) to standard output

  --bib FILE       a .bib file or folder (repeatable; default: the site's configured bibliography)
  --docs DIR       a folder of Markdown/MDX documents (repeatable; default: the folders of the
                   site's docs and blog plugins)
  --timeline FILE  a timeline to check against the documents (default: the site's, unless --docs
                   is given); its events name documents by their path, as "docs/google.mdx"
  --document FILE  only the works cited by this document ("docs/google.mdx")
`;

type Write = (line: string) => void;

interface Io {
  cwd: string;
  out: Write;
  err: Write;
  /** The site's config; read from docusaurus.config.ts when not given. */
  siteConfig?: SiteConfig;
}

/** The parts of a Docusaurus config the command reads. */
interface SiteConfig {
  plugins?: readonly unknown[];
  presets?: readonly unknown[];
}

/** The site's docusaurus.config.ts, when the working directory has one. */
function readSiteConfig(cwd: string): SiteConfig {
  const file = path.join(cwd, 'docusaurus.config.ts');
  if (!fs.existsSync(file)) return {};
  // require, not import(): the config is TypeScript, which tsx compiles on require.
  const load = createRequire(file);
  return (load(file) as { default?: SiteConfig }).default ?? {};
}

const PRESETS = ['classic', '@docusaurus/preset-classic', 'docusaurus-preset-classic'];
const CONTENT_PLUGINS: Record<string, 'docs' | 'blog'> = {
  'content-docs': 'docs',
  '@docusaurus/plugin-content-docs': 'docs',
  'content-blog': 'blog',
  '@docusaurus/plugin-content-blog': 'blog',
};

/**
 * The folders the site's docs and blog plugins read (their `path` option, or its default), as
 * the config writes them: the command does not run Docusaurus to ask.
 */
function contentFolders(config: SiteConfig): string[] {
  const folders: string[] = [];
  const entry = (e: unknown) => (Array.isArray(e) ? (e as unknown[]) : [e]);
  for (const [name, options] of (config.presets ?? []).map(entry)) {
    if (!PRESETS.includes(String(name))) continue;
    const { docs, blog } = (options ?? {}) as Record<string, { path?: string } | false>;
    if (docs !== false) folders.push(docs?.path ?? 'docs');
    if (blog !== false) folders.push(blog?.path ?? 'blog');
  }
  for (const [name, options] of (config.plugins ?? []).map(entry)) {
    const kind = CONTENT_PLUGINS[String(name)];
    if (kind) folders.push((options as { path?: string } | undefined)?.path ?? kind);
  }
  return [...new Set(folders)];
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

function list(context: CitationContext, report: SiteReport, out: Write): number {
  const short = shortReferences(context.library, context.style);
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
  format: string | undefined,
  document: string | undefined,
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
  if (document !== undefined) {
    const doc = report.documents.find((d) => d.path === path.resolve(context.siteDir, document));
    if (!doc) {
      const known = report.documents.map((d) => JSON.stringify(d.file));
      err(
        `cite export: ${JSON.stringify(document)} is not one of the documents: ${known.join(', ')}`,
      );
      return 1;
    }
    keys = new Set(doc.citations.map((c) => c.key));
  }
  // In the style's order, as on the site.
  const items = renderEntries(context.library, context.style)
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

  let values: {
    bib?: string[];
    docs?: string[];
    timeline?: string;
    format?: string;
    document?: string;
    links?: boolean;
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
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    err(`cite ${command}: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (command !== 'export' && (values.format !== undefined || values.document !== undefined)) {
    err(`cite ${command}: --format and --document belong to "cite export"\n\n${USAGE}`);
    return 1;
  }
  if (command !== 'check' && (values.links || values.timeline !== undefined)) {
    err(`cite ${command}: --links and --timeline belong to "cite check"\n\n${USAGE}`);
    return 1;
  }

  const config = io?.siteConfig ?? readSiteConfig(cwd);
  const siteOptions = optionsInConfig(config) ?? {};
  const options = resolveOptions({
    ...siteOptions,
    ...(values.bib ? { bibliography: values.bib } : {}),
  });
  // The site's timeline is checked against the site's documents, not against other folders.
  const timeline = values.timeline ?? (values.docs ? undefined : options.timeline);
  const context = loadContext({ ...options, timeline }, cwd);
  const folders = (values.docs ?? contentFolders(config)).map((d) => path.resolve(cwd, d));
  const missing = folders.filter((f) => !fs.existsSync(f));
  if (values.docs && missing.length > 0) {
    err(`cite ${command}: no folder ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
    return 1;
  }
  const files = folders.filter((f) => fs.existsSync(f)).flatMap(listDocuments);
  const report = checkSite(context, files);

  switch (command) {
    case 'check': {
      if (values.links) links(context, out);
      return check(context, report, out, err);
    }
    case 'list':
      return list(context, report, out);
    case 'export':
      return exportCommand(context, report, values.format, values.document, out, err);
  }
}
