// The local HTTP bridge: the contract's channels as POST /api/<channel>, plus the built renderer,
// on 127.0.0.1 only, behind a random per-run token. Used when no Electron binary is present and
// by the end-to-end tests; it calls the same dispatch as Electron's IPC. Exported workbooks are
// downloaded from GET /exports/<name>, behind the same token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_CALL_HEADER } from '../../shared/contract.js';
import { MAX_IMPORT_BYTES } from '../../shared/imports/api.js';
import { appError, type Result } from '../../shared/result.js';
import { dispatchAsync } from '../service/dispatch.js';
import type { DeskSession } from '../service/session.js';
import { consoleLogger, type Logger } from '../service/log.js';
import { cookieValue, sameToken, SECURITY_HEADERS } from './security.js';
import { staticFile } from './static-files.js';
import { EXPORTS_PREFIX, sendExport } from './downloads.js';

export type BridgeOptions = { session: DeskSession; staticDir: string; port?: number; token?: string; logger?: Logger };
export type Bridge = { url: string; origin: string; port: number; token: string; close(): Promise<void> };

const MAX_BODY = 1024 * 1024;
// A register file travels base64-encoded inside its call: room for the largest accepted file.
const MAX_UPLOAD_BODY = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4096;

const NOT_AUTHORISED_PAGE = `<!doctype html><meta charset="utf-8"><title>Migrant HIV Desk</title>
<p>Откройте программу по ссылке, которую она напечатала при запуске (в ссылке есть ключ доступа).</p>
<p>Open the program with the link it printed at start (the link carries the access key).</p>`;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const sendResult = (res: ServerResponse, status: number, result: Result<unknown>) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const log = opts.logger ?? consoleLogger;
  let port = 0;
  const cookieName = () => `desk_token_${port}`;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = () => allowedHosts().map((h) => `http://${h}`);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const authorised = sameToken(cookieValue(req.headers.cookie, cookieName()), token);

    if (req.method === 'GET' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, 'text/html; charset=utf-8', NOT_AUTHORISED_PAGE);
      // Trade the token in the address for a cookie the page's scripts cannot read, and drop it from the address bar.
      return send(res, 303, 'text/plain', '', {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname,
      });
    }

    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return sendResult(res, 405, { ok: false, error: appError('unknown_channel') });
      const origin = req.headers.origin;
      if (!origin || !origins().includes(origin) || req.headers[HTTP_CALL_HEADER] !== '1' || !authorised) {
        log('warn', 'bridge.refused', { reason: !authorised ? 'token' : 'origin' });
        return sendResult(res, 401, { ok: false, error: appError('unauthorized') });
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendResult(res, 415, { ok: false, error: appError('invalid_input') });
      }
      const channel = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
      const body = await readBody(req, channel === 'imports.preview' ? MAX_UPLOAD_BODY : MAX_BODY);
      if (body === null) return sendResult(res, 413, { ok: false, error: appError('invalid_input') });
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : {};
      } catch {
        return sendResult(res, 400, { ok: false, error: appError('invalid_input', undefined, [{ path: '(root)', messageKey: 'validation.invalid_type' }]) });
      }
      return sendResult(res, 200, await dispatchAsync(opts.session, channel, payload, log));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (!authorised) return send(res, 401, 'text/html; charset=utf-8', NOT_AUTHORISED_PAGE);
    if (url.pathname.startsWith(EXPORTS_PREFIX)) return sendExport(res, opts.session, url.pathname);
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
      port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/?token=${token}`,
        origin,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
