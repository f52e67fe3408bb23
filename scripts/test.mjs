// `npm test`: installs and builds if needed, lints, then runs every test (unit, integration and the
// end-to-end tests in Debian's chromium), and prints one plain summary line at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, build, ensureInstalled } from './setup.mjs';
import { lint } from './lint.mjs';

ensureInstalled();
build();
// `npm run test:unit` and its kin pass `--project NAME`: that project alone, without the lint.
const args = process.argv.slice(2);
const project = args.includes('--project') ? args[args.indexOf('--project') + 1] : null;
// Lint first, but run the tests whatever it finds: one run shows everything that is wrong.
if (!project) console.log('• Lint (ESLint, Prettier)…');
const linted = project ? true : lint();

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if ((!project || project === 'e2e') && !existsSync(chromium)) {
  console.error(`✗ The end-to-end tests need Debian's chromium at ${chromium}: apt-get install -y chromium (.ci/run installs it).`);
  process.exit(1);
}

mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const report = join(ROOT, 'test-results', 'vitest.json');
const r = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${j.numPassedTests} passed, ${j.numFailedTests} failed${linted ? '' : '; lint failed (see above)'}`);
}
process.exit(linted ? (r.status ?? 1) : 1);
