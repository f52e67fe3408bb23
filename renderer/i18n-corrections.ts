// The centre's corrected texts on the screens: laid over the shipped ones in i18next, and taken
// away again when another database (or none) is open.
import i18n from './i18n.js';
import { call } from './api/client.js';
import { LANGUAGES, SHIPPED, isLanguage, nest } from '../shared/i18n/languages.js';

export async function loadCorrections(): Promise<void> {
  const r = await call('translations.get', {});
  applyCorrections(r.ok ? r.value : {});
}

export function applyCorrections(corrections: Record<string, Record<string, string>>): void {
  for (const lang of LANGUAGES) {
    i18n.removeResourceBundle(lang, 'translation');
    i18n.addResourceBundle(lang, 'translation', SHIPPED[lang], true, true);
  }
  for (const [lang, texts] of Object.entries(corrections))
    if (isLanguage(lang)) i18n.addResourceBundle(lang, 'translation', nest(texts), true, true);
  // Texts on screen are read again.
  void i18n.changeLanguage(i18n.language);
}
