// The CSV reader against a plain character-by-character reading of RFC 4180, on random files
// made of the characters that matter (separators, quotes, line breaks) and ordinary text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/imports/csv.js';

/** The obvious reading, one character at a time: slow, and plainly right. */
function reference(body: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('parseCsv', () => {
  it('reads quoted separators, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa;b;c\r\n1;"x;y";"say ""hi"""\n2;"two\nlines";\n', ';')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x;y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]); // separator from the header line
    expect(parseCsv('a;b\n"unclosed;x', ';')).toEqual([['a', 'b'], ['unclosed;x']]);
  });

  it('agrees with a character-by-character reading on any file', () => {
    const text = fc.array(fc.constantFrom(';', ',', '"', '\n', '\r', 'a', 'б', ' ', 'x1'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(';', ','), (body, sep) => {
        expect(parseCsv(body, sep)).toEqual(reference(body, sep));
      }),
      { numRuns: 2000 },
    );
  });
});
