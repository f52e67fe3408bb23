// What the ECDC model needs beside the CD4 count and a clerk can know from the case file: whether
// an AIDS-defining illness was present at the HIV diagnosis, and the date of the first AIDS
// diagnosis. Both may stay unknown (NULL); existing cases start unknown.
import type { Migration } from './types.js';

export const m0016: Migration = {
  version: 16,
  name: 'AIDS diagnosis',
  up(db) {
    db.exec(`
      ALTER TABLE hiv_case ADD COLUMN aids_at_diagnosis INTEGER CHECK (aids_at_diagnosis IN (0, 1));
      ALTER TABLE hiv_case ADD COLUMN first_aids_date TEXT
        CHECK (first_aids_date IS NULL OR first_aids_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
    `);
  },
};
