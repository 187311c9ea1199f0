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
  /** Values of a block; dates come back as serial numbers of their wall-clock time, empty cells as null. */
  read(row: number, col: number, numRows: number, numCols: number): Cell[][];
  /** Writes a block after setting its number formats (so text stays text); grows the grid when needed. */
  write(row: number, col: number, values: Cell[][], formats: string[][]): void;
  /** Sets one number format per column for a block of rows (one call). */
  formatColumns(row: number, col: number, numRows: number, formats: string[]): void;
  styleHeader(numCols: number): void;
  deleteRows(row: number, count: number): void;
  freezeRows(count: number): void;
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
