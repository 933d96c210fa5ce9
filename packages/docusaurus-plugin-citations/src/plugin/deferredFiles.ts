/**
 * The files of the documents' deferred data (src/plugin/deferred.tsx), written by the remark
 * plugin as it compiles each document for a build, and imported lazily by its page.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { DeferredData } from './deferred';

/**
 * Writes a document's deferred data to `<dir>/<name>.json` unless the file holds it already
 * (a watcher sees only real changes), and returns the file. Through a temporary file, so that
 * no compile reads it half written.
 */
export function writeDeferred(dir: string, name: string, data: DeferredData): string {
  const file = path.join(dir, `${name}.json`);
  const json = JSON.stringify(data);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === json) return file;
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(temporary, json);
  fs.renameSync(temporary, file);
  return file;
}
