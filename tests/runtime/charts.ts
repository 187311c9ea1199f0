/**
 * Native embedded charts as Apps Script has them: the Charts service (its enums and
 * text styles), Sheet.newChart() -> EmbeddedChartBuilder (and the typed builders
 * asLineChart() ...), EmbeddedChart, ChartOptions and ContainerInfo.
 *
 * What a chart holds is kept as plain data (ChartState): the chart type, its data
 * ranges, its options as Google Charts nests them (setOption('hAxis.title', x) and
 * setOption('hAxis', {title: x}) are the same), its anchor and the data-reading settings.
 * The xlsx writer and the picture renderer read the same state.
 *
 * Modelling choices (unverified details of the real service are noted):
 *  - build() without a chart type throws;
 *  - a chart made by build() has getChartId() === null until inserted; insertChart()
 *    stores a copy with a new id and does not change the object it was given (read the id
 *    back with sheet.getCharts());
 *  - updateChart()/removeChart() need a chart of this sheet (one from getCharts() or
 *    getCharts()[i].modify()...build()); anything else throws;
 *  - a chart's data ranges and anchor move with inserted/deleted rows and columns; a
 *    range whose rows are all deleted is dropped; charts on a deleted sheet's data are not
 *    modelled.
 */
import { Ctx, signatureError, Svc } from './context';
import { cloneRef, enumName, EnumValue, GridRef, makeEnum, sameRef } from './gridref';
import { FakeRange } from './range';
import type { FakeSheet } from './sheet';

export const ChartType = makeEnum([
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
] as const);
export const Position = makeEnum(['TOP', 'RIGHT', 'BOTTOM', 'NONE'] as const);
export const CurveStyle = makeEnum(['NORMAL', 'SMOOTH'] as const);
export const PointStyle = makeEnum(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'] as const);
export const ChartMergeStrategy = makeEnum(['MERGE_COLUMNS', 'MERGE_ROWS'] as const);
export const ChartHiddenDimensionStrategy = makeEnum(['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'] as const);
export const ColumnType = makeEnum(['DATE', 'NUMBER', 'STRING'] as const);

/** Default size of a new embedded chart in Sheets, px. */
export const DEFAULT_CHART_WIDTH = 600;
export const DEFAULT_CHART_HEIGHT = 371;

export interface ChartState {
  /** ChartType name ('LINE', ...), null until set */
  type: string | null;
  ranges: GridRef[];
  /** Google Charts options, nested ('hAxis.title' is options.hAxis.title) */
  options: Record<string, unknown>;
  pos: { row: number; col: number; offX: number; offY: number };
  /** -1: Sheets decides (the renderer treats a text first row as headers) */
  numHeaders: number;
  transpose: boolean;
  merge: 'MERGE_COLUMNS' | 'MERGE_ROWS';
  hidden: string;
}

export interface ChartRecord {
  id: number;
  state: ChartState;
}

export function newChartState(): ChartState {
  return {
    type: null,
    ranges: [],
    options: {},
    pos: { row: 1, col: 1, offX: 0, offY: 0 },
    numHeaders: -1,
    transpose: false,
    merge: 'MERGE_COLUMNS',
    hidden: 'IGNORE_BOTH',
  };
}

function cloneJson<T>(v: T): T {
  if (v === undefined || v === null || typeof v !== 'object') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as unknown as Date).getTime()) as unknown as T;
  if (Array.isArray(v)) return v.map((x) => cloneJson(x)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = cloneJson(x);
  return out as T;
}

export function cloneChartState(s: ChartState): ChartState {
  return {
    type: s.type,
    ranges: s.ranges.map(cloneRef),
    options: cloneJson(s.options),
    pos: { ...s.pos },
    numHeaders: s.numHeaders,
    transpose: s.transpose,
    merge: s.merge,
    hidden: s.hidden,
  };
}

/** Value of a dotted option path ('hAxis.title', 'series.0.color'). */
export function getOption(options: Record<string, unknown>, path: string): unknown {
  let cur: unknown = options;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Sets a dotted option path; null/undefined removes it. */
export function setOptionPath(options: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = options;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    const next = cur[p];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (value === null || value === undefined) delete cur[last];
  else cur[last] = cloneJson(value);
}

const OPTION_DEFAULTS: Record<string, unknown> = {
  title: '',
  width: DEFAULT_CHART_WIDTH,
  height: DEFAULT_CHART_HEIGHT,
  'legend.position': 'right',
  isStacked: false,
  is3D: false,
  curveType: 'none',
  pointSize: 0,
  lineWidth: 2,
  pieHole: 0,
  backgroundColor: '#ffffff',
};

let chartSeq = 0;
/** A stable id, unique in the runtime (Sheets' chart ids are large integers). */
function nextChartId(): number {
  chartSeq++;
  return 1000000000 + ((chartSeq * 48271) % 900000000) + chartSeq;
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && !isNaN(x);
}

// ------------------------------------------------------------------ text styles
export class FakeTextStyle extends Svc {
  constructor(
    ctx: Ctx,
    readonly _style: { color?: string; fontName?: string; fontSize?: number },
  ) {
    super(ctx, 'spreadsheet', 'TextStyle');
  }
  getColor(): string {
    return this._style.color ?? '#000000';
  }
  getFontName(): string {
    return this._style.fontName ?? 'Arial';
  }
  getFontSize(): number {
    return this._style.fontSize ?? 10;
  }
}

export class FakeTextStyleBuilder extends Svc {
  readonly _style: { color?: string; fontName?: string; fontSize?: number } = {};
  constructor(ctx: Ctx) {
    super(ctx, 'spreadsheet', 'TextStyleBuilder');
  }
  setColor(cssValue: string): FakeTextStyleBuilder {
    this._style.color = String(cssValue);
    return this;
  }
  setFontName(fontName: string): FakeTextStyleBuilder {
    this._style.fontName = String(fontName);
    return this;
  }
  setFontSize(fontSize: number): FakeTextStyleBuilder {
    if (!isNum(fontSize)) throw signatureError(this._ctx, 'Charts.TextStyleBuilder.setFontSize', [fontSize]);
    this._style.fontSize = fontSize;
    return this;
  }
  build(): FakeTextStyle {
    return new FakeTextStyle(this._ctx, { ...this._style });
  }
}

function textStyleValue(ctx: Ctx, x: unknown, method: string): Record<string, unknown> {
  const raw = ctx.unwrap(x);
  if (!(raw instanceof FakeTextStyle)) throw signatureError(ctx, method, [x]);
  return { ...raw._style };
}

/** The Charts global. */
export class FakeCharts extends Svc {
  readonly ChartType = ChartType;
  readonly Position = Position;
  readonly CurveStyle = CurveStyle;
  readonly PointStyle = PointStyle;
  readonly ChartMergeStrategy = ChartMergeStrategy;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  readonly ColumnType = ColumnType;
  constructor(ctx: Ctx) {
    super(ctx, 'spreadsheet', 'Charts');
  }
  newTextStyle(): FakeTextStyleBuilder {
    return new FakeTextStyleBuilder(this._ctx);
  }
}

// ------------------------------------------------------------------ container info, options
export class FakeContainerInfo extends Svc {
  constructor(
    ctx: Ctx,
    readonly _pos: { row: number; col: number; offX: number; offY: number },
  ) {
    super(ctx, 'spreadsheet', 'ContainerInfo');
  }
  getAnchorRow(): number {
    return this._pos.row;
  }
  getAnchorColumn(): number {
    return this._pos.col;
  }
  getOffsetX(): number {
    return this._pos.offX;
  }
  getOffsetY(): number {
    return this._pos.offY;
  }
}

export class FakeChartOptions extends Svc {
  constructor(
    ctx: Ctx,
    readonly _options: Record<string, unknown>,
  ) {
    super(ctx, 'spreadsheet', 'ChartOptions');
  }
  get(option: string): unknown {
    if (typeof option !== 'string') throw signatureError(this._ctx, 'Charts.ChartOptions.get', [option]);
    const v = getOption(this._options, option);
    return v === undefined ? null : cloneJson(v);
  }
  getOrDefault(option: string): unknown {
    const v = this.get(option);
    return v === null ? (OPTION_DEFAULTS[option] ?? null) : v;
  }
}

// ------------------------------------------------------------------ builders
type Typed = 'AREA' | 'BAR' | 'COLUMN' | 'COMBO' | 'HISTOGRAM' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE';

export class FakeEmbeddedChartBuilder extends Svc {
  constructor(
    ctx: Ctx,
    readonly _container: FakeSheet,
    readonly _state: ChartState,
    readonly _id: number | null,
    svcName = 'EmbeddedChartBuilder',
  ) {
    super(ctx, 'spreadsheet', svcName);
  }
  protected _m(method: string): string {
    return `SpreadsheetApp.${this._svc}.${method}`;
  }
  private _typed(type: Typed): FakeEmbeddedChartBuilder {
    this._state.type = type;
    const C = TYPED_BUILDERS[type];
    return new C(this._ctx, this._container, this._state, this._id);
  }
  asAreaChart(): FakeEmbeddedChartBuilder {
    return this._typed('AREA');
  }
  asBarChart(): FakeEmbeddedChartBuilder {
    return this._typed('BAR');
  }
  asColumnChart(): FakeEmbeddedChartBuilder {
    return this._typed('COLUMN');
  }
  asComboChart(): FakeEmbeddedChartBuilder {
    return this._typed('COMBO');
  }
  asHistogramChart(): FakeEmbeddedChartBuilder {
    return this._typed('HISTOGRAM');
  }
  asLineChart(): FakeEmbeddedChartBuilder {
    return this._typed('LINE');
  }
  asPieChart(): FakeEmbeddedChartBuilder {
    return this._typed('PIE');
  }
  asScatterChart(): FakeEmbeddedChartBuilder {
    return this._typed('SCATTER');
  }
  asTableChart(): FakeEmbeddedChartBuilder {
    return this._typed('TABLE');
  }
  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    if (!(range instanceof FakeRange)) throw signatureError(this._ctx, this._m('addRange'), [range]);
    this._state.ranges.push({ sheet: range._sheet, r: range._r, c: range._c, nr: range._nr, nc: range._nc });
    return this;
  }
  removeRange(range: FakeRange): FakeEmbeddedChartBuilder {
    if (!(range instanceof FakeRange)) throw signatureError(this._ctx, this._m('removeRange'), [range]);
    const ref: GridRef = { sheet: range._sheet, r: range._r, c: range._c, nr: range._nr, nc: range._nc };
    this._state.ranges = this._state.ranges.filter((g) => !sameRef(g, ref));
    return this;
  }
  clearRanges(): FakeEmbeddedChartBuilder {
    this._state.ranges = [];
    return this;
  }
  getRanges(): FakeRange[] {
    return this._state.ranges.map((g) => g.sheet._range(g.r, g.c, g.nr, g.nc));
  }
  getChartType(): EnumValue | null {
    return this._state.type ? (ChartType as Record<string, EnumValue>)[this._state.type] : null;
  }
  getContainer(): FakeContainerInfo {
    return new FakeContainerInfo(this._ctx, { ...this._state.pos });
  }
  setChartType(type: EnumValue): FakeEmbeddedChartBuilder {
    const name = enumName(ChartType, type);
    if (!name) throw signatureError(this._ctx, this._m('setChartType'), [type]);
    this._state.type = name;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every(isNum)) throw signatureError(this._ctx, this._m('setPosition'), args);
    if (anchorRowPos < 1 || anchorColPos < 1) throw this._ctx.error('The anchor row and column must be at least 1.');
    this._state.pos = { row: Math.trunc(anchorRowPos), col: Math.trunc(anchorColPos), offX: Math.trunc(offsetX), offY: Math.trunc(offsetY) };
    return this;
  }
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    if (typeof option !== 'string' || option === '') throw signatureError(this._ctx, this._m('setOption'), [option, value]);
    setOptionPath(this._state.options, option, value);
    return this;
  }
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    if (!isNum(headers)) throw signatureError(this._ctx, this._m('setNumHeaders'), [headers]);
    this._state.numHeaders = Math.trunc(headers);
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder {
    if (typeof transpose !== 'boolean') throw signatureError(this._ctx, this._m('setTransposeRowsAndColumns'), [transpose]);
    this._state.transpose = transpose;
    return this;
  }
  setMergeStrategy(mergeStrategy: EnumValue): FakeEmbeddedChartBuilder {
    const name = enumName(ChartMergeStrategy, mergeStrategy);
    if (!name) throw signatureError(this._ctx, this._m('setMergeStrategy'), [mergeStrategy]);
    this._state.merge = name as ChartState['merge'];
    return this;
  }
  setHiddenDimensionStrategy(strategy: EnumValue): FakeEmbeddedChartBuilder {
    const name = enumName(ChartHiddenDimensionStrategy, strategy);
    if (!name) throw signatureError(this._ctx, this._m('setHiddenDimensionStrategy'), [strategy]);
    this._state.hidden = name;
    return this;
  }
  build(): FakeEmbeddedChart {
    if (!this._state.type) throw this._ctx.error('The chart type must be set before building the chart.');
    return new FakeEmbeddedChart(this._ctx, this._container, this._id, cloneChartState(this._state));
  }
}

/** Setters of the typed builders: each writes the Google Charts option it stands for. */
const TYPED_SETTERS: Record<string, (b: FakeEmbeddedChartBuilder, args: unknown[]) => void> = {
  setTitle: (b, [t]) => setOptionPath(b._state.options, 'title', t === null ? null : String(t)),
  setTitleTextStyle: (b, [s]) => setOptionPath(b._state.options, 'titleTextStyle', textStyleValue(b._ctx, s, 'setTitleTextStyle')),
  setBackgroundColor: (b, [c]) => setOptionPath(b._state.options, 'backgroundColor', String(c)),
  setColors: (b, [c]) => {
    if (!Array.isArray(c)) throw signatureError(b._ctx, `SpreadsheetApp.${b._svc}.setColors`, [c]);
    setOptionPath(b._state.options, 'colors', c.map(String));
  },
  setLegendPosition: (b, [p]) => {
    const name = enumName(Position, p);
    if (!name) throw signatureError(b._ctx, `SpreadsheetApp.${b._svc}.setLegendPosition`, [p]);
    setOptionPath(b._state.options, 'legend.position', name.toLowerCase());
  },
  setLegendTextStyle: (b, [s]) => setOptionPath(b._state.options, 'legend.textStyle', textStyleValue(b._ctx, s, 'setLegendTextStyle')),
  setXAxisTitle: (b, [t]) => setOptionPath(b._state.options, 'hAxis.title', String(t)),
  setYAxisTitle: (b, [t]) => setOptionPath(b._state.options, 'vAxis.title', String(t)),
  setXAxisTextStyle: (b, [s]) => setOptionPath(b._state.options, 'hAxis.textStyle', textStyleValue(b._ctx, s, 'setXAxisTextStyle')),
  setYAxisTextStyle: (b, [s]) => setOptionPath(b._state.options, 'vAxis.textStyle', textStyleValue(b._ctx, s, 'setYAxisTextStyle')),
  setXAxisTitleTextStyle: (b, [s]) => setOptionPath(b._state.options, 'hAxis.titleTextStyle', textStyleValue(b._ctx, s, 'setXAxisTitleTextStyle')),
  setYAxisTitleTextStyle: (b, [s]) => setOptionPath(b._state.options, 'vAxis.titleTextStyle', textStyleValue(b._ctx, s, 'setYAxisTitleTextStyle')),
  reverseCategories: (b) => setOptionPath(b._state.options, b._state.type === 'BAR' ? 'vAxis.direction' : 'hAxis.direction', -1),
  reverseDirection: (b) => setOptionPath(b._state.options, 'hAxis.direction', -1),
  setRange: (b, [start, end]) => {
    if (!isNum(start) || !isNum(end)) throw signatureError(b._ctx, `SpreadsheetApp.${b._svc}.setRange`, [start, end]);
    const axis = b._state.type === 'BAR' ? 'hAxis' : 'vAxis';
    setOptionPath(b._state.options, `${axis}.viewWindow`, { min: start, max: end });
  },
  useLogScale: (b) => setOptionPath(b._state.options, b._state.type === 'BAR' ? 'hAxis.logScale' : 'vAxis.logScale', true),
  setStacked: (b) => setOptionPath(b._state.options, 'isStacked', true),
  set3D: (b) => setOptionPath(b._state.options, 'is3D', true),
  setCurveStyle: (b, [s]) => {
    const name = enumName(CurveStyle, s);
    if (!name) throw signatureError(b._ctx, `SpreadsheetApp.${b._svc}.setCurveStyle`, [s]);
    setOptionPath(b._state.options, 'curveType', name === 'SMOOTH' ? 'function' : 'none');
  },
  setPointStyle: (b, [s]) => {
    const name = enumName(PointStyle, s);
    if (!name) throw signatureError(b._ctx, `SpreadsheetApp.${b._svc}.setPointStyle`, [s]);
    setOptionPath(b._state.options, 'pointSize', { NONE: 0, TINY: 2, MEDIUM: 7, LARGE: 14, HUGE: 21 }[name]);
  },
  setXAxisRange: (b, [start, end]) => setOptionPath(b._state.options, 'hAxis.viewWindow', { min: start, max: end }),
  setYAxisRange: (b, [start, end]) => setOptionPath(b._state.options, 'vAxis.viewWindow', { min: start, max: end }),
  setXAxisLogScale: (b) => setOptionPath(b._state.options, 'hAxis.logScale', true),
  setYAxisLogScale: (b) => setOptionPath(b._state.options, 'vAxis.logScale', true),
};

const COMMON = ['setTitle', 'setTitleTextStyle', 'setBackgroundColor', 'setColors', 'setLegendPosition', 'setLegendTextStyle'];
const AXES = ['setXAxisTitle', 'setYAxisTitle', 'setXAxisTextStyle', 'setYAxisTextStyle', 'setXAxisTitleTextStyle', 'setYAxisTitleTextStyle'];
const SETTERS_BY_TYPE: Record<Typed, string[]> = {
  AREA: [...COMMON, ...AXES, 'reverseCategories', 'setRange', 'setStacked', 'useLogScale', 'setPointStyle'],
  BAR: [...COMMON, ...AXES, 'reverseCategories', 'reverseDirection', 'setRange', 'setStacked', 'useLogScale'],
  COLUMN: [...COMMON, ...AXES, 'reverseCategories', 'setRange', 'setStacked', 'useLogScale'],
  COMBO: [...COMMON, ...AXES, 'reverseCategories', 'setRange', 'setStacked', 'useLogScale'],
  HISTOGRAM: [...COMMON, ...AXES, 'reverseCategories', 'setRange', 'setStacked', 'useLogScale'],
  LINE: [...COMMON, ...AXES, 'reverseCategories', 'setRange', 'useLogScale', 'setCurveStyle', 'setPointStyle'],
  PIE: [...COMMON, 'reverseCategories', 'set3D'],
  SCATTER: [...COMMON, ...AXES, 'setPointStyle', 'setXAxisRange', 'setYAxisRange', 'setXAxisLogScale', 'setYAxisLogScale'],
  TABLE: [],
};

type BuilderCtor = new (ctx: Ctx, container: FakeSheet, state: ChartState, id: number | null) => FakeEmbeddedChartBuilder;

function typedBuilder(type: Typed, svcName: string): BuilderCtor {
  const C = class extends FakeEmbeddedChartBuilder {
    constructor(ctx: Ctx, container: FakeSheet, state: ChartState, id: number | null) {
      super(ctx, container, state, id, svcName);
    }
  };
  for (const m of SETTERS_BY_TYPE[type]) {
    const set = TYPED_SETTERS[m];
    Object.defineProperty(C.prototype, m, {
      value: function (this: FakeEmbeddedChartBuilder, ...args: unknown[]) {
        set(this, args);
        return this;
      },
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(C, 'name', { value: 'Fake' + svcName });
  return C;
}

const TYPED_BUILDERS: Record<Typed, BuilderCtor> = {
  AREA: typedBuilder('AREA', 'EmbeddedAreaChartBuilder'),
  BAR: typedBuilder('BAR', 'EmbeddedBarChartBuilder'),
  COLUMN: typedBuilder('COLUMN', 'EmbeddedColumnChartBuilder'),
  COMBO: typedBuilder('COMBO', 'EmbeddedComboChartBuilder'),
  HISTOGRAM: typedBuilder('HISTOGRAM', 'EmbeddedHistogramChartBuilder'),
  LINE: typedBuilder('LINE', 'EmbeddedLineChartBuilder'),
  PIE: typedBuilder('PIE', 'EmbeddedPieChartBuilder'),
  SCATTER: typedBuilder('SCATTER', 'EmbeddedScatterChartBuilder'),
  TABLE: typedBuilder('TABLE', 'EmbeddedTableChartBuilder'),
};

// ------------------------------------------------------------------ the chart
export class FakeEmbeddedChart extends Svc {
  constructor(
    ctx: Ctx,
    readonly _container: FakeSheet,
    readonly _id: number | null,
    readonly _state: ChartState,
  ) {
    super(ctx, 'spreadsheet', 'EmbeddedChart');
  }
  getChartId(): number | null {
    return this._id;
  }
  getContainerInfo(): FakeContainerInfo {
    return new FakeContainerInfo(this._ctx, { ...this._state.pos });
  }
  getOptions(): FakeChartOptions {
    return new FakeChartOptions(this._ctx, cloneJson(this._state.options));
  }
  getRanges(): FakeRange[] {
    return this._state.ranges.map((g) => g.sheet._range(g.r, g.c, g.nr, g.nc));
  }
  getNumHeaders(): number {
    return this._state.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._state.transpose;
  }
  getMergeStrategy(): EnumValue {
    return ChartMergeStrategy[this._state.merge];
  }
  getHiddenDimensionStrategy(): EnumValue {
    return (ChartHiddenDimensionStrategy as Record<string, EnumValue>)[this._state.hidden];
  }
  modify(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this._ctx, this._container, cloneChartState(this._state), this._id);
  }
  getBlob(): never {
    throw this._ctx.error('EmbeddedChart.getBlob is not available in the offline runtime (use tests/runtime/render.ts).');
  }
  getAs(_contentType: string): never {
    return this.getBlob();
  }
}

/** Sheet-side operations (called by FakeSheet's insertChart, ...). */
export function chartCells(state: ChartState): number {
  return state.ranges.reduce((n, g) => n + g.nr * g.nc, 0);
}

export function insertChartRecord(ctx: Ctx, charts: ChartRecord[], chart: unknown, method: string): void {
  const raw = ctx.unwrap(chart);
  if (!(raw instanceof FakeEmbeddedChart)) throw signatureError(ctx, method, [chart]);
  const state = cloneChartState(raw._state);
  charts.push({ id: nextChartId(), state });
  ctx.touch(chartCells(state));
}

export function findChartRecord(ctx: Ctx, charts: ChartRecord[], chart: unknown, method: string): number {
  const raw = ctx.unwrap(chart);
  if (!(raw instanceof FakeEmbeddedChart)) throw signatureError(ctx, method, [chart]);
  const i = raw._id === null ? -1 : charts.findIndex((c) => c.id === raw._id);
  if (i < 0) throw ctx.error('The chart could not be found on this sheet. Use a chart from Sheet.getCharts().');
  return i;
}
