import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { inProcess } from '../../electron/service/worker/backend.js';
import { bodyLimit } from '../../shared/contract.js';
import { MAX_IMPORT_BYTES } from '../../shared/imports/api.js';
import { silentLogger } from '../../electron/service/log.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
let bridge: Bridge;
let desk: ReturnType<typeof session>;

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

let secret = '';
const apiHeaders = (over: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-desk-call': '1',
  origin: bridge.origin,
  'x-desk-session': secret,
  ...over,
});
const codeOf = (url: string) => /#launch=([0-9a-f]{64})$/.exec(url)![1]!;
/** What the page does with the address it was opened with: trade the launch code for a session secret. */
const redeem = (code: string, over: Record<string, string> = {}) =>
  send('POST', '/session', { 'x-desk-call': '1', origin: bridge.origin, 'x-desk-launch': code, ...over });

beforeEach(async () => {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(tempDir('outside-'), 'secret.txt'), 'secret');
  desk = session(tempDir());
  bridge = await startBridge({ backend: inProcess(desk, silentLogger), staticDir, logger: silentLogger });
  secret = JSON.parse((await redeem(codeOf(bridge.launchUrl()))).body).secret;
});
afterEach(async () => bridge.close());

describe('the local HTTP bridge', () => {
  it('listens on 127.0.0.1 only, as the operating system reports the socket', async () => {
    expect(bridge.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: bridge.port });
    // Another address of this machine does not reach it.
    const other =
      Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '::1';
    const reached = await new Promise<boolean>((done) => {
      const socket = createConnection({ host: other, port: bridge.port }, () => {
        socket.destroy();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    expect(reached, other).toBe(false);
  });

  it('answers a proper call with the result', async () => {
    const r = await send('POST', '/api/app.status', apiHeaders(), '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { language: 'ru', database: null } });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('trades a launch code once for a session secret, never a cookie; refuses a used, wrong or foreign code', async () => {
    const url = bridge.launchUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[0-9a-f]{64}$/); // in the fragment: never in a request line
    const first = await redeem(codeOf(url));
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['cache-control']).toBe('no-store');
    const mine = JSON.parse(first.body).secret as string;
    expect(mine).toMatch(/^[0-9a-f]{64}$/);
    expect((await redeem(codeOf(url))).status).toBe(401); // once only: an address from the history or `ps` opens nothing
    expect((await redeem('0'.repeat(64))).status).toBe(401);
    expect((await redeem(codeOf(bridge.launchUrl()), { origin: 'http://evil.example' })).status).toBe(401);
    expect((await send('GET', `/session`, { 'x-desk-launch': codeOf(bridge.launchUrl()) })).status).toBe(405);
    expect((await send('POST', '/api/app.status', apiHeaders({ 'x-desk-session': mine }), '{}')).status).toBe(200);
  });

  it('refuses calls without the session secret or with a wrong one, whatever cookie comes', async () => {
    for (const headers of [
      apiHeaders({ 'x-desk-session': '' }),
      apiHeaders({ 'x-desk-session': '0'.repeat(64) }),
      apiHeaders({ 'x-desk-session': 'short' }),
      apiHeaders({ 'x-desk-session': '', cookie: `desk_token_${bridge.port}=${secret}` }),
    ]) {
      const r = await send('POST', '/api/app.status', headers, '{}');
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses calls from other origins, even with the secret', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const r = await send('POST', '/api/app.setLanguage', apiHeaders({ origin }), '{"language":"en"}');
      expect(r.status, origin).toBe(401);
    }
    const noOrigin: Record<string, string> = Object.fromEntries(Object.entries(apiHeaders()).filter(([name]) => name !== 'origin'));
    expect((await send('POST', '/api/app.status', noOrigin, '{}')).status).toBe(401);
    expect((await send('POST', '/api/app.status', apiHeaders({ 'x-desk-call': '' }), '{}')).status).toBe(401);
    const status = await send('POST', '/api/app.status', apiHeaders(), '{}');
    expect(JSON.parse(status.body).value.language).toBe('ru'); // the refused calls changed nothing
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    expect((await send('POST', '/api/app.status', apiHeaders({ host: `evil.example:${bridge.port}` }), '{}')).status).toBe(421);
  });

  it('serves the renderer (no data in it) to anyone, and nothing outside its folder', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    for (const path of ['/../outside-x/secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2F..%2Fetc%2Fpasswd', '/%E0%A4%A']) {
      const r = await send('GET', path);
      expect(r.status, path).toBe(404);
    }
  });

  it('hands out exported workbooks only with the secret, only from the exports folder, and only those the signed-in account made', async () => {
    const status = (await send('POST', '/api/app.status', apiHeaders(), '{}')).body;
    const folder = JSON.parse(status).value.defaultFolder as string;
    mkdirSync(join(folder, 'exports'), { recursive: true });
    writeFileSync(join(folder, 'exports', 'hiv-migrants-KAZ-2017-1.xlsx'), 'PK-not-really');
    writeFileSync(join(folder, 'exports', 'line-list-KAZ-1-2026-11-30.xlsx'), 'someone else’s line list');
    writeFileSync(join(folder, 'config.json.bak'), 'private');
    const key = { 'x-desk-call': '1', 'x-desk-session': secret };
    expect((await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', key)).status).toBe(404); // no one signed in
    expect((await send('POST', '/api/setup.openDemo', apiHeaders(), '{}')).status).toBe(200);
    desk.rememberExport('hiv-migrants-KAZ-2017-1.xlsx'); // as the export channel does when it writes the file
    expect((await send('GET', '/exports/line-list-KAZ-1-2026-11-30.xlsx', key)).status).toBe(404); // on disk, but not this account's
    expect((await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', {})).status).toBe(401);
    expect((await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', { 'x-desk-session': secret })).status).toBe(401); // no call header: not our page
    const ok = await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', key);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toContain('attachment; filename="hiv-migrants-KAZ-2017-1.xlsx"');
    expect(ok.body).toBe('PK-not-really');
    for (const path of ['/exports/..%2Fconfig.json.bak', '/exports/%2e%2e/config.json.bak', '/exports/missing.xlsx', '/exports/%E0%A4%A']) {
      expect((await send('GET', path, key)).status, path).toBe(404);
    }
    await send('POST', '/api/setup.close', apiHeaders(), '{}');
    expect((await send('GET', '/exports/hiv-migrants-KAZ-2017-1.xlsx', key)).status).toBe(404); // closed: forgotten
  });

  it('answers an export it cannot read with "could not be read", and keeps serving', async () => {
    const folder = JSON.parse((await send('POST', '/api/app.status', apiHeaders(), '{}')).body).value.defaultFolder as string;
    mkdirSync(join(folder, 'exports'), { recursive: true });
    // A file whose every read fails with an I/O error, as a disk error or a locking antivirus gives.
    symlinkSync('/proc/self/mem', join(folder, 'exports', 'line-list-KAZ.xlsx'));
    await send('POST', '/api/setup.openDemo', apiHeaders(), '{}');
    desk.rememberExport('line-list-KAZ.xlsx');
    const key = { 'x-desk-call': '1', 'x-desk-session': secret };
    const r = await send('GET', '/exports/line-list-KAZ.xlsx', key);
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'file_not_readable', params: { file: 'line-list-KAZ.xlsx' } } });
    expect((await send('POST', '/api/app.status', apiHeaders(), '{}')).status).toBe(200);
  });

  it('answers malformed bodies with invalid_input', async () => {
    const bad = await send('POST', '/api/app.setLanguage', apiHeaders(), '{"language": ');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const wrongType = await send('POST', '/api/app.setLanguage', apiHeaders({ 'content-type': 'text/plain' }), '{"language":"en"}');
    expect(wrongType.status).toBe(415);
    const unknown = await send('POST', '/api/no.such', apiHeaders(), '{}');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    // A malformed escape in the channel's name is the caller's mistake, not the server's.
    const escape = await send('POST', '/api/%E0%A4%A', apiHeaders(), '{}');
    expect(escape.status).toBe(400);
    expect(JSON.parse(escape.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('answers an oversized body with 413 and a translatable error, each channel with its own limit from the contract', async () => {
    const huge = await send('POST', '/api/app.setLanguage', apiHeaders(), JSON.stringify({ language: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({
      ok: false,
      error: { code: 'too_large', messageKey: 'errors.too_large', params: { max: 1 } },
    });
    // A form file of 2 MB goes through to the form import (and is refused there as no spreadsheet).
    const file = { fileName: 'forms.csv', contentBase64: Buffer.alloc(2 * 1024 * 1024, 'a').toString('base64') };
    for (const channel of ['formImports.preview', 'imports.preview']) {
      const r = await send('POST', `/api/${channel}`, apiHeaders(), JSON.stringify(file));
      expect(r.status, channel).toBe(200);
      expect(JSON.parse(r.body).error.code, channel).not.toBe('too_large');
    }
    expect(bodyLimit('formImports.preview')).toBe(bodyLimit('imports.preview'));
    expect(bodyLimit('formImports.preview')).toBeGreaterThan((MAX_IMPORT_BYTES * 4) / 3);
    const over = await send(
      'POST',
      '/api/formImports.preview',
      apiHeaders(),
      JSON.stringify({ ...file, contentBase64: 'A'.repeat(bodyLimit('formImports.preview')) }),
    );
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).error).toMatchObject({ code: 'too_large', params: { max: 40 } }); // the file's limit, as the user knows it
  });
});
