import { decimalComma, languageOf, numberLocale } from '../../shared/i18n/languages.js';
// Numbers of a fact sheet as the reader expects them in each language (its locale from the list
// of languages): "2,724.9" in English, "2 724,9" in Russian, Kazakh and the others with a decimal comma.
/** With as many decimals as the value has, up to `max`; or exactly `fixed` (as typed or printed: 12.0, 16,876.0). */
export function formatNumber(value: number, max: number, language: string, fixed: number | null = null): string {
  const digits = fixed === null ? { maximumFractionDigits: max } : { minimumFractionDigits: fixed, maximumFractionDigits: fixed };
  return new Intl.NumberFormat(numberLocale(languageOf(language)), digits).format(value);
}

export function formatChange(diff: number, decimals: number, language: string): string {
  return `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${formatNumber(Math.abs(diff), decimals, language)}`;
}

export function formatRatio(ratio: number | null, language: string): string {
  return ratio === null ? '' : `${ratio > 0 ? '+' : ratio < 0 ? '−' : ''}${formatNumber(Math.abs(ratio) * 100, 1, language)}%`;
}

/**
 * What a clerk types as a number: null when empty, NaN when not a number. With both marks, the
 * last one is the decimal mark ("2,724.9", "2.724,9"); a lone comma is the decimal mark in a
 * language that writes one (Russian "17,918") and a thousands separator in English ("25,286"); spaces group thousands.
 */
export function parseTyped(text: string, lang: string): number | null {
  const s = text.replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  const isComma = comma >= 0 && (dot >= 0 ? comma > dot : decimalComma(languageOf(lang)));
  const plain = isComma ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}

/** The decimals typed after the decimal mark, read as parseTyped reads it ("12,0" in Russian: 1; "25,286" in English: 0). */
export function typedDecimals(text: string, lang: string): number {
  const s = text.replace(/[\s\u00a0]/g, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  const isComma = comma >= 0 && (dot >= 0 ? comma > dot : decimalComma(languageOf(lang)));
  const at = isComma ? comma : dot >= 0 && (comma < 0 || dot > comma) ? dot : -1;
  return at < 0 ? 0 : s.length - at - 1;
}
