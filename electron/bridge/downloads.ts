// Downloads of exported files in the browser: GET /exports/<name> sends a file from the data
// folder's exports/ as an attachment. Only plain names that the exporter writes are served. The
// file is opened before anything is sent, so a file removed meanwhile, locked (an antivirus on
// Windows) or unreadable gets a clear answer; a read failing midway ends that response only.
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { SERVABLE_NAME } from '../../shared/exports/api.js';
import { appError } from '../../shared/result.js';
import type { DeskBackend } from '../service/worker/backend.js';
import type { Logger } from '../service/log.js';
import { SECURITY_HEADERS } from './security.js';

export const EXPORTS_PREFIX = '/exports/';
const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  mhdpkg: 'application/octet-stream',
  mhdkey: 'application/json',
  json: 'application/json',
  xml: 'application/xml',
};

function refuse(res: ServerResponse, status: number, code: 'not_found' | 'file_not_readable', file: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error: appError(code, { file }) }));
}

export async function sendExport(res: ServerResponse, backend: DeskBackend, pathname: string, log: Logger): Promise<void> {
  let name = '';
  try {
    name = decodeURIComponent(pathname.slice(EXPORTS_PREFIX.length));
  } catch {
    /* a malformed escape: not a name we wrote */
  }
  if (!SERVABLE_NAME.test(name)) return refuse(res, 404, 'not_found', name);
  // Only a file the signed-in account made in this sign-in (not another's line list by its name).
  const path = await backend.exportPath(name);
  if (!path) return refuse(res, 404, 'not_found', name);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return refuse(
      res,
      code === 'ENOENT' || code === 'ENOTDIR' ? 404 : 500,
      code === 'ENOENT' || code === 'ENOTDIR' ? 'not_found' : 'file_not_readable',
      name,
    );
  }
  let size: number;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return refuse(res, 404, 'not_found', name);
    }
    size = stat.size;
  } catch {
    await handle.close().catch(() => {});
    return refuse(res, 500, 'file_not_readable', name);
  }
  const stream = handle.createReadStream(); // closes the handle when done or destroyed
  // A read error before the first byte: a clear answer; after it: the download is cut, the app goes on.
  stream.once('error', (e: NodeJS.ErrnoException) => {
    log('warn', 'export.read_failed', { code: e.code ?? 'unknown' });
    if (!res.headersSent) refuse(res, 500, 'file_not_readable', name);
    else res.destroy();
  });
  res.on('close', () => stream.destroy());
  stream.once('readable', () => {
    if (res.headersSent) return;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': TYPES[name.slice(name.lastIndexOf('.') + 1)]!,
      'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
      ...(size > 0 ? { 'Content-Length': String(size) } : {}),
    });
    stream.pipe(res);
  });
}
