// A minimal static file server for the built site, able to serve it under any sub-path, so tests
// and benchmarks can check that the build really is path-independent. Loopback only. It answers
// the way common servers do, so the tests can run the site behind each:
// - by default like `python3 -m http.server`, nginx and GitHub Pages: a folder asked for without
//   its final slash is redirected to it, query kept;
// - with `cleanUrls` like `serve` 14 (its default): `x.html` and `x/index` are redirected to `x`
//   with the query dropped, `x` is answered with x/index.html or x.html, and a folder without its
//   final slash is answered with its index.html as it is, no redirect.
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

const isFile = (file) => existsSync(file) && statSync(file).isFile();
const isFolder = (file) => existsSync(file) && statSync(file).isDirectory();

/** Serves `root` at http://127.0.0.1:PORT{prefix}; resolves to { url, close }. */
export function serveStatic({
  root = 'dist',
  prefix = '/',
  port = 0,
  headers = {},
  cleanUrls = false,
} = {}) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const redirect = (location) => response.writeHead(301, { location }).end();
    if (cleanUrls && /(\.html|\/index)$/.test(path)) {
      redirect(path.replace(/(\.html|\/index)$/, '') || '/');
      return;
    }
    // The served folder itself, named without its final slash.
    const bare = `${path}/` === prefix;
    if (!path.startsWith(prefix) && !bare) {
      response.writeHead(404).end('not under the served prefix');
      return;
    }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    if (isFolder(file)) {
      if (!path.endsWith('/') && !cleanUrls) {
        redirect(`${path}/${url.search}`);
        return;
      }
      file = join(file, 'index.html');
    } else if (cleanUrls && !extname(file)) {
      file = [join(file, 'index.html'), `${file}.html`].find(isFile) ?? file;
    }
    if (!isFile(file)) {
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
        // A page still open on the server may hold a connection mid-request; close() alone waits
        // for it, which once held a test past its limit. Every connection is ended at once.
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
