// The back end's thread for `npm run bench`: how long a short call (the status) waits while a
// 100,000-row register file is checked, beside the same call with the thread idle, same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { figure } from './bench-figures.mjs';

const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХ';

export async function benchWorker(load, { rows = 100_000 } = {}) {
  const { startDeskWorker } = await load('electron/service/worker/host.js');
  const { silentLogger } = await load('electron/service/log.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-worker-'));
  const header =
    'registerNo,uic,sex,birthYear,citizenship,migrantType,legalStatus,keyPopulations,transmissionRoute,infectionCountry,diagnosisDate,diagnosisCountry';
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `B-${i + 1},${LETTERS[i % 21]}${LETTERS[Math.floor(i / 21) % 21]}${LETTERS[Math.floor(i / 441) % 21]}${LETTERS[Math.floor(i / 9261) % 21]}${(i % 2) + 1}1960,${i % 2 ? 'female' : 'male'},1960,UZB,immigrant,irregular,pwid,heterosexual,RUS,2017-0${1 + (i % 9)}-1${i % 10},KAZ`,
  );
  const csv = Buffer.from([header, ...lines].join('\n'));
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('cases');
  ws.addRow(header.split(','));
  for (const l of lines) ws.addRow(l.split(','));
  const xlsx = Buffer.from(await book.xlsx.writeBuffer());
  const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const backend = await startDeskWorker({ dataDir: dir, appVersion: 'bench', logger: silentLogger });
  try {
    await backend.call('setup.openDemo', {});
    /** Status calls, 20 ms apart, until `busy` settles (or 200 of them with nothing running). */
    const statusTimes = async (busy) => {
      let done = !busy;
      busy?.then(() => (done = true));
      const times = [];
      for (let i = 0; busy ? !done : i < 200; i++) {
        const t = performance.now();
        await backend.call('app.status', {});
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      return times;
    };
    const idle = await statusTimes(null);
    const line = (name, xs) =>
      `p50 ${quantile(xs, 0.5).toFixed(1)} ms  p95 ${quantile(xs, 0.95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms  (${xs.length} calls)`;
    console.log(`\nback end thread: app.status while a ${rows.toLocaleString('en')}-row register file is checked (target p95 < 50 ms)`);
    console.log(`  baseline, thread idle              ${line('idle', idle)}`);
    for (const [name, bytes, fileName] of [
      ['CSV', csv, 'b.csv'],
      ['.xlsx', xlsx, 'b.xlsx'],
    ]) {
      const t = performance.now();
      const check = backend.call('imports.preview', { fileName, contentBase64: bytes.toString('base64') });
      const during = await statusTimes(check);
      const r = await check;
      if (!r.ok) throw new Error(`check failed: ${JSON.stringify(r.error)}`);
      figure(`worker.statusP95DuringCheck.${name.replace('.', '')}`, quantile(during, 0.95), 'ms', quantile(idle, 0.95), '< 50 ms');
      console.log(`  during the ${name.padEnd(5)} check (${((performance.now() - t) / 1000).toFixed(1)} s)  ${line(name, during)}`);
    }
  } finally {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
