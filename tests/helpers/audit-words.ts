// The change log in words, as the screen puts it, for tests that read entries as a person would.
import { createInstance } from 'i18next';
import type { AuditEntry } from '../../shared/contract.js';
import { resources } from '../../shared/i18n/index.js';
import { describeEntry, type Described } from '../../renderer/audit/describe.js';

export async function words(lang: 'ru' | 'en') {
  const i18n = createInstance();
  await i18n.init({ lng: lang, resources, interpolation: { escapeValue: false } });
  const t = (k: string, o?: Record<string, unknown>): string => i18n.t(k, o ?? {});
  const names: Record<string, string> = {
    KAZ: lang === 'ru' ? 'Казахстан' : 'Kazakhstan',
    UZB: lang === 'ru' ? 'Узбекистан' : 'Uzbekistan',
  };
  return (e: AuditEntry): Described =>
    describeEntry(e, t, lang, {
      country: (c) => names[c] ?? c,
      orgUnit: (id) => `Unit ${id}`,
      account: (id) => (id === 1 ? 'Айгуль' : null),
    });
}

/** An entry's words on one line: item, detail, each field's before and after. */
export const flat = (d: Described) => [d.item, d.detail ?? '', ...d.changes.flatMap((c) => [c.field, c.before, c.after])].join(' | ');

/** No snake_case code, no key path, nothing unprintable reaches a person. */
export const CODE_IN_WORDS = /\b[a-z]+_[a-z_]+\b|\b(audit|fields|enums|categories|forms)\.[a-z]|undefined|null|\[object|NaN/;
