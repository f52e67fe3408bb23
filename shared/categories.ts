// Disaggregation categories (docs/data-dictionary.md): stable codes (stored, exported) with Russian and English
// labels. The migrations seed these into the database; the UI and exports read labels from here.
export type Label = { ru: string; en: string };
export type CategoryDef = { code: string; multi: boolean; label: Label; options: ReadonlyArray<{ code: string; label: Label }> };

export const CATEGORIES = [
  {
    code: 'sex',
    multi: false,
    label: { ru: 'Пол', en: 'Sex' },
    options: [
      { code: 'male', label: { ru: 'Мужской', en: 'Male' } },
      { code: 'female', label: { ru: 'Женский', en: 'Female' } },
      { code: 'unknown', label: { ru: 'Неизвестно', en: 'Unknown' } },
    ],
  },
  {
    code: 'age_band',
    multi: false,
    label: { ru: 'Возрастная группа', en: 'Age band' },
    options: [
      ...['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49'].map((b) => ({
        code: b,
        label: { ru: b, en: b },
      })),
      { code: '50+', label: { ru: '50+', en: '50+' } },
      { code: 'unknown', label: { ru: 'Неизвестно', en: 'Unknown' } },
    ],
  },
  {
    code: 'key_population',
    multi: true,
    label: { ru: 'Ключевая группа', en: 'Key population' },
    options: [
      { code: 'pwid', label: { ru: 'Люди, употребляющие инъекционные наркотики', en: 'People who inject drugs' } },
      { code: 'msm', label: { ru: 'Мужчины, имеющие секс с мужчинами', en: 'Men who have sex with men' } },
      { code: 'sw', label: { ru: 'Секс-работники', en: 'Sex workers' } },
      { code: 'tg', label: { ru: 'Трансгендерные и гендерно-разнообразные люди', en: 'Trans and gender-diverse people' } },
      {
        code: 'prison',
        label: { ru: 'Люди в местах лишения свободы и других закрытых учреждениях', en: 'People in prisons and other closed settings' },
      },
      { code: 'none', label: { ru: 'Не относится к ключевым группам', en: 'None' } },
      { code: 'unknown', label: { ru: 'Неизвестно', en: 'Unknown' } },
    ],
  },
  {
    code: 'migrant_type',
    multi: false,
    label: { ru: 'Тип мигранта', en: 'Migrant type' },
    options: [
      { code: 'immigrant', label: { ru: 'Иностранный гражданин (иммигрант)', en: 'International immigrant' } },
      { code: 'emigrant', label: { ru: 'Эмигрант / вернувшийся мигрант', en: 'Emigrant / returnee' } },
      { code: 'internal', label: { ru: 'Внутренний мигрант', en: 'Internal migrant' } },
    ],
  },
  {
    code: 'legal_status',
    multi: false,
    label: { ru: 'Правовой статус', en: 'Legal status' },
    options: [
      { code: 'regular', label: { ru: 'Легальный', en: 'Regular' } },
      { code: 'irregular', label: { ru: 'Нелегальный', en: 'Irregular' } },
      { code: 'unknown', label: { ru: 'Неизвестно', en: 'Unknown' } },
    ],
  },
  {
    code: 'migration_phase',
    multi: false,
    label: { ru: 'Этап миграции при тестировании', en: 'Migration phase of testing' },
    options: [
      { code: 'pre_departure', label: { ru: 'До выезда', en: 'Pre-departure' } },
      { code: 'destination', label: { ru: 'В стране назначения', en: 'Destination' } },
      { code: 'return', label: { ru: 'После возвращения', en: 'Return' } },
      { code: 'internal', label: { ru: 'Внутренняя миграция', en: 'Internal' } },
    ],
  },
] as const satisfies ReadonlyArray<CategoryDef>;

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

/** WHO 2022 bands collapse to UNAIDS bands for outputs. */
export const UNAIDS_AGE_BANDS: Record<string, string> = {
  '0-4': '<15',
  '5-9': '<15',
  '10-14': '<15',
  '15-19': '15-24',
  '20-24': '15-24',
  '25-29': '25-49',
  '30-34': '25-49',
  '35-39': '25-49',
  '40-44': '25-49',
  '45-49': '25-49',
  '50+': '50+',
  unknown: 'unknown',
};
