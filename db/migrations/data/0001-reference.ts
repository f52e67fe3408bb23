// Frozen: the disaggregation categories and the default UIC pattern of version 1, as the migration seeds it.
// Never edit: a change to the live definitions needs a new migration.
// [category, multiple choice, Russian name, English name, options as [code, Russian, English]]
export const CATEGORIES_V1: ReadonlyArray<readonly [string, boolean, string, string, ReadonlyArray<readonly [string, string, string]>]> = [
  ["sex",false,"Пол","Sex",[["male","Мужской","Male"],["female","Женский","Female"],["unknown","Неизвестно","Unknown"]]],
  ["age_band",false,"Возрастная группа","Age band",[["0-4","0-4","0-4"],["5-9","5-9","5-9"],["10-14","10-14","10-14"],["15-19","15-19","15-19"],["20-24","20-24","20-24"],["25-29","25-29","25-29"],["30-34","30-34","30-34"],["35-39","35-39","35-39"],["40-44","40-44","40-44"],["45-49","45-49","45-49"],["50+","50+","50+"],["unknown","Неизвестно","Unknown"]]],
  ["key_population",true,"Ключевая группа","Key population",[["pwid","Люди, употребляющие инъекционные наркотики","People who inject drugs"],["msm","Мужчины, имеющие секс с мужчинами","Men who have sex with men"],["sw","Секс-работники","Sex workers"],["tg","Трансгендерные и гендерно-разнообразные люди","Trans and gender-diverse people"],["prison","Люди в местах лишения свободы и других закрытых учреждениях","People in prisons and other closed settings"],["none","Не относится к ключевым группам","None"],["unknown","Неизвестно","Unknown"]]],
  ["migrant_type",false,"Тип мигранта","Migrant type",[["immigrant","Иностранный гражданин (иммигрант)","International immigrant"],["emigrant","Эмигрант / вернувшийся мигрант","Emigrant / returnee"],["internal","Внутренний мигрант","Internal migrant"]]],
  ["legal_status",false,"Правовой статус","Legal status",[["regular","Легальный","Regular"],["irregular","Нелегальный","Irregular"],["unknown","Неизвестно","Unknown"]]],
  ["migration_phase",false,"Этап миграции при тестировании","Migration phase of testing",[["pre_departure","До выезда","Pre-departure"],["destination","В стране назначения","Destination"],["return","После возвращения","Return"],["internal","Внутренняя миграция","Internal"]]],
];

export const UIC_PATTERN_V1 = "^\\p{L}{4}[12][0-9]{4}$";
