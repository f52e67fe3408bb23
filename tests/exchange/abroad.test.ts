// Citizens diagnosed abroad, country to country, through the contract between real (encrypted)
// centre databases: Russia's national centre counts Tajikistan's citizens newly diagnosed in its
// register, by hand-known groups, small counts hidden, and seals the counts to Tajikistan's national
// centre, which previews, loads (once), and replaces them with a newer package; everything a wrong
// package could be is refused with its reason and nothing written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeskSession } from '../../electron/service/session.js';
import { auditHead, bytesUpload, call, craft, introduce, partnerId, refusedWith, upload } from '../helpers/exchange.js';
import { aCase } from '../helpers/cases.js';
import { createCentre, useSessions } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';
import { sheetsAsCsv } from '../helpers/libreoffice.js';
import { ABROAD_GROUPS, type AbroadYear } from '../../shared/exchange/abroad.js';
import type { CaseInput } from '../../shared/cases/schema.js';

const tempDir = useTempDirs();
const session = useSessions();

const national = (countryCode: string, region: string, login: string) => ({
  countryCode,
  region,
  centre: `${region}: национальный центр СПИД`,
  login,
  password: 'ЧуйскаяДолина-2017',
});

let n = 0;
async function person(s: DeskSession, over: Partial<CaseInput>, artStart: string | null = null, deleted = false) {
  n++;
  const made = await call(s, 'cases.create', {
    case: aCase({
      registerNo: `Р-${n}`,
      uic: `АНМА1${1950 + n}`,
      birthYear: 1990,
      citizenship: 'TJK',
      migrantType: 'immigrant',
      keyPopulations: ['none'],
      transmissionRoute: 'heterosexual',
      diagnosisDate: '2017-05-10',
      diagnosisCountry: 'RUS',
      ...over,
    }),
    allowDuplicate: false,
  });
  if (artStart) await call(s, 'events.save', { caseId: made.id, eventId: null, event: { kind: 'art_start', date: artStart } });
  if (deleted) await call(s, 'cases.delete', { id: made.id });
  return made;
}

/**
 * Russia's register, 2017, Tajik citizens: 12 counted. Sex 6 men, 6 women; age (in 2017) 5 of
 * 15-24, 7 of 25-49; 2 who inject drugs (hidden: 1 to 4), 10 in no key population; all
 * immigrants; 6 started ART in 2017 (a seventh in January 2018, after the year). Not counted: a Tajik citizen
 * diagnosed in Tajikistan, two Uzbek citizens, a deleted record. 2016: one Tajik citizen (hidden).
 */
async function russiaRegister(rus: DeskSession) {
  for (let i = 0; i < 12; i++)
    await person(
      rus,
      {
        sex: i < 6 ? 'male' : 'female',
        birthYear: i < 5 ? 1997 : 1980,
        keyPopulations: i < 2 ? ['pwid'] : ['none'],
        diagnosisDate: i === 11 ? '2017-12-20' : '2017-05-10',
      },
      i < 6 ? '2017-06-01' : i === 11 ? '2018-01-10' : null,
    );
  await person(rus, { diagnosisCountry: 'TJK' }, '2017-06-01');
  await person(rus, { citizenship: 'UZB' });
  await person(rus, { citizenship: 'UZB' });
  await person(rus, {}, null, true);
  await person(rus, { diagnosisDate: '2016-08-01' });
}

async function twoCountries() {
  const rus = session(tempDir());
  await createCentre(rus, national('RUS', 'Москва', 'Ладная'));
  const tjk = session(tempDir());
  await createCentre(tjk, national('TJK', 'Душанбе', 'Гиясова'));
  await introduce(rus, tjk);
  return { rus, tjk, toTjk: await partnerId(rus, 'Душанбе: национальный центр СПИД') };
}

const groups = (y: AbroadYear, d: keyof AbroadYear['by']) => Object.fromEntries(y.by[d].map((g) => [g.key, g.n]));

describe('citizens diagnosed abroad, country to country', () => {
  it('counts another country’s citizens newly diagnosed here, small counts hidden, and the receiver loads them once', async () => {
    const { rus, tjk, toTjk } = await twoCountries();
    await russiaRegister(rus);

    const made = await call(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2016, toYear: 2017 });
    expect(made).toMatchObject({
      sequence: 1,
      citizenship: 'TJK',
      years: [
        { year: 2016, total: null },
        { year: 2017, total: 12 },
      ],
    });
    expect(made.file.fileName).toMatch(/^citizens-abroad-RUS-to-TJK-2016-2017-0001\.mhdpkg$/);
    const bytes = readFileSync(made.file.path);
    for (const secret of ['Р-1', 'АНМА11951', '"total"']) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);

    const before = auditHead(tjk);
    const preview = await call(tjk, 'exchange.previewPackage', bytesUpload(bytes, made.file.fileName));
    expect(preview).toMatchObject({ kind: 'abroad', sequence: 1, alreadyLoaded: false, gap: null });
    expect(preview.abroad).toEqual({
      fromCountry: 'RUS',
      citizenship: 'TJK',
      years: [
        { year: 2016, total: null, maxCount: 4, before: 'none' },
        { year: 2017, total: 12, maxCount: 4, before: 'none' },
      ],
    });
    expect(auditHead(tjk)).toBe(before); // a preview writes nothing
    expect(await call(tjk, 'exchange.confirmPackage', { packageId: preview.packageId })).toMatchObject({ reports: 2, created: 0 });

    const reports = await call(tjk, 'exchange.abroadReports', { fromYear: 2010, toYear: 2020 });
    expect(reports.map((r) => [r.year, r.fromCountry, r.centre, r.total])).toEqual([
      [2017, 'RUS', 'Москва: национальный центр СПИД', 12],
      [2016, 'RUS', 'Москва: национальный центр СПИД', null],
    ]);
    const y2017 = reports[0]!;
    expect(groups(y2017, 'sex')).toEqual({ male: 6, female: 6, unknown: 0 });
    expect(groups(y2017, 'age')).toEqual({ '<15': 0, '15-24': 5, '25-49': 7, '50+': 0, unknown: 0 });
    // Key populations overlap, but "none" and "unknown" exclude the others: with the total, "none" would
    // give away the two who inject drugs (12 - 10 - 0), so it is hidden too.
    expect(groups(y2017, 'keyPopulation')).toEqual({ pwid: null, msm: 0, sw: 0, tg: 0, prison: 0, none: null, unknown: 0 });
    expect(groups(y2017, 'migrantType')).toEqual({ immigrant: 12, emigrant: 0, internal: 0 });
    // Started in the year of diagnosis: the woman diagnosed on 20 December started in January, after it.
    expect(groups(y2017, 'art')).toEqual({ started: 6, not_started: 6 });
    // 2016: one person, so nothing of that year shows.
    expect(reports[1]!.by.sex.every((g) => g.n === null)).toBe(true);

    // The same file again changes nothing.
    const head = auditHead(tjk);
    const again = await call(tjk, 'exchange.previewPackage', bytesUpload(bytes, made.file.fileName));
    expect(again.alreadyLoaded).toBe(true);
    expect(again.abroad!.years.map((y) => y.before)).toEqual(['same', 'same']);
    expect(await call(tjk, 'exchange.confirmPackage', { packageId: again.packageId })).toMatchObject({ reports: 0 });
    expect(auditHead(tjk)).toBe(head);

    // A newer package of 2017 with one more woman (aged 57) replaces that year only. Beside the first
    // package, a total one higher would describe her in every breakdown: the whole year is hidden.
    await person(rus, { sex: 'female', birthYear: 1960 });
    const newer = await call(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2017, toYear: 2017 });
    expect(newer.sequence).toBe(2);
    const p2 = await call(tjk, 'exchange.previewPackage', upload(newer.file.path));
    expect(p2.abroad!.years).toEqual([{ year: 2017, total: null, maxCount: 4, before: 'replaced' }]);
    await call(tjk, 'exchange.confirmPackage', { packageId: p2.packageId });
    // Five more women aged 25-49: the totals moved by more than a few (12, then 18), shown again; a
    // breakdown where a group moved by a few since a package before (50+: 0, now 1) is hidden whole.
    for (let i = 0; i < 5; i++) await person(rus, { sex: 'female', birthYear: 1980 });
    const third = await call(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2017, toYear: 2017 });
    await call(tjk, 'exchange.confirmPackage', {
      packageId: (await call(tjk, 'exchange.previewPackage', upload(third.file.path))).packageId,
    });
    const now = await call(tjk, 'exchange.abroadReports', { fromYear: 2016, toYear: 2017 });
    expect(now.map((r) => [r.year, r.total, r.sequence])).toEqual([
      [2017, 18, 3],
      [2016, null, 1],
    ]);
    expect(groups(now[0]!, 'sex')).toEqual({ male: 6, female: 12, unknown: 0 });
    expect(Object.values(groups(now[0]!, 'age'))).toEqual([null, null, null, null, null]);
    // The first package again: loaded already; its 2017 is older than the report that stands.
    const first = await call(tjk, 'exchange.previewPackage', bytesUpload(bytes, made.file.fileName));
    expect(first.alreadyLoaded).toBe(true);
    expect(first.abroad!.years.map((y) => y.before)).toEqual(['same', 'older']);

    // Tajikistan's fact sheet (section 3.1) names Russia's report beside its own register's count, and
    // its workbook, read back by LibreOffice, holds the same: 18 in 2017, 2016's hidden by the sender.
    const sheet = await call(tjk, 'factsheet.get', { country: 'TJK', year: 2017, language: 'en' });
    expect(sheet.register!.abroadReported).toEqual([
      {
        fromCountry: 'RUS',
        centre: 'Москва: национальный центр СПИД',
        madeAt: expect.stringMatching(/^\d{4}-/),
        current: 18,
        previous: 'hidden',
        startedArt: 6,
      },
    ]);
    const book = await call(tjk, 'factsheet.workbook', { country: 'TJK', year: 2017, language: 'en' });
    const rows = sheetsAsCsv(book.path).get('3.1 Migrants')!;
    expect(rows.find((r) => r[0]!.startsWith('Citizens diagnosed abroad, as reported by Russia'))!.slice(0, 3)).toEqual([
      'Citizens diagnosed abroad, as reported by Russia — started ART: 6',
      '18',
      '*',
    ]);
    expect(rows.some((r) => r[0]!.includes('Москва: национальный центр СПИД'))).toBe(true);

    // The load is in the change log, under the package, with the years it stored.
    const entry = tjk.database
      .prepare(`SELECT new_value FROM audit_log WHERE entity = 'exchange_package' AND action = 'import' ORDER BY id DESC LIMIT 1`)
      .get() as { new_value: string };
    expect(JSON.parse(entry.new_value)).toMatchObject({ years: [2017], reports: 1 });
  });

  it('keeps the register at home and the counts abroad: each kind refused where it does not belong, nothing written', async () => {
    const { rus, tjk, toTjk } = await twoCountries();
    const region = session(tempDir());
    await createCentre(region, national('RUS', 'Новосибирская область', 'Сибирь'));
    await introduce(region, rus);
    const toRegion = await partnerId(rus, 'Новосибирская область: национальный центр СПИД');

    expect((await refusedWith(rus, 'exchange.makeAbroadPackage', { partnerId: toRegion, fromYear: 2017, toYear: 2017 })).messageKey).toBe(
      'errors.abroad_partner_same_country',
    );
    expect((await refusedWith(rus, 'exchange.makePackage', { partnerId: toTjk, full: true })).messageKey).toBe(
      'errors.register_partner_other_country',
    );
    expect((await refusedWith(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2018, toYear: 2017 })).issues).toEqual([
      { path: 'toYear', messageKey: 'validation.year_range' },
    ]);
    expect((await refusedWith(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 1979, toYear: 1990 })).issues).toEqual([
      { path: 'fromYear', messageKey: 'validation.abroad_year' },
    ]);
    const thisYear = new Date().getFullYear();
    expect(
      (await refusedWith(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: thisYear, toYear: thisYear + 1 })).issues,
    ).toEqual([{ path: 'toYear', messageKey: 'validation.abroad_future' }]);

    // A year's line as a sender writes it: every group of each breakdown, here 6 men and 6 women in all.
    const by = (sex: Record<string, number | null> = { male: 6, female: 6 }) =>
      Object.fromEntries(
        Object.entries(ABROAD_GROUPS).map(([d, keys]) => [
          d,
          keys.map((key, i) => ({ key, n: d === 'sex' ? (key in sex ? sex[key]! : 0) : d === 'keyPopulation' ? 0 : i === 0 ? 12 : 0 })),
        ]),
      ) as AbroadYear['by'];
    const year = (over: Partial<AbroadYear> = {}): string =>
      JSON.stringify({ t: 'abroad', year: 2017, citizenship: 'TJK', maxCount: 4, total: 12, by: by(), ...over });
    const abroad = { kind: 'abroad' as const, citizenship: 'TJK', years: { from: 2017, to: 2017 }, counts: { years: 1 } };
    const sent = (lines: string[], body = abroad, sequence = 1) => {
      const p = craft(rus, tjk, lines, { sequence }, body);
      return bytesUpload(p, 'abroad.mhdpkg');
    };
    const head = auditHead(tjk);
    const refused = async (upload: ReturnType<typeof sent>) => (await refusedWith(tjk, 'exchange.previewPackage', upload)).messageKey;

    expect(await refused(sent([year({ citizenship: 'UZB' })], { ...abroad, citizenship: 'UZB' }))).toBe('errors.abroad_not_our_citizens');
    // Counts that cannot be: a group above the total, a breakdown not adding up, a group missing or not
    // of its breakdown, counts shown under a hidden total, a year outside the range, a line that is not one.
    const missing = JSON.parse(year()) as AbroadYear;
    missing.by.sex.pop();
    const foreign = JSON.parse(year()) as AbroadYear;
    foreign.by.sex[0]!.key = 'men';
    for (const wrong of [
      year({ by: by({ male: 20, female: null, unknown: null }) }),
      year({ by: by({ male: 6, female: 5 }) }),
      // A small count shown (the sender's own threshold hides 1 to 4), and a total that small shown.
      year({ by: by({ male: 10, female: 2 }) }),
      year({ total: 3, by: by({ male: null, female: null, unknown: null }) }),
      JSON.stringify(missing),
      JSON.stringify(foreign),
      year({ total: null }),
      year({ year: 2016 }),
      'not json',
    ])
      expect(await refused(sent([wrong]))).toBe('errors.package.inconsistent');
    // A manifest counting other lines than the package holds.
    expect(await refused(sent([year()], { ...abroad, counts: { years: 2 } }))).toBe('errors.package.inconsistent');
    // Two lines for one year, or a year missing from the range.
    expect(await refused(sent([year(), year()]))).toBe('errors.package.inconsistent');
    expect(await refused(sent([year()], { ...abroad, years: { from: 2016, to: 2017 }, counts: { years: 2 } }))).toBe(
      'errors.package.inconsistent',
    );
    // A register package from another country's centre is not loaded into this register.
    const register = {
      kind: 'register' as const,
      full: true,
      since: null,
      counts: { units: 0, cases: 0, events: 0, deleted: 0, values: 0, approvals: 0 },
    };
    expect(await refused(bytesUpload(craft(rus, tjk, [], {}, register), 'r.mhdpkg'))).toBe('errors.register_partner_other_country');
    // Counts of citizens abroad from a centre of the same country.
    expect(
      (
        await refusedWith(
          rus,
          'exchange.previewPackage',
          bytesUpload(craft(region, rus, [year({ citizenship: 'RUS' })], {}, { ...abroad, citizenship: 'RUS' }), 'a.mhdpkg'),
        )
      ).messageKey,
    ).toBe('errors.abroad_from_same_country');
    expect(auditHead(tjk)).toBe(head);
    expect(await call(tjk, 'exchange.abroadReports', { fromYear: 1980, toYear: 2100 })).toEqual([]);

    // Well-formed (6 men shown, the other two groups hidden together), it loads.
    const ok = await call(tjk, 'exchange.previewPackage', sent([year({ by: by({ male: 6, female: null, unknown: null }) })]));
    expect(ok.abroad!.years).toEqual([{ year: 2017, total: 12, maxCount: 4, before: 'none' }]);
  });

  it('stands one report a country and year, the one made last: a package arriving late loads only the years it is the newest for', async () => {
    const { rus, tjk, toTjk } = await twoCountries();
    await russiaRegister(rus);
    // Years before the register's first diagnosis (2016 here) would read as "none diagnosed": refused.
    expect((await refusedWith(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2015, toYear: 2017 })).issues).toEqual([
      { path: 'fromYear', messageKey: 'validation.abroad_before_register', params: { year: 2016 } },
    ]);
    const early = await call(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2016, toYear: 2017 });
    for (let i = 0; i < 6; i++) await person(rus, { sex: 'female', birthYear: 1980 });
    const late = await call(rus, 'exchange.makeAbroadPackage', { partnerId: toTjk, fromYear: 2017, toYear: 2017 });
    const load = async (path: string) => {
      const p = await call(tjk, 'exchange.previewPackage', upload(path));
      await call(tjk, 'exchange.confirmPackage', { packageId: p.packageId });
      return p;
    };
    // No. 2 arrives first; then no. 1, late: its 2016 loads, its 2017 is older than the one that stands.
    await load(late.file.path);
    const p1 = await load(early.file.path);
    expect(p1).toMatchObject({ sequence: 1, alreadyLoaded: false });
    expect(p1.abroad!.years.map((y) => [y.year, y.before])).toEqual([
      [2016, 'none'],
      [2017, 'older'],
    ]);
    const standing = async () =>
      (await call(tjk, 'exchange.abroadReports', { fromYear: 2016, toYear: 2017 })).map((r) => [r.year, r.centre, r.total, r.sequence]);
    expect(await standing()).toEqual([
      [2017, 'Москва: национальный центр СПИД', 18, 2],
      [2016, 'Москва: национальный центр СПИД', null, 1],
    ]);

    // Another Russian centre reports 2017 later (its own register: 5 Tajik citizens): one Russia
    // column, the report made last, never two side by side counting the same people.
    const region = session(tempDir());
    await createCentre(region, national('RUS', 'Новосибирская область', 'Сибирь'));
    await introduce(region, tjk);
    for (let i = 0; i < 5; i++) await person(region, {});
    const other = await call(region, 'exchange.makeAbroadPackage', {
      partnerId: await partnerId(region, 'Душанбе: национальный центр СПИД'),
      fromYear: 2017,
      toYear: 2017,
    });
    expect((await load(other.file.path)).abroad!.years.map((y) => y.before)).toEqual(['replaced']);
    expect(await standing()).toEqual([
      [2017, 'Новосибирская область: национальный центр СПИД', 5, 1],
      [2016, 'Москва: национальный центр СПИД', null, 1],
    ]);
    // Moscow's 2017 made earlier than the region's: its re-sent no. 2 would not stand.
    expect((await call(tjk, 'exchange.previewPackage', upload(late.file.path))).abroad!.years.map((y) => y.before)).toEqual(['older']);
  });
});
