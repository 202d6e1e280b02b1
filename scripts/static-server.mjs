// A minimal static file server for the built site, able to serve it under any sub-path, so tests
// and benchmarks can check that the build really is path-independent. Loopback only.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `root` at http://127.0.0.1:PORT{prefix}; resolves to { url, close }. */
export function serveStatic({ root = 'dist', prefix = '/', port = 0, headers = {} } = {}) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      response.writeHead(404).end('not under the served prefix');
      return;
    }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...headers,
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveStart) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolveStart({
        url: `http://127.0.0.1:${address.port}${prefix}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
