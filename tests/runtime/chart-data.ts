/**
 * What a chart shows, read from its data ranges the way Sheets reads them: ranges side
 * by side (MERGE_COLUMNS, the default) or stacked (MERGE_ROWS), optionally transposed;
 * then the first column is the domain (x-axis labels / pie slices) and every further
 * column a series, with the first row(s) as series names when they are headers.
 * Used by the xlsx writer (native chart parts) and the picture renderer.
 */
import { columnToLetters, quoteSheetName } from './a1';
import { ChartRecord, ChartState, DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH, getOption } from './charts';
import { storedValue } from './grid';
import { refA1 } from './gridref';
import { displayValue, isDateFormat } from './numfmt';
import { normColor } from './conditional';
import type { FakeSheet } from './sheet';

export interface ChartCell {
  sheet: FakeSheet;
  row: number;
  col: number;
}

export interface ChartSeries {
  name: string;
  /** header cells the name comes from (empty: no header) */
  nameCells: ChartCell[];
  values: (number | null)[];
  cells: (ChartCell | null)[];
  /** number format of the first value cell ('' = automatic) */
  format: string;
}

export interface ChartDomain {
  labels: string[];
  /** raw values (numbers for numbers and dates) */
  values: (number | string | null)[];
  cells: (ChartCell | null)[];
  format: string;
  numeric: boolean;
  dates: boolean;
}

export interface ChartData {
  type: string;
  headerRows: number;
  domain: ChartDomain | null;
  series: ChartSeries[];
}

function cellFormat(c: ChartCell | null): string {
  if (!c) return '';
  return c.sheet._rows[c.row - 1]?.f?.[c.col - 1] ?? '';
}

function cellValue(c: ChartCell | null): string | number | boolean {
  if (!c) return '';
  return storedValue(c.sheet._rows[c.row - 1], c.col - 1);
}

function display(c: ChartCell | null, locale: string): string {
  if (!c) return '';
  const v = cellValue(c);
  return v === '' ? '' : displayValue(v, cellFormat(c), locale);
}

/** The chart's cells as one table: rows are data points, columns are domain + series. */
export function chartTable(state: ChartState): (ChartCell | null)[][] {
  let t: (ChartCell | null)[][] = [];
  if (state.merge === 'MERGE_ROWS') {
    const width = Math.max(0, ...state.ranges.map((g) => g.nc));
    for (const g of state.ranges) {
      for (let i = 0; i < g.nr; i++) {
        t.push(Array.from({ length: width }, (_, j) => (j < g.nc ? { sheet: g.sheet, row: g.r + i, col: g.c + j } : null)));
      }
    }
  } else {
    const height = Math.max(0, ...state.ranges.map((g) => g.nr));
    t = Array.from({ length: height }, () => []);
    for (const g of state.ranges) {
      for (let i = 0; i < height; i++) {
        for (let j = 0; j < g.nc; j++) t[i].push(i < g.nr ? { sheet: g.sheet, row: g.r + i, col: g.c + j } : null);
      }
    }
  }
  if (state.transpose && t.length) {
    const w = t[0].length;
    t = Array.from({ length: w }, (_, j) => t.map((row) => row[j]));
  }
  return t;
}

export function chartData(state: ChartState, locale: string): ChartData {
  const t = chartTable(state);
  const rows = t.length;
  const cols = rows ? t[0].length : 0;
  const type = state.type ?? 'LINE';
  const hasDomain = cols >= 2;
  const firstSeries = hasDomain ? 1 : 0;
  let h = state.numHeaders;
  if (h < 0) {
    h = 0;
    if (rows >= 2) {
      const seriesCols = Array.from({ length: cols - firstSeries }, (_, k) => firstSeries + k);
      const headerText = seriesCols.some((j) => typeof cellValue(t[0][j]) === 'string' && cellValue(t[0][j]) !== '');
      const numbersBelow = seriesCols.some((j) => t.slice(1).some((row) => typeof cellValue(row[j]) === 'number'));
      if (headerText && numbersBelow) h = 1;
    }
  }
  h = Math.min(h, rows);
  const body = t.slice(h);
  let domain: ChartDomain | null = null;
  if (hasDomain) {
    const cells = body.map((row) => row[0]);
    const values = cells.map((c) => {
      const v = cellValue(c);
      return v === '' || typeof v === 'boolean' ? null : v;
    });
    const format = cellFormat(cells.find((c) => c && cellValue(c) !== '') ?? null);
    const numeric = values.every((v) => v === null || typeof v === 'number') && values.some((v) => v !== null);
    domain = {
      labels: cells.map((c) => display(c, locale)),
      values,
      cells,
      format,
      numeric,
      dates: numeric && isDateFormat(format),
    };
  }
  const ru = /^ru/i.test(locale);
  const series: ChartSeries[] = [];
  for (let j = firstSeries; j < cols; j++) {
    const nameCells = t.slice(0, h).map((row) => row[j]).filter((c): c is ChartCell => !!c);
    const cells = body.map((row) => row[j]);
    const name = nameCells.map((c) => display(c, locale)).filter((s) => s !== '').join(' ') || (ru ? `Ряд ${j - firstSeries + 1}` : `Series ${j - firstSeries + 1}`);
    series.push({
      name,
      nameCells,
      values: cells.map((c) => {
        const v = cellValue(c);
        return typeof v === 'number' ? v : null;
      }),
      cells,
      format: cellFormat(cells.find((c) => c && typeof cellValue(c) === 'number') ?? null),
    });
  }
  return { type, headerRows: h, domain, series };
}

/** Excel-style absolute reference of some cells: one block when contiguous, else a union in parentheses. */
export function cellsRef(cells: (ChartCell | null)[]): string {
  const cs = cells.filter((c): c is ChartCell => !!c);
  if (!cs.length) return '';
  const runs: { sheet: FakeSheet; r1: number; c1: number; r2: number; c2: number }[] = [];
  for (const c of cs) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === c.sheet) {
      if (last.c1 === last.c2 && c.col === last.c1 && c.row === last.r2 + 1) {
        last.r2++;
        continue;
      }
      if (last.r1 === last.r2 && c.row === last.r1 && c.col === last.c2 + 1) {
        last.c2++;
        continue;
      }
    }
    runs.push({ sheet: c.sheet, r1: c.row, c1: c.col, r2: c.row, c2: c.col });
  }
  const a1 = runs.map((r) => {
    const s = quoteSheetName(r.sheet._name) + '!';
    const cell = (row: number, col: number) => `$${columnToLetters(col)}$${row}`;
    return r.r1 === r.r2 && r.c1 === r.c2 ? s + cell(r.r1, r.c1) : `${s}${cell(r.r1, r.c1)}:${cell(r.r2, r.c2)}`;
  });
  return a1.length === 1 ? a1[0] : `(${a1.join(',')})`;
}

/** A plain description of a chart, for tests and listings. */
export interface ChartInfo {
  id: number;
  type: string;
  title: string;
  /** data ranges in A1 notation with their sheet, e.g. "'WB Сводка'!A1:B31" */
  ranges: string[];
  anchor: { row: number; col: number; offsetX: number; offsetY: number; a1: string };
  width: number;
  height: number;
  options: Record<string, unknown>;
}

export function chartInfo(rec: ChartRecord): ChartInfo {
  const s = rec.state;
  return {
    id: rec.id,
    type: s.type ?? '',
    title: String(getOption(s.options, 'title') ?? ''),
    ranges: s.ranges.map((g) => refA1(g, g.sheet._name)),
    anchor: { row: s.pos.row, col: s.pos.col, offsetX: s.pos.offX, offsetY: s.pos.offY, a1: refA1({ r: s.pos.row, c: s.pos.col, nr: 1, nc: 1 }) },
    width: chartWidth(s),
    height: chartHeight(s),
    options: JSON.parse(JSON.stringify(s.options)),
  };
}

export function chartWidth(s: ChartState): number {
  const w = Number(getOption(s.options, 'width'));
  return isFinite(w) && w > 0 ? w : DEFAULT_CHART_WIDTH;
}

export function chartHeight(s: ChartState): number {
  const h = Number(getOption(s.options, 'height'));
  return isFinite(h) && h > 0 ? h : DEFAULT_CHART_HEIGHT;
}

/** Google Sheets' default series colours. */
export const DEFAULT_COLORS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72', '#fcd04f', '#71c287'];

/** Colour of series i as Sheets picks it: series.i.color, then colors[i], then the default palette. */
export function seriesColor(options: Record<string, unknown>, i: number): string {
  const own = getOption(options, `series.${i}.color`);
  const list = getOption(options, 'colors');
  const fromList = Array.isArray(list) ? list[i % Math.max(1, list.length)] : undefined;
  const c = normColor(typeof own === 'string' ? own : typeof fromList === 'string' ? fromList : undefined);
  return c && /^#[0-9a-f]{6}$/.test(c) ? c : DEFAULT_COLORS[i % DEFAULT_COLORS.length];
}

/** Where the legend goes: 'none' | 'top' | 'bottom' | 'right' | 'left'. */
export function legendPosition(options: Record<string, unknown>): string {
  const l = getOption(options, 'legend');
  const p = typeof l === 'string' ? l : getOption(options, 'legend.position');
  const s = typeof p === 'string' ? p.toLowerCase() : 'right';
  return ['none', 'top', 'bottom', 'right', 'left', 'in'].includes(s) ? (s === 'in' ? 'top' : s) : 'right';
}

/** How a series of a chart is drawn: 'line' | 'area' | 'bars' (columns, or bars in a BAR chart) | 'pie'. */
export function seriesKind(type: string, options: Record<string, unknown>, i: number): 'line' | 'area' | 'bars' | 'pie' {
  if (type === 'PIE') return 'pie';
  if (type === 'COLUMN' || type === 'BAR' || type === 'HISTOGRAM') return 'bars';
  if (type === 'AREA' || type === 'STEPPED_AREA') return 'area';
  if (type === 'COMBO') {
    const t = getOption(options, `series.${i}.type`) ?? getOption(options, 'seriesType') ?? 'bars';
    return t === 'line' ? 'line' : t === 'area' ? 'area' : 'bars';
  }
  return 'line';
}

