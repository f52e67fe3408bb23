// Uzbek in Cyrillic script, written from the Uzbek Latin texts by the official correspondence of
// the two alphabets (1995): oʻ ў, gʻ ғ, sh ш, ch ч, yo ё, yu ю, ya я, ye е, word-initial e э, the
// tutuq belgisi ʼ ъ. Latin to Cyrillic is the direction that needs no dictionary (Cyrillic ц, ъ
// in Russian loans are the ambiguous ones the other way). Left in Latin: placeholders ({{count}}),
// names and codes that are Latin in every script (DHIS2, CD4, Excel, Ctrl), camelCase identifiers.
// A draft like the Latin texts it comes from: a native reviewer should read it.

const LETTERS: Record<string, string> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'ҳ',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'қ',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'х',
  y: 'й',
  z: 'з',
};
/** Two Latin letters for one Cyrillic one (the modifier letters of oʻ and gʻ in every spelling found in texts). */
const PAIRS: [RegExp, string][] = [
  [/^o[ʻ'‘’`]/i, 'ў'],
  [/^g[ʻ'‘’`]/i, 'ғ'],
  [/^sh/i, 'ш'],
  [/^ch/i, 'ч'],
  [/^yo(?![ʻ'‘’`])/i, 'ё'],
  [/^yu/i, 'ю'],
  [/^ya/i, 'я'],
  [/^ye/i, 'е'],
  // Russian loans: -tsiya, -tsion (migratsiya миграция, informatsion информацион), -ksiya (infeksiya инфекция).
  [/^ts(?=i[yo])/i, 'ц'],
  [/^ks(?=i[yo])/i, 'кц'],
];
/** Russian loans Uzbek Latin spells so that no rule finds their ц, ъ or ь: word stems, any ending after them. */
const STEMS: [string, string][] = [
  ['konvensiya', 'конвенция'],
  ['inyeksi', 'инъекци'],
  ['kompyuter', 'компьютер'],
  ['shveytsar', 'швейцар'],
  ['gertsegovina', 'герцеговина'],
  ['tsentr', 'центр'],
];
const VOWELS = 'aeiouаеиоуўэюяё';
/** Latin in any script: formats, programs, keys, codes of WHO's and ECDC's documents. */
const KEEP = new Set(
  'DHIS2 ECDC HIV IND SMART JSON FHIR UTF UID MB KB GB CSV ADX XML SQLite SQLCipher PDF WHO UNAIDS ISO URL ID Excel LibreOffice Windows Linux Electron Chromium Enter Tab Esc Ctrl Shift Alt Delete AES GCM AEGIS Bundle MeasureReport default'.split(
    ' ',
  ),
);
/** Uzbek abbreviations whose letters do not spell them letter by letter. */
const ABBREVIATIONS: Record<string, string> = { VY: 'ВЮ' };

const upper = (s: string) => s.toUpperCase();

function word(w: string): string {
  // A kept name with an Uzbek ending glued on ("DHIS2ga", "CD4ni", "Excelda"): the name stays, the ending is written.
  for (let end = w.length; end > 0; end--) {
    const name = w.slice(0, end);
    const ending = w.slice(end);
    if (!/^[a-z]*$/.test(ending)) continue;
    if (ABBREVIATIONS[name]) return ABBREVIATIONS[name] + letters(ending, false);
    if (KEEP.has(name) || /\d$/.test(name)) return name + letters(ending, false);
  }
  // An abbreviation opening with ya, yo, yu or ye (YaIM ЯИМ, YaMDning ЯМДнинг): one Cyrillic capital for the pair.
  if (/^Y[aoue][A-Z]/.test(w)) return upper(letters(w.slice(0, 2), true)) + word(w.slice(2));
  // camelCase: an identifier (dataValueSet), not a word.
  if (/[a-z][A-Z]/.test(w)) return w;
  const stem = STEMS.find(([latin]) => w.toLowerCase().startsWith(latin));
  if (stem) {
    const cyrillic = /^[A-Z]/.test(w) ? upper(stem[1][0]!) + stem[1].slice(1) : stem[1];
    return cyrillic + letters(w.slice(stem[0].length), false);
  }
  return letters(w, true);
}

function letters(w: string, initial: boolean): string {
  const caps = w.length > 1 && w === upper(w);
  let out = '';
  for (let i = 0; i < w.length;) {
    const rest = w.slice(i);
    const pair = PAIRS.find(([re]) => re.test(rest));
    if (pair) {
      const len = pair[0].exec(rest)![0].length;
      out += /[A-Z]/.test(w[i]!) ? upper(pair[1]) : pair[1];
      i += len;
      continue;
    }
    const ch = w[i]!;
    const lower = ch.toLowerCase();
    let cyr = LETTERS[lower];
    // e at the start of a word or after a vowel is э (eksport экспорт, poeziya поэзия).
    if (lower === 'e' && ((initial && i === 0) || (i > 0 && VOWELS.includes(out.at(-1)!.toLowerCase())))) cyr = 'э';
    // The tutuq belgisi inside a word is ъ; an apostrophe before a capital is French elision (Kot-d’Ivuar), kept.
    if (cyr === undefined) out += /[ʼ’'`]/.test(ch) && i > 0 && /[a-z]/.test(w[i + 1] ?? '') ? 'ъ' : ch;
    else out += ch !== lower || caps ? upper(cyr) : cyr;
    i++;
  }
  return out;
}

/** One text: its words written in Cyrillic, its placeholders, nested keys and tags as they were. */
export function uzLatinToCyrillic(text: string): string {
  return (
    text
      // Kept whole: placeholders, nestings, tags, addresses, paths and file names, numbered codes (HIV.IND.18).
      .split(
        /((?:\{\{[^}]*\}\}|[\w.-]+)?(?:\/[\w.-]+){2,}|\{\{[^}]*\}\}\/[\w./-]+|\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>|https?:\/\/\S+|[\w-]+\.(?:md|xlsx|csv|json|xml|pdf|sqlite|mhdpkg|mhdkey|txt)\b|[A-Za-z]+(?:\.[A-Za-z]+)*\.\d+)/,
      )
      .map((part, i) =>
        i % 2 ? part : part.replace(/[A-Za-z0-9]+(?:[ʻʼ'‘’`][A-Za-z]+)*(?:(?<=[oOgG])[ʻ‘’`])?/g, (w) => (/[A-Za-z]/.test(w) ? word(w) : w)),
      )
      .join('')
  );
}

type Tree = { [k: string]: string | Tree } | readonly (string | Tree)[];
/** Every text of a tree of texts written in Cyrillic; its keys as they were. */
export function uzTreeToCyrillic<T>(tree: T): T {
  const walk = (x: unknown): unknown =>
    typeof x === 'string'
      ? uzLatinToCyrillic(x)
      : Array.isArray(x)
        ? x.map(walk)
        : x && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x as Tree).map(([k, v]) => [k, walk(v)]))
          : x;
  return walk(tree) as T;
}
