// `npm run ecdc-model -- DIR [--out FILE.csv]`: the main fit of the ECDC HIV Modelling Tool's
// method on a folder in the tool's input format, written in the tool's own output columns so the
// two can be compared column by column; with --bootstrap, the bootstrap's runs follow (run 1..N)
// and --bounds writes each year's 2.5% and 97.5% bounds. A folder not in that format gets one clear line.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppFailure } from '../../shared/result.js';
import { en } from '../../shared/i18n/en.js';
import { readReferenceFolder } from '../service/estimates/ecdc/reference-format.js';
import { mainFit } from '../service/estimates/ecdc/fit.js';
import { OUTPUT_COLUMNS, fitOutputs } from '../service/estimates/ecdc/outputs.js';
import { BOUNDED, bootstrap } from '../service/estimates/ecdc/bootstrap.js';

const USAGE =
  'npm run ecdc-model -- DIR [--out FILE.csv]   (DIR: the ECDC tool input format: a model .xml and HIV.csv, HIV_CD4_1..4.csv, HIVAIDS.csv, AIDS.csv, Dead.csv)';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        help: { type: 'boolean' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        bounds: { type: 'string' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help || parsed.positionals.length !== 1) {
    console.error(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  try {
    const { settings, data } = readReferenceFolder(parsed.positionals[0]!);
    const started = performance.now();
    const fit = mainFit(settings, data);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const rows = fitOutputs(fit, data);
    const runs = parsed.values.bootstrap === undefined ? 0 : Number(parsed.values.bootstrap);
    const seed = parsed.values.seed === undefined ? 1 : Number(parsed.values.seed);
    if (!Number.isInteger(runs) || runs < 0 || runs > 10_000 || !Number.isInteger(seed)) {
      console.error(`--bootstrap: a whole number of runs from 0 to 10000; --seed: a whole number\n${USAGE}`);
      return 2;
    }
    if (runs) {
      const b = bootstrap(fit, data, runs, seed, { progress: (n) => process.stderr.write(`\rbootstrap ${n}/${runs}`) });
      process.stderr.write(`\rbootstrap: ${b.converged} of ${runs} fits settled\n`);
      rows.push(...b.runs.flat());
      if (parsed.values.bounds) {
        const head = ['year', ...BOUNDED.flatMap((c) => [`${c}_LB`, `${c}_UB`])];
        const lines = b.bounds.map((y, i) =>
          [rows[i]!.year, ...BOUNDED.flatMap((c) => y[c])].map((v) => String(Number(v.toPrecision(12)))).join(','),
        );
        writeFileSync(parsed.values.bounds, [head.join(','), ...lines].join('\n') + '\n');
      }
    }
    const csv =
      [OUTPUT_COLUMNS.join(','), ...rows.map((r) => OUTPUT_COLUMNS.map((c) => String(Number(r[c].toPrecision(12)))).join(','))].join('\n') +
      '\n';
    if (parsed.values.out) writeFileSync(parsed.values.out, csv);
    else process.stdout.write(csv);
    console.error(
      `main fit: deviance ${fit.deviance.toFixed(4)}, ${fit.converged ? 'converged' : 'NOT converged'}, ${fit.knots} knots, ${fit.evaluations} evaluations, ${seconds} s` +
        (fit.dispersion ? `; over-dispersion AIDS ${fit.dispersion.aids.toPrecision(6)}, other ${fit.dispersion.rest.toPrecision(6)}` : ''),
    );
    return 0;
  } catch (e) {
    if (e instanceof AppFailure) {
      const p = e.error.params ?? {};
      console.error(
        en.errors.model_input_refused.replace('{{reason}}', String(p['reason'])).replace('{{where}}', String(p['where'] ?? '')),
      );
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
