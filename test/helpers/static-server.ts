import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a built site on 127.0.0.1 at a free port, the way a CDN would: gzip when
 * asked, index.html for folders, 404.html with status 404 for anything missing.
 */
export async function serveStatic(dir: string): Promise<{ url: string; server: Server; served: () => number }> {
  // Body bytes sent, after gzip: what every client fetched, including requests a page makes from workers.
  let served = 0;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(400).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    const found = existsSync(file) && statSync(file).isFile();
    const body = found ? file : join(dir, '404.html');
    const headers: Record<string, string> = { 'content-type': TYPES[extname(body)] ?? 'application/octet-stream' };
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(found ? 200 : 404, headers);
    const stream = createReadStream(body);
    const out = gzip ? stream.pipe(createGzip()) : stream;
    out.on('data', (chunk: Buffer) => {
      served += chunk.length;
    });
    out.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, served: () => served };
}
