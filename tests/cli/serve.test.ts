// The browser-mode command as a user types it (`npm start -- …`): help, and one clear line for
// every wrong option or a port that cannot be had, never a stack trace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../architecture/imports.js';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../electron/cli/serve-args.js';
import { runServe, startApp } from '../helpers/app-process.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const noStack = (output: string) => expect(output).not.toMatch(/\n\s+at |Error:|node:internal/);

describe('npm start -- options', () => {
  it('--help prints what each option does and exits', async () => {
    const r = await runServe(['--help']);
    expect(r.code).toBe(0);
    for (const option of ['--data-dir', '--port', '--no-open', '--browser']) expect(r.output).toContain(option);
    noStack(r.output);
  }, 60_000);

  it('a port that is not a port, or an unknown option: one line naming it, exit 2, nothing started', async () => {
    const dir = tempDir();
    for (const args of [
      ['--port', 'abc', '--data-dir', dir],
      ['--port', '-5', '--data-dir', dir],
      ['--port', '70000', '--data-dir', dir],
      ['--port', '0', '--data-dir', dir],
      ['--prot', '80', '--data-dir', dir],
      ['--no-open', '--data-dir'],
    ]) {
      const r = await runServe(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.output.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.output).not.toContain('BRIDGE_URL');
      noStack(r.output);
    }
    expect(parseServeArgs(['--port', '-5'])).toEqual({
      error: '--port: нужно целое число от 1 до 65535 / must be a whole number from 1 to 65535, not "-5"',
    });
    expect(parseServeArgs(['--port', 'abc'])).toEqual({
      error: '--port: нужно целое число от 1 до 65535 / must be a whole number from 1 to 65535, not "abc"',
    });
    expect(parseServeArgs(['--port', '8080', '--no-open'])).toMatchObject({ args: { port: 8080, noOpen: true, devOrigin: null } });
    // npm run dev's page may call the bridge: only a page on this machine, named exactly.
    expect(parseServeArgs(['--dev-origin', 'http://127.0.0.1:5173'])).toMatchObject({ args: { devOrigin: 'http://127.0.0.1:5173' } });
    for (const bad of ['http://evil.example:5173', 'https://127.0.0.1:5173', 'http://127.0.0.1:5173/', 'http://127.0.0.1.evil:1']) {
      expect(parseServeArgs(['--dev-origin', bad]), bad).toEqual({
        error: `--dev-origin: нужен адрес http://127.0.0.1:ПОРТ / must be http://127.0.0.1:PORT, not "${bad}"`,
      });
    }
  }, 120_000);

  it('starts on a data folder that does not exist yet, as on a new machine', async () => {
    const app = await startApp(join(tempDir(), 'AppData', 'Roaming', 'migrant-hiv-desk'));
    try {
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[0-9a-f]{64}$/);
    } finally {
      await app.stop();
    }
  }, 90_000);

  it('a port in use: one line saying so, exit 2', async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await runServe(['--port', String(port), '--data-dir', tempDir(), '--no-open']);
      expect(r.code).toBe(2);
      expect(r.output.trim()).toBe(
        `Порт ${port} занят другой программой / Port ${port} is in use by another program: choose another with --port, or leave --port out.`,
      );
    } finally {
      busy.close();
    }
  }, 60_000);

  it('npm start answers --help and a wrong option at once, before any set-up', () => {
    const start = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
    const help = start('--help');
    expect(help.status).toBe(0);
    for (const option of ['--browser', '--data-dir', '--port', '--no-open']) expect(help.stdout).toContain(option);
    for (const args of [
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--prot', '1'],
    ]) {
      const r = start(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect((r.stdout + r.stderr).trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout + r.stderr).not.toContain('Installing');
    }
  });

  it('the set-up commands load nothing from node_modules before they have installed it (a fresh clone)', () => {
    // lint.mjs is loaded by test.mjs and held to the same rule: it only spawns the installed tools.
    for (const script of ['start.mjs', 'test.mjs', 'bench.mjs', 'setup.mjs', 'test-stress.mjs', 'lint.mjs']) {
      const text = readFileSync(join(ROOT, 'scripts', script), 'utf8');
      const statics = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]!);
      expect(
        statics.filter((m) => !m.startsWith('node:') && m !== './setup.mjs' && m !== './lint.mjs'),
        script,
      ).toEqual([]);
    }
  });
});
