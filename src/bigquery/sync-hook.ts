/**
 * Where the refresh meets BigQuery storage: which raw rows a sheet keeps, loading each
 * written batch, and what happens when a load fails.
 *
 * - Raw rows in BigQuery only: BigQuery IS the store of those rows. A failed load throws,
 *   so the report's cursor does not move and the page is fetched and loaded again later
 *   (nothing lost, nothing doubled in the view).
 * - Raw rows in the sheets too (default): the sheet goes on independently. A failed load
 *   marks the report «behind»; later refreshes load the sheet's rows (always the newest
 *   version of each row) into BigQuery, a chunk per run, checkpointed by sheet row, and
 *   then clear the mark.
 */
import type { ReportRun, SyncDeps } from '../sync/engine';
import type { Cell } from '../gas/types';
import type { ReportSpec } from '../reports/types';
import { SheetTable } from '../store/table';
import { dayOf } from '../daily/aggregate';
import { SOURCE_DAY_COLUMN, isDailySource } from '../daily/refresh';
import { instantToMoscowWall, wallMsToSerial } from '../wb/moscow-time';
import { Locale } from '../texts/i18n';
import { bqTexts } from '../texts/bigquery';
import { Warehouse, WarehouseError } from './loader';
import { REALIZATION_ALL_FIELDS } from '../reports/realization';
import { REALIZATION_LIST } from '../reports/realization-list';
import { STOCK_HISTORY } from '../reports/stocks';
import { SEARCH_TEXTS } from '../reports/search';
import { ADS_SPEND } from '../reports/ads';
import { RAW_WINDOW_DAYS, loadStorage, rawWindowOnly } from './settings';

/** The raw sheets that keep only a recent window when raw rows live in BigQuery only (as retention trims). */
export const WINDOWED = ['orders', 'sales', 'realization', 'reviews', 'funnel', 'search'];
/** Sheet rows loaded per catch-up chunk (~ a few MB of NDJSON). */
export const CATCH_UP_ROWS = 20000;
const BEHIND = 'wb.bq.behind.';
const DEFAULT_BUDGET_MS = 270000;

interface Behind {
  /** Next sheet row to load. */
  next: number;
  /** Data rows the sheet had when the catch-up began (fewer now: rows were deleted, start over). */
  rows: number;
}

export function openWarehouse(deps: SyncDeps, started: number): Warehouse | null {
  if (!deps.bigquery) return null;
  const settings = loadStorage(deps.documentProps);
  if (settings.mode !== 'bigquery') return null;
  const budget = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  return new Warehouse(deps.bigquery, settings, deps.documentProps, deps.clock, () => deps.clock.now() - started < budget);
}

/** Today's Moscow day serial. */
export function moscowToday(now: number): number {
  return Math.floor(wallMsToSerial(instantToMoscowWall(now)));
}

/** Whether the sheet of `spec` keeps only the recent window (BigQuery on, raw rows there only). */
export function windowed(deps: Pick<SyncDeps, 'warehouse'>, spec: ReportSpec): boolean {
  return !!deps.warehouse && rawWindowOnly(deps.warehouse.settings) && WINDOWED.indexOf(spec.id) >= 0;
}

/** The records the sheet keeps: all of them, or those of the last RAW_WINDOW_DAYS days (undated ones too). */
export function inRawWindow(deps: SyncDeps, spec: ReportSpec, records: Record<string, Cell>[]): Record<string, Cell>[] {
  if (!windowed(deps, spec) || !isDailySource(spec.id)) return records;
  const first = moscowToday(deps.clock.now()) - RAW_WINDOW_DAYS + 1;
  const column = SOURCE_DAY_COLUMN[spec.id];
  return records.filter((r) => {
    const d = dayOf(r[column]);
    return d === null || d >= first;
  });
}

export function warehouseMessage(e: WarehouseError, title: string, locale: Locale): string {
  const t = bqTexts(locale);
  if (e.kind === 'quota') return t.loadQuota(title);
  if (e.kind === 'access') return t.loadAccess(title);
  if (e.kind === 'timeout') return t.loadWaiting(title);
  return t.loadFailed(title, e.reason + ': ' + e.message.slice(0, 160));
}

/** Whether some report's BigQuery table is behind its sheet (a catch-up pending). */
export function warehouseBehind(props: { keys(): string[] }): boolean {
  return props.keys().some((k) => k.indexOf(BEHIND) === 0);
}

/** Marks every raw sheet there is as behind: BigQuery was just turned on (or pointed elsewhere). */
export function markAllBehind(props: { set(k: string, v: string): void }, ids: string[]): void {
  for (const id of ids) props.set(BEHIND + id, JSON.stringify({ next: 2, rows: 0 } as Behind));
}

function behind(run: ReportRun, spec: ReportSpec): Behind | null {
  const raw = run.deps.documentProps.get(BEHIND + spec.id);
  try {
    return raw ? (JSON.parse(raw) as Behind) : null;
  } catch {
    return { next: 2, rows: 0 };
  }
}

/** Loads a written batch (see the module comment for what a failure does). */
export function loadToWarehouse(run: ReportRun, spec: ReportSpec, records: Record<string, Cell>[]): void {
  const wh = run.deps.warehouse;
  if (!wh || !records.length) return;
  const keepInSheet = !windowed(run.deps, spec);
  // Behind already: the catch-up loads the sheet, this batch included (it is in the sheet).
  if (keepInSheet && behind(run, spec)) return;
  try {
    wh.load(spec, records);
  } catch (e) {
    if (!(e instanceof WarehouseError) || !keepInSheet) throw e;
    run.deps.documentProps.set(BEHIND + spec.id, JSON.stringify({ next: 2, rows: 0 } as Behind));
    noteBehind(run, warehouseMessage(e, spec.title[run.deps.locale], run.deps.locale));
  }
}

function noteBehind(run: ReportRun, why: string): void {
  const note = why + ' (' + bqTexts(run.deps.locale).sheetBehind(run.title) + ')';
  if (run.outcome.message.indexOf(note) < 0) run.outcome.message = (run.outcome.message ? run.outcome.message + ' ' : '') + note;
}

/**
 * A report whose loads failed while its sheet went on: its sheet rows go to BigQuery a
 * chunk at a time, within the time budget, before the mark is cleared. Returns whether
 * BigQuery holds everything the sheet does.
 */
export function catchUpWarehouse(run: ReportRun, spec: ReportSpec = run.spec): boolean {
  const wh = run.deps.warehouse;
  let state = wh ? behind(run, spec) : null;
  if (!wh || !state) return true;
  const table = SheetTable.find(run.deps.gateway, spec);
  const props = run.deps.documentProps;
  if (!table) {
    props.remove(BEHIND + spec.id);
    return true;
  }
  const rows = table.dataRows();
  if (rows < state.rows) state = { next: 2, rows }; // rows were deleted: row numbers moved
  if (!state.rows) state.rows = rows;
  while (state.next <= rows + 1) {
    if (!run.hasTime()) return false;
    const last = Math.min(rows + 1, state.next + CATCH_UP_ROWS - 1);
    const chunk = table.readRowRange(state.next, last);
    try {
      wh.load(spec, chunk);
    } catch (e) {
      if (!(e instanceof WarehouseError)) throw e;
      noteBehind(run, warehouseMessage(e, spec.title[run.deps.locale], run.deps.locale));
      return false;
    }
    state.next = last + 1;
    props.set(BEHIND + spec.id, JSON.stringify(state));
  }
  props.remove(BEHIND + spec.id);
  return true;
}

/** The other tables a report writes besides its own (each has its BigQuery table too). */
const ALSO_WRITES: Record<string, ReportSpec[]> = { stocks: [STOCK_HISTORY], search: [SEARCH_TEXTS], realization: [REALIZATION_LIST], ads: [ADS_SPEND] };
/** Those other tables, one list. */
export const EXTRA_TABLES: ReportSpec[] = ([] as ReportSpec[]).concat(...Object.values(ALSO_WRITES));

/** Every table of the report the run refreshes: its own (with the columns the settings show), then the others. */
export function specsOf(run: ReportRun): ReportSpec[] {
  const own = run.spec.id === 'realization' && run.settings().realizationAllFields ? REALIZATION_ALL_FIELDS : run.spec;
  return [own].concat(ALSO_WRITES[run.spec.id] || []);
}

/** Catch-up of each of the run's tables that is behind; stops at the first that runs out of time. */
export function catchUpAll(run: ReportRun): void {
  if (!run.deps.warehouse) return;
  for (const spec of specsOf(run)) if (!catchUpWarehouse(run, spec)) return;
}
