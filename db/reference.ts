import type { Db } from './connection.js';
import type { Country } from '../shared/contract.js';
import { countryName } from '../shared/i18n/country-names.js';
import { FALLBACK } from '../shared/i18n/languages.js';

/** The countries a register may name, by code; their names in each language are in shared/i18n/country-names.ts. */
export function listCountries(db: Db): Country[] {
  return db.prepare('SELECT code FROM country ORDER BY code').all() as Country[];
}

/** Org-unit names are stored in the working language (Russian, the first fallback); undefined for a code the register does not know. */
export function workingCountryName(db: Db, code: string): string | undefined {
  return db.prepare('SELECT 1 FROM country WHERE code = ?').get(code) ? countryName(code, FALLBACK[0]!) : undefined;
}
