#!/usr/bin/env node
// The `cite` command. It runs the package's TypeScript sources (shipped in src/) with tsx, so it
// needs no build step and always runs the code it is shipped with.
require('tsx/cjs');

// `cite list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = require('../src/cli/cite.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`cite: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
