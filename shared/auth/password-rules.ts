// What a password must be, said the same on screen and checked in the back end.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const RU = 'йцукенгшщзхъфывапролджэячсмитьбю';
const EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
/** A password typed with the Russian layout on a Latin key sequence ("йцукенгшщз" is "qwertyuiop"). */
export const asLatinKeys = (s: string) => [...s.toLowerCase()].map((c) => (RU.includes(c) ? EN[RU.indexOf(c)]! : c)).join('');

/** The rule a password breaks before any list is consulted, or null. */
export function passwordShapeIssue(password: string, login: string): 'too_short' | 'too_long' | 'like_login' | 'one_character' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (new Set(password.toLowerCase()).size <= 2) return 'one_character';
  const p = password.toLowerCase();
  const l = login.trim().toLowerCase();
  if (l && (p.includes(l) || asLatinKeys(p).includes(asLatinKeys(l)))) return 'like_login';
  return null;
}

/** One form of a sign-in name for comparing: "Айгуль" and "айгуль " are one account. */
export const loginKey = (login: string) => login.trim().normalize('NFC').toLocaleLowerCase('ru');
