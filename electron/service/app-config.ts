// Per-installation config (language, staff name, which database is open), kept beside the
// databases. Written atomically; a damaged file is set aside, never a reason not to start.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LanguageSchema } from '../../shared/contract.js';
import { DEFAULT_EXPORT_RETENTION, ExportRetentionSchema } from '../../shared/exports/api.js';

export const AppConfigSchema = z.object({
  version: z.literal(1),
  language: LanguageSchema,
  operator: z.string().nullable(),
  database: z.object({ path: z.string(), kind: z.enum(['demo', 'centre']) }).nullable(),
  /** Added later: a config written before has none, and gets the default. */
  exportRetention: ExportRetentionSchema.default(DEFAULT_EXPORT_RETENTION),
  /** Centre databases opened or created on this computer, the latest first (a first start's "recent files"). */
  recent: z.array(z.string()).max(8).default([]),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

export const DEFAULT_CONFIG: AppConfig = {
  version: 1,
  language: 'ru',
  operator: null,
  database: null,
  exportRetention: DEFAULT_EXPORT_RETENTION,
  recent: [],
};

export const configPath = (dataDir: string) => join(dataDir, 'config.json');

export function readConfig(dataDir: string, now: () => Date = () => new Date()): AppConfig {
  const file = configPath(dataDir);
  if (!existsSync(file)) return DEFAULT_CONFIG;
  try {
    return AppConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    renameSync(file, `${file}.damaged-${now().getTime()}`);
    return DEFAULT_CONFIG;
  }
}

export function writeConfig(dataDir: string, config: AppConfig): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = configPath(dataDir);
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(AppConfigSchema.parse(config), null, 2));
    fsyncSync(fd); // on disk before it replaces the old file: a power cut leaves one or the other
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
