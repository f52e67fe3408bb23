// What the ECDC HIV model needs from the register, counted per year of diagnosis for a population
// (an org unit and its sub-units, optionally one migrant type, legal status or key population):
// new diagnoses, the same by the CD4 count at diagnosis (the definitions' own: the first CD4 within
// 91 days after diagnosis, not after the first ART start) in the model's four stages, deaths of the
// diagnosed by year, and the cases without a CD4 at diagnosis; the cases marked with AIDS at
// diagnosis (HIV/AIDS, by their CD4 too, so a model may take them out of the CD4 series), and the
// first AIDS diagnoses by year.
import { stmt, type Db } from './connection.js';
import { subtree } from './indicators.js';
import { summarize, type CaseFacts } from '../shared/indicators/case-status.js';
import { kpBit } from '../shared/cases/key-population-bits.js';
import type { KEY_POPULATIONS, LEGAL_STATUSES, MIGRANT_TYPES } from '../shared/cases/schema.js';

export type SeriesPopulation = {
  migrantType?: (typeof MIGRANT_TYPES)[number];
  legalStatus?: (typeof LEGAL_STATUSES)[number];
  keyPopulation?: (typeof KEY_POPULATIONS)[number];
};

export type RegisterSeries = {
  years: number[];
  hiv: number[];
  /** By CD4 at diagnosis: ≥ 500, 350-499, 200-349, < 200. */
  cd4: [number[], number[], number[], number[]];
  dead: number[];
  /** Diagnosed in the year without a CD4 count within 91 days (not after ART start). */
  withoutCd4: number[];
  /** Diagnosed in the year with AIDS at diagnosis (marked, or a first AIDS date within 91 days). */
  hivAids: number[];
  /** Those of `hivAids` by their CD4 stage at diagnosis (the rest have none). */
  hivAidsCd4: [number[], number[], number[], number[]];
  /** First AIDS diagnoses in the year (at the HIV diagnosis or later), of the cases counted. */
  aids: number[];
  /** Diagnosed in the year with AIDS at diagnosis recorded (yes or no). */
  aidsKnown: number[];
};

/** The model's CD4 stage (0-3) for a count. */
export const cd4Stage = (cd4: number) => (cd4 >= 500 ? 0 : cd4 >= 350 ? 1 : cd4 >= 200 ? 2 : 3);

export function registerSeries(
  db: Db,
  orgUnitId: number,
  firstYear: number,
  lastYear: number,
  population: SeriesPopulation = {},
): RegisterSeries {
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const zeros = () => years.map(() => 0);
  const out: RegisterSeries = {
    years,
    hiv: zeros(),
    cd4: [zeros(), zeros(), zeros(), zeros()],
    dead: zeros(),
    withoutCd4: zeros(),
    hivAids: zeros(),
    hivAidsCd4: [zeros(), zeros(), zeros(), zeros()],
    aids: zeros(),
    aidsKnown: zeros(),
  };
  const cases = stmt(
    db,
    `SELECT id, diagnosis_date, aids_at_diagnosis, first_aids_date FROM hiv_case
      WHERE deleted_at IS NULL AND org_unit_id IN (SELECT value FROM json_each(@units))
        AND diagnosis_date >= @from AND diagnosis_date <= @to
        AND (@migrantType IS NULL OR migrant_type = @migrantType) AND (@legalStatus IS NULL OR legal_status = @legalStatus)
        AND (@kpBit IS NULL OR kp_mask & @kpBit != 0)
      ORDER BY id`,
  ).all({
    units: JSON.stringify(subtree(db, orgUnitId)),
    from: `${firstYear}-01-01`,
    to: `${lastYear}-12-31`,
    migrantType: population.migrantType ?? null,
    legalStatus: population.legalStatus ?? null,
    kpBit: population.keyPopulation ? kpBit(population.keyPopulation) : null,
  }) as { id: number; diagnosis_date: string; aids_at_diagnosis: number | null; first_aids_date: string | null }[];
  const events = stmt(
    db,
    `SELECT kind, event_date AS date, cd4, outcome FROM case_event WHERE case_id = ? AND kind IN ('cd4', 'art_start', 'outcome') ORDER BY event_date, id`,
  );
  for (const c of cases) {
    const i = Number(c.diagnosis_date.slice(0, 4)) - firstYear;
    out.hiv[i]!++;
    const own = events.all(c.id) as { kind: string; date: string; cd4: number | null; outcome: string | null }[];
    const facts: CaseFacts = {
      diagnosisDate: c.diagnosis_date,
      events: own.map((e) => ({
        kind: e.kind as never,
        date: e.date,
        cd4: e.cd4,
        copies: null,
        undetectable: null,
        outcome: e.outcome as never,
      })),
    };
    const atDiagnosis = summarize(facts, '9999-12-31').cd4AtDiagnosis;
    if (atDiagnosis === null) out.withoutCd4[i]!++;
    else out.cd4[cd4Stage(atDiagnosis)][i]!++;
    const aidsSoon = c.first_aids_date !== null && Date.parse(c.first_aids_date) - Date.parse(c.diagnosis_date) <= 91 * 86_400_000;
    if (c.aids_at_diagnosis !== null || aidsSoon) out.aidsKnown[i]!++;
    if (c.aids_at_diagnosis === 1 || aidsSoon) {
      out.hivAids[i]!++;
      if (atDiagnosis !== null) out.hivAidsCd4[cd4Stage(atDiagnosis)][i]!++;
    }
    // The first AIDS diagnosis: its date, or the HIV diagnosis's when only "at diagnosis" is marked.
    const aidsDate = c.first_aids_date ?? (c.aids_at_diagnosis === 1 ? c.diagnosis_date : null);
    const a = aidsDate ? Number(aidsDate.slice(0, 4)) - firstYear : -1;
    if (a >= 0 && a < years.length) out.aids[a]!++;
    // A death is counted in its year once; deaths after the last year are outside the series.
    const death = own.find((e) => e.kind === 'outcome' && e.outcome === 'died');
    const d = death ? Number(death.date.slice(0, 4)) - firstYear : -1;
    if (d >= 0 && d < years.length) out.dead[d]!++;
  }
  return out;
}
