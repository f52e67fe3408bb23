// CSV as spreadsheets save it (RFC 4180): quoted fields may hold separators, quotes ("") and line
// breaks. Russian Excel writes ";" between fields, others ","; the header line decides.
export function parseCsv(text: string, separator?: string): string[][] {
  return [...csvRows(text, separator)];
}

/** A row with more fields than a reader takes: it stops there (a 39 MB line of ";" made 39 million fields). */
export class TooManyFields extends Error {}

/** The rows one at a time, so a large file's rows can be checked and let go as they are read. */
export function* csvRows(text: string, separator?: string, maxFields = Infinity): Generator<string[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = (separator ?? guessSeparator(body)).charCodeAt(0);
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Runs of plain characters are sliced out whole: a character at a time would make 100,000-row
  // files spend most of their time collecting the garbage of half-built strings.
  for (let i = 0; i < body.length;) {
    if (quoted) {
      const q = body.indexOf('"', i);
      if (q < 0) {
        row.push(field + body.slice(i));
        yield row;
        return;
      }
      field += body.slice(i, q);
      if (body.charCodeAt(q + 1) === QUOTE) {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    let k = i;
    for (let c = body.charCodeAt(k); k < body.length && c !== sep && c !== QUOTE && c !== LF && c !== CR; c = body.charCodeAt(++k));
    if (k > i) field += body.slice(i, k);
    if (k >= body.length) break;
    const c = body.charCodeAt(k);
    i = k + 1;
    if (c === QUOTE) quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
      if (row.length >= maxFields) throw new TooManyFields(`more than ${maxFields} fields in a row`);
    } else {
      if (c === CR && body.charCodeAt(i) === LF) i++;
      row.push(field);
      yield row;
      row = [];
      field = '';
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    yield row;
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The separator of a CSV's header line: the most frequent of ';', ',' and tab (Russian Excel writes ';'). */
export function guessSeparator(text: string): ',' | ';' | '\t' {
  // The first line, or its first 64 KB: no header is longer, and a hostile one-line file may be 40 MB.
  const head = text.slice(0, 65_536);
  const end = head.search(/\r|\n/);
  const first = end < 0 ? head : head.slice(0, end);
  const count = (ch: string) => {
    let n = 0;
    for (let i = first.indexOf(ch); i >= 0; i = first.indexOf(ch, i + 1)) n++;
    return n;
  };
  return ([';', ',', '\t'] as const).slice().sort((a, b) => count(b) - count(a))[0]!;
}
