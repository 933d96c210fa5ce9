// The browser's part of lib/ (package.json, "build", after `tsc` has compiled what Node runs):
// lib/browser holds the theme, the client modules and the few modules they import, as ES modules
// with their types stripped and everything else kept (JSX, comments), as Docusaurus's own themes
// ship theirs. The site's bundler then compiles them as it compiles the site's own code, so they
// are split into chunks and minified exactly as the sources would be; transpiled to other
// JavaScript (tsc's, or CommonJS), the same components end up in other chunks (a module's size
// decides whether it goes to the shared `common` chunk) and first visits download more.
// Also copied: the theme's CSS modules, and the CommonJS webpack loader into lib/plugin.
const fs = require('node:fs');
const path = require('node:path');

const { transformFileSync } = require('@swc/core');

const SRC = path.resolve(__dirname, '../src');
const LIB = path.resolve(__dirname, '../lib');
const BROWSER = path.join(LIB, 'browser');
const ENTRIES = ['theme', 'clientModules'];

const filesIn = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f));

/** The source file a relative specifier names, as the bundler resolves it. */
function resolveSource(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  return ['.ts', '.tsx', '/index.ts', '/index.tsx']
    .map((suffix) => base + suffix)
    .find((candidate) => fs.existsSync(candidate));
}

fs.rmSync(BROWSER, { recursive: true, force: true });
const queue = ENTRIES.flatMap((entry) => filesIn(path.join(SRC, entry))).filter((f) =>
  /\.tsx?$/.test(f),
);
const done = new Set();
while (queue.length > 0) {
  const file = queue.pop();
  if (done.has(file)) continue;
  done.add(file);
  const { code } = transformFileSync(file, {
    swcrc: false,
    configFile: false,
    jsc: {
      parser: { syntax: 'typescript', tsx: file.endsWith('.tsx') },
      target: 'es2022',
      transform: { react: { runtime: 'preserve' } },
      preserveAllComments: true,
    },
    isModule: true,
  });
  const target = path
    .join(BROWSER, path.relative(SRC, file))
    .replace(/\.tsx$/, '.jsx')
    .replace(/\.ts$/, '.js');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
  // Type-only imports are gone from the output: only what the browser runs is followed.
  for (const [, specifier] of code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g)) {
    const source = resolveSource(file, specifier);
    if (source) queue.push(source);
  }
}

for (const file of fs.readdirSync(SRC, { recursive: true })) {
  if (!/\.(css|cjs)$/.test(file)) continue;
  const target = path.join(file.endsWith('.css') ? BROWSER : LIB, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(SRC, file), target);
}
