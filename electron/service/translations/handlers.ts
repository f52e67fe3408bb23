// Translation channels: the workbook out, the corrected workbook checked (nothing written), the
// check confirmed (one audited transaction), and the corrections the screens lay over the texts.
import { randomUUID } from 'node:crypto';
import { corrections, removeCorrection, saveCorrections } from '../../../db/translations.js';
import { shippedText } from '../../../shared/translations/check.js';
import { fail } from '../../../shared/result.js';
import { setCorrections } from '../../../shared/i18n/languages.js';
import { recordExport } from '../../../db/audit.js';
import { saveExport } from '../exports/files.js';
import { PendingImports } from '../imports/pending.js';
import { uploadedBytes } from '../imports/read-file.js';
import type { Handlers } from '../handlers.js';
import { readTranslationWorkbook, translationWorkbook, type CheckedTranslations } from './workbook.js';

type Channels = 'translations.workbook' | 'translations.preview' | 'translations.confirm' | 'translations.get' | 'translations.remove';

const pending = new PendingImports<CheckedTranslations & { id: string; databasePath: string }>();

export const translationHandlers: Pick<Handlers, Channels> = {
  'translations.workbook': async (s, { language }) => {
    const saved = await saveExport(s, `translation-${language}`, async (part, fileName) => {
      await translationWorkbook(language).xlsx.writeFile(part);
      recordExport(s.database, s.actor, 'translation_workbook', fileName, { language });
    });
    return { ...saved, suppressed: false, hiddenCells: 0 };
  },

  'translations.preview': async (s, file) => {
    const checked = await readTranslationWorkbook(file.fileName, uploadedBytes(file), file.language);
    const p = pending.put(s, { ...checked, id: randomUUID(), databasePath: s.status().database!.path });
    return {
      previewId: p.id,
      language: p.language,
      changes: p.changes.slice(0, 500),
      changesTotal: p.changesTotal,
      refused: p.refused.slice(0, 200),
      refusedTotal: p.refusedTotal,
    };
  },

  'translations.confirm': (s, { previewId }) => {
    const p = pending.get(s, previewId);
    saveCorrections(s.database, s.actor, p.language, p.changes);
    pending.delete(previewId);
    setCorrections(corrections(s.database)); // the next workbook and template use them
    return { saved: p.changes.length };
  },

  'translations.get': (s) => corrections(s.database),

  'translations.remove': (s, { language, key }) => {
    if (!removeCorrection(s.database, s.actor, language, key, shippedText(language, key) ?? '')) fail('not_found');
    const left = corrections(s.database);
    setCorrections(left);
    return left;
  },
};
