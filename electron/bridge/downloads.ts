// Downloads of exported files in the browser: GET /exports/<name> sends a file from the data
// folder's exports/ as an attachment. Only plain names that the exporter writes are served.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { exportsDir } from '../service/exports/files.js';
import { SERVABLE_NAME } from '../../shared/exports/api.js';
import type { DeskSession } from '../service/session.js';
import { SECURITY_HEADERS } from './security.js';

export const EXPORTS_PREFIX = '/exports/';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendExport(res: ServerResponse, session: DeskSession, pathname: string): void {
  let name = '';
  try {
    name = decodeURIComponent(pathname.slice(EXPORTS_PREFIX.length));
  } catch {
    /* a malformed escape: not a name we wrote */
  }
  const file = join(exportsDir(session.dataDir), name);
  let size = -1;
  try {
    if (SERVABLE_NAME.test(name)) size = statSync(file).isFile() ? statSync(file).size : -1;
  } catch {
    /* no such file */
  }
  if (size < 0) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': XLSX,
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}
