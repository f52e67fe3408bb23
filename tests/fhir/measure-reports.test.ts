// The WHO SMART HIV measures as FHIR R4 MeasureReports in a Bundle: valid against the FHIR R4 JSON
// schema (its MeasureReport and Bundle parts, in the fixtures), the same numbers as the dashboard,
// a stratifier per breakdown, and no count from 1 to the threshold anywhere (it leaves the centre).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SMART_HIV_CANONICAL, SMART_MEASURES } from '../../shared/fhir/api.js';
import { call } from '../helpers/exchange.js';
import { centreWithNine, useSessions, withDemo } from '../helpers/session.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const session = useSessions();
const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'fhir', 'fhir-r4-measure-report.schema.json'), 'utf8')) as object,
);

type Population = { code: { coding: { code: string }[] }; count?: number };
type Group = {
  population?: Population[];
  measureScore?: { value: number };
  stratifier?: { code: { text: string }[]; stratum: { value: { text: string }; population: Population[] }[] }[];
};
type Bundle = {
  resourceType: string;
  entry: { resource: { measure: string; period: { start: string; end: string }; reporter: { display: string }; group: Group[] } }[];
};
const count = (pops: Population[] | undefined, code: string) => pops?.find((p) => p.code.coding[0]!.code === code)?.count;

/** Every count in the file: none may be from 1 to the threshold. */
function counts(b: Bundle): number[] {
  return b.entry.flatMap((e) =>
    e.resource.group.flatMap((g) => [
      ...(g.population ?? []).flatMap((p) => (p.count === undefined ? [] : [p.count])),
      ...(g.stratifier ?? []).flatMap((s) =>
        s.stratum.flatMap((st) => st.population.flatMap((p) => (p.count === undefined ? [] : [p.count]))),
      ),
    ]),
  );
}

describe('FHIR MeasureReports of the WHO SMART HIV measures', () => {
  it('gives the demo’s 2017 cascade as a Bundle valid against FHIR R4, the dashboard’s numbers, stratified, small counts hidden', async () => {
    const { s, country } = withDemo(session(tempDir()));
    const file = await call(s, 'fhir.measureReports', { period: '2017' });
    const bundle = JSON.parse(readFileSync(file.path, 'utf8')) as Bundle;
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(bundle.entry.map((e) => e.resource.measure)).toEqual(SMART_MEASURES.map((m) => `${SMART_HIV_CANONICAL}${m.measure}`));
    expect(bundle.entry[0]!.resource.period).toEqual({ start: '2017-01-01', end: '2017-12-31' });
    expect(bundle.entry[0]!.resource.reporter.display).toBe(country.name);

    const cascade = await call(s, 'indicators.cascade', { period: '2017', orgUnitId: country.id, dimension: 'none' });
    const onArt = bundle.entry.find((e) => e.resource.measure.endsWith('HIVIND27'))!.resource.group[0]!;
    const p = cascade.total.cascade.second90;
    expect([count(onArt.population, 'numerator'), count(onArt.population, 'denominator')]).toEqual([p.numerator, p.denominator]);
    expect(onArt.measureScore!.value).toBeCloseTo(p.computable ? p.value : NaN, 6);
    // By sex, the strata add up to the whole.
    const bySex = onArt.stratifier?.find((x) => x.code[0]!.text === 'sex');
    if (bySex) expect(bySex.stratum.reduce((n, st) => n + count(st.population, 'numerator')!, 0)).toBe(p.numerator);
    expect(onArt.stratifier?.length ?? 0).toBeGreaterThan(0);
    // No first 90 without an estimate: the numerator alone, no score.
    const first = bundle.entry.find((e) => e.resource.measure.endsWith('HIVIND18'))!.resource.group[0]!;
    expect(first.measureScore).toBeUndefined();
    expect(counts(bundle).filter((n) => n >= 1 && n <= 4)).toEqual([]);
    // A copy without its measure fails the schema: the check can fail.
    const broken = JSON.parse(JSON.stringify(bundle)) as { entry: { resource: Record<string, unknown> }[] };
    delete broken.entry[0]!.resource.measure;
    expect(validate(broken)).toBe(false);
  });

  it('a small centre: counts from 1 to the threshold and the stratifiers that would give them away are left out, and the file stays valid', async () => {
    const s = await centreWithNine(session(tempDir()), (i) => (i < 3 ? { kind: 'art_start', date: '2017-03-01' } : null));
    const file = await call(s, 'fhir.measureReports', { period: '2017' });
    const bundle = JSON.parse(readFileSync(file.path, 'utf8')) as Bundle;
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(counts(bundle).filter((n) => n >= 1 && n <= 4)).toEqual([]);
    const onArt = bundle.entry.find((e) => e.resource.measure.endsWith('HIVIND27'))!.resource.group[0]!;
    expect(onArt.measureScore).toBeUndefined(); // 3 of 9 on ART: 3 is a small count
    expect(onArt.stratifier).toBeUndefined();
  });
});
