/**
 * Brings the daily table up to date with the raw sheets: for every source with dirty
 * days, the rows of those days are read back from the raw sheet (only the runs of rows
 * that hold them), summed, and written into the days' slots of the period rows. Then the
 * dirty days are cleared. Runs inside the sync lock, after the reports.
 */
import { Cell, KeyValueStore, SpreadsheetGateway } from '../gas/types';
import { ADS } from '../reports/ads';
import { ORDERS } from '../reports/orders';
import { PAID_ACCEPTANCE, PAID_STORAGE } from '../reports/paid';
import { REALIZATION } from '../reports/realization';
import { FUNNEL } from '../reports/funnel';
import { REVIEWS } from '../reports/reviews';
import { SALES } from '../reports/sales';
import { SEARCH } from '../reports/search';
import { STOCK_HISTORY } from '../reports/stocks';
import { ReportSpec } from '../reports/types';
import { SheetTable, TABLE_TAG, rowKey } from '../store/table';
import { mergeRuns } from '../store/blocks';
import { FactBuilder, FactTable, ItemFacts, dayOf, itemKey } from './aggregate';
import { boughtOutLookup, orderDaysOfSales } from './buyouts';
import { DAILY_SOURCES, DailySource, Measure, ROW_COUNTS, measuresOf } from './measures';
import { SLOTS, packDays, unpackDays } from './packing';
import { DirtyDays, clearDirty, loadDirty, markDirty } from './state';
import { DAILY, periodOf } from './table';

export const SOURCE_SPECS: Record<DailySource, ReportSpec> = { orders: ORDERS, sales: SALES, realization: REALIZATION, stockHistory: STOCK_HISTORY, reviews: REVIEWS, funnel: FUNNEL, search: SEARCH, ads: ADS, paidStorage: PAID_STORAGE, acceptance: PAID_ACCEPTANCE };
export const SOURCE_DAY_COLUMN: Record<DailySource, string> = { orders: 'date', sales: 'date', realization: 'rrDate', stockHistory: 'day', reviews: 'date', funnel: 'date', search: 'date', ads: 'day', paidStorage: 'date', acceptance: 'shkCreateDate' };
/** Other dates a source books measures on (a review's answer counts on the day it was seen). */
export const SOURCE_OTHER_DAY_COLUMNS: Partial<Record<DailySource, string[]>> = { reviews: ['answerDate'] };

function dayColumns(source: DailySource): string[] {
  return [SOURCE_DAY_COLUMN[source]].concat(SOURCE_OTHER_DAY_COLUMNS[source] || []);
}

/** Whether a raw row books anything on one of `days` (all rows when none are named). */
function rowTouches(source: DailySource, row: Record<string, Cell>, days: Set<number> | null): boolean {
  return dayColumns(source).some((c) => {
    const d = dayOf(row[c]);
    return d !== null && (days === null || days.has(d));
  });
}

export function isDailySource(id: string): id is DailySource {
  return Object.prototype.hasOwnProperty.call(SOURCE_SPECS, id);
}

/** Days a batch of raw records touches (saved as dirty before the records are written). */
export function recordDays(source: DailySource, records: Record<string, Cell>[]): number[] {
  const set = new Set<number>();
  for (const column of dayColumns(source)) {
    for (const r of records) {
      const d = dayOf(r[column]);
      if (d !== null) set.add(d);
    }
  }
  return Array.from(set);
}

/**
 * Where the raw rows of a source live when its sheet keeps only a recent window (raw rows
 * in the seller's BigQuery, issue 14): the same records the sheet would hold.
 */
export interface WarehouseDailySource {
  holds(source: DailySource): boolean;
  rows(source: DailySource, days: Set<number> | null): Record<string, Cell>[];
  boughtOut(orderDays: Set<number> | null): (srid: Cell | undefined) => boolean;
  orderDaysOfSales(days: Set<number>): number[];
}

export interface DailyDeps {
  gateway: SpreadsheetGateway;
  documentProps: KeyValueStore;
  locale: 'ru' | 'en';
  /** Sources whose rows are read from BigQuery rather than their (windowed) raw sheet. */
  warehouse?: WarehouseDailySource | null;
}

export function sourceDayColumns(source: DailySource): string[] {
  return dayColumns(source);
}

export interface DailyResult {
  days: number;
  rowsWritten: number;
  cellsWritten: number;
}

/** Most read calls spent on one raw sheet: runs of wanted rows beyond this are joined. */
const MAX_READ_RUNS = 12;

/** Reads the raw rows of the wanted days (all rows for 'all'); null when the raw sheet is gone. */
function readSourceRows(gateway: SpreadsheetGateway, source: DailySource, days: Set<number> | null): Record<string, Cell>[] | null {
  const table = SheetTable.find(gateway, SOURCE_SPECS[source]);
  if (!table) return null;
  if (days === null) return table.readRows();
  const dates = table.readColumn(SOURCE_DAY_COLUMN[source]);
  if (dates === null) return table.readRows();
  const others = (SOURCE_OTHER_DAY_COLUMNS[source] || []).map((c) => table.readColumn(c) || []);
  const wanted: [number, number][] = [];
  dates.forEach((v, i) => {
    const d = dayOf(v);
    if (!((d !== null && days.has(d)) || others.some((col) => { const o = dayOf(col[i]); return o !== null && days.has(o); }))) return;
    const row = i + 2;
    const last = wanted[wanted.length - 1];
    if (last && last[1] === row - 1) last[1] = row;
    else wanted.push([row, row]);
  });
  // Rows between the wanted ones are read too while that costs less than more calls (store/blocks.ts).
  const runs = mergeRuns(wanted, SOURCE_SPECS[source].columns.length);
  // Join the closest runs until few reads are left: rows of one day sit together, so
  // this reads a little extra, never a lot.
  while (runs.length > MAX_READ_RUNS) {
    let best = 1;
    for (let i = 2; i < runs.length; i++) if (runs[i][0] - runs[i - 1][1] < runs[best][0] - runs[best - 1][1]) best = i;
    runs[best - 1][1] = runs[best][1];
    runs.splice(best, 1);
  }
  const rows: Record<string, Cell>[] = [];
  for (const [from, to] of runs) for (const r of table.readRowRange(from, to)) rows.push(r);
  return rows;
}

/** Raw rows per day the daily table counted, per period (SLOTS slots), for the periods wanted. */
function countedRows(rows: Iterable<Record<string, Cell>>, measures: Measure[], periods: Set<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const row of rows) {
    if (typeof row.period !== 'number') continue;
    const period = Math.floor(row.period + 1e-9);
    if (!periods.has(period)) continue;
    let slots = out.get(period);
    if (!slots) out.set(period, (slots = new Array(SLOTS).fill(0)));
    for (const m of measures) {
      const v = unpackDays(row[m]);
      for (let i = 0; i < SLOTS; i++) slots[i] += v[i] || 0;
    }
  }
  return out;
}

/** Raw rows per day just read. */
function factRows(facts: FactTable, measures: Measure[]): Map<number, number> {
  const out = new Map<number, number>();
  facts.forEach((f) => {
    for (const m of measures) f.values.get(m)?.forEach((v, day) => out.set(day, (out.get(day) || 0) + v));
  });
  return out;
}

export function refreshDaily(deps: DailyDeps): DailyResult {
  const { gateway, documentProps: props } = deps;
  const result: DailyResult = { days: 0, rowsWritten: 0, cellsWritten: 0 };
  const dailyMissing = gateway.findSheetByTag(TABLE_TAG, DAILY.id) === null;
  if (dailyMissing) {
    // No daily table (first use, or the seller deleted it): rebuilt from whatever raw rows exist.
    for (const s of Object.keys(SOURCE_SPECS) as DailySource[]) markDirty(props, s, 'all');
  } else {
    const daily = SheetTable.find(gateway, DAILY);
    // A table built before buyouts were kept: count them for every order day still in the raw sheet.
    if (!daily?.hasColumn('buyouts')) markDirty(props, 'orders', 'all');
    // A daily table from before the loyalty, schedule and rebilled-transport measures (and
    // WB's signs): its realization days are recomputed once from the raw rows there are.
    if (!daily?.hasColumn('loyalty')) markDirty(props, 'realization', 'all');
  }
  let dirty = loadDirty(props);
  // New sales and returns change the buyouts of the days their items were ordered.
  const salesDays = dirty.sales;
  if (salesDays && dirty.orders !== 'all') {
    const wh = deps.warehouse && deps.warehouse.holds('sales') && deps.warehouse.holds('orders') ? deps.warehouse : null;
    markDirty(props, 'orders', salesDays === 'all' ? 'all' : wh ? wh.orderDaysOfSales(new Set(salesDays)) : orderDaysOfSales(gateway, new Set(salesDays)));
    dirty = loadDirty(props);
  }
  const sources = (Object.keys(dirty) as DailySource[]).filter(isDailySource);
  if (!sources.length) return result;

  // Raw rows of the dirty days, per source.
  const perSource = new Map<DailySource, { facts: FactTable; days: Set<number> }>();
  for (const source of sources) {
    const wanted = dirty[source];
    const daySet = wanted === 'all' ? null : new Set(wanted);
    const fromWarehouse = !!deps.warehouse && deps.warehouse.holds(source);
    // The raw sheet keeps a recent window only: every row of the days comes from BigQuery.
    const rows = fromWarehouse && deps.warehouse ? deps.warehouse.rows(source, daySet) : readSourceRows(gateway, source, daySet);
    if (rows === null) continue; // raw sheet gone: the daily table keeps what it has
    const builder = new FactBuilder(daySet);
    if (source === 'orders') builder.boughtOut = deps.warehouse && deps.warehouse.holds('sales') ? deps.warehouse.boughtOut(daySet) : boughtOutLookup(gateway);
    const seen = new Set<number>();
    const columns = dayColumns(source);
    for (const r of rows) {
      if (!rowTouches(source, r, daySet)) continue;
      for (const c of columns) {
        const d = dayOf(r[c]);
        if (d !== null && (!daySet || daySet.has(d))) seen.add(d);
      }
      builder.addRow(source, r);
    }
    perSource.set(source, { facts: builder.facts, days: daySet || seen });
  }

  const table = SheetTable.open(gateway, DAILY, deps.locale);
  const existing = table.rowsByKey();
  const changed = new Map<string, Record<string, Cell>>();
  const rowFor = (period: number, f: ItemFacts | null, nmId: number | null, barcode: string): Record<string, Cell> => {
    const key = rowKey(DAILY, { period, nmId, barcode }) as string;
    let row = changed.get(key) || existing.get(key);
    if (!row) {
      row = { period, nmId, barcode, article: '', size: '', subject: '', brand: '', title: '' };
    } else row = { ...row };
    if (f) {
      const info = f.info;
      if (!row.article && info.article) row.article = info.article;
      if (!row.size && info.size) row.size = info.size;
      if (!row.subject && info.subject) row.subject = info.subject;
      if (!row.brand && info.brand) row.brand = info.brand;
      if (!row.title && info.title) row.title = info.title;
    }
    changed.set(key, row);
    return row;
  };

  perSource.forEach(({ facts, days }, source) => {
    const measures = measuresOf(source);
    const stock = source === 'stockHistory';
    const counts = ROW_COUNTS[source];
    const before = counts ? countedRows(existing.values(), counts, new Set(Array.from(days).map((d) => periodOf(d).period))) : null;
    const now = counts ? factRows(facts, counts) : null;
    const periods = new Map<number, number[]>();
    days.forEach((day) => {
      const { period, slot } = periodOf(day);
      // Fewer raw rows than were counted: some were deleted from the raw sheet (by the
      // seller, by retention, or the sheet was reloaded with only WB's last 90 days).
      const had = before ? (before.get(period) || [])[slot] || 0 : 0;
      if (now && (now.get(day) || 0) < had) return;
      const list = periods.get(period);
      if (list) list.push(slot);
      else periods.set(period, [slot]);
      result.days++;
    });
    if (!periods.size) return;
    // Per period row: the recomputed slots, zero where the item had nothing that day.
    const targets = new Map<string, { period: number; nmId: number | null; barcode: string; f: ItemFacts | null }>();
    existing.forEach((row) => {
      if (typeof row.period !== 'number' || !periods.has(Math.floor(row.period + 1e-9))) return;
      const nmId = typeof row.nmId === 'number' ? row.nmId : null;
      const barcode = row.barcode === null ? '' : String(row.barcode);
      // Stock is booked on the article's row only: a barcode's row (or the row of costs
      // without an article) never holds a stock day,
      // so recomputing one does not write a 0 there (whether a stock day was recomputed
      // must not change what such rows say).
      if (stock && (barcode !== '' || nmId === null)) return;
      targets.set(Math.floor((row.period as number) + 1e-9) + '#' + itemKey(nmId, barcode), { period: Math.floor((row.period as number) + 1e-9), nmId, barcode, f: null });
    });
    facts.forEach((f) => {
      const periodsOfItem = new Set<number>();
      f.values.forEach((byDay) => byDay.forEach((_v, day) => periodsOfItem.add(periodOf(day).period)));
      periodsOfItem.forEach((period) => {
        if (!periods.has(period)) return;
        const k = period + '#' + itemKey(f.info.nmId, f.info.barcode);
        const t = targets.get(k);
        if (t) t.f = f;
        else targets.set(k, { period, nmId: f.info.nmId, barcode: f.info.barcode, f });
      });
    });
    targets.forEach((t) => {
      const slots = periods.get(t.period) as number[];
      const before = rowFor(t.period, t.f, t.nmId, t.barcode);
      for (const m of measures) {
        const values = unpackDays(before[m], stock);
        const byDay = t.f ? t.f.values.get(m) : undefined;
        for (const slot of slots) {
          const v = byDay ? byDay.get(t.period + slot) : undefined;
          // A recomputed stock day had a snapshot: an article missing from it had none left.
          values[slot] = v === undefined ? 0 : v;
        }
        before[m] = packDays(values, stock);
      }
    });
  });

  if (changed.size) {
    const records = Array.from(changed.values()).map((r) => {
      const out: Record<string, Cell> = {};
      for (const c of DAILY.columns) out[c.id] = r[c.id] === undefined ? null : r[c.id];
      return out;
    });
    // Existing rows: per source, only that source's columns, and only on rows where they
    // changed (a year-long cell per measure; a new order must not rewrite the sales cells).
    const groups: string[][] = DAILY_SOURCES.map((source) => measuresOf(source) as string[]);
    groups.push(['article', 'size', 'subject', 'brand', 'title']);
    const r = { added: 0, updated: 0, cellsWritten: 0 };
    for (const columns of groups) {
      const part = records.filter((rec) => {
        const before = existing.get(rowKey(DAILY, rec) as string);
        return !before || columns.some((id) => String(before[id] ?? '') !== String(rec[id] ?? ''));
      });
      if (!part.length) continue;
      const u = table.upsert(part, columns);
      r.added += u.added;
      r.updated += u.updated;
      r.cellsWritten += u.cellsWritten;
    }
    result.rowsWritten = r.added + r.updated;
    result.cellsWritten = r.cellsWritten;
  }
  gateway.flush();
  const done: DirtyDays = {};
  for (const s of sources) done[s] = dirty[s];
  clearDirty(props, done);
  return result;
}
