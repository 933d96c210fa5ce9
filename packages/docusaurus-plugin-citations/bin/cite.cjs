#!/usr/bin/env node
// The `cite` command. It runs the package's compiled lib/ when lib/ is as new as every file of
// src/ (as the published package and `npm run build:plugin` leave it), and the TypeScript sources
// through tsx otherwise, so that it always runs the code it is shipped or edited with. tsx is
// registered either way: the command reads the site's docusaurus.config.ts.
const fs = require('node:fs');
const path = require('node:path');

require('tsx/cjs');

// `cite list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** The latest modification time of the files under `dir`, in milliseconds. */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

/** lib/'s command when it was built from src/ as it is now. */
function compiled() {
  const built = path.join(__dirname, '../lib/cli/cite.js');
  if (!fs.existsSync(built)) return undefined;
  return fs.statSync(built).mtimeMs >= newest(path.join(__dirname, '../src')) ? built : undefined;
}

// Compiled, the command loads in about a third of the time (tsx compiles nothing and the
// engine is not loaded twice: the site's config loads lib/ through the package's exports).
const { main } = require(compiled() ?? '../src/cli/cite.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`cite: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
