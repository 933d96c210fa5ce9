import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/**
 * The built site as a web host serves it: clean URLs and gzip for text. (The tests' server,
 * like `docusaurus serve`, does not compress; page weight and Lighthouse must see what a
 * reader's browser downloads.)
 */
export async function serveCompressed(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const candidates = [pathname, `${pathname}.html`, path.posix.join(pathname, 'index.html')];
    const file = candidates
      .map((p) => path.join(dir, p))
      .find((p) => p.startsWith(dir) && fs.existsSync(p) && fs.statSync(p).isFile());
    const body = fs.readFileSync(file ?? path.join(dir, '404.html'));
    const type = TYPES[path.extname(file ?? '.html')] ?? 'application/octet-stream';
    const gzip =
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
      !type.startsWith('application/octet');
    res.writeHead(file ? 200 : 404, {
      'Content-Type': type,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(gzip ? zlib.gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
