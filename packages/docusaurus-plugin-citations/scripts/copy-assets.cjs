// What `tsc` does not emit but lib/ needs beside the compiled modules: the theme's CSS modules
// and the CommonJS webpack loader, copied from src/ to the same place under lib/.
const fs = require('node:fs');
const path = require('node:path');

const SRC = path.resolve(__dirname, '../src');
const LIB = path.resolve(__dirname, '../lib');

for (const file of fs.readdirSync(SRC, { recursive: true })) {
  if (!/\.(css|cjs)$/.test(file)) continue;
  fs.mkdirSync(path.dirname(path.join(LIB, file)), { recursive: true });
  fs.copyFileSync(path.join(SRC, file), path.join(LIB, file));
}
