// A centre's corrected texts in a register package: sent only when the sender's user ticks them,
// taken only when the receiver's user ticks them, each checked as a loaded translation workbook's
// row is and saved as the workbook saves them (one change-log entry a text, naming the package).
import { corrections, saveCorrections } from '../../../db/translations.js';
import type { Db } from '../../../db/connection.js';
import { setCorrections, type Language } from '../../../shared/i18n/languages.js';
import { shippedText } from '../../../shared/translations/check.js';
import type { RegisterScan } from './register-scan.js';

export type TextChange = { language: Language; key: string; before: string; after: string };

/** This centre's corrections as package lines. */
export function textLines(db: Db): string[] {
  return Object.entries(corrections(db)).flatMap(([language, texts]) =>
    Object.entries(texts).map(([key, text]) => JSON.stringify({ t: 'translation', language, key, text })),
  );
}

/** What the package's texts would change here: against what this centre shows now (its own correction, else the shipped text). */
export function plannedTexts(db: Db, scan: Pick<RegisterScan, 'translations' | 'translationsRefused'>) {
  const own = corrections(db);
  const changes: TextChange[] = [];
  const counts = { new: 0, changed: 0, unchanged: 0, refused: scan.translationsRefused };
  for (const { language, key, text } of scan.translations.values()) {
    const mine = own[language]?.[key];
    const before = mine ?? shippedText(language, key) ?? '';
    if (before === text) counts.unchanged++;
    else {
      changes.push({ language, key, before, after: text });
      if (mine === undefined) counts.new++;
      else counts.changed++;
    }
  }
  return { changes, counts };
}

/**
 * Saves the texts taken from a package (inside the caller's transaction when there is one), each
 * checked again against what this centre shows now: a text already so (the same package taken
 * twice, say) is not written or logged again.
 */
export function takeTexts(db: Db, actor: string, changes: readonly TextChange[], from: { receivedFrom: string; package: number }): number {
  const own = corrections(db);
  const byLanguage = new Map<Language, TextChange[]>();
  for (const c of changes) {
    const before = own[c.language]?.[c.key] ?? shippedText(c.language, c.key) ?? '';
    if (before !== c.after) byLanguage.set(c.language, [...(byLanguage.get(c.language) ?? []), { ...c, before }]);
  }
  let n = 0;
  for (const [language, list] of byLanguage) {
    saveCorrections(db, actor, language, list, from);
    n += list.length;
  }
  return n;
}

/** After the transaction: the back end's files and the next workbook use the corrections as they now are. */
export const refreshTexts = (db: Db) => setCorrections(corrections(db));
