// Aggregate forms: data elements with their category combination, values per cell, org unit and
// period, validation rules stored as data, and approval that locks a form's period. Frozen: its data is in data/.
import { DATA_ELEMENTS_V4, FORMS_V4, RULES_V4 } from './data/0004-aggregate-forms.js';
import type { Migration } from './types.js';

export const m0004: Migration = {
  version: 4,
  name: 'aggregate forms',
  up(db) {
    db.exec(`
      CREATE TABLE form (code TEXT PRIMARY KEY) STRICT;
      CREATE TABLE data_element (
        code TEXT PRIMARY KEY,
        form_code TEXT NOT NULL REFERENCES form(code),
        combo TEXT NOT NULL,
        value_type TEXT NOT NULL CHECK (value_type IN ('count', 'text'))
      ) STRICT;
      CREATE TABLE data_value (
        data_element TEXT NOT NULL REFERENCES data_element(code),
        coc TEXT NOT NULL,
        org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
        period TEXT NOT NULL,
        value_number INTEGER CHECK (value_number BETWEEN 0 AND 10000000),
        value_text TEXT,
        comment TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        CHECK ((value_number IS NULL) != (value_text IS NULL)),
        PRIMARY KEY (org_unit_id, period, data_element, coc)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE validation_rule (
        code TEXT PRIMARY KEY,
        form_code TEXT NOT NULL REFERENCES form(code),
        definition TEXT NOT NULL CHECK (json_valid(definition))
      ) STRICT;
      CREATE TABLE form_approval (
        form_code TEXT NOT NULL REFERENCES form(code),
        org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
        period TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        approved_by TEXT NOT NULL,
        PRIMARY KEY (form_code, org_unit_id, period)
      ) STRICT;
    `);
    const form = db.prepare('INSERT INTO form (code) VALUES (?)');
    for (const f of FORMS_V4) form.run(f);
    const de = db.prepare('INSERT INTO data_element (code, form_code, combo, value_type) VALUES (?, ?, ?, ?)');
    for (const d of DATA_ELEMENTS_V4) de.run(...d);
    const rule = db.prepare('INSERT INTO validation_rule (code, form_code, definition) VALUES (?, ?, ?)');
    for (const r of RULES_V4) rule.run(...r);
  },
};
