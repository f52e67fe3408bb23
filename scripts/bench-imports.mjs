// Import figures for `npm run bench`: a register file of N case rows, as CSV and as .xlsx, checked
// (preview) and loaded (confirm) through the contract, against a bare prepared-insert loop of the
// same rows in one transaction, in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { peakDuring } from './bench-memory.mjs';
import { benchCentre, figure } from './bench-figures.mjs';
import { ROOT } from './setup.mjs';

const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХ';
const uic = (i) =>
  `${LETTERS[i % 21]}${LETTERS[Math.floor(i / 21) % 21]}${LETTERS[Math.floor(i / 441) % 21]}${LETTERS[Math.floor(i / 9261) % 21]}${i % 2 ? 2 : 1}${1950 + (i % 50)}`;

/** N unique people (UIC, sex, year), so every row is accepted: the rows, and the register file as CSV. */
export function registerRows(rows) {
  const cases = Array.from({ length: rows }, (_, i) => ({
    no: `I-${i + 1}`,
    uic: uic(i),
    sex: i % 2 ? 'female' : 'male',
    year: 1950 + (i % 50),
    cit: ['UZB', 'TJK', 'KGZ', 'AFG'][i % 4],
    mt: ['immigrant', 'emigrant', 'internal'][i % 3],
    ls: ['regular', 'irregular', 'unknown'][i % 3],
    kp: ['pwid', 'sw', 'none', ''][i % 4],
    dx: `20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`,
  }));
  const csv = [
    'registerNo,uic,sex,birthYear,citizenship,migrantType,legalStatus,keyPopulations,transmissionRoute,infectionCountry,diagnosisDate,diagnosisCountry',
    ...cases.map((c) => `${c.no},${c.uic},${c.sex},${c.year},${c.cit},${c.mt},${c.ls},${c.kp},heterosexual,RUS,${c.dx},KAZ`),
  ].join('\n');
  return { cases, csv };
}

export async function benchImports(load, { rows = 100_000 } = {}) {
  const { createDeskDatabase } = await load('db/open.js');
  const { ensureFacility } = await load('db/org-units.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-import-'));
  const { cases, csv } = registerRows(rows);
  try {
    // Baseline: the same rows, bare prepared inserts in one transaction, no checks, no audit.
    const bare = createDeskDatabase(join(dir, 'bare.sqlite'), () => {});
    const unit = ensureFacility(bare, 'b', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id;
    const ins = bare.prepare(
      `INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, citizenship, migrant_type, legal_status, transmission_route, infection_country, diagnosis_date, diagnosis_country, kp_mask, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,'heterosexual','RUS',?,'KAZ',?,?,?)`,
    );
    const insKp = bare.prepare('INSERT INTO case_key_population (case_id, key_population) VALUES (?, ?)');
    const at = new Date().toISOString();
    let t = performance.now();
    bare.transaction(() => {
      for (const c of cases) {
        const id = Number(ins.run(unit, c.no, c.uic, c.uic, c.sex, c.year, c.cit, c.mt, c.ls, c.dx, c.kp ? 1 : 0, at, at).lastInsertRowid);
        if (c.kp) insKp.run(id, c.kp);
      }
    })();
    const bareMs = performance.now() - t;
    bare.close();

    const rate = (ms) => Math.round(rows / (ms / 1000)).toLocaleString('en');
    console.log(`\nimport: ${rows.toLocaleString('en')} case rows`);
    console.log(`  baseline, bare prepared inserts, one transaction   ${rate(bareMs)} rows/s`);
    // The same rows as a CSV file and as a workbook (dates as real dates), each into a new register.
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('cases');
    sheet.addRow(header);
    for (const c of cases)
      sheet.addRow([c.no, c.uic, c.sex, c.year, c.cit, c.mt, c.ls, c.kp, 'heterosexual', 'RUS', new Date(`${c.dx}T00:00:00Z`), 'KAZ']);
    writeFileSync(join(dir, 'register.csv'), csv);
    await book.xlsx.writeFile(join(dir, 'register.xlsx'));
    for (const fileName of ['register.csv', 'register.xlsx']) {
      // Each file in its own process, so one file's memory does not hide the other's.
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), join(dir, fileName), String(rows)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`import of ${fileName}: ${child.stderr}`);
      const { previewMs, confirmMs, peakMb } = JSON.parse(child.stdout);
      const format = fileName.endsWith('.csv') ? 'csv' : 'xlsx';
      figure(
        `import.${format}.rowsPerSecond`,
        rows / ((previewMs + confirmMs) / 1000),
        'rows/s',
        rows / (bareMs / 1000),
        format === 'csv' ? '≥ 70% of the baseline' : '≥ 50% of the baseline',
      );
      figure(`import.${format}.checkPeakRssMb`, peakMb, 'MB');
      console.log(
        `  ${fileName.padEnd(14)} check (preview) + load (confirm) via the contract  ${rate(previewMs + confirmMs)} rows/s  (${((bareMs / (previewMs + confirmMs)) * 100).toFixed(0)}% of the baseline; check ${(previewMs / 1000).toFixed(1)} s, load ${(confirmMs / 1000).toFixed(1)} s; peak RSS +${peakMb.toFixed(0)} MB while checking)`,
      );
      console.log(
        `  ${fileName.padEnd(14)} load alone (one audited transaction)               ${rate(confirmMs)} rows/s  (${((bareMs / confirmMs) * 100).toFixed(0)}% of the baseline)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One file checked and loaded into a new register, in this process: `node bench-imports.mjs FILE ROWS`. */
async function importOne(file, rows) {
  const load = (p) => import(join(ROOT, 'dist', 'node', p));
  const { DeskSession } = await load('electron/service/session.js');
  const { dispatch, dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger } = await load('electron/service/log.js');
  const s = new DeskSession({ dataDir: `${file}.app`, appVersion: 'bench', logger: silentLogger });
  await benchCentre(dispatchAsync, s, silentLogger);
  const check = await peakDuring(() =>
    dispatchAsync(s, 'imports.preview', { fileName: basename(file), contentBase64: readFileSync(file).toString('base64') }, silentLogger),
  );
  const preview = check.value;
  if (!preview.ok || preview.value.accepted.cases !== rows)
    throw new Error(`import preview: ${JSON.stringify(preview.ok ? preview.value.rejected.slice(0, 3) : preview.error)}`);
  const confirm = await peakDuring(() => dispatch(s, 'imports.confirm', { importId: preview.value.importId }, silentLogger));
  if (!confirm.value.ok) throw new Error('import confirm failed');
  s.dispose();
  process.stdout.write(JSON.stringify({ previewMs: check.ms, confirmMs: confirm.ms, peakMb: check.mb }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await importOne(process.argv[2], Number(process.argv[3]));
