// The hold on the bundler's watcher while a site pass writes its files under `npm start`
// (plugin/compileHold.ts), against a watching that records what it was told. That the server
// then compiles once, and the open page updates once, is shown in Chromium by
// tests/browser/dev-server.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createCompileHold } from '../../src/plugin/compileHold';

/** A compiler whose watching notes each call. */
function watchedCompiler() {
  const calls: string[] = [];
  return {
    calls,
    compiler: {
      watching: { suspend: () => calls.push('suspend'), resume: () => calls.push('resume') },
    },
  };
}

/** A pass that notes when it ends, after `ms`, and throws if `fails`. */
function pass(calls: string[], name: string, ms: number, fails = false) {
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    calls.push(`${name} done`);
    if (fails) throw new Error(`${name} failed`);
  };
}

describe('the compile hold', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds the watcher while a pass runs, and lets it go once the pass has ended', async () => {
    const { calls, compiler } = watchedCompiler();
    const hold = createCompileHold();
    hold.plugin.apply(compiler);
    const done = hold.during(pass(calls, 'pass', 100));
    expect(calls).toEqual(['suspend']);
    await vi.advanceTimersByTimeAsync(100);
    await done;
    // Let go only once the watcher has had time to report the pass's last writes.
    expect(calls).toEqual(['suspend', 'pass done']);
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toEqual(['suspend', 'pass done', 'resume']);
  });

  it('holds it once for passes that overlap, until the last has ended', async () => {
    const { calls, compiler } = watchedCompiler();
    const hold = createCompileHold();
    hold.plugin.apply(compiler);
    const first = hold.during(pass(calls, 'first', 100));
    await vi.advanceTimersByTimeAsync(50);
    const second = hold.during(pass(calls, 'second', 100));
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all([first, second]);
    expect(calls).toEqual(['suspend', 'first done', 'second done', 'resume']);
  });

  it('holds it on for a pass that begins while it waits to let go', async () => {
    const { calls, compiler } = watchedCompiler();
    const hold = createCompileHold();
    hold.plugin.apply(compiler);
    await Promise.all([hold.during(pass(calls, 'first', 10)), vi.advanceTimersByTimeAsync(10)]);
    const second = hold.during(pass(calls, 'second', 100));
    await vi.advanceTimersByTimeAsync(300);
    await second;
    expect(calls).toEqual(['suspend', 'first done', 'second done', 'resume']);
  });

  it('lets it go when a pass throws, and passes the error on', async () => {
    const { calls, compiler } = watchedCompiler();
    const hold = createCompileHold();
    hold.plugin.apply(compiler);
    const failed = expect(hold.during(pass(calls, 'pass', 10, true))).rejects.toThrow(
      'pass failed',
    );
    await vi.advanceTimersByTimeAsync(100);
    await failed;
    expect(calls).toEqual(['suspend', 'pass done', 'resume']);
  });

  it('only runs the pass in a build, where nothing watches', async () => {
    const calls: string[] = [];
    const hold = createCompileHold();
    hold.plugin.apply({});
    const done = hold.during(pass(calls, 'pass', 10));
    await vi.advanceTimersByTimeAsync(100);
    await done;
    expect(calls).toEqual(['pass done']);
  });
});
