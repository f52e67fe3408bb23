// What a typed (or imported) cell of an aggregate form means: the grid, the save and the import
// all read a value through these, so "52 000" and "2,5" mean the same everywhere.
import { MAX_COUNT } from './definitions.js';

/** Control characters, and the two no XML file may hold (U+FFFE, U+FFFF): refused in texts that leave as XML (ADX). */
const NOT_TEXT = /[\u0000-\u001f\u007f\ufffe\uffff]/;

/** What a typed cell means: null (cleared), a whole count, or text; or the reason it is refused. */
export function parseCell(
  valueType: 'count' | 'text',
  raw: string | null,
): { ok: true; value: number | string | null } | { ok: false; messageKey: string } {
  if (raw === null || raw.trim() === '') return { ok: true, value: null };
  const s = raw.trim();
  if (valueType === 'text') {
    if (s.length > 500) return { ok: false, messageKey: 'validation.too_big' };
    if (NOT_TEXT.test(s)) return { ok: false, messageKey: 'validation.control_characters' };
    return { ok: true, value: s };
  }
  const plain = s.replace(/[\s\u00a0]/g, ''); // "52 000" as typed in Russian
  if (/^-\d/.test(plain)) return { ok: false, messageKey: 'validation.not_negative' };
  if (/^\d+[.,]\d+$/.test(plain)) return { ok: false, messageKey: 'validation.whole_number' };
  if (!/^\d+$/.test(plain)) return { ok: false, messageKey: 'validation.number_format' };
  const n = Number(plain);
  if (n > MAX_COUNT) return { ok: false, messageKey: 'validation.count_too_big' };
  return { ok: true, value: n };
}

/** Whether a cell's comment is refused (too long, or holding control characters). */
export function commentIssue(comment: string | null | undefined): boolean {
  return !!comment && (comment.length > 500 || NOT_TEXT.test(comment));
}
