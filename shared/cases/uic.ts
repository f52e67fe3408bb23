// The pseudonymous unique identifier code (UIC) used in Central Asia: the first two letters of the
// mother's and of the father's first names, a sex digit (1 male, 2 female) and the birth year,
// e.g. АНМА11985. Registers mix Cyrillic and Latin, so codes are compared by a key: upper-cased
// and transliterated to Latin, letter for letter where the letters look and sound alike.

/** Default pattern, applied to the upper-cased code: four letters of any script, sex digit, year. */
export const DEFAULT_UIC_PATTERN = '^\\p{L}{4}[12][0-9]{4}$';

const TRANSLIT: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'Y',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: '',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'YU',
  Я: 'YA',
  // Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic letters
  Ә: 'A',
  Ғ: 'G',
  Қ: 'K',
  Ң: 'N',
  Ө: 'O',
  Ұ: 'U',
  Ү: 'U',
  Һ: 'H',
  І: 'I',
  Ҷ: 'J',
  Ҳ: 'H',
  Ӣ: 'I',
  Ӯ: 'U',
  Ў: 'U',
};

const TO_LATIN = new RegExp(`[${Object.keys(TRANSLIT).join('')}]|\\s`, 'gu');

// Plain toUpperCase: the Russian locale's rules differ from the default only for Turkic dotted i.
export function uicKey(code: string): string {
  return code.toUpperCase().replace(TO_LATIN, (ch) => TRANSLIT[ch] ?? '');
}

const patterns = new Map<string, RegExp>();

export function uicMatchesPattern(code: string, pattern: string = DEFAULT_UIC_PATTERN): boolean {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
  return re.test(code.trim().toUpperCase());
}

export type UicMismatch = 'sex' | 'birth_year';

/** Where the code's sex digit or year disagree with the case: a flag for the clerk, not a refusal. */
export function uicMismatches(code: string, sex: string, birthYear: number | null): UicMismatch[] {
  const m = /([12])(\d{4})\s*$/.exec(code.trim());
  if (!m) return [];
  const out: UicMismatch[] = [];
  const digit = m[1] === '1' ? 'male' : 'female';
  if (sex !== 'unknown' && sex !== digit) out.push('sex');
  if (birthYear !== null && Number(m[2]) !== birthYear) out.push('birth_year');
  return out;
}
