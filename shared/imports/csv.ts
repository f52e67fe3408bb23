// CSV as spreadsheets save it (RFC 4180): quoted fields may hold separators, quotes ("") and line
// breaks. Russian Excel writes ";" between fields, others ","; the header line decides.
export function parseCsv(text: string, separator?: string): string[][] {
  return [...csvRows(text, separator)];
}

/** The rows one at a time, so a large file's rows can be checked and let go as they are read. */
export function* csvRows(text: string, separator?: string): Generator<string[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = (separator ?? guessSeparator(body)).charCodeAt(0);
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Runs of plain characters are sliced out whole: a character at a time would make 100,000-row
  // files spend most of their time collecting the garbage of half-built strings.
  for (let i = 0; i < body.length; ) {
    if (quoted) {
      const q = body.indexOf('"', i);
      if (q < 0) {
        row.push(field + body.slice(i));
        yield row;
        return;
      }
      field += body.slice(i, q);
      if (body.charCodeAt(q + 1) === QUOTE) (field += '"', (i = q + 2));
      else (quoted = false, (i = q + 1));
      continue;
    }
    let k = i;
    for (let c = body.charCodeAt(k); k < body.length && c !== sep && c !== QUOTE && c !== LF && c !== CR; c = body.charCodeAt(++k));
    if (k > i) field += body.slice(i, k);
    if (k >= body.length) break;
    const c = body.charCodeAt(k);
    i = k + 1;
    if (c === QUOTE) quoted = true;
    else if (c === sep) (row.push(field), (field = ''));
    else {
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
  const end = text.search(/\r|\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const count = (ch: string) => first.split(ch).length - 1;
  return ([';', ',', '\t'] as const).slice().sort((a, b) => count(b) - count(a))[0]!;
}
