// The shape every language's texts follow: Russian's. The five drafted languages give part of it.
import type { Messages } from './ru.js';

export type Texts = Messages;
type DeepPartial<T> = T extends string ? string : T extends readonly unknown[] ? T : { [K in keyof T]?: DeepPartial<T[K]> };
export type PartialTexts = DeepPartial<Texts> & { categories?: Record<string, Record<string, string>> };
