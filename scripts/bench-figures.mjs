// The figures `npm run bench` prints, also kept as JSON (test-results/bench.json, a key per figure
// with its baseline beside it), and compared with the previous run's file when there is one.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const figures = {};

/** One figure: its value, unit, and the baseline measured beside it in the same run (if any). */
export function figure(key, value, unit, baseline = null, target = null) {
  figures[key] = {
    value: Number(value.toFixed(3)),
    unit,
    ...(baseline === null ? {} : { baseline: Number(baseline.toFixed(3)) }),
    ...(target ? { target } : {}),
  };
}

/** A centre's database as the wizard creates it (encrypted, an administrator signed in), for benches that need one. */
export async function benchCentre(dispatchAsync, s, logger) {
  const r = await dispatchAsync(
    s,
    'setup.createCentre',
    { countryCode: 'KAZ', region: 'r', centre: 'c', login: 'bench', password: 'ЗамокНаГоре-2024' },
    logger,
  );
  if (!r.ok) throw new Error(`bench centre: ${JSON.stringify(r.error)}`);
}

/** Writes this run's figures; the previous run's file becomes bench-previous.json, and changes beyond 10% are listed. */
export function saveFigures(root) {
  const dir = join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench.json');
  const previousFile = join(dir, 'bench-previous.json');
  if (existsSync(file)) renameSync(file, previousFile);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
  console.log(`\nfigures written to ${file}`);
  if (!existsSync(previousFile)) return;
  const before = JSON.parse(readFileSync(previousFile, 'utf8')).figures ?? {};
  for (const [key, now] of Object.entries(figures)) {
    const was = before[key];
    if (!was || !was.value) continue;
    const change = now.value / was.value - 1;
    if (Math.abs(change) > 0.1)
      console.log(
        `  ${key}: ${was.value} → ${now.value} ${now.unit} (${change > 0 ? '+' : ''}${(change * 100).toFixed(0)}% against the previous run)`,
      );
  }
}
