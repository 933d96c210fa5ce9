// Loaded with `node --require` into the processes `npm run bench` times: at exit, each appends
// its peak resident memory (kilobytes, worker threads included) to the file BENCH_PEAK_FILE names.
const fs = require('node:fs');

const file = process.env.BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
