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
