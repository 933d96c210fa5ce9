import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

import { DOCUSAURUS_BIN, docusaurusEnv } from './build';

export interface DevServer {
  /** Where it listens: "http://127.0.0.1:<port>" (pages are under the site's base URL). */
  url: string;
  process: ChildProcessByStdio<null, Readable, Readable>;
  /** What it has printed so far, stdout and stderr together: where a compile error shows. */
  output: () => string;
  /** Ends the server and every process it started; resolves once it has exited. */
  stop: () => Promise<void>;
}

/**
 * `docusaurus start` for the site in `siteDir` on 127.0.0.1:`port`, with outgoing connections
 * blocked (as the tests' builds are); `env` adds variables (CITATIONS_TRACE). It runs in a
 * process group of its own, so that `stop` ends its workers with it.
 */
export function startDevServer(
  siteDir: string,
  port: number,
  env: Record<string, string> = {},
): DevServer {
  const child = spawn(
    process.execPath,
    [DOCUSAURUS_BIN, 'start', '--port', String(port), '--host', '127.0.0.1', '--no-open'],
    {
      cwd: siteDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // vitest sets NODE_ENV to "test", which our browserslist does not know.
      env: docusaurusEnv({ NODE_ENV: 'development', BROWSER: 'none', ...env }),
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, name);
        } catch {
          // The group has ended already.
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves, with its last reading, once `read` (what a server has done so far: its compiles, its
 * trace's size) has stayed the same for 2 s: the server has stopped working on the last edit.
 */
export async function untilSteady(read: () => number): Promise<number> {
  let last = read();
  for (let quiet = 0; quiet < 4;) {
    await sleep(500);
    const now = read();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}
