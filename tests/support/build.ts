import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT } from './paths';

export interface BuildResult {
  code: number | null;
  output: string;
}

/** Docusaurus's own command line, as the tests and the bench run it. */
export const DOCUSAURUS_BIN = path.join(ROOT, 'node_modules/@docusaurus/core/bin/docusaurus.mjs');

/**
 * The environment a `docusaurus` command runs in here: plain output, and outgoing connections
 * cut off (a build or a dev server must not need the network); `env` adds to it (its
 * NODE_OPTIONS after the guard that cuts connections off, not instead of it).
 */
export function docusaurusEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: more = '', ...rest } = env;
  return {
    ...process.env,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    NO_UPDATE_NOTIFIER: '1',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(ROOT, 'tests/support/offline.cjs')} ${more}`,
    ...rest,
  };
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
    const child = spawn(process.execPath, [DOCUSAURUS_BIN, 'build', '--out-dir', outDir], {
      cwd: siteDir,
      env: docusaurusEnv(env),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * A build made for one test file, in a temporary folder removed with `remove()`; or, when the
 * environment variable `reuse` names a folder with a build in it, that build (for quick local
 * iterations, as SITE_BUILD_DIR does for the main build).
 */
export async function buildForTests(
  reuse: string,
  siteDir = ROOT,
  env: Record<string, string> = {},
): Promise<{ dir: string; output: string; remove: () => void }> {
  const existing = process.env[reuse];
  if (existing && fs.existsSync(path.join(existing, 'index.html'))) {
    return { dir: path.resolve(existing), output: '', remove: () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-build-'));
  const result = await runBuild(dir, siteDir, env);
  if (result.code !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`The build of ${siteDir} failed (exit ${result.code}):\n${result.output}`);
  }
  return {
    dir,
    output: result.output,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
