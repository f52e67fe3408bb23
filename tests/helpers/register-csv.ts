// A small register as a centre keeps it in a spreadsheet, with one mistake of each kind.
export const CASES_CSV = [
  'Номер в регистре,УИК,Пол,Год рождения,Гражданство,Тип мигранта,Правовой статус,Ключевые группы,Путь передачи,Вероятная страна заражения,Дата диагноза ВИЧ,Страна диагноза',
  'R-101,БОКА11990,Мужской,1990,Узбекистан,Иностранный гражданин (иммигрант),irregular,ЛУИН,Инъекционное употребление наркотиков,RUS,15.03.2017,KAZ',
  'R-102,ДЕЖЗ21988,female,1988,TJK,immigrant,Легальный,"Секс-работники; ЛУИН",heterosexual,,2017-05-02,KAZ',
  'R-103,ИКЛМ11975,Мужчина,1975,UZB,immigrant,regular,,heterosexual,,01.02.2017,KAZ', // sex not a value
  'R-104,НОПР11980,male,1980,UZB,immigrant,regular,,heterosexual,,31.12.2099,KAZ', // date in the future
  'R-105,АНМА11985,male,1985,UZB,immigrant,regular,,heterosexual,,01.06.2017,KAZ', // the person already in the register
  'R-106,БОКА11990,male,1990,UZB,immigrant,regular,,heterosexual,,01.07.2017,KAZ', // the same person as R-101
  ',,,,,,,,,,,',
  'R-107,СТУФ11970,male,1970,Атлантида,immigrant,regular,,heterosexual,,01.08.2017,KAZ', // no such country
].join('\n');

export const EVENTS_CSV = [
  'Номер в регистре,Событие,Дата,CD4,Вирусная нагрузка,Неопределяемая,Исход',
  'R-101,CD4,20.03.2017,280,,,',
  'R-101,Начало / возобновление АРТ,01.04.2017,,,,',
  'R-101,Вирусная нагрузка,01.10.2017,,,да,',
  'R-102,cd4,01.01.2017,500,,,', // fine as a CD4 before diagnosis? allowed: only ART is bound to the diagnosis
  'R-102,art_start,01.01.2017,,,,', // ART before the diagnosis
  'R-103,CD4,01.03.2017,300,,,', // its case was refused
  'R-999,CD4,01.03.2017,300,,,', // no such case
  'R-101,CD4,01.03.2017,9000,,,', // out of range
].join('\n');
