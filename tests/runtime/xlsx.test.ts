/** toXlsx: sheets, typed values, formats, frozen rows, formulas; charts, conditional formatting, merges. */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { createRuntime } from './index';

it('writes every sheet with typed values, Excel number formats, frozen rows and formulas', async () => {
  const rt = createRuntime();
  const g = rt.globals as any;
  rt.run(() => {
    const ss = g.SpreadsheetApp.getActive();
    const sheet = ss.insertSheet('WB Продажи');
    sheet.getRange('A1:E1').setValues([['Дата', 'Артикул', 'Сумма', 'Возврат', 'Формула']]);
    sheet.setFrozenRows(1);
    sheet.getRange('A2:E2').setNumberFormats([['dd.MM.yyyy HH:mm', '@', '#,##0.00 "₽"', '', '']]);
    sheet.getRange('A2:E2').setValues([[new Date(Date.UTC(2026, 10, 1, 9, 30)), '00123', 1234.5, true, '=SUM(C2)']]);
  });
  rt.spreadsheet.setFormulaResults('WB Продажи', [[1234.5]], 2, 5);
  expect(rt.run(() => g.SpreadsheetApp.getActive().getRange('WB Продажи!E2').getValue())).toBe(1234.5);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-xlsx-')), 'out.xlsx');
  await rt.toXlsx(file);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Лист1', 'WB Продажи']);
  const ws = wb.getWorksheet('WB Продажи')!;
  expect((ws.views[0] as { ySplit?: number }).ySplit).toBe(1);
  const date = ws.getCell('A2');
  expect(date.value).toBeInstanceOf(Date);
  // the same wall clock the sheet shows (12:30 Moscow), as an Excel date
  expect((date.value as Date).toISOString()).toBe('2026-11-01T12:30:00.000Z');
  expect(date.numFmt).toBe('dd.mm.yyyy hh:mm');
  expect(ws.getCell('B2').value).toBe('00123');
  expect(ws.getCell('B2').numFmt).toBe('@');
  expect(ws.getCell('C2').value).toBe(1234.5);
  expect(ws.getCell('C2').numFmt).toBe('#,##0.00 "₽"');
  expect(ws.getCell('D2').value).toBe(true);
  expect(ws.getCell('E2').value).toMatchObject({ formula: 'SUM(C2)', result: 1234.5 });
});

describe('charts, conditional formatting and merges in the xlsx', () => {
  async function build(opts?: { chartIndex?: boolean }) {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      const ss = g.SpreadsheetApp.getActive();
      const sheet = ss.insertSheet("WB Сводка");
      sheet.getRange('A1:C4').setValues([
        ['День', 'Заказы', 'Выручка, ₽'],
        [new Date(Date.UTC(2026, 10, 1, 9)), 10, 1500.5],
        [new Date(Date.UTC(2026, 10, 2, 9)), 12, -200],
        [new Date(Date.UTC(2026, 10, 3, 9)), 8, 900],
      ]);
      sheet.getRange('A2:A4').setNumberFormat('dd.MM');
      sheet.getRange('E1:F1').merge();
      sheet.getRange('H2').setDataValidation(g.SpreadsheetApp.newDataValidation().requireValueInList(['7 дней', '30 дней']).setAllowInvalid(false).build());
      sheet.insertChart(
        sheet.newChart().setChartType(g.Charts.ChartType.LINE).addRange(sheet.getRange('A1:B4')).setPosition(6, 1, 0, 0).setOption('title', 'Заказы & продажи').build(),
      );
      sheet.insertChart(
        sheet.newChart().asColumnChart().setTitle('Выручка').addRange(sheet.getRange('A1:A4')).addRange(sheet.getRange('C1:C4')).setPosition(6, 8, 10, 0).build(),
      );
      sheet.insertChart(sheet.newChart().asPieChart().addRange(sheet.getRange('A1:B4')).setPosition(26, 1, 0, 0).build());
      const other = ss.insertSheet('WB ABC');
      other.getRange('A1:B3').setValues([['Артикул', 'Выручка'], ['a1', 100], ['a2', 50]]);
      other.insertChart(other.newChart().asBarChart().addRange(other.getRange('A1:B3')).setPosition(1, 4, 0, 0).build());
      sheet.setConditionalFormatRules([
        g.SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0).setBackground('#f4c7c3').setRanges([sheet.getRange('C2:C4')]).build(),
        g.SpreadsheetApp.newConditionalFormatRule().whenNumberBetween(0, 9).setBackground('#fce8b2').setBold(true).setRanges([sheet.getRange('B2:B4'), sheet.getRange('D2:D4')]).build(),
        g.SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2<0').setFontColor('#990000').setRanges([sheet.getRange('A2:A4')]).build(),
      ]);
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-xlsx-')), 'charts.xlsx');
    await rt.toXlsx(file, opts);
    return file;
  }

  it('writes native chart parts referencing the sheet ranges, and exceljs still reads the file', async () => {
    const file = await build();
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const names = Object.keys(zip.files);
    expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(4);
    expect(names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(2);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('/xl/charts/chart1.xml');
    expect(types).toContain('application/vnd.openxmlformats-officedocument.drawing+xml');
    const charts = await Promise.all([1, 2, 3, 4].map((i) => zip.file(`xl/charts/chart${i}.xml`)!.async('string')));
    expect(charts[0]).toContain('<c:lineChart>');
    expect(charts[0]).toContain("<c:f>'WB Сводка'!$B$2:$B$4</c:f>");
    expect(charts[0]).toContain("<c:f>'WB Сводка'!$A$2:$A$4</c:f>");
    expect(charts[0]).toContain("<c:f>'WB Сводка'!$B$1</c:f>");
    expect(charts[0]).toContain('<a:t>Заказы &amp; продажи</a:t>');
    expect(charts[1]).toContain('<c:barDir val="col"/>');
    expect(charts[1]).toContain("<c:f>'WB Сводка'!$C$2:$C$4</c:f>");
    expect(charts[1]).toContain('<c:pt idx="1"><c:v>-200</c:v></c:pt>');
    expect(charts[2]).toContain('<c:pieChart>');
    expect(charts[3]).toContain('<c:barDir val="bar"/>');
    expect(charts[3]).toContain("<c:f>'WB ABC'!$B$2:$B$3</c:f>");
    for (const xml of charts) expect(() => wellFormed(xml)).not.toThrow();
    const drawing = await zip.file('xl/drawings/drawing1.xml')!.async('string');
    expect(drawing.match(/<xdr:oneCellAnchor>/g)).toHaveLength(3);
    expect(drawing).toContain('<xdr:col>7</xdr:col><xdr:colOff>95250</xdr:colOff>');
    wellFormed(drawing);
    const sheetXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(sheetXml).toMatch(/<drawing r:id="rId\d+"\/><\/worksheet>$/);
    wellFormed(sheetXml);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Лист1', 'WB Сводка', 'WB ABC']);
    const ws = wb.getWorksheet('WB Сводка')!;
    expect(ws.getCell('C3').value).toBe(-200);
    expect((ws as any)._merges?.E1?.model ?? ws.getCell('F1').isMerged).toBeTruthy();
    const cf = (ws as any).conditionalFormattings as any[];
    expect(cf.map((c) => c.ref)).toEqual(['C2:C4', 'B2:B4 D2:D4', 'A2:A4']);
    expect(cf[0].rules[0]).toMatchObject({ type: 'cellIs', operator: 'lessThan', formulae: ['0'] });
    expect(cf[1].rules[0]).toMatchObject({ type: 'cellIs', operator: 'between', formulae: ['0', '9'] });
    expect(cf[2].rules[0]).toMatchObject({ type: 'expression', formulae: ['$C2<0'] });
    expect(ws.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: ['"7 дней,30 дней"'], showErrorMessage: true });
    expect(wb.getWorksheet('Диаграммы')).toBeUndefined();
  });

  it('optionally lists the charts on a sheet of their own', async () => {
    const file = await build({ chartIndex: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Диаграммы')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Лист', 'Тип', 'Название', 'Диапазоны данных', 'Ячейка привязки', 'Размер, px', 'ID']);
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['WB Сводка', 'LINE', 'Заказы & продажи', "'WB Сводка'!A1:B4", 'A6', '600×371']));
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(["'WB Сводка'!A1:A4; 'WB Сводка'!C1:C4", 'H6']));
    expect(ws.rowCount).toBe(5);
  });
});

/** Throws when the XML is not well-formed (saxes, the parser exceljs uses). */
function wellFormed(xml: string): void {
  const { SaxesParser } = require('saxes');
  const p = new SaxesParser();
  p.on('error', (e: Error) => {
    throw e;
  });
  p.write(xml).close();
}
