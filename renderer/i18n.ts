import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '../shared/i18n/index.js';
import { FALLBACK } from '../shared/i18n/languages.js';

void i18n.use(initReactI18next).init({
  resources,
  lng: 'ru',
  fallbackLng: [...FALLBACK],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export default i18n;
