// docs/data-dictionary.md names every table and every column of a fresh database: a schema change
// without its line in the dictionary fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../db/open.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const DICTIONARY = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'data-dictionary.md'), 'utf8');

/** A table's section: from its heading to the next heading. */
function section(table: string): string | null {
  const start = DICTIONARY.indexOf(`### \`${table}\``);
  if (start < 0) return null;
  const next = DICTIONARY.indexOf('\n#', start + 1);
  return DICTIONARY.slice(start, next < 0 ? undefined : next);
}

describe('the data dictionary', () => {
  it('describes every table and column of the current schema', () => {
    const db = createDeskDatabase(join(tempDir(), 'd.sqlite'), () => {});
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    const missing: string[] = [];
    for (const table of tables) {
      const text = section(table);
      if (!text) {
        missing.push(table);
        continue;
      }
      for (const column of db.prepare(`SELECT name FROM pragma_table_xinfo(?)`).pluck().all(table) as string[]) {
        if (!text.includes(`\`${column}\``)) missing.push(`${table}.${column}`);
      }
    }
    db.close();
    expect(missing).toEqual([]);
    expect(tables.length).toBeGreaterThan(15);
  });
});
