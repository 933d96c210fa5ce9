import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { cacheDirectory } from '../../packages/docusaurus-plugin-citations/src/plugin/renderCache';
import { ROOT } from './paths';

const SITE_FILES = [
  'docs',
  'bibliography',
  'timeline',
  'src',
  'static',
  'docusaurus.config.ts',
  'docusaurus.future.ts',
  'sidebars.ts',
  'package.json',
  'tsconfig.json',
];

/**
 * A copy of this site in a temporary folder (node_modules linked, not copied), so that a test
 * can break it on purpose without touching the real one.
 */
export function copySite(): {
  dir: string;
  edit: (file: string, change: (text: string) => string) => void;
  remove: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digital-divide-'));
  for (const name of SITE_FILES)
    fs.cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    edit(file, change) {
      const full = path.join(dir, file);
      const before = fs.readFileSync(full, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`The edit to ${file} changed nothing`);
      fs.writeFileSync(full, after);
    },
    remove: () => {
      // The renderings its builds kept, in the node_modules it shares with this site.
      fs.rmSync(cacheDirectory(dir, 'default'), { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
