/**
 * Writes the fake spreadsheet to an .xlsx file with exceljs: values, number formats,
 * styles, frozen panes, column widths, merges, conditional formatting, and the sheets'
 * embedded charts. exceljs cannot write charts, so after it has written the workbook the
 * charts are added as native DrawingML parts (xl/charts/chartN.xml, one per chart, whose
 * series reference the sheet ranges and carry cached values; a drawing per sheet with
 * one anchor per chart; the relationships and content types), so Excel and LibreOffice
 * show them as real charts over live ranges.
 */
import type ExcelJS from 'exceljs';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as nodePath from 'path';
import { cellA1 } from './a1';
import { ChartCell, ChartData, chartData, chartHeight, chartInfo, chartWidth, cellsRef, DEFAULT_COLORS, legendPosition, seriesColor, seriesKind } from './chart-data';
import { ChartRecord, getOption } from './charts';
import { CfState, normColor } from './conditional';
import type { DvState } from './validation';
import { FORMULA_VALUE } from './grid';
import { refA1 } from './gridref';
import { isDateFormat, toExcelFormat } from './numfmt';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';
import { instantToSerial as instant, serialToWallMs } from './tz';

export interface XlsxOptions {
  /**
   * Also add a sheet 'Диаграммы' listing every chart (sheet, type, title, data ranges in
   * A1 notation, anchor cell, size) when the workbook has charts. Default false.
   */
  chartIndex?: boolean;
}

function argb(color: string): string | undefined {
  const c = normColor(color);
  const m = c ? /^#([0-9a-f]{6})$/i.exec(c) : null;
  return m ? 'FF' + m[1].toUpperCase() : undefined;
}

function loadModule<T>(name: string): T {
  try {
    return require(name);
  } catch {
    for (const base of [process.env.WB_SHEETS_ROOT, process.cwd()]) {
      if (!base) continue;
      try {
        return createRequire(nodePath.join(base, 'package.json'))(name);
      } catch {
        /* next */
      }
    }
    throw new Error(`toXlsx: the ${name} package cannot be found`);
  }
}

/**
 * Loads exceljs lazily: a script bundled into a temp folder (scripts/run-ts.js) cannot
 * resolve it from there, so fall back to the project root.
 */
function loadExcelJs(): typeof ExcelJS {
  return loadModule<typeof ExcelJS>('exceljs');
}

/**
 * Excel refuses sheet names with * ? : \ / [ ] or over 31 characters, which Google Sheets
 * allows ('WB Остатки: прогноз'): such names are written with '-' and cut, and chart
 * references follow.
 */
export function xlsxSheetName(name: string): string {
  return name.replace(/[*?:\\/\[\]]/g, '-').slice(0, 31);
}

let renamed = new Map<string, string>();

/** A chart reference with the sheet's xlsx name ("'WB Остатки: прогноз'!A1" -> "'WB Остатки- прогноз'!A1"). */
function xlsxRef(ref: string): string {
  renamed.forEach((to, from) => {
    ref = ref.split("'" + from.replace(/'/g, "''") + "'!").join("'" + to.replace(/'/g, "''") + "'!");
  });
  return ref;
}

export async function writeXlsx(ss: FakeSpreadsheet, path: string, opts: XlsxOptions = {}): Promise<void> {
  const Excel = loadExcelJs();
  renamed = new Map(ss._sheets.filter((sh) => xlsxSheetName(sh._name) !== sh._name).map((sh) => [sh._name, xlsxSheetName(sh._name)] as [string, string]));
  const wb = new Excel.Workbook();
  wb.creator = 'WB Sheets offline runtime';
  for (const sheet of ss._sheets) {
    const frozen = sheet._frozenRows > 0 || sheet._frozenCols > 0;
    const ws = wb.addWorksheet(xlsxSheetName(sheet._name), {
      state: sheet._hidden ? 'hidden' : 'visible',
      views: frozen ? [{ state: 'frozen', xSplit: sheet._frozenCols, ySplit: sheet._frozenRows }] : undefined,
    });
    sheet._rows.forEach((row, ri) => {
      if (!row) return;
      const n = Math.max(row.v.length, row.fx?.length ?? 0, row.f?.length ?? 0, row.st?.length ?? 0);
      for (let ci = 0; ci < n; ci++) {
        const v = row.v[ci];
        const fx = row.fx?.[ci];
        const fmt = row.f?.[ci] ?? '';
        const st = row.st?.[ci];
        if ((v === undefined || v === '') && fx === undefined && !fmt && !st) continue;
        const cell = ws.getCell(ri + 1, ci + 1);
        if (fx !== undefined) {
          const r = row.fr?.[ci];
          const result = typeof r === 'number' && fmt && isDateFormat(fmt) ? new Date(serialToWallMs(r)) : (r ?? FORMULA_VALUE);
          cell.value = { formula: fx.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
        }
        else if (typeof v === 'number' && fmt && isDateFormat(fmt)) cell.value = new Date(serialToWallMs(v));
        else if (v !== undefined && v !== '') cell.value = v;
        if (fmt) cell.numFmt = toExcelFormat(fmt);
        if (st?.fontWeight === 'bold' || st?.fontStyle === 'italic' || st?.fontColor) {
          cell.font = {
            bold: st.fontWeight === 'bold' || undefined,
            italic: st.fontStyle === 'italic' || undefined,
            color: st.fontColor && argb(st.fontColor) ? { argb: argb(st.fontColor)! } : undefined,
          };
        }
        if (st?.background && argb(st.background)) {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.background)! } };
        }
        if (st?.horizontalAlignment || st?.wrap) {
          const h = st.horizontalAlignment;
          cell.alignment = {
            horizontal: h === 'center' || h === 'left' || h === 'right' ? h : undefined,
            wrapText: st.wrap || undefined,
          };
        }
      }
    });
    for (const [c, px] of sheet._colWidths) ws.getColumn(c).width = Math.max(1, Math.round(px / 7));
    for (const m of sheet._merges) ws.mergeCells(m.r, m.c, m.r + m.nr - 1, m.c + m.nc - 1);
    for (const b of sheet._validations) {
      const dv = excelValidation(b.rule);
      // the last block set on a cell wins, as in the sheet
      const dvs = (ws as unknown as { dataValidations: { add(a: string, v: unknown): void; remove(a: string): void } }).dataValidations;
      for (let i = 0; i < b.nr && i < 5000; i++) {
        for (let j = 0; j < b.nc && j < 200; j++) {
          const a = cellA1(b.r + i, b.c + j);
          if (dv) dvs.add(a, dv);
          else dvs.remove(a);
        }
      }
    }
    sheet._cfRules.forEach((rule, i) => {
      const x = excelRule(rule, i + 1);
      if (x) ws.addConditionalFormatting({ ref: rule.ranges.map((g) => refA1(g)).join(' '), rules: [x] });
    });
  }
  const withCharts = ss._sheets.filter((s) => s._charts.length > 0);
  if (opts.chartIndex && withCharts.length) addChartIndex(wb, ss, withCharts);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const out = withCharts.length ? await injectCharts(buffer, withCharts, ss._locale) : buffer;
  fs.writeFileSync(path, out);
}

// ------------------------------------------------------------------ conditional formatting
const CELL_IS: Record<string, string> = {
  NUMBER_LESS_THAN: 'lessThan',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
  NUMBER_GREATER_THAN: 'greaterThan',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  NUMBER_EQUAL_TO: 'equal',
  NUMBER_NOT_EQUAL_TO: 'notEqual',
  NUMBER_BETWEEN: 'between',
  NUMBER_NOT_BETWEEN: 'notBetween',
};

function xlText(s: unknown): string {
  return '"' + String(s).replace(/"/g, '""') + '"';
}

function excelDate(ms: number, tz: string): string {
  const d = new Date(serialToWallMs(Math.floor(instant(ms, tz))));
  return `DATE(${d.getUTCFullYear()},${d.getUTCMonth() + 1},${d.getUTCDate()})`;
}

/** One Sheets rule as an exceljs conditional-formatting rule (Excel semantics as close as they go). */
function excelRule(rule: CfState, priority: number): ExcelJS.ConditionalFormattingRule | null {
  const f = rule.format;
  const style: Partial<ExcelJS.Style> = {};
  if (f.background && argb(f.background)) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(f.background)! } };
  if (f.fontColor || f.bold !== undefined || f.italic !== undefined || f.strikethrough !== undefined || f.underline !== undefined) {
    style.font = {
      color: f.fontColor && argb(f.fontColor) ? { argb: argb(f.fontColor)! } : undefined,
      bold: f.bold,
      italic: f.italic,
      strike: f.strikethrough,
      underline: f.underline,
    };
  }
  const first = rule.ranges[0];
  const tl = cellA1(first.r, first.c);
  const v = rule.values;
  const expr = (formula: string) => ({ type: 'expression', priority, formulae: [formula], style }) as unknown as ExcelJS.ConditionalFormattingRule;
  if (rule.gradient) {
    const g = rule.gradient;
    const pts = [g.min, g.mid, g.max].filter((p): p is [string, string, string] => !!p);
    const cfvoType: Record<string, string> = { NUMBER: 'num', PERCENT: 'percent', PERCENTILE: 'percentile', MIN: 'min', MAX: 'max' };
    return {
      type: 'colorScale',
      priority,
      cfvo: pts.map((p) => ({ type: cfvoType[p[1]] ?? 'num', value: p[2] === '' ? undefined : Number(p[2]) })),
      color: pts.map((p) => ({ argb: argb(p[0]) ?? 'FFFFFFFF' })),
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  const c = rule.criteria;
  if (!c) return null;
  if (CELL_IS[c]) {
    return { type: 'cellIs', operator: CELL_IS[c], priority, formulae: v.map((x) => Number(x)), style } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  const tz = first.sheet._ss._tz;
  const dateOf = (x: unknown) => (x && typeof x === 'object' && 'date' in x ? excelDate((x as { date: number }).date, tz) : null);
  const relDay = (x: unknown) => {
    const r = (x as { relative?: string })?.relative;
    return r === 'TOMORROW' ? 'TODAY()+1' : r === 'YESTERDAY' ? 'TODAY()-1' : r === 'PAST_WEEK' ? 'TODAY()-7' : r === 'PAST_MONTH' ? 'TODAY()-30' : r === 'PAST_YEAR' ? 'TODAY()-365' : 'TODAY()';
  };
  switch (c) {
    case 'CELL_EMPTY':
      return expr(`LEN(TRIM(${tl}))=0`);
    case 'CELL_NOT_EMPTY':
      return expr(`LEN(TRIM(${tl}))>0`);
    case 'TEXT_CONTAINS':
      return expr(`NOT(ISERROR(SEARCH(${xlText(v[0])},${tl})))`);
    case 'TEXT_DOES_NOT_CONTAIN':
      return expr(`ISERROR(SEARCH(${xlText(v[0])},${tl}))`);
    case 'TEXT_EQUAL_TO':
      return expr(`${tl}=${xlText(v[0])}`);
    case 'TEXT_STARTS_WITH':
      return expr(`LEFT(${tl},${String(v[0]).length})=${xlText(v[0])}`);
    case 'TEXT_ENDS_WITH':
      return expr(`RIGHT(${tl},${String(v[0]).length})=${xlText(v[0])}`);
    case 'DATE_AFTER':
      return expr(`INT(${tl})>${dateOf(v[0])}`);
    case 'DATE_BEFORE':
      return expr(`AND(ISNUMBER(${tl}),INT(${tl})<${dateOf(v[0])})`);
    case 'DATE_EQUAL_TO':
      return expr(`INT(${tl})=${dateOf(v[0])}`);
    case 'DATE_AFTER_RELATIVE':
      return expr(`INT(${tl})>${relDay(v[0])}`);
    case 'DATE_BEFORE_RELATIVE':
      return expr(`AND(ISNUMBER(${tl}),INT(${tl})<${relDay(v[0])})`);
    case 'DATE_EQUAL_TO_RELATIVE':
      return expr(`INT(${tl})=${relDay(v[0])}`);
    case 'CUSTOM_FORMULA':
      return expr(String(v[0] ?? '').replace(/^=/, ''));
    default:
      return null;
  }
}

/** A Sheets data validation as an exceljs one (lists, number ranges, custom formulas). */
function excelValidation(rule: DvState): ExcelJS.DataValidation | null {
  const v = rule.values;
  const common = { allowBlank: true, showErrorMessage: !rule.allowInvalid, prompt: rule.helpText || undefined, showInputMessage: !!rule.helpText };
  switch (rule.criteria) {
    case 'VALUE_IN_LIST': {
      const items = (v[0] as string[]) ?? [];
      const list = items.join(',');
      if (items.some((x) => x.includes(',') || x.includes('"')) || list.length > 255) return null;
      return { type: 'list', formulae: [`"${list}"`], ...common };
    }
    case 'VALUE_IN_RANGE':
      return { type: 'list', formulae: [String(v[0])], ...common };
    case 'NUMBER_BETWEEN':
      return { type: 'decimal', operator: 'between', formulae: [Number(v[0]), Number(v[1])], ...common };
    case 'NUMBER_GREATER_THAN':
      return { type: 'decimal', operator: 'greaterThan', formulae: [Number(v[0])], ...common };
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [Number(v[0])], ...common };
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return { type: 'decimal', operator: 'lessThanOrEqual', formulae: [Number(v[0])], ...common };
    case 'CUSTOM_FORMULA':
      return { type: 'custom', formulae: [String(v[0]).replace(/^=/, '')], ...common };
    default:
      return null;
  }
}

// ------------------------------------------------------------------ the chart listing sheet
function addChartIndex(wb: ExcelJS.Workbook, ss: FakeSpreadsheet, sheets: FakeSheet[]): void {
  let name = 'Диаграммы';
  for (let k = 2; ss._sheetByName(name) || wb.getWorksheet(name); k++) name = `Диаграммы (${k})`;
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(['Лист', 'Тип', 'Название', 'Диапазоны данных', 'Ячейка привязки', 'Размер, px', 'ID']);
  ws.getRow(1).font = { bold: true };
  for (const s of sheets) {
    for (const rec of s._charts) {
      const info = chartInfo(rec);
      ws.addRow([s._name, info.type, info.title, info.ranges.join('; '), info.anchor.a1, `${info.width}×${info.height}`, info.id]);
    }
  }
  [18, 10, 36, 60, 16, 12, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

// ------------------------------------------------------------------ native charts (DrawingML)
type JSZipT = {
  file(name: string): { async(type: 'string'): Promise<string> } | null;
  file(name: string, data: string): unknown;
  generateAsync(o: { type: 'nodebuffer'; compression: 'DEFLATE' }): Promise<Buffer>;
};
type JSZipStatic = { loadAsync(data: Buffer): Promise<JSZipT> };

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const EMU_PER_PX = 9525;

export function esc(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

function unesc(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (map[e.toLowerCase()]) return map[e.toLowerCase()];
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return m;
  });
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = unesc(m[2]);
  return out;
}

function hex6(color: unknown, fallback: string): string {
  const c = typeof color === 'string' ? normColor(color) : undefined;
  const m = c ? /^#([0-9a-f]{6})$/.exec(c) : null;
  return (m ? m[1] : fallback.slice(1)).toUpperCase();
}

function richText(text: string, bold: boolean, size = 1200): string {
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="ru-RU" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function strRef(ref: string, labels: string[]): string {
  const pts = labels.map((l, i) => `<c:pt idx="${i}"><c:v>${esc(l)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${esc(xlsxRef(ref))}</c:f><c:strCache><c:ptCount val="${labels.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(ref: string, values: (number | string | null)[], format: string): string {
  const pts = values.map((v, i) => (typeof v === 'number' && isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '')).join('');
  return (
    `<c:numRef><c:f>${esc(xlsxRef(ref))}</c:f><c:numCache><c:formatCode>${esc(toExcelFormat(format))}</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`
  );
}

function seriesXml(data: ChartData, s: number, kind: string, options: Record<string, unknown>, idx: number): string {
  const ser = data.series[s];
  const ref = cellsRef(ser.cells);
  if (!ref) return '';
  const color = hex6(seriesColor(options, s), DEFAULT_COLORS[0]);
  let x = `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>`;
  const nameRef = cellsRef(ser.nameCells);
  x += nameRef ? `<c:tx>${strRef(nameRef, [ser.name])}</c:tx>` : `<c:tx><c:v>${esc(ser.name)}</c:v></c:tx>`;
  const lw = Number(getOption(options, `series.${s}.lineWidth`) ?? getOption(options, 'lineWidth') ?? 2);
  if (kind === 'line') {
    x += `<c:spPr><a:ln w="${Math.round((isFinite(lw) ? lw : 2) * 12700)}" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
    const ps = Number(getOption(options, `series.${s}.pointSize`) ?? getOption(options, 'pointSize') ?? 0);
    x += ps > 0 ? `<c:marker><c:symbol val="circle"/><c:size val="${Math.max(2, Math.min(72, Math.round(ps)))}"/></c:marker>` : `<c:marker><c:symbol val="none"/></c:marker>`;
  } else if (kind === 'pie') {
    x += `<c:spPr><a:ln><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr>`;
    x += ser.values
      .map((_, i) => `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${hex6(seriesColor(options, i), DEFAULT_COLORS[i % DEFAULT_COLORS.length])}"/></a:solidFill></c:spPr></c:dPt>`)
      .join('');
  } else {
    x += `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
    if (kind === 'bars') x += `<c:invertIfNegative val="0"/>`;
  }
  const d = data.domain;
  if (d) {
    const catRef = cellsRef(d.cells);
    if (catRef) x += `<c:cat>${d.numeric ? numRef(catRef, d.values, d.format) : strRef(catRef, d.labels)}</c:cat>`;
  }
  x += `<c:val>${numRef(ref, ser.values, ser.format)}</c:val>`;
  if (kind === 'line') x += `<c:smooth val="${getOption(options, 'curveType') === 'function' ? 1 : 0}"/>`;
  return x + `</c:ser>`;
}

function axisTitle(text: unknown): string {
  return typeof text === 'string' && text !== '' ? `<c:title>${richText(text, false, 1000)}<c:overlay val="0"/></c:title>` : '';
}

function scaling(axis: Record<string, unknown> | undefined, reverse: boolean): string {
  const vw = (axis?.viewWindow ?? {}) as { min?: unknown; max?: unknown };
  const max = typeof vw.max === 'number' ? `<c:max val="${vw.max}"/>` : typeof axis?.maxValue === 'number' ? `<c:max val="${axis.maxValue}"/>` : '';
  const min = typeof vw.min === 'number' ? `<c:min val="${vw.min}"/>` : typeof axis?.minValue === 'number' ? `<c:min val="${axis.minValue}"/>` : '';
  const log = axis?.logScale === true ? `<c:logBase val="10"/>` : '';
  return `<c:scaling>${log}<c:orientation val="${reverse ? 'maxMin' : 'minMax'}"/>${max}${min}</c:scaling>`;
}

function catAx(id: number, cross: number, pos: string, title: unknown, del: boolean, reverse: boolean, fmt: string): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="${reverse ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="${del ? 1 : 0}"/>` +
    `<c:axPos val="${pos}"/>${axisTitle(title)}<c:numFmt formatCode="${esc(fmt ? toExcelFormat(fmt) : 'General')}" sourceLinked="1"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valAx(id: number, cross: number, pos: string, axis: Record<string, unknown> | undefined, grid: boolean, secondary: boolean, fmt: string): string {
  const f = typeof axis?.format === 'string' && !/^(short|long|decimal|scientific|percent|currency|none)$/i.test(axis.format) ? toExcelFormat(axis.format) : fmt ? toExcelFormat(fmt) : 'General';
  return (
    `<c:valAx><c:axId val="${id}"/>${scaling(axis, false)}<c:delete val="0"/><c:axPos val="${pos}"/>` +
    (grid ? `<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` : '') +
    `${axisTitle(axis?.title)}<c:numFmt formatCode="${esc(f)}" sourceLinked="${typeof axis?.format === 'string' ? 0 : 1}"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="${secondary ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The chart part (c:chartSpace) of one embedded chart. */
export function chartXml(rec: ChartRecord, locale: string): string {
  const s = rec.state;
  const o = s.options;
  const data = chartData(s, locale);
  const type = s.type ?? 'LINE';
  const title = getOption(o, 'title');
  const stacked = getOption(o, 'isStacked');
  const grouping = stacked === 'percent' ? 'percentStacked' : stacked === true || stacked === 'absolute' || stacked === 'relative' ? 'stacked' : null;
  let plot = '';
  const hAxis = getOption(o, 'hAxis') as Record<string, unknown> | undefined;
  const vAxis = getOption(o, 'vAxis') as Record<string, unknown> | undefined;
  const vAxes = getOption(o, 'vAxes') as Record<string, Record<string, unknown>> | undefined;
  if (type === 'PIE') {
    const hole = Number(getOption(o, 'pieHole') ?? 0);
    const ser = data.series.length ? seriesXml(data, 0, 'pie', o, 0) : '';
    plot =
      hole > 0
        ? `<c:doughnutChart><c:varyColors val="1"/>${ser}<c:firstSliceAng val="0"/><c:holeSize val="${Math.max(10, Math.min(90, Math.round(hole * 100)))}"/></c:doughnutChart>`
        : `<c:pieChart><c:varyColors val="1"/>${ser}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    // group series by how they are drawn and which value axis they use
    const groups = new Map<string, number[]>();
    data.series.forEach((_, i) => {
      const axis = Number(getOption(o, `series.${i}.targetAxisIndex`) ?? 0) === 1 ? 1 : 0;
      const key = `${seriesKind(type, o, i)}:${axis}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(i);
    });
    if (!groups.size) groups.set(`${seriesKind(type, o, 0)}:0`, []);
    const barDir = type === 'BAR' ? 'bar' : 'col';
    let idx = 0;
    const secondaryUsed = [...groups.keys()].some((k) => k.endsWith(':1'));
    for (const [key, members] of groups) {
      const [kind, axisS] = key.split(':');
      const ax = axisS === '1' ? [10003, 10004] : [10001, 10002];
      const sers = members.map((i) => seriesXml(data, i, kind, o, idx++)).join('');
      const axIds = `<c:axId val="${ax[0]}"/><c:axId val="${ax[1]}"/>`;
      if (kind === 'bars') {
        plot +=
          `<c:barChart><c:barDir val="${barDir}"/><c:grouping val="${grouping ?? 'clustered'}"/><c:varyColors val="0"/>${sers}` +
          `<c:gapWidth val="60"/>${grouping ? '<c:overlap val="100"/>' : ''}${axIds}</c:barChart>`;
      } else if (kind === 'area') {
        plot += `<c:areaChart><c:grouping val="${grouping ?? 'standard'}"/><c:varyColors val="0"/>${sers}${axIds}</c:areaChart>`;
      } else {
        plot += `<c:lineChart><c:grouping val="${grouping ?? 'standard'}"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${axIds}</c:lineChart>`;
      }
    }
    const isBar = type === 'BAR';
    const catFmt = data.domain?.numeric ? data.domain.format : '';
    const valFmt = data.series[0]?.format ?? '';
    // In a Google BAR chart the horizontal axis (hAxis) holds the values.
    const catTitle = isBar ? vAxis?.title : hAxis?.title;
    const valAxis = isBar ? hAxis : { ...(vAxes?.['0'] ?? {}), ...(vAxis ?? {}) };
    // Google draws a BAR chart's first category on top, Excel at the bottom unless reversed
    const reverse = isBar ? Number(vAxis?.direction) !== -1 : Number(hAxis?.direction) === -1;
    plot += catAx(10001, 10002, isBar ? 'l' : 'b', catTitle, false, reverse, catFmt);
    plot += valAx(10002, 10001, isBar ? 'b' : 'l', valAxis, true, reverse, valFmt);
    if (secondaryUsed) {
      plot += catAx(10003, 10004, isBar ? 'l' : 'b', undefined, true, false, catFmt);
      plot += valAx(10004, 10003, isBar ? 't' : 'r', vAxes?.['1'], false, true, '');
    }
  }
  const legend = legendPosition(o);
  const legendXml =
    legend === 'none' ? '' : `<c:legend><c:legendPos val="${{ top: 't', bottom: 'b', left: 'l', right: 'r' }[legend] ?? 'r'}"/><c:overlay val="0"/></c:legend>`;
  const bg = getOption(o, 'backgroundColor');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>` +
    (typeof title === 'string' && title !== '' ? `<c:title>${richText(title, true, 1400)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` : `<c:autoTitleDeleted val="1"/>`) +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>${legendXml}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="${hex6(typeof bg === 'string' ? bg : '#ffffff', '#ffffff')}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

function drawingXml(charts: { rec: ChartRecord; rid: string; name: string }[]): string {
  const anchors = charts
    .map(({ rec, rid, name }, i) => {
      const p = rec.state.pos;
      return (
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.col - 1}</xdr:col><xdr:colOff>${p.offX * EMU_PER_PX}</xdr:colOff>` +
        `<xdr:row>${p.row - 1}</xdr:row><xdr:rowOff>${p.offY * EMU_PER_PX}</xdr:rowOff></xdr:from>` +
        `<xdr:ext cx="${chartWidth(rec.state) * EMU_PER_PX}" cy="${chartHeight(rec.state) * EMU_PER_PX}"/>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${rid}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`
      );
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"/>`).join('') +
    `</Relationships>`
  );
}

/** Worksheet children that must come after <drawing> (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = ['<legacyDrawing ', '<legacyDrawing>', '<legacyDrawingHF', '<drawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>'];

function insertDrawingRef(sheetXml: string, rid: string): string {
  if (/<drawing\s/.test(sheetXml)) throw new Error('toXlsx: the worksheet already has a drawing');
  let from = sheetXml.indexOf('</sheetData>');
  for (const t of ['</conditionalFormatting>', '</dataValidations>', '</hyperlinks>', '<pageMargins', '<pageSetup', '</headerFooter>']) {
    from = Math.max(from, sheetXml.lastIndexOf(t));
  }
  let at = -1;
  for (const t of AFTER_DRAWING) {
    const i = sheetXml.indexOf(t, Math.max(0, from));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) throw new Error('toXlsx: unexpected worksheet XML');
  const ns = /xmlns:r="/.test(sheetXml.slice(0, sheetXml.indexOf('>', sheetXml.indexOf('<worksheet')))) ? '' : ` xmlns:r="${NS_R}"`;
  return sheetXml.slice(0, at) + `<drawing${ns} r:id="${rid}"/>` + sheetXml.slice(at);
}

async function injectCharts(buffer: Buffer, sheets: FakeSheet[], locale: string): Promise<Buffer> {
  const JSZip = loadModule<JSZipStatic>('jszip');
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const f = zip.file(name);
    return f ? f.async('string') : null;
  };
  const workbook = (await read('xl/workbook.xml')) ?? '';
  const wbRels = (await read('xl/_rels/workbook.xml.rels')) ?? '';
  const relTarget = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    relTarget.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : 'xl/' + a.Target);
  }
  const sheetPath = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const t = relTarget.get(a['r:id']);
    if (t) sheetPath.set(a.name, t);
  }
  let types = (await read('[Content_Types].xml')) ?? '';
  let chartNo = 1;
  let drawingNo = 1;
  const free = (prefix: string, n: number) => {
    while (zip.file(`${prefix}${n}.xml`)) n++;
    return n;
  };
  let chartSeq = 0;
  for (const sheet of sheets) {
    const path = sheetPath.get(xlsxSheetName(sheet._name));
    if (!path) throw new Error(`toXlsx: sheet ${sheet._name} not found in the written workbook`);
    drawingNo = free('xl/drawings/drawing', drawingNo);
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    zip.file(drawingPath, ''); // reserve the name
    const entries: { rec: ChartRecord; rid: string; name: string }[] = [];
    const drawingRels: { id: string; type: string; target: string }[] = [];
    sheet._charts.forEach((rec, i) => {
      chartNo = free('xl/charts/chart', chartNo);
      const chartPath = `xl/charts/chart${chartNo}.xml`;
      zip.file(chartPath, chartXml(rec, locale));
      types = types.replace('</Types>', `<Override PartName="/${chartPath}" ContentType="${CT_CHART}"/></Types>`);
      const rid = `rId${i + 1}`;
      drawingRels.push({ id: rid, type: REL_CHART, target: `../charts/chart${chartNo}.xml` });
      entries.push({ rec, rid, name: `Chart ${++chartSeq}` });
    });
    zip.file(drawingPath, drawingXml(entries));
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relsXml(drawingRels));
    types = types.replace('</Types>', `<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/></Types>`);
    const dir = path.slice(0, path.lastIndexOf('/'));
    const base = path.slice(path.lastIndexOf('/') + 1);
    const sheetRelsPath = `${dir}/_rels/${base}.rels`;
    const existing = await read(sheetRelsPath);
    const rels: { id: string; type: string; target: string }[] = [];
    if (existing) {
      for (const m of existing.matchAll(/<Relationship\b[^>]*>/g)) {
        const a = attrs(m[0]);
        rels.push({ id: a.Id, type: a.Type, target: a.Target });
      }
    }
    let k = rels.length + 1;
    while (rels.some((r) => r.id === `rId${k}`)) k++;
    const rid = `rId${k}`;
    if (existing) {
      zip.file(sheetRelsPath, existing.replace('</Relationships>', `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`));
    } else {
      zip.file(sheetRelsPath, relsXml([{ id: rid, type: REL_DRAWING, target: `../drawings/drawing${drawingNo}.xml` }]));
    }
    zip.file(path, insertDrawingRef((await read(path)) ?? '', rid));
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export type { ChartCell };
