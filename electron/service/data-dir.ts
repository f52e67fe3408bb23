import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'migrant-hiv-desk';

/** Where the app keeps its config and databases; the same folder in Electron and bridge mode. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MIGRANT_DESK_DATA_DIR) return env.MIGRANT_DESK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}
