// Reading a figure as the 2018 report's text prints it: the footnote number runs into the value
// ("17,9181" is 17,918 with footnote 1), and the decimal mark differs from row to row ("17,918"
// million people but "25,286" US$). The caller says which footnote and which mark; anything that
// does not then read cleanly is an error, not a guess.

export type ReportFigure = { value: number | null; low: number | null; high: number | null; noData: boolean };

function number(text: string, mark: ',' | '.'): number {
  const plain = mark === ',' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) throw new Error(`not a number as printed: "${text}" (decimal mark "${mark}")`);
  return Number(plain);
}

export function readReportFigure(raw: string, footnote: number | null, mark: ',' | '.' = '.'): ReportFigure {
  let text = raw.trim().replace(/^Rank\s+/, '');
  if (footnote !== null) {
    if (!text.endsWith(String(footnote))) throw new Error(`"${raw}" does not end with its footnote ${footnote}`);
    text = text.slice(0, -String(footnote).length).trim();
  }
  if (/^no data$/i.test(text)) return { value: null, low: null, high: null, noData: true };
  if (text === '') return { value: null, low: null, high: null, noData: false };
  const range = /^(\S+)\s*\((\S+)-(\S+)\)$/.exec(text);
  if (range) return { value: number(range[1]!, mark), low: number(range[2]!, mark), high: number(range[3]!, mark), noData: false };
  return { value: number(text, mark), low: null, high: null, noData: false };
}
