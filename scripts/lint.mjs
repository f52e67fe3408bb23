// `npm run lint` (and the first step of `npm test`): ESLint (typescript-eslint strict, React's rules
// of hooks, lines of at most 140 characters, no comma-operator tricks) and Prettier's check.
// `npm run format` rewrites files into Prettier's style.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './setup.mjs';

export function lint() {
  const run = (bin, args) =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules', ...bin), ...args], { cwd: ROOT, stdio: 'inherit' }).status === 0;
  const eslint = run(['eslint', 'bin', 'eslint.js'], ['--max-warnings', '0', '.']);
  const prettier = run(['prettier', 'bin', 'prettier.cjs'], ['--check', '--log-level', 'warn', '.']);
  if (!prettier) console.error('✗ Prettier: run `npm run format` to rewrite the files above.');
  return eslint && prettier;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(lint() ? 0 : 1);
