// The local HTTP bridge: the contract's channels as POST /api/<channel>, plus the built renderer,
// on 127.0.0.1 only. Used when no Electron binary is present and by the end-to-end tests; it calls
// the same back end as Electron's IPC (its own thread: service/worker). Calls and downloads of exported files (GET /exports/<name>)
// need the session secret a page gets by trading the launch code of its address (security.ts);
// the renderer's own files hold no data and are served to anyone who reaches the port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bodyLimit,
  HTTP_API_PREFIX,
  HTTP_CALL_HEADER,
  HTTP_LAUNCH_HEADER,
  HTTP_SESSION_HEADER,
  HTTP_SESSION_PATH,
  isChannel,
  uploadLimit,
} from '../../shared/contract.js';
import { appError, type Result } from '../../shared/result.js';
import type { DeskBackend } from '../service/worker/backend.js';
import { consoleLogger, type Logger } from '../service/log.js';
import { BridgeKeys, SECURITY_HEADERS } from './security.js';
import { staticFile } from './static-files.js';
import { EXPORTS_PREFIX, sendExport } from './downloads.js';

export type BridgeOptions = {
  backend: DeskBackend;
  staticDir: string;
  port?: number;
  logger?: Logger;
  /** Another page origin allowed to call (Vite's dev server in `npm run dev`, proxying to this bridge). */
  devOrigin?: string | null;
};
export type Bridge = {
  origin: string;
  port: number;
  /** Where the server really listens, as the operating system reports it. */
  address: AddressInfo;
  /** A new address to open the app with: good for one page, once. */
  launchUrl(): string;
  close(): Promise<void>;
};

/** A body over its channel's limit is read to the end (discarded) so the 413 reaches the client; past this, the connection is cut. */
const DISCARD_MAX = 256 * 1024 * 1024;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const sendResult = (res: ServerResponse, status: number, result: Result<unknown>) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));

/** The body as text, or null when it is larger than `limit` (then read to its end and let go). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DISCARD_MAX) return void req.destroy();
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const keys = new BridgeKeys();
  const log = opts.logger ?? consoleLogger;
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = () => [...allowedHosts().map((h) => `http://${h}`), ...(opts.devOrigin ? [opts.devOrigin] : [])];
  const header = (req: IncomingMessage, name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const fromPage = origins().includes(header(req, 'origin') ?? '') && header(req, HTTP_CALL_HEADER) === '1';
    const authorised = keys.isSecret(header(req, HTTP_SESSION_HEADER));

    if (url.pathname === HTTP_SESSION_PATH) {
      if (req.method !== 'POST') return sendResult(res, 405, { ok: false, error: appError('unauthorized') });
      const secret = fromPage ? keys.redeem(header(req, HTTP_LAUNCH_HEADER)) : null;
      if (!secret) {
        log('warn', 'bridge.refused', { reason: 'launch_code' });
        return sendResult(res, 401, { ok: false, error: appError('unauthorized') });
      }
      // A new page (a new link, another tab) finds a signed-in centre locked: the link is no password.
      await opts.backend.lock();
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ secret }));
    }

    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return sendResult(res, 405, { ok: false, error: appError('unknown_channel') });
      if (!fromPage || !authorised) {
        log('warn', 'bridge.refused', { reason: !authorised ? 'secret' : 'origin' });
        return sendResult(res, 401, { ok: false, error: appError('unauthorized') });
      }
      if (!(header(req, 'content-type') ?? '').startsWith('application/json')) {
        return sendResult(res, 415, { ok: false, error: appError('invalid_input') });
      }
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
      } catch {
        return sendResult(res, 400, { ok: false, error: appError('unknown_channel') });
      }
      if (!isChannel(channel)) return sendResult(res, 404, { ok: false, error: appError('unknown_channel') });
      const limit = bodyLimit(channel);
      const body = await readBody(req, limit);
      // Said in the user's terms: the file's size for a channel that carries one, else the call's.
      if (body === null)
        return sendResult(res, 413, {
          ok: false,
          error: appError('too_large', { max: Math.floor((uploadLimit(channel) ?? limit) / 1024 / 1024) }),
        });
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : {};
      } catch {
        return sendResult(res, 400, {
          ok: false,
          error: appError('invalid_input', undefined, [{ path: '(root)', messageKey: 'validation.invalid_type' }]),
        });
      }
      return sendResult(res, 200, await opts.backend.call(channel, payload));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname.startsWith(EXPORTS_PREFIX)) {
      // A same-origin GET carries no Origin header: the secret and the call header (which no other site can set) are the check.
      if (!authorised || header(req, HTTP_CALL_HEADER) !== '1') return sendResult(res, 401, { ok: false, error: appError('unauthorized') });
      return sendExport(res, opts.backend, url.pathname, log);
    }
    const file = await staticFile(opts.staticDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain', 'not found');
    return send(res, 200, file.type, file.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log('error', 'bridge.failed', { error: e instanceof Error ? e.name : typeof e });
      if (!res.headersSent) sendResult(res, 500, { ok: false, error: appError('internal') });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      port = address.port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        port,
        address,
        launchUrl: () => `${origin}/#launch=${keys.newLaunchCode()}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
