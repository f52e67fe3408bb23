// `npm run test:stress`: the whole suite, three times in a row, with a CPU-bound process running
// beside it, as on a busy 2-core laptop. A test that fails only under load is a defect. Not part
// of CI (it takes three suites' time); run it before calling a change to the tests done.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './setup.mjs';

const RUNS = Number(process.env.STRESS_RUNS ?? 3);
const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
const stop = () => busy.kill('SIGKILL');
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const results = [];
for (let i = 1; i <= RUNS; i++) {
  console.log(`\n• Stress run ${i} of ${RUNS}, with a CPU-bound process beside it`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test.mjs'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  results.push({ run: i, passed: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
stop();
console.log('\nStress runs:');
for (const r of results) console.log(`  run ${r.run}: ${r.passed ? 'passed' : 'FAILED'} in ${r.seconds} s`);
process.exit(results.every((r) => r.passed) ? 0 : 1);
