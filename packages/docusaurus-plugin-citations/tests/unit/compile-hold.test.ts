// The hold on the bundler's watcher while a site pass writes its files under `npm start`
// (plugin/compileHold.ts), against a watching that records what it was told. That the server
// then compiles once, and the open page updates once, is shown in Chromium by
// tests/browser/dev-server.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createCompileHold } from '../../src/plugin/compileHold';

/** A compiler whose watching notes each call, at the fake clock's time. */
function watchedCompiler(calls: string[]): { watching?: { suspend(): void; resume(): void } } {
  const at = (what: string) => () => calls.push(`${what} at ${Date.now()}`);
  return { watching: { suspend: at('suspend'), resume: at('resume') } };
}

/** A pass that notes when it ends, after `ms`, and throws if `fails`. */
function pass(calls: string[], name: string, ms: number, fails = false) {
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    calls.push(`${name} done at ${Date.now()}`);
    if (fails) throw new Error(`${name} failed`);
  };
}

describe('the compile hold', () => {
  // Holds are kept per site, process-wide: each test has a site of its own.
  let site = 0;
  const newSite = () => `/sites/${(site += 1)}`;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    warnings.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  /** A hold on a new site's watched compiler, and what its watching is told. */
  function held() {
    const calls: string[] = [];
    const siteDir = newSite();
    const compiler = watchedCompiler(calls);
    const hold = createCompileHold(siteDir, warn);
    hold.plugin.apply(compiler);
    return { calls, hold, siteDir, compiler };
  }

  it('holds the watcher while a pass runs, and lets it go 50 ms after it ended', async () => {
    const { calls, hold } = held();
    await Promise.all([hold.during(pass(calls, 'pass', 100)), vi.advanceTimersByTimeAsync(100)]);
    expect(calls).toEqual(['suspend at 0', 'pass done at 100']);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual(['suspend at 0', 'pass done at 100', 'resume at 150']);
  });

  it('holds it once for passes that overlap, until 50 ms after the last', async () => {
    const { calls, hold } = held();
    const first = hold.during(pass(calls, 'first', 100));
    await vi.advanceTimersByTimeAsync(50);
    const second = hold.during(pass(calls, 'second', 100));
    await vi.advanceTimersByTimeAsync(300);
    await Promise.all([first, second]);
    expect(calls).toEqual([
      'suspend at 0',
      'first done at 100',
      'second done at 150',
      'resume at 200',
    ]);
  });

  it('waits again for a pass that begins while it waits to let go', async () => {
    const { calls, hold } = held();
    await Promise.all([hold.during(pass(calls, 'first', 10)), vi.advanceTimersByTimeAsync(10)]);
    await vi.advanceTimersByTimeAsync(10);
    const second = hold.during(pass(calls, 'second', 10));
    await vi.advanceTimersByTimeAsync(300);
    await second;
    expect(calls).toEqual([
      'suspend at 0',
      'first done at 10',
      'second done at 30',
      'resume at 80',
    ]);
  });

  it('is one hold for every instance of the plugin on a site', async () => {
    // Only the first instance's bundler plugin is applied (as after a reload of the config).
    const { calls, hold: one, siteDir } = held();
    const two = createCompileHold(siteDir, warn);
    const first = one.during(pass(calls, 'first', 100));
    const second = two.during(pass(calls, 'second', 200));
    await vi.advanceTimersByTimeAsync(400);
    await Promise.all([first, second]);
    expect(calls).toEqual([
      'suspend at 0',
      'first done at 100',
      'second done at 200',
      'resume at 250',
    ]);
  });

  it('lets it go when a pass throws, and passes the error on', async () => {
    const { calls, hold } = held();
    const failed = expect(hold.during(pass(calls, 'pass', 10, true))).rejects.toThrow(
      'pass failed',
    );
    await vi.advanceTimersByTimeAsync(100);
    await failed;
    expect(calls).toEqual(['suspend at 0', 'pass done at 10', 'resume at 60']);
  });

  it('lets it go after 10 s, and says so, when a pass does not end', async () => {
    const { calls, hold } = held();
    const slow = hold.during(pass(calls, 'slow', 20_000));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual(['suspend at 0', 'resume at 10000']);
    expect(warnings).toEqual([
      'The citations plugin held the bundler for over 10 s while its site pass ran; the bundler compiles now without waiting for the pass.',
    ]);
    // A pass after that holds it again, and the slow one ending later lets nothing go.
    await vi.advanceTimersByTimeAsync(2_000);
    const next = hold.during(pass(calls, 'next', 100));
    await vi.advanceTimersByTimeAsync(18_000);
    await Promise.all([slow, next]);
    expect(calls).toEqual([
      'suspend at 0',
      'resume at 10000',
      'suspend at 12000',
      'next done at 12100',
      'resume at 12150',
      'slow done at 20000',
    ]);
  });

  it('does not resume a watching the bundler has closed', async () => {
    const { calls, hold, compiler } = held();
    const done = hold.during(async () => {
      await pass(calls, 'pass', 10)();
      delete compiler.watching;
    });
    await vi.advanceTimersByTimeAsync(100);
    await done;
    expect(calls).toEqual(['suspend at 0', 'pass done at 10']);
  });

  it('only runs the pass in a build, where nothing watches', async () => {
    const calls: string[] = [];
    const hold = createCompileHold(newSite(), warn);
    hold.plugin.apply({});
    await Promise.all([hold.during(pass(calls, 'pass', 10)), vi.advanceTimersByTimeAsync(100)]);
    expect(calls).toEqual(['pass done at 10']);
  });
});
