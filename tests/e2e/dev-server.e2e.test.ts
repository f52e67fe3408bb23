// `npm run dev`: Vite's dev server beside the bridge. The page it serves from source reaches the
// back end through Vite's proxy (the bridge accepts the dev server's origin, and only it).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../architecture/imports.js';
import { watchErrors } from '../helpers/browser.js';
import { useE2e } from '../helpers/e2e.js';
import { ru } from '../../shared/i18n/ru.js';

const e2e = useE2e();
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('npm run dev', () => {
  it('serves the UI from source and its calls reach the back end through the proxy', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'dev.mjs'), '--no-build', '--data-dir', e2e.tempDir()], {
      env: { ...process.env, DESK_DEV_PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.push(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no dev link within 60 s:\n${out}`)), 60_000);
      const read = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /DEV_URL=(\S+)/.exec(out);
        if (m && out.includes('Vite dev server')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`dev exited with ${code}:\n${out}`)));
    });
    expect(new URL(url).port).toBe(String(port));
    const page = await e2e.browser().newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    // The first-start screen needs app.status: answered by the back end, through Vite.
    await expect.poll(() => page.getByRole('heading', { name: 'Первый запуск' }).isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('button', { name: 'Открыть демо' }).click();
    await expect.poll(() => page.locator('.badge').first().textContent(), { timeout: 60_000 }).toBe(ru.app.demoBadge);
    expect(errors.filter((e) => !e.includes('[vite]'))).toEqual([]);
  }, 180_000);
});
