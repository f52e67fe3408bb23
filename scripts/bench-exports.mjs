// Export figures for `npm run bench`: the line list of N cases (streamed as a job through the
// contract) against a bare exceljs streaming write of the same rows, already in memory, in the
// same run; with the peak growth of resident memory during each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { peakDuring } from './bench-memory.mjs';
import { benchCentre, figure } from './bench-figures.mjs';

export async function benchExports(load, { rows = 100_000 } = {}) {
  const { DeskSession } = await load('electron/service/session.js');
  const { dispatch, dispatchAsync } = await load('electron/service/dispatch.js');
  const { silentLogger } = await load('electron/service/log.js');
  const { lineListChunk } = await load('db/line-list.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-export-'));
  try {
    const s = new DeskSession({ dataDir: join(dir, 'app'), appVersion: 'bench', logger: silentLogger });
    await benchCentre(dispatchAsync, s, silentLogger);
    fill(s.database, s.orgUnitId, rows);

    // The same rows, read once into memory for the baseline (not timed).
    const data = [];
    for (let after = 0; ;) {
      const chunk = lineListChunk(s.database, [s.orgUnitId], after, 5000);
      for (const r of chunk)
        data.push([
          r[1],
          r[2],
          r[3],
          r[4],
          r[5],
          r[6],
          r[7],
          r[8],
          r[9],
          r[10],
          r[11] ? new Date(`${r[11]}T00:00:00Z`) : null,
          r[12],
          r[13],
          r[14] ? new Date(`${r[14]}T00:00:00Z`) : null,
          r[15],
          r[16] ? new Date(`${r[16]}T00:00:00Z`) : null,
          r[17],
          r[19] ? new Date(`${r[19]}T00:00:00Z`) : null,
        ]);
      if (chunk.length < 5000) break;
      after = chunk[chunk.length - 1][0];
    }
    const bare = await peakDuring(async () => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'bare.xlsx'), useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('Cases');
      for (const r of data) ws.addRow(r).commit();
      ws.commit();
      await wb.commit();
    });
    data.length = 0;

    const ours = await peakDuring(async () => {
      const started = dispatch(s, 'exports.lineList', { language: 'ru' }, silentLogger);
      for (let j = started.value; j.state === 'running';) {
        await new Promise((r) => setTimeout(r, 50));
        j = dispatch(s, 'exports.job', { jobId: j.jobId }, silentLogger).value;
        if (j.state === 'failed') throw new Error('line list failed');
      }
    });
    s.dispose();
    const rate = (ms) => Math.round(rows / (ms / 1000)).toLocaleString('en');
    console.log(`\nline list: ${rows.toLocaleString('en')} cases with 4 events each`);
    console.log(`  baseline, bare exceljs streaming write of the rows  ${rate(bare.ms)} rows/s  (peak RSS +${bare.mb.toFixed(0)} MB)`);
    figure('lineList.rowsPerSecond', rows / (ours.ms / 1000), 'rows/s', rows / (bare.ms / 1000));
    figure('lineList.peakRssMb', ours.mb, 'MB', bare.mb);
    console.log(
      `  line list job (read, label, stream, rename, audit) ${rate(ours.ms)} rows/s  (${((bare.ms / ours.ms) * 100).toFixed(0)}% of the baseline; peak RSS +${ours.mb.toFixed(0)} MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fill(db, unit, n) {
  const insCase =
    db.prepare(`INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, citizenship, migrant_type, legal_status, transmission_route, diagnosis_date, kp_mask, created_at, updated_at)
    VALUES (?, ?, 'АБВГ11980', 'ABVG11980', ?, ?, ?, ?, ?, 'heterosexual', ?, ?, '2024-01-01', '2024-01-01')`);
  const insKp = db.prepare('INSERT INTO case_key_population (case_id, key_population) VALUES (?, ?)');
  const insEv = db.prepare(
    `INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2024-01-01', '2024-01-01')`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const y = 2005 + (i % 13);
      const dx = `${y}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = Number(
        insCase.run(
          unit,
          `${i + 1}`,
          ['male', 'female', 'unknown'][i % 3],
          1950 + (i % 50),
          ['UZB', 'TJK', 'KGZ', 'AFG'][i % 4],
          ['immigrant', 'emigrant', 'internal'][i % 3],
          ['regular', 'irregular', 'unknown'][i % 3],
          dx,
          i % 2 ? 1 : 4,
        ).lastInsertRowid,
      );
      insKp.run(id, i % 2 ? 'pwid' : 'sw');
      insEv.run(id, 'cd4', dx, 100 + (i % 600), null, null, null);
      insEv.run(id, 'art_start', `${y}-12-31`, null, null, null, null);
      insEv.run(id, 'viral_load', `${y + 1}-06-30`, null, i % 4 ? 40 : 5000, 0, null);
      insEv.run(id, 'viral_load', `${y + 2}-06-30`, null, null, 1, null);
    }
  })();
}
