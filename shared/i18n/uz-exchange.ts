// The uz texts of exchange packages, DHIS2, FHIR. Drafted without a native reviewer
// (docs/i18n/glossary.md holds the terms); a centre's review corrects it.
import type { PartialTexts } from './texts.js';

export const uzExchange: PartialTexts = {
  exchange: {
    title: 'Maʼlumot almashish',
    exportTitle: 'Vazirlik uchun Excelda koʻrsatkichlar',
    exportHelp:
      'Excel kitobi: titul varagʻi, kaskad, tanlangan har bir taqsimot uchun varaq, turlari boʻyicha test, taʼriflar, maʼlumotlar sifati.',
    breakdowns: 'Taqsimotlar (har biri — alohida varaq)',
    language: 'Kitob tili',
    outside: 'Markazdan tashqariga uzatish uchun: kichik sonlarni yashirish (1 dan {{max}} gacha)',
    internalWarning: 'Kichik sonlar himoyasiz: faqat ichki foydalanish uchun.',
    save: 'Excelga saqlash',
    saving: 'Kitob tuzilmoqda…',
    saved: 'Kitob saqlandi: {{path}}',
    hiddenCells: 'Yashirilgan kataklar: {{count}}.',
    download: '{{file}} ni yuklab olish',
    chooseBreakdown: 'Kamida bitta taqsimotni tanlang.',
  },
  packages: {
    outsideSender: 'Joʻnatuvchi markaz hududidan tashqaridagi tashkilot (uning kalit fayli boʻyicha)',
    repeatedRecord: 'Shu kodli yozuv paketda yuqorida allaqachon bor',
    title: 'Markazlar oʻrtasidagi almashish paketlari',
    help: 'Hududiy markaz oʻz reyestrini (ismlarsiz, u saqlanganidek) milliy markazga fayl koʻrinishida yuboradi: fleshkada yoki pochta orqali. Milliy markaz boshqa mamlakatga reyestrni emas, faqat bu yerda aniqlangan uning fuqarolari sonlarini yuboradi. Paket qabul qiluvchi uchun shifrlangan va joʻnatuvchi tomonidan imzolangan: uni faqat qabul qiluvchi ocha oladi hamda kim yuborganini va yoʻlda hech narsa oʻzgarmaganini koʻradi.',
    keysTitle: 'Shu bazaning kaliti va hamkor markazlar',
    keysHelp:
      'Hamkor markaz bilan bir marta kalit fayllarini almashing va barmoq izlarini telefon orqali solishtiring: raqamlar mos kelishi kerak.',
    myFingerprint: '«{{centre}}» kalitining barmoq izi:',
    saveKey: 'Kalit faylini saqlash',
    partnersTitle: 'Hamkor markazlar',
    noPartners: 'Hozircha hamkorlar yoʻq: maʼlumot almashadigan markazning kalit faylini qoʻshing.',
    centre: 'Markaz',
    place: 'Joyi',
    fingerprint: 'Kalitning barmoq izi',
    lastSent: 'Oxirgi yuborilgan paket',
    lastReceived: 'Oxirgi yuklangan paket',
    addPartner: 'Kalit fayli orqali markaz qoʻshish (.mhdkey)',
    partnerAdded: '«{{centre}}» markazi qoʻshildi. Uning barmoq izini telefon orqali solishtiring.',
    actions: 'Amallar',
    replaceKey: 'Kalitni almashtirish…',
    replaceKeyOf: '«{{centre}}» markazining yangi kalit fayli (.mhdkey)',
    replaceKeyHelp:
      'Agar hamkor markazning bazasi qaytadan yaratilgan boʻlsa (eskisi zaxira nusxasiz yoʻqolgan), uning kaliti yangi, paketlar raqami esa yana № 1 dan boshlanadi. Uning yangi kalitini yangi markaz sifatida emas, shu yerga qoʻshing: undan olingan holatlar uniki boʻlib qoladi, uning keyingi toʻliq paketi esa ularni almashtiradi. Barmoq izini telefon orqali solishtiring.',
    keyReplaced:
      '«{{centre}}» markazining kaliti almashtirildi. Yangi barmoq izini telefon orqali solishtiring. Bu markazga keyingi paket toʻliq boʻladi.',
    remove: 'Oʻchirish…',
    removeTitle: '«{{centre}}» markazini hamkorlardan oʻchirish',
    removeHelp:
      'Uning kaliti endi hech narsani ochmaydi, unga paket yuborib boʻlmaydi. Uni xuddi shu kalit fayli bilan qayta qoʻshish mumkin.',
    removeKeep:
      'Undan olingan holatlar, shakl qiymatlari va hisobotlarni qoldirish: ular avvalgidek hisobga olinadi (markaz yopilgan, lekin uning maʼlumotlari toʻgʻri)',
    removeRecords:
      'Undan olingan hamma narsani ham oʻchirish (markaz xato qoʻshilgan): holatlar, shakl qiymatlari, davrlarni tasdiqlash, fuqarolar haqidagi hisobotlar',
    removeConfirm: 'Markazni oʻchirish',
    removed: '«{{centre}}» markazi hamkorlardan oʻchirildi.',
    removedRecords:
      '«{{centre}}» markazi undan olinganlar bilan birga hamkorlardan oʻchirildi: holatlar {{cases}}, shakl qiymatlari {{values}}, tasdiqlangan davrlar {{approvals}}, fuqarolar haqidagi hisobotlar {{reports}}.',
    sendTitle: 'Paket yuborish',
    textsTitle: 'Paketdagi tarjimalar: hozirgi matn va paketdagi matn',
    sendTexts: 'Markazning tuzatilgan tarjimalarini qo‘shish ({{n}})',
    madeTexts: 'Qo‘shilgan tuzatilgan tarjimalar: {{n}}.',
    takeTexts:
      'Paketdagi tuzatilgan tarjimalarni qabul qilish: yangi {{new}}, o‘zgargan {{changed}} (shu matnlar uchun ushbu markaz tarjimalarini almashtiradi)',
    textsRefused: 'Xatoli tarjimalar qabul qilinmadi: {{n}} (noma’lum kalit, boshqa o‘rinbosarlar yoki juda uzun matn).',
    confirmTexts: 'Tarjimalarni qabul qilish',
    textsTaken: 'Qabul qilingan tarjimalar: {{n}}.',
    restoredTitle: 'Zaxira nusxadan tiklangandan keyin',
    restoredHelp:
      'Agar baza nusxadan tiklangan boʻlsa, qabul qiluvchi bu nusxada yoʻq paketlarni allaqachon yuklagan va takroriy raqamlarni rad etadi. Uning rad javobidagi raqamni (oxirgi yuklanganini) kiriting: keyingi paket undan keyingi raqamni oladi va toʻliq boʻladi, bu bazada endi yoʻq holatlar esa qabul qiluvchida ham oʻchiriladi.',
    continueAfter: 'Davom ettirish, oxirgi №',
    continueButton: 'Raqamlashni davom ettirish',
    continued: 'Bu markazga keyingi paket — № {{n}}, toʻliq.',
    sendNeedsPartner: 'Paket yuborish uchun avval qabul qiluvchining kalit faylini qoʻshing.',
    to: 'Qabul qiluvchi',
    full: 'Barcha holatlar (toʻliq paket)',
    sendHelp:
      'Odatda paketda faqat shu qabul qiluvchiga yuborilgan oldingi paketdan keyin oʻzgargan holatlar boʻladi; birinchi paket har doim toʻliq. Biror paket yoʻqolsa, toʻliq paket hammasini tiklaydi.',
    make: 'Paket tayyorlash',
    making: 'Paket yigʻilmoqda…',
    madeFull:
      '№ {{n}} paket (toʻliq): holatlar {{cases}}, hodisalar {{events}}, oʻchirilganlar {{deleted}}; jamlanma shakl qiymatlari {{values}}, tasdiqlangan davrlar {{approvals}}.',
    madeSince:
      '№ {{n}} paket (oʻzgarishlar): holatlar {{cases}}, hodisalar {{events}}, oʻchirilganlar {{deleted}}; jamlanma shakl qiymatlari {{values}}, tasdiqlangan davrlar {{approvals}}.',
    loadTitle: 'Paketni yuklash',
    choose: 'Paket fayli (.mhdpkg)',
    from: '«{{centre}}» markazidan № {{n}} paket, tayyorlangan: {{at}}.',
    isFull: 'Toʻliq: markazning barcha holatlari.',
    isSince: '{{since}} dan keyingi oʻzgarishlar.',
    already: 'Bu paket allaqachon yuklangan: qayta yuklash hech narsani oʻzgartirmaydi.',
    counts: {
      new: 'Yangi holatlar: {{n}}',
      changed: 'Oʻzgarganlar: {{n}}',
      unchanged: 'Oʻzgarishsiz: {{n}}',
      deleted: 'Joʻnatuvchi oʻchirganlar: {{n}}',
      refused: 'Rad etildi (tekshiruvdan oʻtmaydi): {{n}}',
      newUnits: 'Daraxtdagi yangi tashkilotlar: {{n}}',
    },
    forms:
      'Jamlanma shakllar: qiymatlar yangi {{new}}, oʻzgargan {{changed}}, joʻnatuvchi olib tashlagan {{removed}}, oʻzgarishsiz {{unchanged}}; tasdiqlangan davrlar yangi {{approved}}, tasdigʻi bekor qilingan {{unapproved}}.',
    formsRefused: 'Rad etilgan shakl qiymatlari (nomaʼlum katak, davr yoki qiymat): {{n}}',
    formsConflicts: 'Shu markazda toʻldirilgan va oʻz holicha qoldirilgan shakl kataklari: {{n}}',
    gap: 'Shu markazdan № {{from}}–{{to}} paketlar yetishmaydi: ulardagi oʻzgarishlar bu yerga tushmaydi. Markazdan ularni yoki toʻliq paketni yuborishni soʻrang.',
    refusedTitle: 'Rad etilgan yozuvlar',
    originId: 'Joʻnatuvchidagi yozuv kodi',
    unit: 'Tashkilot',
    events: 'Hodisalar',
    record: 'Yozuv',
    samePersonTitle: 'Ehtimol, shu odam reyestrda allaqachon bor: {{n}}',
    theirNo: 'Joʻnatuvchidagi raqam',
    ourNo: 'Shu bazadagi raqam',
    ourUnit: 'Qayerda hisobga olingan',
    samePersonNote:
      'Kodi, jinsi va tugʻilgan yili mos keladi. Yozuvlar bogʻlanmaguncha, odam ikki marta hisobga olinadi: yuklagandan keyin ularni «Turli markazlardagi bitta odam boʻlishi mumkin» boʻlimida bogʻlang.',
    confirm: '№ {{n}} paketni yuklash',
    confirmNothing: 'Yopish (hech narsa oʻzgarmaydi)',
    loaded:
      'Paket yuklandi: holatlar qoʻshildi {{created}}, oʻzgartirildi {{updated}}, oʻchirildi {{deleted}}, oʻzgarishsiz {{unchanged}}, rad etildi {{refused}}; shakllardagi oʻzgarishlar {{values}}, davrlarni tasdiqlashdagi oʻzgarishlar {{approvals}}.',
    abroadFrom: 'Boshlangʻich yil',
    abroadTo: 'yakuniy yil',
    abroadHelp:
      'Boshqa mamlakat markazi reyestrni emas, faqat sonlarni oladi: «{{country}}» mamlakatining bu yerda har yili birinchi marta aniqlangan fuqarolari, jinsi, yoshi, asosiy guruhlari, migratsiya turi va ART boshlanishi boʻyicha. Kichik sonlar markazdan tashqariga har qanday uzatishdagidek yashiriladi.',
    makeAbroad: 'Fuqarolar haqida paket tayyorlash: {{country}}',
    madeAbroad: '№ {{n}} paket (bu yerda aniqlangan fuqarolar), yillar boʻyicha yangi holatlar — {{years}}.',
    abroadHiddenShort: 'yashirilgan',
    abroadAbout:
      '«{{country}}» mamlakatining oʻzida birinchi marta aniqlangan «{{citizens}}» fuqarolari haqidagi maʼlumotlari (faqat sonlar, holatlarsiz).',
    abroadYears: 'Paketdagi yillar',
    abroadHere: 'Shu bazada',
    abroadHidden: 'yashirilgan (1 dan {{max}} gacha)',
    abroadBefore: {
      none: 'yangi maʼlumotlar',
      replaced: 'avvalgilarini almashtiradi',
      same: 'allaqachon yuklangan',
      older: 'koʻrsatilmaydi: shu mamlakatning yangiroq maʼlumotlari bor',
    },
    loadedAbroad: 'Paket yuklandi: maʼlumotlar bor yillar — {{n}}. Ular koʻrsatkichlar panelida va byulletenda (3.1 boʻlim) koʻrinadi.',
  },
  dhis2: {
    readme4:
      'Har bir varaqning D ustuni, 2-qatori — DHIS2 varaq identifikatorlarini qanday oʻqiydi: UID, CODE (kodlar) yoki boʻsh (koʻrinishi boʻyicha: harf va yana 10 ta harf yoki raqam — UID). Kodlaringiz UID ga oʻxshasa, CODE ni koʻrsating.',
    schemeColumn: 'Qanday oʻqish (UID / CODE)',
    badScheme: 'D2 da UID, CODE yoki boʻsh boʻlishi kerak',
    importParameters:
      'Ushbu ADX faylini DHIS2 ga yuklashda import parametrlarini koʻrsating (ularsiz DHIS2 ADX ni kodlar boʻyicha oʻqiydi): {{parameters}}',
    indicatorsDataSet: 'Kaskad koʻrsatkichlari (reyestrdan)',
    indicatorPrefix: 'Kaskad',
    withIndicators: 'Har bir davr uchun kaskad koʻrsatkichlari bilan (kichik sonlar yashirilgan)',
    hidden: 'Kaskadning yashirilgan kichik sonlari: {{count}}.',
    repeatedRemote: 'bu DHIS2 identifikatori yuqorida boshqa kod uchun koʻrsatilgan',
    metadataLoad: 'DHIS2 metamaʼlumotlar paketi boʻyicha toʻldirish (.json)',
    metadataLoaded:
      'Metamaʼlumotlar boʻyicha moslashtirildi: maʼlumotlar toʻplamlari {{dataSet}}, elementlar {{dataElement}}, kategoriya kombinatsiyalari {{categoryOptionCombo}}, tashkilotlar {{orgUnit}}.',
    stillUnmapped:
      'Mosligi yoʻq qolganlar: maʼlumotlar toʻplamlari {{dataSet}}, elementlar {{dataElement}}, kategoriya kombinatsiyalari {{categoryOptionCombo}}, tashkilotlar {{orgUnit}}.',
    notMapped: 'bu DHIS2 identifikatori moslik jadvalida yoʻq',
    otherOrgUnit: 'bu hisob shakllarini yuritmaydigan yoki bu bazada yoʻq tashkilot',
    attributeCombo: 'DHIS2 atributlar kombinatsiyasi bor qiymatlar yuklanmaydi',
    title: 'DHIS2 ga eksport',
    help: 'Davrlar va tashkilot (boʻysunuvchilari bilan) boʻyicha jamlanma shakllar qiymatlari DHIS2 importi qabul qiladigan formatda: dataValueSet (JSON) yoki ADX (XML). DHIS2 identifikatorlari moslik jadvalidan olinadi; mosligi yoʻq qiymatlar eksport qilinmaydi (DHIS2 ularni qabul qilmaydi), ularning soni koʻrsatiladi.',
    from: 'Boshlangʻich davr',
    to: 'Yakuniy davr',
    format: 'Format',
    json: 'dataValueSet (JSON)',
    adx: 'ADX (XML)',
    save: 'DHIS2 uchun saqlash',
    saved: 'Fayl saqlandi: qiymatlar {{values}}.',
    unmapped:
      'Eksport qilinmadi, DHIS2 da mosligi yoʻq: maʼlumotlar toʻplamlari {{dataSet}}, elementlar {{dataElement}}, kategoriya kombinatsiyalari {{categoryOptionCombo}}, tashkilotlar {{orgUnit}}. Moslik jadvalini toʻldiring.',
    mappingTitle: 'DHIS2 moslik jadvali',
    mappingHelp:
      'Jadvalni yuklab oling, DHIS2 administratori «DHIS2» ustuniga har bir maʼlumotlar toʻplami, element, kategoriya kombinatsiyasi va tashkilotning UID yoki kodini yozsin, soʻng uni qaytadan yuklang. Boʻsh katak — moslik yoʻq.',
    mappingWorkbook: 'Moslik jadvalini yuklab olish',
    mappingLoad: 'Toʻldirilgan jadvalni yuklash (.xlsx)',
    mappingLoaded:
      'Moslik yuklandi: maʼlumotlar toʻplamlari {{dataSet}}, elementlar {{dataElement}}, kategoriya kombinatsiyalari {{categoryOptionCombo}}, tashkilotlar {{orgUnit}}.',
    refusedRow: '«{{sheet}}» varagʻi, {{row}}-qator: {{reason}}',
    unknownCode: 'dasturda bunday kod yoʻq',
    repeated: 'bu kod yuqorida allaqachon koʻrsatilgan',
    badId: 'DHIS2 UID ham, kodi ham emas (50 belgigacha)',
    defaultCell: 'taqsimotsiz (default)',
    readmeSheet: 'Qanday toʻldirish kerak',
    readme1:
      '«Migratsiya va OIV» dasturi kodlarining DHIS2 identifikatorlariga moslik jadvali. Har bir varaqda: A ustun — dastur kodi (oʻzgartirmang), B — nomi, C — DHIS2 dagi UID yoki kod.',
    readme2:
      'Varaqlar: dataSets — maʼlumotlar toʻplamlari (shakllar), dataElements — maʼlumotlar elementlari, categoryOptionCombos — kategoriya kombinatsiyalari (kataklar), orgUnits — tashkilotlar.',
    readme3: 'Moslik boʻlmasa, C ustunini boʻsh qoldiring. Faylni saqlang va uni «Maʼlumot almashish» ekranida yuklang.',
    localCode: 'Dastur kodi',
    name: 'Nomi',
    remote: 'DHIS2 (UID yoki kod)',
  },
  fhir: {
    title: 'FHIR formatidagi JSST SMART koʻrsatkichlari',
    help: 'Davr va tashkilot boʻyicha JSST SMART koʻrsatkichlari (HIV.IND.18, 21, 27, 29, 31, 32) bitta Bundle ichida FHIR R4 MeasureReport hisobotlari sifatida: surat, maxraj va qiymat, jinsi, yoshi, asosiy guruh, migrant turi va huquqiy maqom boʻyicha taqsimot bilan. Kichik sonlar (1 dan chegaragacha) markazdan tashqariga har qanday uzatishdagidek yashirilgan.',
    save: 'FHIRga saqlash',
    saved: 'Fayl saqlandi:',
  },
};
