import { en } from './en.js';
import { ru } from './ru.js';

export const resources = { ru: { translation: ru }, en: { translation: en } } as const;
export { ru, en };
