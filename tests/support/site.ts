/**
 * Global setup of the `site` project: build the site once per test run, serve it on
 * 127.0.0.1, and hand both to the tests. SITE_BUILD_DIR reuses an existing build (for quick
 * local iterations); CI always builds.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { runBuild } from './build';
import { ROOT } from './paths';
import { serveStatic } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    buildDir: string;
    baseUrl: string;
    /** What the build printed, or '' when an existing build was reused. */
    buildOutput: string;
    /** The build's trace of its renderings (support/trace.ts), or '' when it was reused. */
    buildTrace: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let buildDir = process.env.SITE_BUILD_DIR ? path.resolve(process.env.SITE_BUILD_DIR) : '';
  let buildOutput = '';
  let buildTrace = '';
  if (!buildDir || !fs.existsSync(path.join(buildDir, 'index.html'))) {
    buildDir = path.join(ROOT, 'build');
    buildTrace = path.join(ROOT, 'test-results/site-build-trace.jsonl');
    fs.mkdirSync(path.dirname(buildTrace), { recursive: true });
    fs.rmSync(buildTrace, { force: true });
    const started = Date.now();
    const result = await runBuild(buildDir, ROOT, { CITATIONS_TRACE: buildTrace });
    if (result.code !== 0) {
      throw new Error(`The site build failed (exit ${result.code}):\n${result.output}`);
    }
    buildOutput = result.output;
    process.stdout.write(`site built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const server = await serveStatic(buildDir);
  project.provide('buildDir', buildDir);
  project.provide('baseUrl', server.url);
  project.provide('buildOutput', buildOutput);
  project.provide('buildTrace', buildTrace);
  return server.close;
}
