// DHIS2's identifiers for this app's forms, data elements, cells and org units, as a DHIS2
// administrator fills them in the mapping workbook: exports to DHIS2 (dataValueSets, ADX) use
// them; what is not mapped goes out under this app's own codes and is counted as unmapped.
import type { Migration } from './types.js';

export const m0019: Migration = {
  version: 19,
  name: 'dhis2 mapping',
  up(db) {
    db.exec(`
      CREATE TABLE dhis2_mapping (
        kind TEXT NOT NULL CHECK (kind IN ('dataSet', 'dataElement', 'categoryOptionCombo', 'orgUnit')),
        local TEXT NOT NULL,
        remote TEXT NOT NULL CHECK (length(remote) BETWEEN 1 AND 50),
        PRIMARY KEY (kind, local)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
