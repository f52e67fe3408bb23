// Other names people use for the countries migrants of the region come from and go to: old or
// colloquial Russian names and English spellings, so "Киргизия" or "Kirghizia" finds Kyrgyzstan in
// a picker and in an imported file. Codes are ISO 3166-1 alpha-3, as the register stores them.
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  KGZ: ['Киргизия', 'Кыргызская Республика', 'Kirghizia', 'Kirgizia', 'Kyrgyz Republic', 'Kirgizstan'],
  KAZ: ['Казахстан', 'Kazakstan', 'Qazaqstan'],
  TJK: ['Таджикия', 'Tadjikistan', 'Tajikstan'],
  TKM: ['Туркмения', 'Turkmenia'],
  UZB: ['Узбекия', 'Uzbekiston'],
  RUS: ['РФ', 'Российская Федерация', 'Russian Federation', 'Russia'],
  BLR: ['Белоруссия', 'Беларусь', 'Byelorussia', 'Belorussia'],
  MDA: ['Молдавия', 'Moldavia', 'Republic of Moldova'],
  UKR: ['Украина', 'the Ukraine'],
  AZE: ['Азербайджан', 'Azerbaidjan'],
  ARM: ['Армения'],
  GEO: ['Грузия', 'Sakartvelo'],
  AFG: ['Афганистан'],
  CHN: ['КНР', 'PRC'],
  KOR: ['Южная Корея', 'South Korea'],
  TUR: ['Турция', 'Türkiye', 'Turkiye'],
  ARE: ['ОАЭ', 'Эмираты', 'UAE', 'Emirates'],
  USA: ['США', 'Америка', 'America', 'United States'],
  GBR: ['Великобритания', 'Англия', 'Britain', 'England', 'UK'],
  DEU: ['ФРГ', 'Германия'],
  CZE: ['Чехия', 'Czechia'],
};
