/** src/gas/dashboard.ts against the offline runtime: blocks, charts and rules the add-on owns, the seller's left alone. */
import { AppsScriptDashboard, DASHBOARD_META_KEY } from '../../src/gas/dashboard';
import type { ChartSpec, ConditionalRuleSpec, DashboardSheet } from '../../src/gas/types';
import { installRuntime, Runtime, uninstallRuntime } from './index';

const TAG = 'wb.sheet';
let rt: Runtime;

beforeEach(() => {
  rt = installRuntime();
});
afterEach(() => uninstallRuntime());

function open(name = 'WB Сводка', tag = 'summary'): DashboardSheet {
  return rt.run(() => AppsScriptDashboard.active().openSheet(name, TAG, tag));
}

/** 14 days of orders and sales in A1:C15, weekly revenue in E1:G5, top articles in I1:J11. */
function fill(d: DashboardSheet): void {
  rt.run(() => {
    const days: (string | number)[][] = [['День', 'Заказы', 'Продажи']];
    for (let i = 0; i < 14; i++) days.push([46327 + i, 20 + (i % 5), 15 + (i % 3)]);
    d.writeBlock(1, 1, days, ['dd.MM', '#,##0', '#,##0']);
    d.writeBlock(1, 5, [['Неделя', 'Выручка', 'К перечислению'], ['03.11', 100000, 80000], ['10.11', 120000, 95000], ['17.11', 90000, 70000], ['24.11', 130000, 99000]], ['@', '#,##0 ₽', '#,##0 ₽']);
    const top: (string | number)[][] = [['Артикул', 'Выручка']];
    for (let i = 0; i < 10; i++) top.push([`art-${i + 1}`, 50000 - i * 4000]);
    d.writeBlock(1, 9, top, ['@', '#,##0 ₽']);
  });
}

function specs(days = 15): ChartSpec[] {
  return [
    { kind: 'line', title: 'Заказы и продажи по дням', ranges: [{ row: 1, col: 1, numRows: days, numCols: 3 }], anchorRow: 18, anchorCol: 1, width: 600, height: 300, options: { legend: 'bottom', domainAxisTitle: 'День' } },
    { kind: 'column', title: 'Выручка и к перечислению по неделям', ranges: [{ row: 1, col: 5, numRows: 5, numCols: 3 }], anchorRow: 18, anchorCol: 8, width: 600, height: 300, options: { valueFormat: '#,##0 ₽', colors: ['#4285f4', '#34a853'] } },
    { kind: 'line', title: 'Остатки', ranges: [{ row: 1, col: 1, numRows: days, numCols: 2 }], anchorRow: 36, anchorCol: 1, width: 600, height: 300 },
    { kind: 'bar', title: 'Топ-10 артикулов по выручке', ranges: [{ row: 1, col: 9, numRows: 11, numCols: 2 }], anchorRow: 36, anchorCol: 8, width: 600, height: 360, options: { legend: 'none', valueAxisTitle: 'Выручка, ₽' } },
  ];
}

describe('dashboard sheets', () => {
  it('opens a tagged sheet once, adopts an empty one, and steps around a seller sheet of the same name', () => {
    const a = open();
    expect(a.name()).toBe('WB Сводка');
    expect(open().name()).toBe('WB Сводка');
    rt.run(() => {
      const s = SpreadsheetApp.getActive().insertSheet('WB ABC');
      s.getRange('A1').setValue('моё');
      SpreadsheetApp.getActive().insertSheet('WB Остатки: прогноз');
    });
    expect(open('WB ABC', 'abc').name()).toBe('WB ABC (2)');
    expect(open('WB Остатки: прогноз', 'forecast').name()).toBe('WB Остатки: прогноз');
    expect(rt.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Лист1', 'WB Сводка', 'WB ABC', 'WB Остатки: прогноз', 'WB ABC (2)']);
    expect(rt.run(() => AppsScriptDashboard.active().findSheet(TAG, 'nothing'))).toBeNull();
  });

  it('writes blocks with formats, styles, widths, merges, and clears them', () => {
    const d = open();
    rt.stats.reset();
    rt.run(() => {
      d.writeBlock(1, 1, [['Сводка за неделю', null], ['Выручка', 123456.5]], [['@', '@'], ['@', '#,##0.00 ₽']]);
      d.styleBlock({ row: 1, col: 1, numRows: 1, numCols: 2 }, { background: '#e8f0fe', bold: true, align: 'center' });
      d.styleBlock({ row: 2, col: 2, numRows: 1, numCols: 1 }, { fontColors: [['#a50e0e']] });
      d.mergeBlock({ row: 1, col: 1, numRows: 1, numCols: 2 });
      d.setColumnWidths(1, [160, 120, 120, 120, 80]);
      d.freezeRows(1);
    });
    // getMaxRows/Columns once; writeBlock 3; styleBlock 4 + 2; merge 2; widths 3; freeze 1
    expect(rt.stats.spreadsheetCalls).toBeLessThanOrEqual(17);
    expect(rt.spreadsheet.sheetValues('WB Сводка')).toEqual([['Сводка за неделю', ''], ['Выручка', 123456.5]]);
    const sheet = rt.spreadsheet.getSheetByName('WB Сводка')!;
    expect(sheet.getRange('B2').getDisplayValue()).toBe('123\u00a0456,50 ₽');
    expect(sheet.getRange('A1').getBackground()).toBe('#e8f0fe');
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
    expect([1, 2, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([160, 120, 120, 80]);
    expect(rt.effectiveFormat('WB Сводка', 2, 2)).toMatchObject({ fontColor: '#a50e0e' });
    // reading the seller's inputs back: dates as serials, empty cells (and cells off the grid) as null
    rt.run(() => {
      d.writeBlock(4, 1, [[new Date(Date.UTC(2026, 10, 1, 9)) as unknown as number, 'x']], ['dd.MM.yyyy', '@']);
      expect(d.read(4, 1, 2, 3)).toEqual([[46327.5, 'x', null], [null, null, null]]);
      expect(d.read(999, 1, 3, 1)).toEqual([[null], [null], [null]]);
      expect(d.read(1001, 1, 1, 1)).toEqual([[null]]);
      expect(d.lastRow()).toBe(4);
      d.setChoices(2, 2, ['7 дней', '30 дней', 'Свои даты']);
    });
    expect(rt.run(() => sheet.getRange('B2').getDataValidation()!.getCriteriaValues())).toEqual([['7 дней', '30 дней', 'Свои даты'], true]);
    rt.run(() => d.clearContentsAndFormats());
    expect(rt.spreadsheet.sheetValues('WB Сводка')).toEqual([]);
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(false);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });
});

describe('replaceCharts', () => {
  it('makes the four overview charts, keeps them when nothing changed, and never touches the seller chart', () => {
    const d = open();
    fill(d);
    // the seller's own chart on the same sheet
    const sellerId = rt.run(() => {
      const s = SpreadsheetApp.getActive().getSheetByName('WB Сводка')!;
      s.insertChart(s.newChart().setChartType(Charts.ChartType.PIE).addRange(s.getRange('I1:J4')).setPosition(60, 1, 0, 0).setOption('title', 'Моя').build());
      return s.getCharts()[0].getChartId();
    });
    rt.stats.reset();
    expect(rt.run(() => d.replaceCharts(specs()))).toEqual({ kept: 0, removed: 0, created: 4 });
    const firstCalls = rt.stats.spreadsheetCalls;
    const charts = rt.charts('WB Сводка');
    expect(charts.map((c) => [c.type, c.title, c.ranges, c.anchor.a1])).toEqual([
      ['PIE', 'Моя', ["'WB Сводка'!I1:J4"], 'A60'],
      ['LINE', 'Заказы и продажи по дням', ["'WB Сводка'!A1:C15"], 'A18'],
      ['COLUMN', 'Выручка и к перечислению по неделям', ["'WB Сводка'!E1:G5"], 'H18'],
      ['LINE', 'Остатки', ["'WB Сводка'!A1:B15"], 'A36'],
      ['BAR', 'Топ-10 артикулов по выручке', ["'WB Сводка'!I1:J11"], 'H36'],
    ]);
    expect(charts[1].options).toMatchObject({ legend: { position: 'bottom' }, hAxis: { title: 'День' }, width: 600, height: 300 });
    expect(charts[2].options).toMatchObject({ vAxis: { format: '#,##0 ₽' }, colors: ['#4285f4', '#34a853'] });
    expect(charts[4].options).toMatchObject({ hAxis: { title: 'Выручка, ₽' }, legend: { position: 'none' } });
    const ids = charts.map((c) => c.id);

    // the same layout again (an hourly refresh): only reads
    const again = open();
    rt.stats.reset();
    expect(rt.run(() => again.replaceCharts(specs()))).toEqual({ kept: 4, removed: 0, created: 0 });
    // metadata: finder, withKey, find, getValue; getCharts; getChartId x 5
    expect(rt.stats.spreadsheetCalls).toBe(10);
    expect(rt.charts('WB Сводка').map((c) => c.id)).toEqual(ids);

    // a longer period: only the two daily charts are made again
    expect(rt.run(() => open().replaceCharts(specs(12)))).toEqual({ kept: 2, removed: 2, created: 2 });
    const after = rt.charts('WB Сводка');
    expect(after.map((c) => c.id)).toEqual(expect.arrayContaining([sellerId, ids[2], ids[4]]));
    expect(after.map((c) => c.ranges[0])).toEqual(expect.arrayContaining(["'WB Сводка'!A1:C12", "'WB Сводка'!A1:B12"]));
    expect(after).toHaveLength(5);
    expect(firstCalls).toBeLessThan(80);

    // the seller deleted one of the add-on's charts: it comes back
    rt.run(() => {
      const s = SpreadsheetApp.getActive().getSheetByName('WB Сводка')!;
      s.removeChart(s.getCharts().find((c) => c.getOptions().get('title') === 'Остатки')!);
    });
    expect(rt.run(() => open().replaceCharts(specs(12)))).toEqual({ kept: 3, removed: 0, created: 1 });

    // no charts wanted: the add-on's go, the seller's stays
    expect(rt.run(() => open().replaceCharts([]))).toEqual({ kept: 0, removed: 4, created: 0 });
    expect(rt.charts('WB Сводка').map((c) => c.id)).toEqual([sellerId]);
    const meta = rt.run(() => SpreadsheetApp.getActive().getSheetByName('WB Сводка')!.createDeveloperMetadataFinder().withKey(DASHBOARD_META_KEY).find());
    expect(meta).toHaveLength(1);
  });

  it('a column chart with a series drawn as a line becomes a combo chart', () => {
    const d = open();
    fill(d);
    rt.run(() =>
      d.replaceCharts([
        { kind: 'column', title: 'Выручка', ranges: [{ row: 1, col: 5, numRows: 5, numCols: 3 }], anchorRow: 1, anchorCol: 12, width: 500, height: 300, options: { series: { 1: { asLine: true, secondAxis: true } }, stacked: false, raw: { 'vAxes.1.title': 'К перечислению' } } },
      ]),
    );
    expect(rt.charts('WB Сводка')[0]).toMatchObject({ type: 'COMBO', options: { seriesType: 'bars', series: { 1: { type: 'line', targetAxisIndex: 1 } }, vAxes: { 1: { title: 'К перечислению' } } } });
  });
});

describe('replaceConditionalRules', () => {
  const rules = (lastRow = 15): ConditionalRuleSpec[] => [
    { ranges: [{ row: 2, col: 2, numRows: lastRow - 1, numCols: 2 }], when: { kind: 'lessThan', value: 0 }, background: '#f4c7c3', fontColor: '#a50e0e' },
    { ranges: [{ row: 2, col: 3, numRows: lastRow - 1, numCols: 1 }], when: { kind: 'between', min: 0, max: 15 }, background: '#fce8b2' },
  ];

  it('adds the add-on rules after the seller rules, colours cells, and leaves the seller rules alone', () => {
    const d = open();
    fill(d);
    rt.run(() => {
      const s = SpreadsheetApp.getActive().getSheetByName('WB Сводка')!;
      s.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('art-1').setBackground('#d9ead3').setRanges([s.getRange('I2:I11')]).build()]);
      s.getRange('B5').setValue(-3);
    });
    expect(rt.run(() => d.replaceConditionalRules(rules()))).toEqual({ kept: 0, removed: 0, created: 2 });
    expect(rt.conditionalRules('WB Сводка').map((r) => [r.criteria, r.ranges])).toEqual([
      ['TEXT_EQUAL_TO', 'I2:I11'],
      ['NUMBER_LESS_THAN', 'B2:C15'],
      ['NUMBER_BETWEEN', 'C2:C15'],
    ]);
    expect(rt.effectiveFormat('WB Сводка', 5, 2)).toMatchObject({ background: '#f4c7c3', fontColor: '#a50e0e' }); // a loss
    expect(rt.effectiveBackground('WB Сводка', 2, 3)).toBe('#fce8b2'); // 15 sold: low
    expect(rt.effectiveBackground('WB Сводка', 3, 2)).toBe('#ffffff');
    expect(rt.effectiveBackground('WB Сводка', 2, 9)).toBe('#d9ead3'); // the seller's rule

    // unchanged: read only, no setConditionalFormatRules
    const again = open();
    rt.stats.reset();
    expect(rt.run(() => again.replaceConditionalRules(rules()))).toEqual({ kept: 2, removed: 0, created: 0 });
    // metadata 4; getConditionalFormatRules; ranges + A1 of 3 rules; condition, type, values of the add-on's 2
    expect(rt.stats.spreadsheetCalls).toBe(17);

    // the table grew: the add-on's rules are replaced, the seller's stays first
    expect(rt.run(() => open().replaceConditionalRules(rules(20)))).toEqual({ kept: 0, removed: 2, created: 2 });
    expect(rt.conditionalRules('WB Сводка').map((r) => r.ranges)).toEqual(['I2:I11', 'B2:C20', 'C2:C20']);

    // charts and rules share the metadata entry without losing each other's part
    rt.run(() => open().replaceCharts(specs()));
    expect(rt.run(() => open().replaceConditionalRules(rules(20)))).toEqual({ kept: 2, removed: 0, created: 0 });
    expect(rt.run(() => open().replaceCharts(specs()))).toEqual({ kept: 4, removed: 0, created: 0 });

    expect(rt.run(() => open().replaceConditionalRules([]))).toEqual({ kept: 0, removed: 2, created: 0 });
    expect(rt.conditionalRules('WB Сводка').map((r) => r.ranges)).toEqual(['I2:I11']);
  });

  it('one adapter object can replace charts and rules in one execution (one metadata entry)', () => {
    rt.run(() => {
      const d = AppsScriptDashboard.active().openSheet('WB ABC', TAG, 'abc');
      fill(d);
      d.replaceCharts(specs());
      d.replaceConditionalRules(rules());
      d.replaceCharts(specs(10));
    });
    const found = rt.run(() => SpreadsheetApp.getActive().getSheetByName('WB ABC')!.createDeveloperMetadataFinder().withKey(DASHBOARD_META_KEY).find());
    expect(found).toHaveLength(1);
    const state = JSON.parse(rt.run(() => found[0].getValue())!);
    expect(state.c).toHaveLength(4);
    expect(state.r).toHaveLength(2);
    expect(rt.run(() => open('WB ABC', 'abc').replaceConditionalRules(rules()))).toEqual({ kept: 2, removed: 0, created: 0 });
  });
});

it('clearing a block splits the merges inside it and leaves a seller merge that crosses its edge', () => {
  const d = open();
  rt.run(() => {
    d.writeBlock(1, 1, [['a', 'b', 'c']]);
    d.mergeBlock({ row: 1, col: 1, numRows: 1, numCols: 2 });
    const s = SpreadsheetApp.getActive().getSheetByName('WB Сводка')!;
    s.getRange('C5:D5').merge();
    d.clearContentsAndFormats({ row: 1, col: 1, numRows: 5, numCols: 3 });
    expect(s.getRange('A1').isPartOfMerge()).toBe(false); // the add-on's merge inside the block is split
    expect(s.getRange('C5').isPartOfMerge()).toBe(true);
    expect(s.getRange('A1:C1').getValues()).toEqual([['', '', '']]);
  });
});
