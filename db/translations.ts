// Texts a centre corrected (the translation workbook): read when the database opens, saved in one
// audited transaction, each text its own change-log entry.
import { stmt, type Db } from './connection.js';
import { changeWithAudit } from './audit.js';

export type Corrections = Record<string, Record<string, string>>;

export function corrections(db: Db): Corrections {
  const out: Corrections = {};
  for (const r of stmt(db, 'SELECT language, key, text FROM translation ORDER BY language, key').all() as {
    language: string;
    key: string;
    text: string;
  }[])
    (out[r.language] ??= {})[r.key] = r.text;
  return out;
}

export function saveCorrections(
  db: Db,
  actor: string,
  language: string,
  changes: readonly { key: string; before: string; after: string }[],
  /** Where the texts came from when not a workbook loaded here (a partner's package). */
  source?: { receivedFrom: string; package: number },
): void {
  changeWithAudit(db, actor, (record) => {
    const put = stmt(
      db,
      `INSERT INTO translation (language, key, text, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (language, key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    const now = new Date().toISOString();
    for (const c of changes) {
      put.run(language, c.key, c.after, now, actor);
      record({
        action: 'update',
        entity: 'translation',
        entityId: `${language}:${c.key}`,
        oldValue: { text: c.before },
        newValue: { text: c.after, ...source },
      });
    }
  });
}
