import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';

// Three projects, each runnable alone (`npm run test:unit`, `test:integration`, `test:e2e`); `npm test`
// runs all. A test is a unit test when it reaches neither a database, a server nor a browser: it
// imports nothing from db/ or electron/ and none of the helpers that make files or processes.
const ROOT = import.meta.dirname;
const testFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [relative(ROOT, join(dir, e.name))] : [],
  );
const REACHES_OUT = /from '(\.\.?\/)+(db|electron)\/|from '(\.\.?\/)+helpers\/(tmp|session|e2e|app-process|bulk-cases|libreoffice|browser)/;
const all = testFiles('tests');
const e2e = all.filter((f) => f.startsWith(join('tests', 'e2e')));
const unit = all.filter((f) => !e2e.includes(f) && !REACHES_OUT.test(readFileSync(join(ROOT, f), 'utf8')));
const integration = all.filter((f) => !e2e.includes(f) && !unit.includes(f));

export default defineConfig({
  test: {
    pool: 'forks',
    // Deadlines fit for a slow, busy 2-core laptop: no wait in a test relies on a 1 s default.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // End-to-end files start their own server and browser; two at a time fits a 2-core machine.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'integration', include: integration } },
      { extends: true, test: { name: 'e2e', include: e2e } },
    ],
  },
});
