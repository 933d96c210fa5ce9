#!/usr/bin/env node
// The `cite` command. It runs the package's compiled lib/ when lib/ is as new as every file of
// src/ (as the published package and `npm run build:plugin` leave it), and the TypeScript sources
// through tsx otherwise, so that it always runs the code it is shipped or edited with.
const fs = require('node:fs');
const path = require('node:path');

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

// Compiled, the command loads without tsx's hooks (the site's config alone goes through tsx,
// src/cli/cite.ts's readSiteConfig), and the engine is loaded once: the config loads lib/ too,
// through the package's exports.
const built = compiled();
if (!built) require('tsx/cjs');
const { main } = require(built ?? '../src/cli/cite.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`cite: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
