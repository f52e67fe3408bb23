// Labels for files the back end writes, from the same translations as the screens (i18next), with
// the centre's corrected texts on top (texts() holds them; rebuilt when they change).
import i18next, { type TFunction } from 'i18next';
import { correctionsStamp, texts } from '../../../shared/i18n/languages.js';
import type { Language } from '../../../shared/contract.js';

const cache = new Map<Language, { stamp: number; t: TFunction }>();

export function translator(language: Language): TFunction {
  const stamp = correctionsStamp();
  let hit = cache.get(language);
  if (!hit || hit.stamp !== stamp) {
    const i18n = i18next.createInstance();
    // texts() is whole (its own, then Russian, then English): no fallback language needed.
    void i18n.init({
      resources: { [language]: { translation: texts(language) } },
      lng: language,
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    hit = { stamp, t: i18n.t.bind(i18n) };
    cache.set(language, hit);
  }
  return hit.t;
}
