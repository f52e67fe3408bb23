// The register in the ECDC tool's own input format, for a centre to run the tool itself or hand
// the files to ECDC: a ZIP holding one folder that the tool's reader (ours, as hostile as the
// tool's input deserves) reads back to the very counts and settings the app's own model uses.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import { registerSeries } from '../../db/ecdc-series.js';
import { modelInputFromRegister } from '../../electron/service/estimates/ecdc/register-input.js';
import { readReferenceFolder } from '../../electron/service/estimates/ecdc/reference-format.js';
import { useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

describe('the register in the ECDC tool’s input format', () => {
  it('is a ZIP of one folder the tool’s format reader reads back to the model’s own input, and the export is audited', async () => {
    const s = session(tempDir());
    const opened = dispatch(s, 'setup.openDemo', {}, silentLogger);
    if (!opened.ok) throw new Error('demo did not open');
    const country = opened.value.database!.orgUnitPath[0]!.id;
    const asked = { orgUnitId: country, firstYear: 2012, lastYear: 2017, population: { legalStatus: 'irregular' as const }, knots: 3 };
    const made = await dispatchAsync(s, 'estimates.ecdcFiles', { ...asked, rateChangeYears: [2015] }, silentLogger);
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    expect(made.value.fileName).toMatch(/^ecdc-input-KAZ-\d+-migrants-irregular-2012-2017\.zip$/);

    const zip = await JSZip.loadAsync(readFileSync(made.value.path));
    const folder = made.value.fileName.replace(/\.zip$/, '');
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names.sort()).toEqual(
      [
        'AIDS.csv',
        'Dead.csv',
        'HIV.csv',
        'HIVAIDS.csv',
        'HIV_CD4_1.csv',
        'HIV_CD4_2.csv',
        'HIV_CD4_3.csv',
        'HIV_CD4_4.csv',
        'migrants-irregular.xml',
      ]
        .map((n) => `${folder}/${n}`)
        .sort(),
    );
    const out = join(tempDir(), folder);
    mkdirSync(out);
    for (const n of names) writeFileSync(join(out, n.slice(folder.length + 1)), await zip.files[n]!.async('nodebuffer'));
    const expected = modelInputFromRegister(registerSeries(s.database, country, 2012, 2017, { legalStatus: 'irregular' }), {
      knots: 3,
      rateChangeYears: [2015],
    });
    expect(readReferenceFolder(out)).toEqual(expected);
    expect(expected.data.hiv.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(expected.settings.intervals.map((i) => i.startYear)).toEqual([2012, 2015]);

    const audit = dispatch(s, 'audit.recent', { limit: 1 }, silentLogger);
    expect(audit.ok && audit.value[0]).toMatchObject({ action: 'export', entity: 'ecdc_input', entityId: made.value.fileName });
    // Years the model cannot use are refused with the reason, and nothing is written.
    const short = await dispatchAsync(s, 'estimates.ecdcFiles', { ...asked, lastYear: 2014 }, silentLogger);
    expect(short.ok || short.error.issues?.[0]?.messageKey).toBe('validation.estimate_years');
    const empty = await dispatchAsync(s, 'estimates.ecdcFiles', { ...asked, firstYear: 1990, lastYear: 1999 }, silentLogger);
    expect(empty.ok || empty.error.issues?.[0]?.messageKey).toBe('validation.estimate_no_cases');
  });
});
