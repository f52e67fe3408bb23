// The Russian labels of the disaggregation categories and their options (shared/categories.ts holds
// their codes), as translation keys categories.<category>.<option>; _label is the category's own.
export const ruCategories: Record<string, Record<string, string>> = {
  sex: {
    _label: 'Пол',
    male: 'Мужской',
    female: 'Женский',
    unknown: 'Неизвестно',
  },
  age_band: {
    _label: 'Возрастная группа',
    '0-4': '0-4',
    '5-9': '5-9',
    '10-14': '10-14',
    '15-19': '15-19',
    '20-24': '20-24',
    '25-29': '25-29',
    '30-34': '30-34',
    '35-39': '35-39',
    '40-44': '40-44',
    '45-49': '45-49',
    '50+': '50+',
    unknown: 'Неизвестно',
  },
  key_population: {
    _label: 'Ключевая группа',
    pwid: 'Люди, употребляющие инъекционные наркотики',
    msm: 'Мужчины, имеющие секс с мужчинами',
    sw: 'Секс-работники',
    tg: 'Трансгендерные и гендерно-разнообразные люди',
    prison: 'Люди в местах лишения свободы и других закрытых учреждениях',
    none: 'Не относится к ключевым группам',
    unknown: 'Неизвестно',
  },
  migrant_type: {
    _label: 'Тип мигранта',
    immigrant: 'Иностранный гражданин (иммигрант)',
    emigrant: 'Эмигрант / вернувшийся мигрант',
    internal: 'Внутренний мигрант',
  },
  legal_status: {
    _label: 'Правовой статус',
    regular: 'Легальный',
    irregular: 'Нелегальный',
    unknown: 'Неизвестно',
  },
  migration_phase: {
    _label: 'Этап миграции при тестировании',
    pre_departure: 'До выезда',
    destination: 'В стране назначения',
    return: 'После возвращения',
    internal: 'Внутренняя миграция',
  },
};
