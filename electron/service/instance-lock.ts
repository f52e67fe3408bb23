// One running app per data folder, whichever way it was started (Electron window or browser
// mode): a second one would open the same database and the same config. The lock is a local
// socket the first instance listens on: a named pipe on Windows, a socket file in the data folder
// elsewhere (in the temp folder when the folder's path is too long for a socket). The operating
// system drops it when the process ends, however it ends, so a crash never leaves a stale lock
// that blocks the next start. A second instance connects and asks the first to show itself: a
// window brings itself to the front, browser mode answers with a fresh one-time link.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What the holder says when another instance knocks. */
export type HolderAnswer = { app: 'migrant-hiv-desk'; mode: 'window' | 'browser'; url: string | null };

export type InstanceLock = { path: string; release(): Promise<void> };

const SOCKET_NAME = 'desk.lock';
const MAX_SOCKET_PATH = 100; // sun_path holds 104-108 bytes, depending on the system
const ANSWER_TIMEOUT_MS = 10_000; // a holder busy with a long import still answers between calls

/** Where the lock of a data folder lives. */
export function lockPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const folder = resolve(dataDir);
  const id = createHash('sha256')
    .update(platform === 'win32' ? folder.toLowerCase() : folder)
    .digest('hex')
    .slice(0, 24);
  if (platform === 'win32') return `\\\\.\\pipe\\migrant-hiv-desk-${id}`;
  const inFolder = join(folder, SOCKET_NAME);
  return Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH ? inFolder : join(tmpdir(), `migrant-hiv-desk-${id}.lock`);
}

/**
 * Sends the holder one request ('show': bring yourself to the front; 'who': your nonce) and reads
 * its answer; null when nobody listens (no holder, or a stale socket file), 'silent' when
 * something listens but gives no proper answer.
 */
function ask(path: string, request: 'show' | 'who'): Promise<Record<string, unknown> | null | 'silent'> {
  return new Promise((done) => {
    const socket = createConnection(path);
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      done('silent');
    }, ANSWER_TIMEOUT_MS);
    socket.on('connect', () => socket.write(`${request}\n`));
    socket.on('data', (c: Buffer) => (reply += c.toString('utf8')));
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        const answer = JSON.parse(reply) as Record<string, unknown>;
        done(answer.app === 'migrant-hiv-desk' ? answer : 'silent');
      } catch {
        done('silent'); // something listens there, and it is not a well-behaved copy of us
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Nobody listening: no other instance (a socket file left by a crash is stale).
      done(e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? null : 'silent');
    });
  });
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      ok();
    });
  });
}

/**
 * Takes the data folder's lock, or tells who has it. `show` is what this instance answers a later
 * one: it brings itself to the front and says how.
 */
export async function acquireInstanceLock(
  dataDir: string,
  show: () => Promise<HolderAnswer> | HolderAnswer,
): Promise<{ lock: InstanceLock } | { heldBy: HolderAnswer | null }> {
  // The first start on a machine: the folder is not there yet, and the socket lives in it.
  mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
  const path = lockPath(dataDir);
  const nonce = randomBytes(16).toString('hex');
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.once('data', (line: string) => {
      if (line.startsWith('who')) return void socket.end(JSON.stringify({ app: 'migrant-hiv-desk', nonce }));
      void Promise.resolve(show()).then(
        (answer) => socket.end(JSON.stringify(answer)),
        () => socket.end('{}'),
      );
    });
    socket.on('error', () => {});
  });
  const release = () => new Promise<void>((done) => server.close(() => done()));
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await ask(path, 'show');
    if (answer === 'silent') return { heldBy: null };
    if (answer) return { heldBy: answer as HolderAnswer };
    if (process.platform !== 'win32') rmSync(path, { force: true }); // a crash's socket file: nobody listens on it
    try {
      await listen(server, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      continue; // another instance started at the same moment and won: ask it
    }
    // Two instances starting together may each remove the other's fresh socket file: the one
    // whose socket the path now reaches holds the lock; the other gives way.
    const who = await ask(path, 'who');
    if (who !== null && who !== 'silent' && who.nonce === nonce) return { lock: { path, release } };
    // Closing would remove the socket file, which is now the winner's: leave it to the process's end.
    server.unref();
    return { heldBy: null };
  }
  return { heldBy: null };
}
