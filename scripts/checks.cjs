// `npm test`'s static checks (types, lint, formatting), run side by side: on a two-core machine
// that is a quarter of a minute less than one after the other. Each prints what it finds; the run
// fails if any of them does, and says which.
const { spawn } = require('node:child_process');

const CHECKS = ['typecheck', 'lint', 'format:check'];

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

Promise.all(CHECKS.map(run)).then((codes) => {
  const failed = CHECKS.filter((_, i) => codes[i] !== 0);
  if (failed.length > 0) {
    console.error(`Failed: ${failed.map((s) => `npm run ${s}`).join(', ')}`);
    process.exitCode = 1;
  }
});
