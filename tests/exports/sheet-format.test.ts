// Column widths and row heights of exported sheets: headers wrap between words, never inside one,
// and a row is as tall as its wrapped text (LibreOffice prints it over the next rows otherwise).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fitAndPrint, headerRow, wrappedLines } from '../../electron/service/exports/sheet-format.js';

describe('fitted column widths', () => {
  it('gives a header its longest word, wraps a long header, and fits plain values whole', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('s');
    headerRow(ws, ['Относительное изменение', 'Число новых случаев ВИЧ-инфекции среди мигрантов', 'Код']);
    ws.addRow(['', '', 'UZB-2017-000123']);
    fitAndPrint(ws);
    const [a, b, c] = [1, 2, 3].map((i) => ws.getColumn(i).width!);
    expect(a).toBeGreaterThanOrEqual('Относительное'.length + 2); // before: half the header, which cut this word
    expect(b).toBeLessThan('Число новых случаев ВИЧ-инфекции среди мигрантов'.length); // wraps
    expect(b).toBeGreaterThanOrEqual('ВИЧ-инфекции'.length + 2);
    expect(c).toBe('UZB-2017-000123'.length + 2);
  });

  it('counts wrapped lines at word boundaries, a long word over several lines', () => {
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('один два три', 12)).toBe(1);
    expect(wrappedLines('один два три', 8)).toBe(2);
    expect(wrappedLines('один два три', 4)).toBe(3);
    expect(wrappedLines('abcdefghijklmnopqrstuvwxy ab', 10)).toBe(3); // 10 + 10 + "uvwxy ab"
    expect(wrappedLines('первая\n\nтретья', 20)).toBe(3);
  });

  it('makes a row with wrapped text tall enough for it, and leaves other rows alone', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('s');
    ws.addRow(['Заголовок']).font = { bold: true };
    const text = 'Эпидемия развивается: за 2012-2016 годы число людей, живущих с ВИЧ, выросло на 50%. '.repeat(4).trim();
    ws.addRow([text]).alignment = { wrapText: true, vertical: 'top' };
    ws.addRow(['Короткая строка']).alignment = { wrapText: true };
    fitAndPrint(ws);
    const width = ws.getColumn(1).width!;
    expect(width).toBe(60); // capped, so the long text wraps
    expect(ws.getRow(2).height).toBeGreaterThanOrEqual(15 * Math.ceil(text.length / width));
    expect(ws.getRow(1).height).toBeUndefined();
    expect(ws.getRow(3).height).toBeUndefined();
  });
});
