// Runs the app in a browser: the back end on plain Node behind the local HTTP bridge.
// `npm start` uses this when no Electron binary is installed.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DeskSession } from '../service/session.js';
import { defaultDataDir } from '../service/data-dir.js';
import { appVersion, rendererDir } from '../service/paths.js';
import { consoleLogger } from '../service/log.js';
import { startBridge } from '../bridge/server.js';
import { AppFailure } from '../../shared/result.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  },
});

function openInBrowser(url: string) {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no browser launcher: the printed address is enough
  child.unref();
}

let session: DeskSession;
try {
  session = new DeskSession({ dataDir: values['data-dir'] ?? defaultDataDir(), appVersion: appVersion() });
} catch (e) {
  if (e instanceof AppFailure) {
    console.error(`Cannot start: ${e.error.code} ${JSON.stringify(e.error.params ?? {})}`);
    process.exit(2);
  }
  throw e;
}
const bridge = await startBridge({ session, staticDir: rendererDir(), port: values.port ? Number(values.port) : 0, logger: consoleLogger });
console.log(`Migrant HIV Desk is running. Open in a browser / Откройте в браузере:\n${bridge.url}`);
console.log(`BRIDGE_URL=${bridge.url}`);
if (!values['no-open'] && !process.env.CI) openInBrowser(bridge.url);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await bridge.close();
  session.dispose();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
