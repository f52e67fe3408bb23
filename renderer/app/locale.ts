// The locale the screens format numbers and dates with, for the language shown (see
// LANGUAGE_INFO.format: Chromium's Intl lacks the data of the region's other languages).
import i18n from '../i18n.js';
import { languageOf, numberLocale } from '../../shared/i18n/languages.js';

export const uiLocale = () => numberLocale(languageOf(i18n.language));
/** A month's name in the language shown (1 = January). */
export const monthName = (m: number) => i18n.t(`common.months.m${m}`);
