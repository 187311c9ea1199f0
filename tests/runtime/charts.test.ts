/** Embedded charts, conditional formatting and merges in the offline runtime. */
import { createRuntime } from './index';

function setup() {
  const rt = createRuntime();
  const g = rt.globals as any;
  const sheet = rt.run(() => {
    const s = g.SpreadsheetApp.getActive().insertSheet('WB Сводка');
    s.getRange('A1:C4').setValues([
      ['День', 'Заказы', 'Продажи'],
      [new Date(Date.UTC(2026, 10, 1, 9)), 10, 7],
      [new Date(Date.UTC(2026, 10, 2, 9)), 12, 9],
      [new Date(Date.UTC(2026, 10, 3, 9)), 8, -2],
    ]);
    return s;
  });
  return { rt, g, sheet };
}

describe('charts', () => {
  it('builds, inserts, lists, updates and removes a chart; each call is counted', () => {
    const { rt, g, sheet } = setup();
    rt.stats.reset();
    const id = rt.run(() => {
      const chart = sheet
        .newChart()
        .setChartType(g.Charts.ChartType.LINE)
        .addRange(sheet.getRange('A1:C4'))
        .setPosition(6, 2, 5, 10)
        .setOption('title', 'Заказы и продажи')
        .setOption('hAxis.title', 'День')
        .setOption('width', 640)
        .setOption('legend', { position: 'bottom' })
        .build();
      expect(chart.getChartId()).toBeNull();
      sheet.insertChart(chart);
      const charts = sheet.getCharts();
      expect(charts).toHaveLength(1);
      const c = charts[0];
      expect(c.getRanges().map((r: any) => r.getA1Notation())).toEqual(['A1:C4']);
      expect(c.getOptions().get('title')).toBe('Заказы и продажи');
      expect(c.getOptions().get('hAxis')).toEqual({ title: 'День' });
      expect(c.getOptions().get('legend.position')).toBe('bottom');
      expect(c.getOptions().get('height')).toBeNull();
      const info = c.getContainerInfo();
      expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([6, 2, 5, 10]);
      expect(String(c.modify().getChartType())).toBe('LINE');
      return c.getChartId();
    });
    expect(typeof id).toBe('number');
    // newChart, setChartType, getRange, addRange, setPosition, 4 x setOption, build, getChartId, insertChart, getCharts, ...
    expect(rt.stats.spreadsheetCalls).toBeGreaterThan(14);
    expect(rt.charts('WB Сводка')).toEqual([
      expect.objectContaining({ id, type: 'LINE', title: 'Заказы и продажи', ranges: ["'WB Сводка'!A1:C4"], width: 640, height: 371 }),
    ]);

    rt.run(() => {
      const c = sheet.getCharts()[0];
      const b = c.modify().asColumnChart().setTitle('Недели').setXAxisTitle('Неделя').setStacked();
      b.clearRanges().addRange(sheet.getRange('A1:B4'));
      sheet.updateChart(b.build());
    });
    const [after] = rt.charts('WB Сводка');
    expect(after).toMatchObject({ id, type: 'COLUMN', title: 'Недели', ranges: ["'WB Сводка'!A1:B4"] });
    expect(after.options).toMatchObject({ isStacked: true, hAxis: { title: 'Неделя' } });

    rt.run(() => sheet.removeChart(sheet.getCharts()[0]));
    expect(rt.charts('WB Сводка')).toEqual([]);
  });

  it('typed builders have only their own setters; bad arguments fail like Apps Script', () => {
    const { rt, g, sheet } = setup();
    rt.run(() => {
      const pie = sheet.newChart().asPieChart();
      expect(typeof pie.setTitle).toBe('function');
      expect(pie.setXAxisTitle).toBeUndefined();
      expect(() => sheet.newChart().setChartType('LINE')).toThrow(/don't match the method signature/);
      expect(() => sheet.newChart().addRange('A1:B2')).toThrow(/don't match the method signature/);
      expect(() => sheet.newChart().addRange(sheet.getRange('A1:B2')).build()).toThrow(/chart type/);
      const orphan = sheet.newChart().setChartType(g.Charts.ChartType.BAR).addRange(sheet.getRange('A1:B2')).build();
      expect(() => sheet.removeChart(orphan)).toThrow(/could not be found/);
      expect(() => sheet.updateChart(orphan)).toThrow(/could not be found/);
      pie.addRange(sheet.getRange('A1:B4')).setLegendPosition(g.Charts.Position.NONE).set3D();
      sheet.insertChart(pie.build());
    });
    expect(rt.charts('WB Сводка')[0]).toMatchObject({ type: 'PIE', options: { legend: { position: 'none' }, is3D: true } });
  });

  it('data ranges and anchors move with inserted and deleted rows', () => {
    const { rt, g, sheet } = setup();
    rt.run(() => {
      sheet.insertChart(sheet.newChart().setChartType(g.Charts.ChartType.LINE).addRange(sheet.getRange('A1:C4')).setPosition(8, 1, 0, 0).build());
      sheet.insertRowsBefore(2, 3); // inside the range: it grows
      sheet.deleteRows(1, 1); // its header row: it shrinks and moves up
    });
    expect(rt.charts('WB Сводка')[0]).toMatchObject({ ranges: ["'WB Сводка'!A1:C6"], anchor: expect.objectContaining({ row: 10, col: 1 }) });
  });
});

describe('conditional formatting', () => {
  it('stores rules and tells which cells are coloured', () => {
    const { rt, g, sheet } = setup();
    rt.stats.reset();
    rt.run(() => {
      const red = g.SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0).setBackground('#F4C7C3').setFontColor('#990000').setRanges([sheet.getRange('C2:C4')]).build();
      const amber = g.SpreadsheetApp.newConditionalFormatRule().whenNumberBetween(0, 8).setBackground('#fce8b2').setBold(true).setRanges([sheet.getRange('B2:C4')]).build();
      sheet.setConditionalFormatRules([red, amber]);
      const rules = sheet.getConditionalFormatRules();
      expect(rules).toHaveLength(2);
      const cond = rules[0].getBooleanCondition();
      expect(String(cond.getCriteriaType())).toBe('NUMBER_LESS_THAN');
      expect(cond.getCriteriaType()).toBe(g.SpreadsheetApp.BooleanCriteria.NUMBER_LESS_THAN);
      expect(cond.getCriteriaValues()).toEqual([0]);
      expect(cond.getBackground()).toBe('#F4C7C3');
      expect(rules[1].getRanges().map((r: any) => r.getA1Notation())).toEqual(['B2:C4']);
      sheet.getRange('B1:C1').setBackground('#eeeeee');
    });
    expect(rt.stats.spreadsheetCalls).toBeGreaterThan(10);
    expect(rt.effectiveBackground('WB Сводка', 4, 3)).toBe('#f4c7c3'); // -2: first rule wins
    expect(rt.effectiveFormat('WB Сводка', 4, 3)).toMatchObject({ fontColor: '#990000', bold: false, rule: 0 });
    expect(rt.effectiveFormat('WB Сводка', 2, 3)).toMatchObject({ background: '#fce8b2', bold: true, rule: 1 }); // 7
    expect(rt.effectiveBackground('WB Сводка', 3, 2)).toBe('#ffffff'); // 12
    expect(rt.effectiveBackground('WB Сводка', 1, 2)).toBe('#eeeeee'); // own background, no rule
    expect(rt.conditionalRules('WB Сводка').map((r) => r.ranges)).toEqual(['C2:C4', 'B2:C4']);
  });

  it('evaluates empty cells as 0 for number conditions, text and simple custom formulas', () => {
    const { rt, g, sheet } = setup();
    rt.run(() => {
      const rule = (b: any, range: string, color: string) => b.setBackground(color).setRanges([sheet.getRange(range)]).build();
      sheet.setConditionalFormatRules([
        rule(g.SpreadsheetApp.newConditionalFormatRule().whenNumberLessThanOrEqualTo(0), 'E1:E2', '#ff0000'),
        rule(g.SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('заказы'), 'A1:C1', '#00ff00'),
        rule(g.SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2<0'), 'A2:C4', '#0000ff'),
        rule(g.SpreadsheetApp.newConditionalFormatRule().whenCellEmpty(), 'F1', '#123456'),
      ]);
    });
    expect(rt.effectiveBackground('WB Сводка', 1, 5)).toBe('#ff0000');
    expect(rt.effectiveBackground('WB Сводка', 1, 2)).toBe('#00ff00');
    expect(rt.effectiveBackground('WB Сводка', 1, 3)).toBe('#ffffff');
    expect([1, 2, 3].map((c) => rt.effectiveBackground('WB Сводка', 4, c))).toEqual(['#0000ff', '#0000ff', '#0000ff']);
    expect(rt.effectiveBackground('WB Сводка', 3, 1)).toBe('#ffffff');
    expect(rt.effectiveBackground('WB Сводка', 1, 6)).toBe('#123456');
  });

  it('rejects rules without ranges or on another sheet; ranges move with rows', () => {
    const { rt, g, sheet } = setup();
    rt.run(() => {
      const other = g.SpreadsheetApp.getActive().getSheets()[0];
      const b = g.SpreadsheetApp.newConditionalFormatRule().whenCellNotEmpty().setBackground('#ff0000');
      expect(() => sheet.setConditionalFormatRules([b.build()])).toThrow(/at least one range/);
      expect(() => sheet.setConditionalFormatRules([b.copy().setRanges([other.getRange('A1')]).build()])).toThrow(/sheet it is set on/);
      expect(() => g.SpreadsheetApp.newConditionalFormatRule().setBackground('#ff0000').build()).toThrow(/condition/);
      expect(() => g.SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan('0')).toThrow(/don't match the method signature/);
      sheet.setConditionalFormatRules([b.setRanges([sheet.getRange('B2:B4')]).build()]);
      sheet.insertRowsBefore(1, 2);
    });
    expect(rt.conditionalRules('WB Сводка')[0].ranges).toBe('B4:B6');
  });
});

describe('merges and formatting calls', () => {
  it('merges keep the top-left value, refuse partial overlaps, and break apart', () => {
    const { rt, sheet } = setup();
    rt.run(() => {
      sheet.getRange('A1:C1').merge();
      expect(sheet.getRange('A1:C1').getValues()).toEqual([['День', '', '']]);
      expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
      expect(sheet.getRange('A1:D4').getMergedRanges().map((r: any) => r.getA1Notation())).toEqual(['A1:C1']);
      expect(() => sheet.getRange('B1:D1').merge()).toThrow(/merged range/);
      sheet.getRange('A1:C1').breakApart();
      expect(sheet.getRange('B1').isPartOfMerge()).toBe(false);
      sheet.getRange('A2:B3').mergeAcross();
      expect(sheet.getRange('A2:B3').getMergedRanges()).toHaveLength(2);
    });
  });

  it('column widths are validated and counted', () => {
    const { rt, sheet } = setup();
    rt.stats.reset();
    rt.run(() => {
      sheet.setColumnWidths(1, 3, 140);
      sheet.setColumnWidth(5, 60);
      expect(() => sheet.setColumnWidth('A', 60)).toThrow(/don't match the method signature/);
      expect(sheet.getColumnWidth(2)).toBe(140);
    });
    expect(rt.stats.spreadsheetCalls).toBe(4);
  });
});

describe('data validation', () => {
  it('stores dropdowns per cell, moves them with rows, and clears them', () => {
    const { rt, g, sheet } = setup();
    rt.run(() => {
      const rule = g.SpreadsheetApp.newDataValidation().requireValueInList(['7 дней', '30 дней'], true).setAllowInvalid(false).build();
      sheet.getRange('E2:E3').setDataValidation(rule);
      const got = sheet.getRange('E3').getDataValidation();
      expect(String(got.getCriteriaType())).toBe('VALUE_IN_LIST');
      expect(got.getCriteriaValues()).toEqual([['7 дней', '30 дней'], true]);
      expect(got.getAllowInvalid()).toBe(false);
      expect(sheet.getRange('E4').getDataValidation()).toBeNull();
      sheet.insertRowsBefore(1, 1);
      expect(sheet.getRange('E2').getDataValidation()).toBeNull();
      expect(sheet.getRange('E3:E4').getDataValidations().map((r: any[]) => r.map((x) => x && String(x.getCriteriaType())))).toEqual([['VALUE_IN_LIST'], ['VALUE_IN_LIST']]);
      sheet.getRange('E4').clearDataValidations();
      expect(sheet.getRange('E4').getDataValidation()).toBeNull();
      expect(sheet.getRange('E3').getDataValidation()).not.toBeNull();
      expect(() => sheet.getRange('E3').setDataValidation('x')).toThrow(/don't match the method signature/);
    });
  });

  it('evaluates ISNUMBER and absolute references in custom formulas', () => {
    const { rt, g, sheet } = setup();
    rt.run(() => {
      sheet.getRange('F1').setValue(10);
      sheet.setConditionalFormatRules([
        g.SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=AND(ISNUMBER($B2),$B2<$F$1)').setBackground('#fce8b2').setRanges([sheet.getRange('B2:B5')]).build(),
      ]);
    });
    expect([2, 3, 4, 5].map((r) => rt.effectiveBackground('WB Сводка', r, 2))).toEqual(['#ffffff', '#ffffff', '#fce8b2', '#ffffff']);
  });
});
