import type { Db } from './connection.js';
import type { Country } from '../shared/contract.js';

export function listCountries(db: Db): Country[] {
  return db.prepare('SELECT code, name_ru AS nameRu, name_en AS nameEn FROM country ORDER BY code').all() as Country[];
}

/** Org-unit names are stored in the working language, Russian. */
export function countryNameRu(db: Db, code: string): string | undefined {
  return (db.prepare('SELECT name_ru FROM country WHERE code = ?').get(code) as { name_ru: string } | undefined)?.name_ru;
}
