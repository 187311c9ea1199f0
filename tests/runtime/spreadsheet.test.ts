/** SpreadsheetApp: typed input, plain text, formulas, shapes, bounds, grid, metadata, display. */
import { createRuntime, Runtime } from './index';

function setup(opts = {}): { rt: Runtime; g: any } {
  const rt = createRuntime(opts);
  return { rt, g: rt.globals as any };
}

describe('typed input vs plain text', () => {
  const { rt, g } = setup();
  const sheet = () => g.SpreadsheetApp.getActive().getActiveSheet();

  it('parses strings like typed input in an automatic cell', () => {
    const values = rt.run(() => {
      sheet()
        .getRange(1, 1, 1, 10)
        .setValues([['00123', '-1.5', '1e3', '12%', 'TRUE', 'false', '2026-01-02', '02.01.2026', '2026-01-02 10:00:00', 'текст']]);
      return sheet().getRange(1, 1, 1, 10).getValues()[0];
    });
    expect(values.slice(0, 6)).toEqual([123, -1.5, 1000, 0.12, true, false]);
    expect(values[6]).toBeInstanceOf(Date);
    expect((values[6] as Date).toISOString()).toBe('2026-01-01T21:00:00.000Z'); // midnight Moscow
    expect((values[7] as Date).toISOString()).toBe('2026-01-01T21:00:00.000Z');
    expect((values[8] as Date).toISOString()).toBe('2026-01-02T07:00:00.000Z');
    expect(values[9]).toBe('текст');
    const formats = rt.run(() => sheet().getRange(1, 1, 1, 10).getNumberFormats()[0]);
    expect(formats[3]).toBe('0%');
    expect(formats[6]).toBe('yyyy-mm-dd');
    expect(formats[7]).toBe('dd.mm.yyyy');
    expect(formats[8]).toBe('yyyy-mm-dd hh:mm:ss');
    expect(formats[0]).toBe('0.###############'); // what Apps Script reports for "automatic"
  });

  it('decimal comma is a number under the ru_RU locale; long digit strings lose precision like Sheets', () => {
    const v = rt.run(() => {
      sheet().getRange('A2:B2').setValues([['1,5', '12345678901234567890']]);
      return sheet().getRange('A2:B2').getValues()[0];
    });
    expect(v[0]).toBe(1.5);
    expect(v[1]).toBe(12345678901234567000);
  });

  it("stores strings verbatim in a plain-text ('@') cell", () => {
    const v = rt.run(() => {
      const r = sheet().getRange('A3:E3');
      r.setNumberFormat('@');
      r.setValues([['00123', '=HYPERLINK("x")', '2026-01-02', '12%', 'TRUE']]);
      return { values: r.getValues()[0], formulas: r.getFormulas()[0] };
    });
    expect(v.values).toEqual(['00123', '=HYPERLINK("x")', '2026-01-02', '12%', 'TRUE']);
    expect(v.formulas).toEqual(['', '', '', '', '']);
  });

  it('ru_RU partial dates ("01.02" is 1 February this year) and a leading + starts a formula', () => {
    const v = rt.run(() => {
      const r = sheet().getRange('A8:D8');
      r.setValues([['01.02', '+7-900', '3.14', '+5']]);
      return { values: r.getValues()[0], formulas: r.getFormulas()[0] };
    });
    expect((v.values[0] as Date).toISOString()).toBe('2026-01-31T21:00:00.000Z');
    expect(v.formulas).toEqual(['', '=+7-900', '', '']);
    expect(v.values.slice(2)).toEqual([3.14, 5]);
  });

  it('a leading apostrophe forces text', () => {
    expect(rt.run(() => sheet().getRange('A4').setValue("'00123").getValue())).toBe('00123');
  });

  it('strings starting with = become formulas: detectable with getFormulas, never evaluated', () => {
    const r = rt.run(() => {
      const range = sheet().getRange('A5:B5');
      range.setValues([['=SUM(1;2)', '=']]);
      return { values: range.getValues()[0], formulas: range.getFormulas()[0] };
    });
    expect(r.formulas).toEqual(['=SUM(1;2)', '']);
    expect(r.values).toEqual(['#NAME?', '=']);
  });

  it('numbers, booleans and Dates written are stored as such', () => {
    const v = rt.run(() => {
      const range = sheet().getRange('A6:C6');
      range.setNumberFormat('@');
      range.setValues([[7, true, 'x']]);
      return range.getValues()[0];
    });
    expect(v).toEqual([7, true, 'x']);
  });

  it('refuses more than 50000 characters in a cell', () => {
    expect(() => rt.run(() => sheet().getRange('A7').setValue('x'.repeat(50001)))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('ranges: shapes and bounds', () => {
  const { rt, g } = setup();
  const sheet = () => g.SpreadsheetApp.getActive().getActiveSheet();

  it('starts with one 1000 x 26 sheet named Лист1', () => {
    rt.run(() => {
      const ss = g.SpreadsheetApp.getActive();
      expect(ss.getSheets().map((s: any) => s.getName())).toEqual(['Лист1']);
      expect(sheet().getMaxRows()).toBe(1000);
      expect(sheet().getMaxColumns()).toBe(26);
      expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Moscow');
    });
  });

  it('setValues with a wrong shape throws Apps Script messages', () => {
    expect(() => rt.run(() => sheet().getRange(1, 1, 2, 2).setValues([[1, 2]]))).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => rt.run(() => sheet().getRange(1, 1, 2, 2).setValues([[1, 2], [3]]))).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('ranges beyond the grid throw; the add-on must insert rows first', () => {
    expect(() => rt.run(() => sheet().getRange(1000, 1, 2, 1))).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => rt.run(() => sheet().getRange('AA1'))).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => rt.run(() => sheet().getRange(0, 1))).toThrow('The starting row of the range is too small.');
    expect(() => rt.run(() => sheet().getRange(undefined, 1))).toThrow("The parameters (null,number,number,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    rt.run(() => {
      sheet().insertRowsAfter(1000, 5);
      sheet().getRange(1005, 1).setValue('last');
    });
    expect(rt.run(() => [sheet().getMaxRows(), sheet().getLastRow()])).toEqual([1005, 1005]);
  });

  it('A1 notation, offsets, cells and data range', () => {
    rt.run(() => {
      const ss = g.SpreadsheetApp.getActive();
      expect(ss.getRange("'Лист1'!B2:C3").getA1Notation()).toBe('B2:C3');
      expect(sheet().getRange('B:C').getNumRows()).toBe(1005);
      expect(sheet().getRange('2:3').getA1Notation()).toBe('2:3');
      expect(sheet().getRange('B2').offset(1, 1, 2, 2).getA1Notation()).toBe('C3:D4');
      expect(sheet().getRange('B2:D4').getCell(2, 3).getA1Notation()).toBe('D3');
      expect(sheet().getDataRange().getA1Notation()).toBe('A1:A1005');
    });
  });

  it('getValues reads a fresh copy every time', () => {
    const [a, b] = rt.run(() => {
      const r = sheet().getRange('A1:B1');
      const first = r.getValues();
      first[0][0] = 'mutated';
      return [first, r.getValues()];
    });
    expect(a[0][0]).toBe('mutated');
    expect(b[0][0]).toBe('');
  });
});

describe('sheets, rows and the 10 million cell limit', () => {
  it('insertSheet: default names, duplicates (case-insensitive), activation, index', () => {
    const { rt, g } = setup();
    rt.run(() => {
      const ss = g.SpreadsheetApp.getActive();
      const s2 = ss.insertSheet();
      expect(s2.getName()).toBe('Лист2');
      expect(ss.getActiveSheet().getName()).toBe('Лист2');
      ss.insertSheet('Data', 0);
      expect(ss.getSheets().map((s: any) => s.getName())).toEqual(['Data', 'Лист1', 'Лист2']);
      expect(() => ss.insertSheet('DATA')).toThrow('A sheet with the name "DATA" already exists. Please enter another name.');
      expect(ss.getSheetByName('data').getName()).toBe('Data');
      expect(() => s2.setName('Data')).toThrow('A sheet with the name "Data" already exists. Please enter another name.');
      ss.deleteSheet(s2);
      expect(ss.getNumSheets()).toBe(2);
    });
  });

  it('refuses to grow the workbook beyond 10,000,000 cells', () => {
    const { rt, g } = setup();
    const msg = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    rt.run(() => {
      const ss = g.SpreadsheetApp.getActive();
      const sheet = ss.getActiveSheet();
      sheet.insertRowsAfter(1000, 383615); // 384615 x 26 = 9,999,990 cells
      expect(ss.totalCells()).toBe(9999990);
      expect(() => sheet.insertRowsAfter(1, 1)).toThrow(msg);
      expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(msg);
      expect(() => ss.insertSheet('more')).toThrow(msg);
      sheet.deleteRows(2, 1000);
      ss.insertSheet('more');
    });
  });

  it('inserted rows inherit formats; deleting rows shifts data; frozen rows', () => {
    const { rt, g } = setup();
    rt.run(() => {
      const sheet = g.SpreadsheetApp.getActive().getActiveSheet();
      sheet.getRange('A1:B1').setValues([['Дата', 'Сумма']]);
      sheet.setFrozenRows(1);
      sheet.getRange('A2:B2').setNumberFormats([['dd.mm.yyyy', '#,##0.00']]);
      sheet.getRange('A2:B2').setValues([['2026-11-01', 5]]);
      sheet.insertRowsAfter(2, 2);
      expect(sheet.getRange('A3:B4').getNumberFormats()).toEqual([
        ['dd.mm.yyyy', '#,##0.00'],
        ['dd.mm.yyyy', '#,##0.00'],
      ]);
      expect(sheet.getRange('A3:B3').getValues()).toEqual([['', '']]);
      sheet.getRange('A5').setValue('x');
      sheet.deleteRows(3, 2);
      expect(sheet.getRange('A3').getValue()).toBe('x');
      expect(sheet.getMaxRows()).toBe(1000);
      sheet.insertRowsBefore(1, 1);
      expect(sheet.getFrozenRows()).toBe(2);
      expect(() => sheet.deleteRows(3, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
      expect(() => sheet.deleteRows(1000, 5)).toThrow('Those rows are out of bounds.');
    });
  });

  it('appendRow writes after the last row and grows the grid', () => {
    const { rt, g } = setup();
    rt.run(() => {
      const sheet = g.SpreadsheetApp.getActive().getActiveSheet();
      sheet.getRange(1000, 1).setValue('bottom');
      sheet.appendRow(['a', '007']);
      expect(sheet.getMaxRows()).toBe(1001);
      expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([['a', 7]]);
    });
  });

  it('sort like a seller: numbers, then text, then booleans; blanks last; header frozen', () => {
    const { rt, g } = setup();
    rt.run(() => {
      const sheet = g.SpreadsheetApp.getActive().getActiveSheet();
      sheet.getRange('A1:B6').setValues([['h', 'k'], ['b', 1], [3, 2], ['', 3], [true, 4], ['A', 5]]);
      sheet.setFrozenRows(1);
      sheet.sort(1);
      expect(sheet.getRange('A1:B6').getValues()).toEqual([['h', 'k'], [3, 2], ['A', 5], ['b', 1], [true, 4], ['', 3]]);
      sheet.sort(2, false);
      expect(sheet.getRange('B2:B6').getValues().map((r: unknown[]) => r[0])).toEqual([5, 4, 3, 2, 1]);
      const f = sheet.getRange('A1:B6').createFilter();
      expect(sheet.getFilter()).not.toBeNull();
      expect(() => sheet.getRange('A1:B6').createFilter()).toThrow("You can't create a filter in a sheet that already has a filter.");
      expect(sheet.getRange('A1:B6').getValues().length).toBe(6); // a filter hides nothing from getValues
      f.remove();
      expect(sheet.getFilter()).toBeNull();
    });
  });
});

describe('display values', () => {
  it('formats numbers, dates, booleans and text with the number format and spreadsheet locale', () => {
    const { rt, g } = setup();
    const d = rt.run(() => {
      const sheet = g.SpreadsheetApp.getActive().getActiveSheet();
      const r = sheet.getRange('A1:H1');
      r.setNumberFormats([['0.00', '#,##0.00', '#,##0.00 "₽"', 'dd.mm.yyyy', 'dd.MM.yyyy HH:mm', '0%', '@', '']]);
      r.setValues([[1.5, 1234567.891, -1234.5, new Date(Date.UTC(2026, 10, 1, 9, 5)), new Date(Date.UTC(2026, 10, 1, 9, 5)), 0.125, '007', 0.1 + 0.2]]);
      return r.getDisplayValues()[0];
    });
    expect(d).toEqual(['1,50', '1\u00a0234\u00a0567,89', '-1\u00a0234,50 ₽', '01.11.2026', '01.11.2026 12:05', '13%', '007', '0,3']);
  });

  it('en_US locale uses dot decimals and comma groups', () => {
    const { rt, g } = setup({ locale: 'en' });
    const d = rt.run(() => {
      const r = g.SpreadsheetApp.getActive().getActiveSheet().getRange('A1:C1');
      r.setNumberFormats([['#,##0.00', 'm/d/yyyy', '']]);
      r.setValues([[1234.5, '2026-11-01', true]]);
      return r.getDisplayValues()[0];
    });
    expect(d).toEqual(['1,234.50', '11/1/2026', 'TRUE']);
  });
});

describe('developer metadata', () => {
  it('on the spreadsheet, sheets, whole rows and whole columns; finder; moves with the sheet', () => {
    const { rt, g } = setup();
    rt.run(() => {
      const SA = g.SpreadsheetApp;
      const ss = SA.getActive();
      ss.addDeveloperMetadata('wb.schema', '3');
      const data = ss.insertSheet('WB Заказы');
      data.addDeveloperMetadata('wb.table', 'orders', SA.DeveloperMetadataVisibility.PROJECT);
      data.getRange('1:1').addDeveloperMetadata('wb.header');
      data.getRange('C:C').addDeveloperMetadata('wb.column', 'srid');
      expect(() => data.getRange('A1:B2').addDeveloperMetadata('x')).toThrow(/Developer metadata may only be added to the top-level spreadsheet/);

      expect(ss.getDeveloperMetadata().map((m: any) => [m.getKey(), m.getValue()])).toEqual([['wb.schema', '3']]);
      const [md] = data.getDeveloperMetadata();
      expect([md.getKey(), md.getValue(), String(md.getVisibility())]).toEqual(['wb.table', 'orders', 'PROJECT']);
      expect(md.getLocation().getLocationType()).toBe('SHEET');

      data.setName('Заказы (старые)');
      ss.moveActiveSheet(1);
      const found = ss.createDeveloperMetadataFinder().withKey('wb.table').withValue('orders').find();
      expect(found.length).toBe(1);
      expect(found[0].getLocation().getSheet().getName()).toBe('Заказы (старые)');

      const col = ss.createDeveloperMetadataFinder().withKey('wb.column').find()[0];
      expect(col.getLocation().getLocationType()).toBe('COLUMN');
      expect(col.getLocation().getColumn().getA1Notation()).toBe('C:C');
      data.insertColumnsBefore(1, 2);
      expect(col.getLocation().getColumn().getA1Notation()).toBe('E:E');
      const row = data.createDeveloperMetadataFinder().withLocationType(SA.DeveloperMetadataLocationType.ROW).find()[0];
      expect(row.getValue()).toBeNull();
      data.insertRowsBefore(1, 1);
      expect(row.getLocation().getRow().getA1Notation()).toBe('2:2');

      col.setValue('nmId');
      expect(ss.createDeveloperMetadataFinder().withValue('nmId').find().length).toBe(1);
      col.remove();
      expect(ss.createDeveloperMetadataFinder().withKey('wb.column').find()).toEqual([]);
      ss.deleteSheet(data);
      expect(ss.createDeveloperMetadataFinder().find().map((m: any) => m.getKey())).toEqual(['wb.schema']);
    });
  });
});

describe('stats and virtual cost', () => {
  it('counts calls, cells written and read; each call costs virtual time', () => {
    const { rt, g } = setup();
    const t0 = rt.clock.now();
    rt.run(() => {
      const sheet = g.SpreadsheetApp.getActive().getActiveSheet();
      sheet.getRange(1, 1, 10, 10).setValues(Array.from({ length: 10 }, () => Array(10).fill(1)));
      sheet.getRange(1, 1, 5, 10).getValues();
    });
    expect(rt.stats.spreadsheetCalls).toBe(6);
    expect(rt.stats.cellsWritten).toBe(100);
    expect(rt.stats.cellsRead).toBe(50);
    expect(rt.clock.now() - t0).toBe(12); // 6 calls x 2 ms + 150 cells x 0.002 ms
    rt.stats.reset();
    rt.peek(() => g.SpreadsheetApp.getActive().getActiveSheet().getDataRange().getValues());
    expect(rt.stats.spreadsheetCalls).toBe(0);
  });

  it('test helpers read raw values without stats', () => {
    const { rt, g } = setup();
    rt.run(() => g.SpreadsheetApp.getActive().getActiveSheet().getRange('A1:B1').setValues([['2026-11-01', '@x']]));
    rt.stats.reset();
    const v = rt.spreadsheet.sheetValues('Лист1');
    expect(v[0][0]).toBeInstanceOf(Date);
    expect(rt.spreadsheet.sheetFormats('Лист1')).toEqual([['yyyy-mm-dd', '']]);
    expect(rt.spreadsheet.totalCells()).toBe(26000);
    expect(rt.stats.spreadsheetCalls).toBe(0);
  });
});

describe('UI', () => {
  it('records menus, sidebars, alerts and toasts', () => {
    const { rt, g } = setup({ htmlFiles: { Sidebar: '<div>hi</div>' } });
    rt.run(
      () => {
        const ui = g.SpreadsheetApp.getUi();
        const sub = ui.createMenu('Расписание').addItem('Каждый час', 'scheduleHourly');
        ui.createAddonMenu().addItem('Открыть', 'showSidebar').addSeparator().addSubMenu(sub).addToUi();
        ui.createAddonMenu().addItem('Открыть', 'showSidebar').addToUi();
      },
      { authMode: 'NONE' },
    );
    expect(rt.menus).toEqual([{ name: 'Add-on', items: [{ caption: 'Открыть', functionName: 'showSidebar' }] }]);
    rt.run(() => {
      const ui = g.SpreadsheetApp.getUi();
      ui.showSidebar(g.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('WB Sheets'));
      expect(ui.alert('Готово')).toBe(ui.Button.OK);
      g.SpreadsheetApp.getActive().toast('Загружено', 'WB Sheets', 5);
    });
    expect(rt.sidebars).toEqual([{ title: 'WB Sheets', html: '<div>hi</div>' }]);
    expect(rt.alerts).toEqual(['Готово']);
    expect(rt.toasts).toEqual([{ message: 'Загружено', title: 'WB Sheets' }]);
  });
});
