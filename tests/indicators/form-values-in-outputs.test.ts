// Every value the aggregate-form grid accepts (rule violations included: they are warnings) must be
// shown by every output: the dashboard's cascade, the trend, the workbook and the fact sheet.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import type { DeskSession } from '../../electron/service/session.js';
import { comboCells, DATA_ELEMENTS, TESTING_SETTINGS, TOTAL } from '../../shared/forms/definitions.js';
import { useSessions, withDemo } from '../helpers/session.js';
import { sheetsAsCsv } from '../helpers/libreoffice.js';
import { en } from '../../shared/i18n/index.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();

function demo() {
  return withDemo(session(tempDir()));
}

async function expectOk(s: DeskSession, channel: Parameters<typeof dispatchAsync>[1], input: unknown) {
  const r = await dispatchAsync(s, channel, input, silentLogger);
  expect(r.ok ? 'ok' : JSON.stringify(r.error), String(channel)).toBe('ok');
  return r.ok ? (r.value as never) : (null as never);
}

/** Every call that shows the forms' values for a year. */
async function everyOutput(s: DeskSession, countryId: number, countryCode: string, year: number) {
  for (const dimension of ['none', 'sex', 'key_population'] as const)
    await expectOk(s, 'indicators.cascade', { period: String(year), orgUnitId: countryId, dimension });
  await expectOk(s, 'exports.indicatorWorkbook', {
    period: String(year),
    orgUnitId: countryId,
    dimensions: ['sex'],
    language: 'ru',
    outside: true,
    years: 3,
  });
  await expectOk(s, 'factsheet.get', { country: countryCode, year });
  await expectOk(s, 'factsheet.workbook', { country: countryCode, year, language: 'en' });
}

describe('values the forms accept, in every output', () => {
  it('positive 1300 against tested 1200: the cascade shows positivity over 100%, flagged, and the trend keeps the year', async () => {
    const { s, country, unit } = demo();
    const saved = dispatch(
      s,
      'forms.save',
      {
        form: 'testing',
        orgUnitId: unit.id,
        period: '2016',
        cells: [
          { de: 'tested_voluntary', coc: TOTAL, value: '1200' },
          { de: 'positive_voluntary', coc: TOTAL, value: '1300' },
        ],
      },
      silentLogger,
    );
    expect(saved.ok && saved.value.violations.length).toBeGreaterThan(0); // accepted, with its warning
    const r = (await expectOk(s, 'indicators.cascade', { period: '2016', orgUnitId: country.id, dimension: 'none' })) as {
      testing: { setting: string; positivity: Record<string, unknown> }[];
    };
    const voluntary = r.testing.find((x) => x.setting === 'voluntary')!;
    expect(voluntary.positivity).toMatchObject({ computable: true, numerator: 1300, denominator: 1200, warning: 'over_100' });
    expect(voluntary.positivity.value).toBeCloseTo(1300 / 1200);
    expect([voluntary.positivity.low, voluntary.positivity.high]).toEqual([null, null]); // no interval for an impossible share
    await everyOutput(s, country.id, country.countryCode, 2016);
    await everyOutput(s, country.id, country.countryCode, 2017);
    // In the workbook, read by LibreOffice: the share as it is, no interval, the flag in its note column.
    const file = (await expectOk(s, 'exports.indicatorWorkbook', {
      period: '2016',
      orgUnitId: country.id,
      dimensions: ['sex'],
      language: 'en',
      outside: false,
    })) as { path: string };
    const row = sheetsAsCsv(file.path)
      .get('Testing')!
      .find((x) => x[0] === 'Voluntary')!;
    expect(row.slice(1, 7)).toEqual(['1,200', '1,300', '108.3%', '', '', en.indicators.over100]);
  }, 120_000);

  it('an estimate below the number diagnosed: the first 90 is over 100%, flagged, not a failure', async () => {
    const { s, country, unit } = demo();
    dispatch(
      s,
      'forms.save',
      { form: 'estimates', orgUnitId: unit.id, period: '2017', cells: [{ de: 'est_plhiv', coc: '', value: '1' }] },
      silentLogger,
    );
    const r = (await expectOk(s, 'indicators.cascade', { period: '2017', orgUnitId: country.id, dimension: 'none' })) as {
      total: { cascade: { first90: Record<string, unknown> } };
    };
    expect(r.total.cascade.first90).toMatchObject({ computable: true, denominator: 1, warning: 'over_100' });
    await everyOutput(s, country.id, country.countryCode, 2017);
    // The fact sheet's workbook flags it as the dashboard does.
    const file = (await expectOk(s, 'factsheet.workbook', { country: country.countryCode, year: 2017, language: 'en' })) as {
      path: string;
    };
    const row = sheetsAsCsv(file.path)
      .get('3.1 Migrants')!
      .find((x) => x[0] === en.indicators.percentages.first90)!;
    expect(row[5]).toBe(en.indicators.over100); // in the year's interval column
  });

  it('random values the grid accepts never make an indicator, workbook or fact-sheet call fail', async () => {
    const { s, country, unit } = demo();
    const counts = DATA_ELEMENTS.filter((d) => d.valueType === 'count');
    const value = fc.oneof(
      fc.constantFrom('0', '1', '10000000', ''),
      fc.nat({ max: 10_000_000 }).map(String),
      fc.nat({ max: 50 }).map(String),
    );
    const one = fc.constantFrom(...counts).chain((de) =>
      fc.record({
        form: fc.constant(de.form),
        de: fc.constant(de.code),
        coc: de.combo === 'default' ? fc.constant('') : fc.constantFrom(TOTAL, ...comboCells(de.combo).slice(0, 40)),
        value,
      }),
    );
    // Tested and positive of one setting and cell, each drawn on its own: positive is often the larger.
    const pair = fc
      .tuple(fc.constantFrom('', 'kp_'), fc.constantFrom(...TESTING_SETTINGS), value, value)
      .chain(([kp, setting, tested, positive]) =>
        fc.constantFrom(TOTAL, ...comboCells(kp ? 'key_population' : 'demographic').slice(0, 20)).map((coc) => [
          { form: 'testing' as const, de: `tested_${kp}${setting}`, coc, value: tested },
          { form: 'testing' as const, de: `positive_${kp}${setting}`, coc, value: positive },
        ]),
      );
    const cell = fc.oneof(
      one.map((c) => [c]),
      pair,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2008, max: 2024 }),
        fc.array(cell, { minLength: 1, maxLength: 8 }).map((xs) => xs.flat()),
        async (year, cells) => {
          for (const c of cells) {
            const period = String(year);
            const r = dispatch(
              s,
              'forms.save',
              { form: c.form, orgUnitId: unit.id, period, cells: [{ de: c.de, coc: c.coc, value: c.value === '' ? null : c.value }] },
              silentLogger,
            );
            expect(r.ok ? 'ok' : JSON.stringify(r.error), JSON.stringify(c)).toBe('ok');
          }
          await everyOutput(s, country.id, country.countryCode, year);
        },
      ),
      { numRuns: 8 },
    );
  });
});
