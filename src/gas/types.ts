/**
 * The small interfaces the add-on needs from Apps Script. Everything outside
 * src/gas/ and src/main.ts depends on these, never on Apps Script globals, so the
 * WB, report, store and formula layers run in plain Node tests.
 */

/** A cell as the store sees it: dates arrive as Sheets serial numbers (see store/serial). */
export type Cell = string | number | boolean | null;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): void;
}

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Names of every property in the store. */
  keys(): string[];
}

export interface HttpRequest {
  url: string;
  method: 'get' | 'post';
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  /** HTTP status, or 0 when no usable answer arrived (see `failure`). */
  status: number;
  /** Why status is 0: no connection, or an answer over UrlFetchApp's 50 MB cap. */
  failure?: 'network' | 'too_large';
  headers: Record<string, string>;
  body: string;
}

export interface Http {
  /** Sends requests in parallel; never throws for HTTP or network errors. */
  fetchAll(requests: HttpRequest[]): HttpResponse[];
}

export interface Lock {
  tryLock(timeoutMs: number): boolean;
  release(): void;
}

export interface SheetHandle {
  name(): string;
  lastRow(): number;
  lastColumn(): number;
  maxRows(): number;
  maxColumns(): number;
  /** A block's values (as `read`) and formulas ('' where a cell holds none), from one range. */
  readBlock(row: number, col: number, numRows: number, numCols: number): { values: Cell[][]; formulas: string[][] };
  /** The first row's cells up to its last non-empty one (the header). */
  readHeader(): Cell[];
  /** Values of a block; dates come back as serial numbers of their wall-clock time, empty cells as null. */
  read(row: number, col: number, numRows: number, numCols: number): Cell[][];
  /**
   * Writes a block after setting its number formats (so text stays text; null: the cells
   * keep the formats they have); grows the grid
   * when needed, after `beforeGrow(extraRows, gridColumns)` (which may refuse by throwing).
   */
  write(row: number, col: number, values: Cell[][], formats: string[][] | null, beforeGrow?: (extraRows: number, gridColumns: number) => void): void;
  /** Sets one number format per column for a block of rows (one call). */
  formatColumns(row: number, col: number, numRows: number, formats: string[]): void;
  styleHeader(numCols: number): void;
  deleteRows(row: number, count: number): void;
  freezeRows(count: number): void;
}

/** The document property where the id of the sheet carrying a tag is remembered between executions. */
export function sheetHintProperty(key: string, value: string): string {
  return 'wb.sheetId.' + key + '.' + value;
}

export interface SpreadsheetGateway {
  id(): string;
  timeZone(): string;
  findSheetByTag(key: string, value: string): SheetHandle | null;
  sheetExists(name: string): boolean;
  createSheet(name: string, tagKey: string, tagValue: string): SheetHandle;
  /** Tags and returns the sheet of that name if it exists, is untagged and holds nothing; else null. */
  adoptEmptySheet(name: string, tagKey: string, tagValue: string): SheetHandle | null;
  /** Cells in the whole workbook (grid size), for the 10-million-cell limit. */
  totalCells(): number;
  flush(): void;
  toast(message: string, title: string): void;
}

export interface UserContext {
  /** 'ru' or 'en' */
  locale(): 'ru' | 'en';
}

/** This user's time-driven triggers for the active document. */
export interface TriggerGateway {
  /** How many of this user's triggers for this document run `handler`. */
  count(handler: string): number;
  /** Deletes them; returns how many. */
  remove(handler: string): number;
  createEveryHours(handler: string, hours: number): void;
  createDaily(handler: string, hour: number, timeZone: string): void;
}

/** A cell whose formula calls one of the add-on's functions (WB_...). */
export interface FormulaCell {
  /** Sheet.getSheetId() of its sheet */
  sheetId: number;
  row: number;
  column: number;
  /** The formula text as the sheet holds it. */
  formula: string;
}

/**
 * The cells of the document whose formulas call the add-on's custom functions. Sheets
 * keeps a custom function's result until its arguments change or its formula is entered
 * again, so fresh data shows only once the formula is entered anew.
 */
export interface FormulaCellGateway {
  /** Every such cell in every sheet; the cells an array result spills into hold no formula and are not among them. */
  find(): FormulaCell[];
  /** Empties these cells (one call per sheet) and commits the change (SpreadsheetApp.flush), so their cached results go. */
  clear(cells: FormulaCell[]): void;
  /**
   * Enters the formulas into their cells again (adjacent cells of a sheet in one call);
   * with onlyIfEmpty, only into cells that hold nothing now. Cells of a sheet that is gone
   * are skipped. Returns how many formulas were entered.
   */
  enter(cells: FormulaCell[], onlyIfEmpty?: boolean): number;
}

// ------------------------------------------------------------------ dashboard sheets

/** A block of cells on one sheet, 1-based. */
export interface CellBlock {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export type ChartKind = 'line' | 'column' | 'bar' | 'pie' | 'area';

/** A native chart the add-on keeps on a dashboard sheet. */
export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /**
   * Data ranges on the same sheet, read as Sheets reads them: side by side, the first
   * column is the domain (days, weeks, articles; pie slice labels), each further column
   * a series; the first `headerRows` rows (default 1) are the series names.
   */
  ranges: CellBlock[];
  anchorRow: number;
  anchorCol: number;
  /** px */
  width: number;
  height: number;
  options?: ChartOptionsSpec;
}

export interface ChartOptionsSpec {
  /** title of the domain axis (horizontal in line/column/area charts, vertical in a bar chart) */
  domainAxisTitle?: string;
  /** title of the value axis */
  valueAxisTitle?: string;
  /** a Sheets number format for the value axis labels, e.g. '#,##0 ₽' */
  valueFormat?: string;
  /** default: Sheets' own ('right') */
  legend?: 'none' | 'top' | 'bottom' | 'right' | 'left';
  /** series colours in order ('#rrggbb') */
  colors?: string[];
  /** stacked columns / bars / areas */
  stacked?: boolean;
  /** header rows in the ranges; default 1 */
  headerRows?: number;
  /** per series (0-based): own colour, on a second value axis, drawn as a line in a column chart */
  series?: Record<number, { color?: string; secondAxis?: boolean; asLine?: boolean }>;
  /** pie only: 0..1, a donut hole */
  pieHole?: number;
  /** px from the anchor cell */
  offsetX?: number;
  offsetY?: number;
  /** further Google Charts options, set as they are (setOption(key, value)) */
  raw?: Record<string, unknown>;
}

export type RuleCondition =
  | { kind: 'lessThan'; value: number }
  | { kind: 'lessThanOrEqual'; value: number }
  | { kind: 'greaterThan'; value: number }
  | { kind: 'greaterThanOrEqual'; value: number }
  | { kind: 'equal'; value: number }
  | { kind: 'between'; min: number; max: number }
  | { kind: 'empty' }
  | { kind: 'notEmpty' }
  | { kind: 'textEquals'; text: string }
  | { kind: 'textContains'; text: string }
  /** a custom formula relative to the top-left cell of the first range, e.g. '=$E2<0' */
  | { kind: 'formula'; formula: string };

/** A conditional format rule the add-on keeps on a dashboard sheet. */
export interface ConditionalRuleSpec {
  ranges: CellBlock[];
  when: RuleCondition;
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

/** Formatting of a block: a single value for the whole block, or one per cell. */
export interface BlockStyle {
  background?: string | null;
  backgrounds?: (string | null)[][];
  fontColor?: string | null;
  fontColors?: (string | null)[][];
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  align?: 'left' | 'center' | 'right';
  verticalAlign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** one number format for the block */
  numberFormat?: string;
}

/** What replaceCharts / replaceConditionalRules did. */
export interface ReplaceResult {
  /** the add-on's objects left as they were (their spec did not change) */
  kept: number;
  removed: number;
  created: number;
}

/**
 * A sheet the add-on lays out itself (overview, unit economics, stock forecast, ABC).
 * The seller's own charts and conditional rules on it are never touched.
 */
export interface DashboardSheet {
  name(): string;
  /** Last row with content (0 when empty). */
  lastRow(): number;
  /**
   * Values of a block (the seller's inputs); dates come back as serial numbers of their
   * wall-clock time, empty cells as null. Outside the grid: nulls.
   */
  read(row: number, col: number, numRows: number, numCols: number): Cell[][];
  /**
   * Writes a block of values; number formats first (one per column, or one per cell) so
   * text stays text; a string starting with '=' is a formula. Grows the grid as needed.
   */
  writeBlock(row: number, col: number, values: Cell[][], formats?: string[] | string[][]): void;
  /** Formats a block (one SpreadsheetApp call per property given). */
  styleBlock(block: CellBlock, style: BlockStyle): void;
  mergeBlock(block: CellBlock): void;
  /** A dropdown of `choices` on a block (one cell by default); other values are refused in the UI. */
  setChoices(row: number, col: number, choices: string[], numRows?: number, numCols?: number): void;
  /** Column widths in px from firstCol on (equal neighbours are set in one call). */
  setColumnWidths(firstCol: number, widthsPx: number[]): void;
  freezeRows(count: number): void;
  /**
   * Clears values, formats and merges of a block, by default of the whole sheet; charts
   * and conditional format rules stay (use replaceCharts / replaceConditionalRules).
   */
  clearContentsAndFormats(block?: CellBlock): void;
  /**
   * Makes the add-on's charts on this sheet exactly `specs`: a chart whose spec is
   * unchanged since the last call is kept as it is, the others are removed and the new
   * ones inserted. Charts the seller made are left alone.
   */
  replaceCharts(specs: ChartSpec[]): ReplaceResult;
  /**
   * Makes the add-on's conditional format rules on this sheet exactly `rules`, after the
   * seller's own rules (which keep their order and win where both apply).
   */
  replaceConditionalRules(rules: ConditionalRuleSpec[]): ReplaceResult;
}

export interface DashboardGateway {
  /** The sheet tagged key=value, or null. */
  findSheet(tagKey: string, tagValue: string): DashboardSheet | null;
  /**
   * The sheet tagged key=value; when there is none, an empty untagged sheet called `name`
   * is adopted, else a new sheet is added at the end (named `name`, or `name (2)`… when a
   * sheet of the seller already has that name).
   */
  openSheet(name: string, tagKey: string, tagValue: string): DashboardSheet;
}
