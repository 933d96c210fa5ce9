import { afterAll, beforeAll } from 'vitest';

import { SiteBrowser } from './browser';
import { buildForTests } from './build';
import { serveStatic } from './server';

export interface ServedBuild {
  /** The build's folder. */
  readonly dir: string;
  /** Where it is served: "http://127.0.0.1:<port>", the pages under the base URL. */
  readonly origin: string;
  /** Chromium, its pages' relative URLs resolved under the base URL. */
  readonly browser: SiteBrowser;
}

/**
 * A build of a site for one test file (`buildForTests`: `reuse` names the variable that may point
 * at an existing one), served under its base URL `base` as GitHub Pages would serve it, with
 * Chromium: made before the file's tests, all of it removed after them.
 */
export function servedBuildForThisFile(setup: {
  reuse: string;
  siteDir?: string;
  base: string;
  env?: Record<string, string>;
}): ServedBuild {
  let build: Awaited<ReturnType<typeof buildForTests>> | undefined;
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let browser: SiteBrowser | undefined;

  beforeAll(async () => {
    build = await buildForTests(setup.reuse, setup.siteDir, setup.env);
    server = await serveStatic(build.dir, setup.base);
    browser = await SiteBrowser.launch(server.url + setup.base);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    build?.remove();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('The site is not built and served (did beforeAll fail?)');
    return value;
  };
  return {
    get dir() {
      return ready(build).dir;
    },
    get origin() {
      return ready(server).url;
    },
    get browser() {
      return ready(browser);
    },
  };
}
