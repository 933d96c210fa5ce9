/**
 * How the plugin writes the files it makes while the site builds or `npm start` runs (the
 * cache's renderings, the exports, the pages' stamps and deferred data): whole or not at all,
 * and, where a watcher reads them, only when they change.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `file` through a temporary file beside it: a build stopped half-way leaves no half file
 * behind, and nothing reading it meanwhile finds it half written.
 */
export function writeWhole(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** Writes `file` unless it holds `content` already (so that watchers see only real changes). */
export function writeIfChanged(file: string, content: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  writeWhole(file, content);
}

/**
 * A writer that makes `dir` hold exactly the files it is given (named relative to `dir`, with
 * "/"): those whose content changed are written, those no longer given removed, the others left
 * as they are (a site exports a file per entry and document). It keeps what it wrote, so that a
 * later call (`npm start`'s next site pass) reads nothing back; the first reads what an earlier
 * run left in `dir` (as does a call after one that failed, or after the folder was removed).
 */
export function folderWriter(dir: string): (files: Readonly<Record<string, string>>) => void {
  /** Each file's content as the last call left it; undefined before a call has succeeded. */
  let written: ReadonlyMap<string, string> | undefined;
  return (files) => {
    // Read back again if the folder went (`docusaurus clear`) or the last call failed.
    const known = fs.existsSync(dir) ? written : undefined;
    written = undefined;
    for (const name of known?.keys() ?? filesIn(dir)) {
      if (!Object.hasOwn(files, name)) fs.rmSync(path.join(dir, name), { force: true });
    }
    for (const [name, content] of Object.entries(files)) {
      if (known?.get(name) !== content) writeIfChanged(path.join(dir, name), content);
    }
    written = new Map(Object.entries(files));
  };
}

/** The files under `dir`, named relative to it with "/"; none if it does not exist. */
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => path.relative(dir, path.join(f.parentPath, f.name)).split(path.sep).join('/'));
}
