/** Serves test/fixtures on a loopback port: the web pages the extension is used on. */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { selfSignedCertificate } from './certificate';

/** The cookie every page of the test site sets: the user's login, as far as the tests go. */
export const VISITOR_COOKIE = 'visitor=signed-in';

/** A public-looking host name for the test site; the browser maps it to 127.0.0.1. */
export const PUBLIC_HOST = 'news.example';
/** Another public-looking name, another site than PUBLIC_HOST: a frame from elsewhere on the internet. */
export const OTHER_PUBLIC_HOST = 'photos.example';
/** Every name the browsers map to 127.0.0.1 (Chromium's --host-resolver-rules, Firefox's network.dns.localDomains). */
export const PUBLIC_HOSTS = [PUBLIC_HOST, OTHER_PUBLIC_HOST] as const;

const ROOT = resolve(import.meta.dirname, '../../fixtures');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg' };

/** A request as it arrived: its path (with the query) and headers, to prove what a request carried. */
export interface SiteRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/** Answers one path in code: a status, a redirect, a slow or cut body, a lying header. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * Whether a request comes from one of this site's own pages: by its Fetch Metadata where the browser
 * sends it, else by its Referer, as older hot-link protection does. Browsers send Fetch Metadata
 * only to secure origins, so over plain http under a public name the Referer is all there is.
 */
function fromOwnPage(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const referer = req.headers.referer;
  return !!referer && URL.canParse(referer) && new URL(referer).host === req.headers.host;
}

export class TestSite {
  /** Files the tests make while they run (a 6000x4000 photo), served under /images/generated/. */
  private readonly generated = new Map<string, { body: Uint8Array; type: string }>();

  /** Every path asked of this site, to prove that nothing was (a foreign host must get no request). */
  readonly requested: string[] = [];

  /** Every request with its headers (a cookie sent, or which kind of request it was). */
  readonly requests: SiteRequest[] = [];

  private readonly routes = new Map<string, RouteHandler>();

  /** Over https with a certificate made at start (certificate.ts), when the suite asks for it. */
  constructor(private readonly options: { https?: boolean } = {}) {}

  private readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    this.requested.push(req.url ?? '/');
    this.requests.push({ path: req.url ?? '/', headers: req.headers });
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const route = this.routes.get(path);
    if (route) return void (await route(req, res));
    const made = this.generated.get(path);
    if (made) return void res.writeHead(200, { 'content-type': made.type }).end(made.body);
    if (path.startsWith('/private/')) {
      // Hot-link protection: only the page's own requests may load it, as some sites do.
      if (!fromOwnPage(req)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(await readFile(join(ROOT, 'images/blue.png')));
    }
    try {
      const body = await readFile(join(ROOT, path));
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      // Each page gives the visitor a cookie, as a site with a login would: the page's own requests
      // carry it, the extension's own downloads must not (suite.ts checks every request).
      res.writeHead(200, { 'content-type': type, ...(extname(path) === '.html' ? { 'set-cookie': `${VISITOR_COOKIE}; Path=/; SameSite=Lax` } : {}) }).end(body);
    } catch (error) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${path} (${String(error)})`);
    }
  };

  private server: Server | undefined;
  origin = '';

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.options.https ? createTlsServer(await selfSignedCertificate(PUBLIC_HOSTS), handler) : createServer(handler);
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.origin = `${this.scheme}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private get scheme(): 'http' | 'https' {
    return this.options.https ? 'https' : 'http';
  }

  serve(path: string, body: Uint8Array, type: string): void {
    this.generated.set(path, { body, type });
  }

  /** Answers `path` with `handler` instead of a file. */
  route(path: string, handler: RouteHandler): void {
    this.routes.set(path, handler);
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /**
   * The same page under a name on the internet: Chromium resolves it to this machine (extension.ts),
   * while the extension sees a public page, as a hostile site's would be. Over plain http it is
   * not a secure context, as most of the web people visit is not.
   */
  publicUrl(path: string, host: (typeof PUBLIC_HOSTS)[number] = PUBLIC_HOST): string {
    return `${this.publicOrigin(host)}${path}`;
  }

  /** The origin publicUrl's addresses share: scheme, public name and this site's port. */
  publicOrigin(host: (typeof PUBLIC_HOSTS)[number] = PUBLIC_HOST): string {
    return `${this.scheme}://${host}:${new URL(this.origin).port}`;
  }

  async stop(): Promise<void> {
    const { server } = this;
    if (!server) return;
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
}
