/**
 * Independent readers of the exports, run as the programs users run: biber (its data-model
 * validation), pybtex and bibtexparser (through Debian's /usr/bin/python3, which has both),
 * bibutils (bib2xml, biblatex2xml, ris2xml) and ajv with the CSL 1.0.2 schema. None of them
 * shares code with citation-js, which reads the .bib for the site.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Ajv from 'ajv';

const PYTHON = '/usr/bin/python3';
const READ_BIB = path.join(__dirname, 'read_bib.py');

function run(command: string, args: string[], cwd?: string): { stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

export interface PyPerson {
  first: string;
  middle: string;
  prelast: string;
  last: string;
  lineage: string;
}

export interface PyEntry {
  key: string;
  type: string;
  fields: Record<string, string>;
  /** pybtex only: name lists, split into parts. */
  persons?: Record<string, PyPerson[]>;
}

export interface PyReading {
  error: string | null;
  entries: PyEntry[];
}

/** A .bib file as pybtex and as bibtexparser read it. */
export function readWithPython(file: string): { pybtex: PyReading; bibtexparser: PyReading } {
  return JSON.parse(run(PYTHON, [READ_BIB, file]).stdout) as {
    pybtex: PyReading;
    bibtexparser: PyReading;
  };
}

/** In a temporary folder, so that the tools' log files land nowhere else. */
function inTemp<T>(name: string, text: string, body: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-'));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return body(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What biber's data-model validation says about a BibLaTeX file: every warning and error, with
 * the file's name taken out so that two files' messages compare.
 */
export function biberWarnings(text: string): string[] {
  return inTemp('in.bib', text, (file, dir) => {
    const { stdout, stderr } = run(
      'biber',
      ['--tool', '--validate-datamodel', '--output-file', 'out.bib', 'in.bib'],
      dir,
    );
    return `${stdout}\n${stderr}`
      .split('\n')
      .filter((line) => /^(WARN|ERROR)/.test(line))
      .map((line) => line.replace(' (in.bib)', '').replace(file, '<file>'));
  });
}

export interface ModsRecord {
  id: string;
  /** Title and subtitle, as bibutils split them. */
  title: string;
  /** Personal names as "family, given", corporate ones as they are. */
  names: string[];
  dateIssued?: string;
  urls: string[];
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A file read by one of bibutils' converters, from its MODS XML. */
export function readWithBibutils(
  tool: 'bib2xml' | 'biblatex2xml' | 'ris2xml',
  text: string,
): ModsRecord[] {
  return inTemp(tool === 'ris2xml' ? 'in.ris' : 'in.bib', text, (file) => {
    const xml = run(tool, ['-i', 'utf8', '-o', 'utf8', file]).stdout;
    return [...xml.matchAll(/<mods ID="([^"]*)">([\s\S]*?)\n<\/mods>/g)].map(([, id, body]) => {
      // The record's own title, not its host's (<relatedItem>).
      const own = body!.replace(/<relatedItem[\s\S]*?<\/relatedItem>/g, '');
      const titleInfo = /<titleInfo>([\s\S]*?)<\/titleInfo>/.exec(own)?.[1] ?? '';
      const title = [...titleInfo.matchAll(/<(title|subTitle)>([\s\S]*?)<\/\1>/g)]
        .map((m) => unescapeXml(m[2]!))
        .join(': ');
      const names = [...own.matchAll(/<name[^>]*>([\s\S]*?)<\/name>/g)].map(([, name]) => {
        const part = (type: string) =>
          unescapeXml(
            new RegExp(`<namePart type="${type}">([^<]*)</namePart>`).exec(name!)?.[1] ?? '',
          );
        const plain = /<namePart>([^<]*)<\/namePart>/.exec(name!)?.[1];
        if (plain !== undefined) return unescapeXml(plain);
        const given = [...name!.matchAll(/<namePart type="given">([^<]*)<\/namePart>/g)]
          .map((m) => unescapeXml(m[1]!))
          .join(' ');
        return given ? `${part('family')}, ${given}` : part('family');
      });
      return {
        id: unescapeXml(id!),
        title,
        names,
        dateIssued: /<dateIssued>([^<]*)<\/dateIssued>/.exec(own)?.[1],
        urls: [...own.matchAll(/<url>([^<]*)<\/url>/g)].map((m) => unescapeXml(m[1]!)),
      };
    });
  });
}

export interface RisRecord {
  tags: [string, string][];
}

/**
 * RIS read by the letter of the format, as Zotero's RIS translator reads it: a tag line is two
 * characters, two spaces, a hyphen and a space; any other line continues the previous value; a
 * record runs from TY to ER.
 */
export function readRis(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const tag = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/.exec(line);
    if (!tag) {
      const last = current?.tags.at(-1);
      if (last && line.trim()) last[1] += ` ${line.trim()}`;
      continue;
    }
    const [, name, value = ''] = tag;
    if (name === 'TY') {
      current = { tags: [] };
      records.push(current);
    }
    if (name === 'ER') {
      current = undefined;
      continue;
    }
    current?.tags.push([name!, value.trim()]);
  }
  return records;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateCsl = ajv.compile(
  JSON.parse(fs.readFileSync(path.join(__dirname, 'csl-data.schema.json'), 'utf8')) as object,
);

/** ajv's complaints about a CSL-JSON text against the CSL 1.0.2 schema; none when valid. */
export function cslSchemaErrors(text: string): string[] {
  const data: unknown = JSON.parse(text);
  if (validateCsl(data)) return [];
  return (validateCsl.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
