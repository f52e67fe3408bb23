import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { silentLogger } from '../../electron/service/log.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
let bridge: Bridge;

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw HTTP request, so tests can set any Host, Origin or Cookie a browser would not. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const cookie = () => `desk_token_${bridge.port}=${bridge.token}`;
const apiHeaders = (over: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'x-desk-call': '1', origin: bridge.origin, cookie: cookie(), ...over });

beforeEach(async () => {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(tempDir('outside-'), 'secret.txt'), 'secret');
  bridge = await startBridge({ session: session(tempDir()), staticDir, logger: silentLogger });
});
afterEach(async () => bridge.close());

describe('the local HTTP bridge', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a proper call with the result', async () => {
    const r = await send('POST', '/api/app.status', apiHeaders(), '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { language: 'ru', database: null } });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses calls without the token or with a wrong one', async () => {
    for (const headers of [apiHeaders({ cookie: '' }), apiHeaders({ cookie: `desk_token_${bridge.port}=${'0'.repeat(64)}` }), apiHeaders({ cookie: `desk_token_${bridge.port}=short` })]) {
      const r = await send('POST', '/api/app.status', headers, '{}');
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses calls from other origins, even with the token', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const r = await send('POST', '/api/app.setLanguage', apiHeaders({ origin }), '{"language":"en"}');
      expect(r.status, origin).toBe(401);
    }
    const { origin: _omit, ...noOrigin } = apiHeaders();
    expect((await send('POST', '/api/app.status', noOrigin, '{}')).status).toBe(401);
    expect((await send('POST', '/api/app.status', apiHeaders({ 'x-desk-call': '' }), '{}')).status).toBe(401);
    const status = await send('POST', '/api/app.status', apiHeaders(), '{}');
    expect(JSON.parse(status.body).value.language).toBe('ru'); // the refused calls changed nothing
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    expect((await send('POST', '/api/app.status', apiHeaders({ host: `evil.example:${bridge.port}` }), '{}')).status).toBe(421);
  });

  it('trades the token in the address for an HttpOnly, same-site cookie', async () => {
    const wrong = await send('GET', '/?token=nope');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const right = await send('GET', `/?token=${bridge.token}`);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    expect(String(right.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('serves the renderer only with the token, and nothing outside its folder', async () => {
    expect((await send('GET', '/')).status).toBe(401);
    expect((await send('GET', '/', { cookie: cookie() })).status).toBe(200);
    for (const path of ['/../outside-x/secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2F..%2Fetc%2Fpasswd', '/%E0%A4%A']) {
      const r = await send('GET', path, { cookie: cookie() });
      expect(r.status, path).toBe(404);
    }
  });

  it('hands out exported workbooks only with the token, and only from the exports folder', async () => {
    const status = (await send('POST', '/api/app.status', apiHeaders(), '{}')).body;
    const folder = JSON.parse(status).value.defaultFolder as string;
    mkdirSync(join(folder, 'exports'), { recursive: true });
    writeFileSync(join(folder, 'exports', 'hiv-migrants-KAZ-2017-1.xlsx'), 'PK-not-really');
    writeFileSync(join(folder, 'config.json.bak'), 'private');
    expect((await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', {})).status).toBe(401);
    const ok = await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', { cookie: cookie() });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toContain('attachment; filename="hiv-migrants-KAZ-2017-1.xlsx"');
    expect(ok.body).toBe('PK-not-really');
    for (const path of ['/exports/..%2Fconfig.json.bak', '/exports/%2e%2e/config.json.bak', '/exports/missing.xlsx', '/exports/%E0%A4%A']) {
      expect((await send('GET', path, { cookie: cookie() })).status, path).toBe(404);
    }
  });

  it('answers malformed bodies with invalid_input', async () => {
    const bad = await send('POST', '/api/app.setLanguage', apiHeaders(), '{"language": ');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const wrongType = await send('POST', '/api/app.setLanguage', apiHeaders({ 'content-type': 'text/plain' }), '{"language":"en"}');
    expect(wrongType.status).toBe(415);
    const huge = await send('POST', '/api/app.setLanguage', apiHeaders(), JSON.stringify({ language: 'x'.repeat(2 * 1024 * 1024) })).catch(() => ({ status: 413 }) as Reply);
    expect(huge.status).toBe(413);
    const unknown = await send('POST', '/api/no.such', apiHeaders(), '{}');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });
});
