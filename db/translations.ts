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

/** A correction taken back: the shipped text shows again. Audited with the text it had; false when there was none. */
export function removeCorrection(db: Db, actor: string, language: string, key: string, shipped: string): boolean {
  return changeWithAudit(db, actor, (record) => {
    const before = stmt(db, 'SELECT text FROM translation WHERE language = ? AND key = ?').get(language, key) as
      { text: string } | undefined;
    if (!before) return false;
    stmt(db, 'DELETE FROM translation WHERE language = ? AND key = ?').run(language, key);
    record({
      action: 'delete',
      entity: 'translation',
      entityId: `${language}:${key}`,
      oldValue: { text: before.text },
      newValue: { text: shipped },
    });
    return true;
  });
}
