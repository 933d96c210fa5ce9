/**
 * Under `npm start`, one compile for a site pass's files. After an edit of the plugin's own
 * files (a `.bib`, the timeline), the site pass writes several files the bundler reads: the
 * stamps of the pages whose citations changed (sourcesRule in index.ts) and the site-wide pages'
 * data. They are written over a few hundred milliseconds, and the bundler starts a compile a few
 * milliseconds after a write (`watchOptions.aggregateTimeout`: rspack's 5 ms, webpack's 20):
 * it compiled twice, and the browser waited for the second. While such a pass runs, the
 * bundler's watcher is held (`Watching.suspend`: changes are gathered, not compiled), and let go
 * a little after the pass: one compile with all of it. Edits of pages saved meanwhile wait for
 * the pass too.
 *
 * A pass after an edit of a page is not held: the page's own change is compiling already, and
 * holding it would make that edit wait for the pass. Letting go always compiles, even when the
 * pass changed nothing the bundle reads: the browser then finds nothing to update.
 */

import { processWide } from './store';

/**
 * How long after a pass the hold lets go: the file system's reports of the pass's last writes
 * must have reached the watcher (which, paused since its first report of the edit, gathers them
 * for the next compile). A report later than that makes a second compile, as without the hold.
 */
const REPORT_MARGIN_MS = 50;

/**
 * The longest a hold lasts (passes that follow one another closely share it): a pass that never
 * ends must not stop the bundler.
 */
const LONGEST_HOLD_MS = 10_000;

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
   * throw, or after LONGEST_HOLD_MS. Without a watching compiler (a build), only runs `pass`.
   */
  during(pass: () => Promise<void>): Promise<void>;
}

interface Hold {
  watching: Watching;
  passes: number;
  /** Lets go REPORT_MARGIN_MS after the last pass ended. */
  release?: NodeJS.Timeout;
  /** Lets go after LONGEST_HOLD_MS, whatever the passes do. */
  deadline?: NodeJS.Timeout;
}

/**
 * What the hold knows of a site: its compiler and the hold on it. Kept process-wide, as the
 * site's state is (store.ts): every instance of the plugin, and a fresh one after Docusaurus
 * reloads the site's config (which does not ask for the bundler's configuration again), holds
 * the same watcher with the same count.
 */
interface HoldState {
  compiler?: WatchedCompiler;
  hold?: Hold;
}

function stateOf(siteDir: string): HoldState {
  const states = processWide('compile-holds', () => new Map<string, HoldState>());
  let state = states.get(siteDir);
  if (!state) {
    state = {};
    states.set(siteDir, state);
  }
  return state;
}

/** The hold for the site in `siteDir`; `warn` says when a pass outlasted LONGEST_HOLD_MS. */
export function createCompileHold(siteDir: string, warn: (message: string) => void): CompileHold {
  const state = stateOf(siteDir);
  const letGo = (hold: Hold) => {
    clearTimeout(hold.release);
    clearTimeout(hold.deadline);
    if (state.hold !== hold) return;
    state.hold = undefined;
    // Not a watching the bundler has closed since (rspack forgets one at once, webpack once
    // its compile has ended).
    if (state.compiler?.watching === hold.watching) hold.watching.resume();
  };
  return {
    plugin: {
      apply(compiler) {
        state.compiler = compiler;
      },
    },
    async during(pass) {
      let hold = state.hold;
      if (!hold) {
        const watching = state.compiler?.watching;
        if (!watching) return pass();
        watching.suspend();
        const started: Hold = { watching, passes: 0 };
        started.deadline = setTimeout(() => {
          letGo(started);
          warn(
            `The citations plugin held the bundler for over ${LONGEST_HOLD_MS / 1000} s while its site pass ran; the bundler compiles now without waiting for the pass.`,
          );
        }, LONGEST_HOLD_MS).unref();
        hold = state.hold = started;
      }
      clearTimeout(hold.release);
      hold.passes += 1;
      try {
        await pass();
      } finally {
        hold.passes -= 1;
        if (hold.passes === 0 && state.hold === hold) {
          const ended = hold;
          ended.release = setTimeout(() => letGo(ended), REPORT_MARGIN_MS).unref();
        }
      }
    },
  };
}
