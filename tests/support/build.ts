import { spawn } from 'node:child_process';
import path from 'node:path';

import { ROOT } from './paths';

export interface BuildResult {
  code: number | null;
  output: string;
}

/**
 * Runs `docusaurus build` for the site in `siteDir` (default: this repository), with outgoing
 * connections blocked; `env` adds variables (the bench's DIGITAL_DIVIDE_FEATURES).
 */
export function runBuild(
  outDir: string,
  siteDir = ROOT,
  env: Record<string, string> = {},
): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'),
        'build',
        '--out-dir',
        outDir,
      ],
      {
        cwd: siteDir,
        env: {
          ...process.env,
          FORCE_COLOR: '0',
          NO_COLOR: '1',
          NO_UPDATE_NOTIFIER: '1',
          // Cut the network off: the build must not need it.
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(ROOT, 'tests/support/offline.cjs')}`,
          ...env,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
