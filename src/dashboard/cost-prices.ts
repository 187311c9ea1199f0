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

/** A price typed as text: "1 250,50" or "1250.5"; null when it is not one. */
function price(text: string): number | null {
  const n = Number(text.replace(/[\s\u00a0₽]/g, '').replace(',', '.'));
  return text.trim() !== '' && isFinite(n) && n >= 0 ? n : null;
}

/**
 * A cost price cell: one number for every size, or per size as text, entries split by
 * ";" or new lines, each "size: price" (or "size = price"); an entry without a size is
 * the price of every size not named. E.g. "S: 480; M: 500; XL: 540" or "42: 900; 800".
 */
export interface CostSpec {
  all: number | null;
  sizes: Map<string, number>;
}

export function parseCost(v: Cell | undefined): CostSpec | null {
  if (typeof v === 'number') return isFinite(v) && v >= 0 ? { all: v, sizes: new Map() } : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const whole = price(v);
  if (whole !== null) return { all: whole, sizes: new Map() };
  const spec: CostSpec = { all: null, sizes: new Map() };
  for (const part of v.split(/[;\n]/)) {
    if (!part.trim()) continue;
    const m = /^(.*?)\s*[:=]\s*([^:=]+)$/.exec(part.trim());
    const p = price(m ? m[2] : part);
    if (p === null) return null;
    if (m && m[1].trim()) spec.sizes.set(sizeKey(m[1]), p);
    else spec.all = p;
  }
  return spec.all === null && !spec.sizes.size ? null : spec;
}

export const sizeKey = (size: unknown) => String(size ?? '').trim().toLowerCase();

/** The price of one size (rubles): its own entry, else the price for every size; null when neither. */
export function costForSize(spec: CostSpec | null, size: unknown): number | null {
  if (!spec) return null;
  const own = spec.sizes.get(sizeKey(size));
  return own !== undefined ? own : spec.all;
}

/**
 * Cost of goods in kopecks for units sold per size: Σ units × the size's price; null when
 * a size that moved has no price. Sizes net to zero cost nothing.
 */
export function costOfGoods(spec: CostSpec | null, unitsBySize: Map<string, number>): number | null {
  let total = 0;
  for (const [size, units] of unitsBySize) {
    if (!units) continue;
    const p = costForSize(spec, size);
    if (p === null) return null;
    total += Math.round(p * 100) * units;
  }
  return total;
}
