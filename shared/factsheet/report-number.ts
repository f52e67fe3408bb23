// Reading a figure as the 2018 report's text prints it: the footnote number runs into the value
// ("17,9181" is 17,918 with footnote 1), and the decimal mark differs from row to row ("17,918"
// million people but "25,286" US$). The caller says which footnote and which mark; anything that
// does not then read cleanly is an error, not a guess.

/** A figure as printed, and the decimals it is printed with (the most of value and interval: "2.8 (2.0-4.0)" has 1). */
export type ReportFigure = { value: number | null; low: number | null; high: number | null; noData: boolean; decimals: number | null };

function number(text: string, mark: ',' | '.'): number {
  const plain = mark === ',' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) throw new Error(`not a number as printed: "${text}" (decimal mark "${mark}")`);
  return Number(plain);
}

const decimalsOf = (texts: string[], mark: ',' | '.') =>
  Math.max(...texts.map((t) => (t.includes(mark) ? t.length - t.lastIndexOf(mark) - 1 : 0)));

export function readReportFigure(raw: string, footnote: number | null, mark: ',' | '.' = '.'): ReportFigure {
  let text = raw.trim().replace(/^Rank\s+/, '');
  if (footnote !== null) {
    if (!text.endsWith(String(footnote))) throw new Error(`"${raw}" does not end with its footnote ${footnote}`);
    text = text.slice(0, -String(footnote).length).trim();
  }
  if (/^no data$/i.test(text)) return { value: null, low: null, high: null, noData: true, decimals: null };
  if (text === '') return { value: null, low: null, high: null, noData: false, decimals: null };
  const range = /^(\S+)\s*\((\S+)-(\S+)\)$/.exec(text);
  if (range)
    return {
      value: number(range[1]!, mark),
      low: number(range[2]!, mark),
      high: number(range[3]!, mark),
      noData: false,
      decimals: decimalsOf(range.slice(1), mark),
    };
  return { value: number(text, mark), low: null, high: null, noData: false, decimals: decimalsOf([text], mark) };
}
