/**
 * The cost prices the seller types on `WB Юнит-экономика` (one per article, column
 * «Себестоимость, ₽/шт»), read by the dashboard build (to keep them) and by WB_PROFIT,
 * WB_MARGIN and WB_ROI. The column is found by its header in either language, so a
 * sheet built in Russian answers an English user's formula too.
 */
import { Cell } from '../gas/types';

export interface CostSheet {
  lastRow(): number;
  /** A data sheet's read throws outside its grid (as SpreadsheetApp does); the dashboard's does not. */
  lastColumn?(): number;
  read(row: number, col: number, numRows: number, numCols: number): Cell[][];
}

/** Header row and first data row of the unit economics sheet. */
export const UNIT_HEADER_ROW = 5;
export const COST_HEADERS = ['Себестоимость, ₽/шт', 'Cost price, ₽/unit'];
export const NM_HEADERS = ['Артикул WB', 'WB article'];
const SCAN_COLS = 40;
const TOTAL_LABELS = ['Итого', 'Total'];

/** Cost prices by nmId as typed (a number, or the seller's text); rows without a WB article (total, notes) are skipped. */
export function readCostCells(sheet: CostSheet | null): Map<string, Cell> {
  const out = new Map<string, Cell>();
  if (!sheet) return out;
  const cols = sheet.lastColumn ? Math.min(SCAN_COLS, sheet.lastColumn()) : SCAN_COLS;
  const last = sheet.lastRow();
  if (cols < 1 || last < UNIT_HEADER_ROW) return out;
  const head = sheet.read(UNIT_HEADER_ROW, 1, 1, cols)[0].map((x) => String(x ?? ''));
  const nmCol = head.findIndex((h) => NM_HEADERS.indexOf(h) >= 0);
  const costCol = head.findIndex((h) => COST_HEADERS.indexOf(h) >= 0);
  if (nmCol < 0 || costCol < 0 || last <= UNIT_HEADER_ROW) return out;
  const width = Math.max(nmCol, costCol) + 1;
  for (const r of sheet.read(UNIT_HEADER_ROW + 1, 1, last - UNIT_HEADER_ROW, width)) {
    // The table ends at its total row: the reconciliation under it has numbers in B too.
    if (TOTAL_LABELS.indexOf(String(r[0] ?? '')) >= 0) break;
    const nm = r[nmCol];
    const cost = r[costCol];
    if (typeof nm !== 'number' || cost === null || cost === '') continue;
    out.set(String(nm), cost);
  }
  return out;
}

/** The cost price in rubles, when the seller typed a number (a "1 250,50" typed as text counts too). */
export function costNumber(v: Cell | undefined): number | null {
  if (typeof v === 'number') return isFinite(v) && v >= 0 ? v : null;
  if (typeof v === 'string') {
    const n = Number(v.replace(/\s/g, '').replace(',', '.'));
    return v.trim() !== '' && isFinite(n) && n >= 0 ? n : null;
  }
  return null;
}
