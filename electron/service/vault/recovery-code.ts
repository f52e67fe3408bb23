// The recovery code: 160 random bits written as 32 letters and digits in groups of four, from
// Crockford's alphabet (no I, L, O, U), so it can be read aloud, typed back, and mistyped
// O/0 or I/1 still works.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_LENGTH = 32;

export function newRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_CODE_LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]!);
  return chars.join('').replace(/(.{4})(?!$)/g, '$1-');
}

/** The code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its one canonical form, or null. */
export function normaliseRecoveryCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== RECOVERY_CODE_LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return plain.replace(/(.{4})(?!$)/g, '$1-');
}
