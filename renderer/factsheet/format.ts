// Numbers of a fact sheet as the reader expects them in each language: grouped thousands and a
// decimal point in English ("2,724.9"), a space and a decimal comma in Russian ("2 724,9").
/** With as many decimals as the value has, up to `max`. */
export function formatNumber(value: number, max: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: max }).format(value);
}

export function formatChange(diff: number, decimals: number, language: string): string {
  return `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${formatNumber(Math.abs(diff), decimals, language)}`;
}

export function formatRatio(ratio: number | null, language: string): string {
  return ratio === null ? '' : `${ratio > 0 ? '+' : ratio < 0 ? '−' : ''}${formatNumber(Math.abs(ratio) * 100, 1, language)}%`;
}

/** What a clerk types ("17,918", "2 724,9", "449.948") as a number; null when empty, NaN when not a number. */
export function parseTyped(text: string): number | null {
  const s = text.replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  // One separator followed by exactly three digits and nothing else ("25,286") is ambiguous; the
  // comma is read as the decimal mark, as Russian clerks type it, unless a dot is also present.
  const plain = s.includes('.') && s.includes(',') ? s.replace(/,/g, '') : s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}
