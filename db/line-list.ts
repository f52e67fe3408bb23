// The register as one row per case for the national centre (pseudonymous: register number and
// UIC, never a name), read in id order a chunk at a time so a large export never holds the whole
// register in memory and never keeps the connection busy between chunks.
import { stmt, type Db } from './connection.js';
import { keyPopulationsOf } from '../shared/cases/key-population-bits.js';

const kpList = (mask: number): string | null => (mask ? keyPopulationsOf(mask).join(';') : null);

export type LineListRow = [
  id: number,
  registerNo: string,
  uic: string,
  sex: string,
  birthYear: number | null,
  citizenship: string | null,
  migrantType: string,
  legalStatus: string,
  keyPopulations: string | null,
  transmissionRoute: string,
  infectionCountry: string | null,
  diagnosisDate: string,
  diagnosisCountry: string | null,
  outcome: string,
  firstArt: string | null,
  lastCd4: number | null,
  lastCd4Date: string | null,
  lastVl: number | null,
  lastVlUndetectable: number | null,
  lastVlDate: string | null,
  aidsAtDiagnosis: number | null,
  firstAidsDate: string | null,
];

const CHUNK_SQL = `
SELECT c.id, c.register_no, c.uic, c.sex, c.birth_year, c.citizenship, c.migrant_type, c.legal_status,
  c.kp_mask,
  c.transmission_route, c.infection_country, c.diagnosis_date, c.diagnosis_country, c.current_outcome,
  (SELECT min(event_date) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'art_start'),
  cd4.cd4, cd4.event_date, vl.vl_copies, vl.vl_undetectable, vl.event_date, c.aids_at_diagnosis, c.first_aids_date
FROM hiv_case c
LEFT JOIN case_event cd4 ON cd4.id = (SELECT id FROM case_event e WHERE e.case_id = c.id AND e.kind = 'cd4' ORDER BY event_date DESC, id DESC LIMIT 1)
LEFT JOIN case_event vl ON vl.id = (SELECT id FROM case_event e WHERE e.case_id = c.id AND e.kind = 'viral_load' ORDER BY event_date DESC, id DESC LIMIT 1)
WHERE c.deleted_at IS NULL AND c.org_unit_id IN (SELECT value FROM json_each(@units)) AND c.id > @after
ORDER BY c.id LIMIT @limit`;

export function lineListCount(db: Db, units: number[]): number {
  return (
    stmt(db, 'SELECT count(*) AS n FROM hiv_case WHERE deleted_at IS NULL AND org_unit_id IN (SELECT value FROM json_each(?))').get(
      JSON.stringify(units),
    ) as { n: number }
  ).n;
}

/** The next chunk of cases after the id `after`, in id order. */
export function lineListChunk(db: Db, units: number[], after: number, limit: number): LineListRow[] {
  const rows = db
    .prepare(CHUNK_SQL)
    .raw(true)
    .all({ units: JSON.stringify(units), after, limit }) as LineListRow[];
  // Key populations from the mask kept on the case (shared/cases/key-population-bits.ts): no look-up per case.
  for (const r of rows) r[8] = kpList(r[8] as unknown as number);
  return rows;
}
