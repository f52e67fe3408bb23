import type { Db } from './connection.js';
import { changeWithAudit } from './audit.js';

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string | null } | undefined;
  return row?.value ?? null;
}

export const SUPPRESSION_SETTING = 'suppression_max_count';

/** The small-cell threshold: counts from 1 to this are hidden in outputs leaving the centre. */
export function suppressionMaxCount(db: Db): number {
  const n = Number(getSetting(db, SUPPRESSION_SETTING));
  return Number.isInteger(n) && n >= 1 ? n : 4;
}

export function setSetting(db: Db, actor: string, key: string, value: string | null): void {
  changeWithAudit(db, actor, (record) => {
    const old = getSetting(db, key);
    if (old === value) return;
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    record({ action: 'update', entity: 'setting', entityId: key, oldValue: old, newValue: value });
  });
}
