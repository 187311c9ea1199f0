/** Native charts and conditional format rules built from the dashboard's specs (SpreadsheetApp / Charts). */
import { ChartSpec, ConditionalRuleSpec } from './types';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** Grows the sheet's grid to hold a cell (the builders may reach past it). */
export type GridGrower = (lastRow: number, lastCol: number) => void;

/** A native chart for the spec, its data ranges inside the grid. */
export function buildChart(sheet: Sheet, spec: ChartSpec, ensureGrid: GridGrower): EmbeddedChart {
  const o = spec.options ?? {};
  const asLine = Object.values(o.series ?? {}).some((s) => s && s.asLine);
  const type =
    spec.kind === 'line'
      ? Charts.ChartType.LINE
      : spec.kind === 'bar'
        ? Charts.ChartType.BAR
        : spec.kind === 'pie'
          ? Charts.ChartType.PIE
          : spec.kind === 'area'
            ? Charts.ChartType.AREA
            : asLine
              ? Charts.ChartType.COMBO
              : Charts.ChartType.COLUMN;
  let last = { row: spec.anchorRow, col: spec.anchorCol };
  for (const r of spec.ranges) last = { row: Math.max(last.row, r.row + r.numRows - 1), col: Math.max(last.col, r.col + r.numCols - 1) };
  ensureGrid(last.row, last.col);
  let b = sheet.newChart().setChartType(type);
  for (const r of spec.ranges) b = b.addRange(sheet.getRange(r.row, r.col, r.numRows, r.numCols));
  b = b
    .setPosition(spec.anchorRow, spec.anchorCol, o.offsetX ?? 0, o.offsetY ?? 0)
    .setNumHeaders(o.headerRows ?? 1)
    .setOption('title', spec.title)
    .setOption('width', spec.width)
    .setOption('height', spec.height);
  if (o.legend) b = b.setOption('legend', { position: o.legend });
  const domainAxis: Record<string, unknown> = {};
  const valueAxis: Record<string, unknown> = {};
  if (o.domainAxisTitle) domainAxis.title = o.domainAxisTitle;
  if (o.valueAxisTitle) valueAxis.title = o.valueAxisTitle;
  if (o.valueFormat) valueAxis.format = o.valueFormat;
  // In a Google bar chart the horizontal axis (hAxis) carries the values.
  const [hAxis, vAxis] = spec.kind === 'bar' ? [valueAxis, domainAxis] : [domainAxis, valueAxis];
  if (Object.keys(hAxis).length) b = b.setOption('hAxis', hAxis);
  if (Object.keys(vAxis).length) b = b.setOption('vAxis', vAxis);
  if (o.colors && o.colors.length) b = b.setOption('colors', o.colors);
  if (o.stacked) b = b.setOption('isStacked', true);
  if (o.pieHole !== undefined) b = b.setOption('pieHole', o.pieHole);
  if (o.series) {
    const series: Record<string, Record<string, unknown>> = {};
    for (const [k, s] of Object.entries(o.series)) {
      const x: Record<string, unknown> = {};
      if (s.color) x.color = s.color;
      if (s.secondAxis) x.targetAxisIndex = 1;
      if (s.asLine) x.type = 'line';
      if (Object.keys(x).length) series[k] = x;
    }
    if (Object.keys(series).length) b = b.setOption('series', series);
    if (asLine && spec.kind === 'column') b = b.setOption('seriesType', 'bars');
  }
  for (const [k, v] of Object.entries(o.raw ?? {})) b = b.setOption(k, v);
  return b.build();
}

/** A conditional format rule for the spec, its ranges inside the grid. */
export function buildRule(sheet: Sheet, spec: ConditionalRuleSpec, ensureGrid: GridGrower): ConditionalFormatRule {
  let b = SpreadsheetApp.newConditionalFormatRule();
  const w = spec.when;
  switch (w.kind) {
    case 'lessThan':
      b = b.whenNumberLessThan(w.value);
      break;
    case 'lessThanOrEqual':
      b = b.whenNumberLessThanOrEqualTo(w.value);
      break;
    case 'greaterThan':
      b = b.whenNumberGreaterThan(w.value);
      break;
    case 'greaterThanOrEqual':
      b = b.whenNumberGreaterThanOrEqualTo(w.value);
      break;
    case 'equal':
      b = b.whenNumberEqualTo(w.value);
      break;
    case 'between':
      b = b.whenNumberBetween(w.min, w.max);
      break;
    case 'empty':
      b = b.whenCellEmpty();
      break;
    case 'notEmpty':
      b = b.whenCellNotEmpty();
      break;
    case 'textEquals':
      b = b.whenTextEqualTo(w.text);
      break;
    case 'textContains':
      b = b.whenTextContains(w.text);
      break;
    case 'formula':
      b = b.whenFormulaSatisfied(w.formula);
      break;
  }
  if (spec.background) b = b.setBackground(spec.background);
  if (spec.fontColor) b = b.setFontColor(spec.fontColor);
  if (spec.bold !== undefined) b = b.setBold(spec.bold);
  const last = spec.ranges.reduce((m, r) => ({ row: Math.max(m.row, r.row + r.numRows - 1), col: Math.max(m.col, r.col + r.numCols - 1) }), { row: 1, col: 1 });
  ensureGrid(last.row, last.col);
  return b.setRanges(spec.ranges.map((r) => sheet.getRange(r.row, r.col, r.numRows, r.numCols))).build();
}
