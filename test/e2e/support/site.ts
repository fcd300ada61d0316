/** Serves test/fixtures on a loopback port: the web pages the extension is used on. */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../fixtures');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg' };

export class TestSite {
  /** Files the tests make while they run (a 6000x4000 photo), served under /images/generated/. */
  private readonly generated = new Map<string, { body: Uint8Array; type: string }>();

  /** Every path asked of this site, to prove that nothing was (a foreign host must get no request). */
  readonly requested: string[] = [];

  private readonly server: Server = createServer(async (req, res) => {
    this.requested.push(req.url ?? '/');
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const made = this.generated.get(path);
    if (made) return void res.writeHead(200, { 'content-type': made.type }).end(made.body);
    if (path.startsWith('/private/')) {
      // Hot-link protection: only the page's own requests may load it, as some sites do.
      if (req.headers['sec-fetch-site'] !== 'same-origin') return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(await readFile(join(ROOT, 'images/blue.png')));
    }
    try {
      const body = await readFile(join(ROOT, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch (error) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${path} (${String(error)})`);
    }
  });
  origin = '';

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  serve(path: string, body: Uint8Array, type: string): void {
    this.generated.set(path, { body, type });
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
