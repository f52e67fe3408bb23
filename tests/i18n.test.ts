import { describe, expect, it } from 'vitest';
import { en, ru } from '../shared/i18n/index.js';
import { ERROR_CODES } from '../shared/result.js';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));

describe('translations', () => {
  it('have the same keys in Russian and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort());
    const lookup = (o: object, k: string) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
    for (const k of keys(ru)) {
      expect(String(lookup(ru, k)).trim(), `ru ${k}`).not.toBe('');
      expect(String(lookup(en, k)).trim(), `en ${k}`).not.toBe('');
    }
  });

  it('have a message for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(ru.errors, code).toHaveProperty(code);
      expect(en.errors, code).toHaveProperty(code);
    }
  });
});
