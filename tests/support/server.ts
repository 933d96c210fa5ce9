import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

import handler from 'serve-handler';

/**
 * Serves a built site the way `docusaurus serve` does: clean URLs, no trailing slash, and only
 * under the site's base URL (`basePath`, "/" or "/sub/"), as GitHub Pages serves a project site.
 */
export async function serveStatic(
  dir: string,
  basePath = '/',
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (!`${url.split(/[?#]/)[0]}/`.startsWith(basePath)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not under the base URL');
      return;
    }
    req.url = url.slice(basePath.length - 1) || '/';
    void handler(req, res, {
      public: dir,
      cleanUrls: true,
      trailingSlash: false,
      directoryListing: false,
    });
  });
  return listenLocally(server);
}

/** Starts a server on a free port of 127.0.0.1; `close` also ends open connections. */
export async function listenLocally(
  server: http.Server,
): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A port of 127.0.0.1 that nothing listens on now (for a server started by another process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
