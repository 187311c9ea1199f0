/** What a keyed table is (its spec), how its header maps to columns and how a row is identified. */
import { Cell } from '../gas/types';
import { ColumnSpec } from './columns';

export const TABLE_TAG = 'wb-sheets.table';

/** Google's limit on cells in one spreadsheet (all sheets' grids together). */
export const SPREADSHEET_CELL_LIMIT = 10000000;

/** Appending would push the workbook over Google's cell limit: nothing was written. */
export class SheetFullError extends Error {
  constructor(readonly neededCells: number, readonly freeCells: number) {
    super('spreadsheet cell limit: need ' + neededCells + ', free ' + freeCells);
    this.name = 'SheetFullError';
  }
}

export interface TableSpec {
  id: string;
  title: { ru: string; en: string };
  /** Columns whose values together identify a row. */
  keyColumns: string[];
  /** A row's identity when it is not simply all key columns (e.g. one id or another); null = no key. */
  keyOf?: (record: Record<string, Cell>) => string | null;
  /**
   * A column WB changes whenever it changes the row (lastChangeDate). When set, a row
   * is rewritten only if this differs, and the index reads just the key and this
   * column, not whole rows: an hourly refresh then costs little however large the sheet.
   */
  versionColumn?: string;
  /**
   * Columns WB may fill in later without changing the version column (money that reads
   * 0 for up to 24 h): read into the index and compared along with the version.
   */
  silentColumns?: string[];
  columns: ColumnSpec[];
}

export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
  cellsWritten: number;
}

function normalizeHeader(text: Cell): string {
  return String(text === null ? '' : text).trim().toLowerCase();
}

/** Sheet column (1-based) of each spec column, by header text; missing ones absent. */
export function mapColumns(spec: TableSpec, header: Cell[]): Map<string, number> {
  const byText = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (key && !byText.has(key)) byText.set(key, i + 1);
  });
  const map = new Map<string, number>();
  for (const c of spec.columns) {
    let col = byText.get(normalizeHeader(c.ru)) || byText.get(normalizeHeader(c.en)) || byText.get(normalizeHeader(c.id));
    for (const a of c.aliases || []) col = col || byText.get(normalizeHeader(a));
    if (col) map.set(c.id, col);
  }
  return map;
}

/** A row's identity: key cells normalised so a date read back equals the one written. */
function keyPart(type: ColumnSpec['type'] | undefined, v: Cell | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (type === 'datetime' && typeof v === 'number') return String(Math.round(v * 86400));
  if (type === 'date' && typeof v === 'number') return String(Math.floor(v + 1e-9));
  return String(v);
}

export function rowKey(spec: TableSpec, record: Record<string, Cell>): string | null {
  if (spec.keyOf) return spec.keyOf(record);
  const parts = spec.keyColumns.map((id) => keyPart(spec.columns.find((c) => c.id === id)?.type, record[id]));
  return parts.every((p) => p === '') ? null : parts.join('\u0001');
}

