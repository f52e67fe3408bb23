// Starts the app the way `npm start` does without Electron: the compiled bridge CLI, as its own
// process, so a test can stop and restart it like a user closing and reopening the program.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../architecture/imports.js';

export type RunningApp = {
  /** The first link the app printed: good for one page, once. */
  url: string;
  /** A new one-time link, as a user gets by pressing Enter in the app's window. */
  newUrl: () => Promise<string>;
  output: () => string;
  stop: () => Promise<void>;
};

const urlsIn = (out: string) => [...out.matchAll(/BRIDGE_URL=(\S+)/g)].map((m) => m[1]!);

export const SERVE_JS = join(ROOT, 'dist', 'node', 'electron', 'cli', 'serve.js');

export async function startApp(dataDir: string): Promise<RunningApp> {
  if (!existsSync(SERVE_JS) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm test` (it builds first) or `npm run build`.');
  }
  const child: ChildProcess = spawn(process.execPath, [SERVE_JS, '--data-dir', dataDir, '--no-open'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${out}`)), 60_000); // a busy 2-core laptop
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /BRIDGE_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`app exited with ${code}:\n${out}`)));
  });
  return {
    url,
    newUrl: async () => {
      const seen = urlsIn(out).length;
      child.stdin!.write('\n');
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        const urls = urlsIn(out);
        if (urls.length > seen) return urls.at(-1)!;
      }
      throw new Error(`no new link within 30 s:\n${out}`);
    },
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // An app stuck in a busy loop never runs its SIGTERM handler: kill it outright after a while,
        // so a hung test leaves no server behind eating the CPU of the tests after it.
        const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the app's command to its end (a second start, --help, a bad option): its exit code and all it printed. */
export function runServe(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVE_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
