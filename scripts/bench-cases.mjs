// Case-register figures for `npm run bench`: inserting 100,000 cases with 5 events each through
// the repository (one audited transaction per case, as the clerk's form does) against a bare
// prepared-insert loop of the same rows; then list-page queries over the result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { figure } from './bench-figures.mjs';

export async function benchCases(load, { cases = 100_000 } = {}) {
  const { createDeskDatabase, openDeskDatabase } = await load('db/open.js');
  const { ensureFacility } = await load('db/org-units.js');
  const { createCaseWithEvents, listCases } = await load('db/cases.js');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-cases-'));
  const sexes = ['male', 'female', 'unknown'];
  const input = (i) => ({
    registerNo: `${i + 1}/${2005 + (i % 20)}`,
    uic: `${'АБВГДЕЖЗИКЛМНОПРСТУФХ'[i % 21]}${'АБВГДЕЖЗИКЛМНОПРСТУФХ'[(i >> 3) % 21]}${'АБВГДЕЖЗИКЛМНОПРСТУФХ'[(i >> 6) % 21]}${'АБВГДЕЖЗИКЛМНОПРСТУФХ'[(i >> 9) % 21]}${i % 2 ? 2 : 1}${1950 + (i % 55)}`,
    sex: sexes[i % 3],
    birthYear: 1950 + (i % 55),
    citizenship: ['UZB', 'TJK', 'KGZ', 'AFG'][i % 4],
    migrantType: ['immigrant', 'emigrant', 'internal'][i % 3],
    legalStatus: ['regular', 'irregular', 'unknown'][i % 3],
    keyPopulations: [['pwid'], ['sw', 'pwid'], ['none'], []][i % 4],
    transmissionRoute: 'heterosexual',
    infectionCountry: 'RUS',
    diagnosisDate: `${2005 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
    diagnosisCountry: 'KAZ',
  });
  const events = (dx) => [
    { kind: 'cd4', date: dx, cd4: 320 },
    { kind: 'art_start', date: dx },
    { kind: 'viral_load', date: dx, undetectable: false, copies: 1200 },
    { kind: 'viral_load', date: dx, undetectable: true, copies: null },
    { kind: 'outcome', date: dx, outcome: 'in_care' },
  ];
  try {
    // Baseline: the same rows with bare prepared inserts, one transaction per case, no checks or audit.
    const bare = createDeskDatabase(join(dir, 'bare.sqlite'), () => {});
    const unitB = ensureFacility(bare, 'b', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id;
    const ins = bare.prepare(
      `INSERT INTO hiv_case (org_unit_id, register_no, uic, uic_key, sex, birth_year, citizenship, migrant_type, legal_status, transmission_route, infection_country, diagnosis_date, diagnosis_country, kp_mask, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const KP = ['pwid', 'msm', 'sw', 'tg', 'prison', 'none', 'unknown'];
    const insKp = bare.prepare('INSERT INTO case_key_population (case_id, key_population) VALUES (?, ?)');
    const insEv = bare.prepare(
      'INSERT INTO case_event (case_id, kind, event_date, cd4, vl_copies, vl_undetectable, outcome, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    const at = new Date().toISOString();
    const bareOne = bare.transaction((i) => {
      const c = input(i);
      const id = Number(
        ins.run(
          unitB,
          c.registerNo,
          c.uic,
          c.uic,
          c.sex,
          c.birthYear,
          c.citizenship,
          c.migrantType,
          c.legalStatus,
          c.transmissionRoute,
          c.infectionCountry,
          c.diagnosisDate,
          c.diagnosisCountry,
          c.keyPopulations.reduce((m, kp) => m | (1 << KP.indexOf(kp)), 0),
          at,
          at,
        ).lastInsertRowid,
      );
      for (const kp of c.keyPopulations) insKp.run(id, kp);
      for (const e of events(c.diagnosisDate))
        insEv.run(
          id,
          e.kind,
          e.date,
          e.cd4 ?? null,
          e.copies ?? null,
          e.kind === 'viral_load' ? (e.undetectable ? 1 : 0) : null,
          e.outcome ?? null,
          at,
          at,
        );
    });
    const t = performance.now();
    for (let i = 0; i < cases; i++) bareOne(i);
    const bareMs = performance.now() - t;
    bare.close();

    // The app's path: duplicate check, case and events in one audited transaction, outcome kept in step.
    // Every case through the repository into a new database; its open connection, unit and time.
    const throughRepository = (path, key) => {
      const d = createDeskDatabase(path, () => {}, key);
      const unitId = ensureFacility(d, 'b', { countryCode: 'KAZ', region: 'r', facility: 'f' }).id;
      const start = performance.now();
      for (let i = 0; i < cases; i++) {
        const c = input(i);
        createCaseWithEvents(d, 'bench', unitId, c, events(c.diagnosisDate), { allowDuplicate: false });
      }
      return { db: d, unitId, ms: performance.now() - start };
    };
    const file = join(dir, 'app.sqlite');
    const plainRun = throughRepository(file, undefined);
    const unit = plainRun.unitId;
    const appMs = plainRun.ms;
    plainRun.db.close();

    // The same path into an encrypted database (the cipher of new databases, a raw 256-bit key), same rows;
    // and into one of the previous version's cipher (SQLCipher 4), which existing databases keep.
    const { randomBytes } = await import('node:crypto');
    const { caseTalliesByDimensions } = await load('db/indicators.js');
    const { parsePeriod } = await load('shared/periods.js');
    const { NEW_DATABASE_CIPHER } = await load('db/connection.js');
    const key = { bytes: randomBytes(32), cipher: NEW_DATABASE_CIPHER };
    const { db: enc, unitId: unitE, ms: encMs } = throughRepository(join(dir, 'encrypted.sqlite'), key);
    const legacy = throughRepository(join(dir, 'sqlcipher.sqlite'), { bytes: randomBytes(32), cipher: 'sqlcipher-4' });
    legacy.db.close();
    // The cascade for one year, asked the first time and again (status intervals: no cache to fill), both files.
    const cascade = (d, unitId) => {
      const s1 = performance.now();
      caseTalliesByDimensions(d, unitId, parsePeriod('2017'), ['sex']);
      const cold = performance.now() - s1;
      const s2 = performance.now();
      caseTalliesByDimensions(d, unitId, parsePeriod('2017'), ['sex']);
      return { cold, warm: performance.now() - s2 };
    };
    // Both files closed after their inserts and opened again, so both are read in the same state.
    enc.close();
    const encAgain = openDeskDatabase(join(dir, 'encrypted.sqlite'), key);
    const encCascade = cascade(encAgain, unitE);
    encAgain.close();
    const plainAgain = openDeskDatabase(file);
    const plainCascade = cascade(plainAgain, unit);
    plainAgain.close();

    const rows = cases * 6; // a case and its five events
    figure('cases.repositoryRowsPerSecond', rows / (appMs / 1000), 'rows/s', rows / (bareMs / 1000), '≥ 70% of the baseline');
    figure('cases.encryptedRowsPerSecond', rows / (encMs / 1000), 'rows/s', rows / (appMs / 1000), '≥ 85% of the baseline (unencrypted)');
    console.log(`\ncase register: ${cases.toLocaleString('en')} cases with 5 events each (one transaction per case, synchronous=FULL)`);
    console.log(`  baseline, bare prepared inserts  ${(rows / (bareMs / 1000)).toFixed(0)} rows/s  (${(bareMs / 1000).toFixed(1)} s)`);
    console.log(`  through the repository           ${(rows / (appMs / 1000)).toFixed(0)} rows/s  (${(appMs / 1000).toFixed(1)} s)`);
    console.log(`  ratio repository/bare           ${((bareMs / appMs) * 100).toFixed(0)}% of the bare rate`);
    console.log(
      `  through the repository, encrypted (${NEW_DATABASE_CIPHER}) ${(rows / (encMs / 1000)).toFixed(0)} rows/s  (${(encMs / 1000).toFixed(1)} s): ${((appMs / encMs) * 100).toFixed(0)}% of the unencrypted rate (target ≥ 85%)`,
    );
    console.log(
      `  through the repository, encrypted (sqlcipher-4, databases made before 2026-11-30) ${(rows / (legacy.ms / 1000)).toFixed(0)} rows/s: ${((appMs / legacy.ms) * 100).toFixed(0)}% of the unencrypted rate`,
    );
    console.log(
      `  cascade 2017 by sex, first asked  unencrypted ${plainCascade.cold.toFixed(0)} ms, encrypted ${encCascade.cold.toFixed(0)} ms (${((plainCascade.cold / encCascade.cold) * 100).toFixed(0)}% of the unencrypted speed)`,
    );
    console.log(
      `  cascade 2017 by sex, asked again  unencrypted ${plainCascade.warm.toFixed(1)} ms, encrypted ${encCascade.warm.toFixed(1)} ms (${((plainCascade.warm / encCascade.warm) * 100).toFixed(0)}% of the unencrypted speed)`,
    );

    const big = openDeskDatabase(file);
    const queries = {
      'first page': {},
      'page 1000': { page: 1000 },
      'search by code': { search: 'бвгд' },
      'search by number': { search: '4242/' },
      'filter sex+legal': { sex: 'female', legalStatus: 'irregular' },
      'filter citizenship+year': { citizenship: 'AFG', diagnosisYear: 2017 },
      'filter key population': { keyPopulation: 'sw' },
      'sort by register no': { sort: 'registerNo', direction: 'asc' },
    };
    console.log(`  list page (50 rows + total), median of 20, at ${cases.toLocaleString('en')} cases:`);
    for (const [name, q] of Object.entries(queries)) {
      const times = [];
      for (let i = 0; i < 20; i++) {
        const s = performance.now();
        listCases(big, q);
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      console.log(`    ${name.padEnd(26)} ${times[10].toFixed(2)} ms`);
    }
    big.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
