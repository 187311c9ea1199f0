/** toXlsx: sheets, typed values, formats, frozen rows, formulas. */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
