// Labels for files the back end writes, from the same translations as the screens (i18next).
import i18next, { type TFunction } from 'i18next';
import { resources } from '../../../shared/i18n/index.js';
import { FALLBACK } from '../../../shared/i18n/languages.js';
import type { Language } from '../../../shared/contract.js';

const cache = new Map<Language, TFunction>();

export function translator(language: Language): TFunction {
  let t = cache.get(language);
  if (!t) {
    const i18n = i18next.createInstance();
    void i18n.init({ resources, lng: language, fallbackLng: [...FALLBACK], initAsync: false, interpolation: { escapeValue: false } });
    t = i18n.t.bind(i18n);
    cache.set(language, t);
  }
  return t;
}
