// Fewer pages written per saved case (each page of a commit is written, encrypted, to the WAL and
// later copied back): 23 pages a new case with five events became 17 (measured from the WAL).
// - case_event(kind, event_date) served the per-period derivation that status intervals replaced;
//   no statement uses it now, and its five random insertion points a case cost 4.4 pages.
// - The change log's index by entity sorted ids as text ("12" after "119"), so each new case and
//   its events landed mid-tree in two places; keyed by the id's number first, a case's entries and
//   its events' ("12/340") sit together at the end. Lookups name the same expression.
import type { Migration } from './types.js';

export const m0014: Migration = {
  version: 14,
  name: 'write-lean indexes',
  up(db) {
    db.exec(`
      DROP INDEX case_event_kind_date;
      DROP INDEX audit_log_entity;
      CREATE INDEX audit_log_entity ON audit_log(CAST(entity_id AS INTEGER), entity);
    `);
  },
};
