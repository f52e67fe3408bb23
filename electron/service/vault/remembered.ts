// "Remember on this computer": the data key of a database, sealed by the operating system's key
// store (Electron's safeStorage: DPAPI on Windows, the keyring on Linux) for one account, kept in
// the data folder. Only the same Windows user on the same computer can unseal it; the browser mode
// has no such store and offers nothing. A sealed key that no longer opens is forgotten.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** What the host offers to seal secrets with (Electron's safeStorage); absent in the browser mode. */
/** Electron's safeStorage is synchronous, but from the back end's thread it is a message away: either will do. */
export type DeviceSealer = { seal(plain: Buffer): Buffer | Promise<Buffer>; unseal(sealed: Buffer): Buffer | Promise<Buffer> };

const RememberedSchema = z.record(z.uuid(), z.object({ login: z.string().min(1).max(80), sealed: z.string().max(4096) }));
type Remembered = z.infer<typeof RememberedSchema>;

const fileOf = (dataDir: string) => join(dataDir, 'remembered.json');

function read(dataDir: string): Remembered {
  try {
    return existsSync(fileOf(dataDir)) ? RememberedSchema.parse(JSON.parse(readFileSync(fileOf(dataDir), 'utf8'))) : {};
  } catch {
    return {}; // damaged: nothing is remembered, the password still works
  }
}

function write(dataDir: string, all: Remembered) {
  const temp = `${fileOf(dataDir)}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(all));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, fileOf(dataDir));
}

export const rememberedLogin = (dataDir: string, databaseId: string): string | null => read(dataDir)[databaseId]?.login ?? null;

export async function remember(dataDir: string, databaseId: string, login: string, dataKey: Buffer, sealer: DeviceSealer) {
  write(dataDir, { ...read(dataDir), [databaseId]: { login, sealed: (await sealer.seal(dataKey)).toString('base64') } });
}

export function forget(dataDir: string, databaseId: string) {
  const all = read(dataDir);
  if (!(databaseId in all)) return;
  write(dataDir, Object.fromEntries(Object.entries(all).filter(([id]) => id !== databaseId)));
}

/** The remembered data key, or null (none, or the store cannot unseal it any more). */
export async function recall(
  dataDir: string,
  databaseId: string,
  sealer: DeviceSealer,
): Promise<{ login: string; dataKey: Buffer } | null> {
  const entry = read(dataDir)[databaseId];
  if (!entry) return null;
  try {
    const dataKey = await sealer.unseal(Buffer.from(entry.sealed, 'base64'));
    return dataKey.length === 32 ? { login: entry.login, dataKey } : null;
  } catch {
    return null;
  }
}
