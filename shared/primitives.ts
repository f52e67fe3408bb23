// Small schemas used across the contract and the feature schemas.
import { z } from 'zod';

import { LANGUAGES } from './i18n/languages.js';

export { LANGUAGES };
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Free text typed by staff: trimmed, no control characters, bounded. */
export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'validation.required' })
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'validation.control_characters' });

export const CountryCodeSchema = z.string().regex(/^[A-Z]{3}$/, { message: 'validation.country_code' });

/** A file-system path typed or chosen by the user; checked further by the back end. */
export const FilePathSchema = z.string().trim().min(1, { message: 'validation.required' }).max(1024);
