/**
 * Under `npm start`, one compile for a site pass's files. After an edit of the plugin's own
 * files (a `.bib`, the timeline), the site pass writes several files the bundler reads: the
 * stamps of the pages whose citations changed (sourcesRule in index.ts) and the site-wide pages'
 * data. They are written over a few hundred milliseconds, and the bundler starts a compile 5 ms
 * after a write: it compiled twice, and the browser waited for the second. While such a pass
 * runs, the bundler's watcher is held (`Watching.suspend`: changes are gathered, not compiled),
 * and let go once it has reported the pass's last writes: one compile with all of them.
 *
 * A pass after an edit of a page is not held: the page's own change is compiling already, and
 * holding it would make that edit wait for the pass.
 */

/**
 * How long after a write the watcher has reported it: it waits 5 ms for more writes
 * (`watchOptions.aggregateTimeout`, which Docusaurus leaves as it is), and more on a busy
 * machine. Should it report later, the bundler compiles again, as without the hold.
 */
const REPORTED_MS = 50;

/** What the hold uses of the bundler's watching (webpack's and rspack's), while `npm start` runs it. */
interface Watching {
  suspend(): void;
  resume(): void;
}

interface WatchedCompiler {
  watching?: Watching | undefined;
}

export interface CompileHold {
  /** A bundler plugin that tells the hold which compiler to hold (the client's, under `npm start`). */
  plugin: { apply(compiler: WatchedCompiler): void };
  /**
   * Runs `pass` with the bundler's watcher held, and lets it go once every pass running at the
   * time has ended (Docusaurus may run two at once for one edit), whether they succeed or
   * throw. Without a watching compiler (a build), only runs `pass`.
   */
  during(pass: () => Promise<void>): Promise<void>;
}

export function createCompileHold(): CompileHold {
  let compiler: WatchedCompiler | undefined;
  let held: { watching: Watching; passes: number } | undefined;
  return {
    plugin: {
      apply(c) {
        compiler = c;
      },
    },
    async during(pass) {
      const watching = held?.watching ?? compiler?.watching;
      if (!watching) return pass();
      if (!held) {
        watching.suspend();
        held = { watching, passes: 0 };
      }
      const hold = held;
      hold.passes += 1;
      try {
        await pass();
      } finally {
        hold.passes -= 1;
        if (hold.passes === 0) {
          setTimeout(() => {
            // Another pass began meanwhile: it lets go when it ends.
            if (hold.passes > 0) return;
            held = undefined;
            watching.resume();
          }, REPORTED_MS);
        }
      }
    },
  };
}
