// What a password must be, said the same on screen and checked in the back end.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const RU = 'йцукенгшщзхъфывапролджэячсмитьбю';
const EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
/** A password typed with the Russian layout on a Latin key sequence ("йцукенгшщз" is "qwertyuiop"). */
export const asLatinKeys = (s: string) => [...s.toLowerCase()].map((c) => (RU.includes(c) ? EN[RU.indexOf(c)]! : c)).join('');

/** The rule a password breaks before any list is consulted, or null. Characters are counted as the eye sees them. */
export function passwordShapeIssue(
  password: string,
  login: string,
): 'too_short' | 'too_long' | 'like_login' | 'one_character' | 'pattern' | 'invisible' | null {
  // Invisible characters (zero-width, direction marks, controls) pad a length nobody can type again.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(password)) return 'invisible';
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (new Set(chars.map((c) => c.toLowerCase())).size <= 2) return 'one_character';
  // A short piece repeated ("1231231231", "abcabcabca", "qweqweqwe1").
  if (/^(.{1,4})\1{2,}.{0,2}$/su.test(password.toLowerCase())) return 'pattern';
  const p = password.toLowerCase();
  const l = login.trim().toLowerCase();
  if (l && (p.includes(l) || asLatinKeys(p).includes(asLatinKeys(l)))) return 'like_login';
  return null;
}

/** One form of a sign-in name for comparing: "Айгуль", "айгуль " and full-width letters are one account. */
export const loginKey = (login: string) => login.trim().normalize('NFKC').toLocaleLowerCase('ru');

/** A sign-in name is letters and digits (any script), with spaces, dots, dashes or underscores inside. */
export const LOGIN_PATTERN = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M} ._-]*[\p{L}\p{N}\p{M}])?$/u;

/**
 * Forms of a password an attacker tries first: as typed, lower-cased, typed on the Russian layout
 * meaning Latin keys, with "leet" digits read as letters, and without the digits and signs added
 * at the ends ("Summer2024!" is "summer").
 */
export function guessableForms(password: string): string[] {
  const lower = password.toLowerCase();
  const unleet = (x: string) =>
    x.replace(/[@4]/g, 'a').replace(/0/g, 'o').replace(/[1!|]/g, 'i').replace(/3/g, 'e').replace(/\$|5/g, 's').replace(/7/g, 't');
  // Digits and signs at the ends, whatever the script of the letters between them.
  const core = (x: string) => x.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [
    ...new Set([
      password,
      lower,
      asLatinKeys(password),
      unleet(lower),
      core(lower),
      unleet(core(lower)),
      core(unleet(lower)),
      asLatinKeys(core(lower)),
      lower.replace(/1/g, 'l'),
    ]),
  ].filter((x) => x.length >= 4);
}

/** Words of this field and region that common-password lists made elsewhere miss. */
export const LOCAL_WORDS = new Set([
  'password',
  'пароль',
  'admin',
  'administrator',
  'админ',
  'администратор',
  'qwerty',
  'йцукен',
  'kazakhstan',
  'казахстан',
  'kyrgyzstan',
  'кыргызстан',
  'киргизия',
  'tajikistan',
  'таджикистан',
  'uzbekistan',
  'узбекистан',
  'turkmenistan',
  'туркменистан',
  'russia',
  'россия',
  'almaty',
  'алматы',
  'astana',
  'астана',
  'bishkek',
  'бишкек',
  'dushanbe',
  'душанбе',
  'tashkent',
  'ташкент',
  'ashgabat',
  'ашхабад',
  'moscow',
  'москва',
  'osh',
  'ош',
  'khujand',
  'худжанд',
  'samarkand',
  'самарканд',
  'spid',
  'спид',
  'aids',
  'hiv',
  'вич',
  'migrant',
  'мигрант',
  'summer',
  'лето',
  'winter',
  'зима',
  'spring',
  'весна',
  'autumn',
  'осень',
  'welcome',
  'привет',
  'centre',
  'center',
  'центр',
]);
