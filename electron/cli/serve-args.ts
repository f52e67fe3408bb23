// The browser-mode command's options, checked before anything starts: a wrong one is a single
// line naming it, in Russian and English, never a stack trace.
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export type ServeArgs = { dataDir: string | undefined; port: number; noOpen: boolean; devOrigin: string | null };

export const SERVE_HELP = `Migrant HIV Desk — запуск в браузере / running in a browser

  npm start [-- options]

  --data-dir DIR   папка данных / data folder (default: %APPDATA%\\migrant-hiv-desk, ~/.config/migrant-hiv-desk;
                   MIGRANT_DESK_DATA_DIR overrides)
  --port N         порт на 127.0.0.1 / port on 127.0.0.1, 1-65535 (default: any free port)
  --no-open        не открывать браузер / do not open the browser, only print the link
  --browser        браузер даже при наличии Electron / the browser even where Electron is installed (npm start)
  --dev-origin URL для разработчиков: страницы с этого адреса (сервер Vite) тоже могут вызывать / for developers:
                   pages from this address (Vite's dev server, npm run dev) may call too
  --help           эта справка / this help

Ссылка действует один раз; Enter в этом окне даёт новую. / The link works once; Enter in this window gives a new one.`;

export function parseServeArgs(argv: string[]): { args: ServeArgs } | { help: true } | { error: string } {
  // "--port -5": Node's parser calls the value ambiguous, in its own words; say what is wrong with it.
  const dashed = argv.findIndex((a, i) => a === '--port' && argv[i + 1]?.startsWith('-'));
  if (dashed >= 0)
    return { error: `--port: нужно целое число от 1 до 65535 / must be a whole number from 1 to 65535, not "${argv[dashed + 1]}"` };
  let values: { 'data-dir'?: string; port?: string; 'no-open'?: boolean; help?: boolean; 'dev-origin'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        browser: { type: 'boolean' },
        'dev-origin': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { error: `Неверный параметр / Wrong option: ${message}. Справка / help: npm start -- --help` };
  }
  if (values.help) return { help: true };
  let port = 0;
  if (values.port !== undefined) {
    port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
    if (!(port >= 1 && port <= 65535))
      return { error: `--port: нужно целое число от 1 до 65535 / must be a whole number from 1 to 65535, not "${values.port}"` };
  }
  const devOrigin = values['dev-origin'] ?? null;
  // Only a page on this machine: the dev server's own address.
  if (devOrigin !== null && !/^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}$/.test(devOrigin))
    return { error: `--dev-origin: нужен адрес http://127.0.0.1:ПОРТ / must be http://127.0.0.1:PORT, not "${devOrigin}"` };
  const dir = values['data-dir'];
  if (dir !== undefined && dir.trim() === '') return { error: '--data-dir: укажите папку / give a folder' };
  return {
    args: {
      dataDir: dir === undefined ? undefined : isAbsolute(dir) ? dir : resolve(dir),
      port,
      noOpen: values['no-open'] ?? false,
      devOrigin,
    },
  };
}
