/**
 * Retention: raw orders, sales, realization, review, funnel and search rows older than the seller's chosen
 * number of days are deleted, but only for a source whose daily totals are up to date
 * (no dirty days left), so the daily table already holds every trimmed day. Rows are
 * found by their date, wherever sorting put them, and deleted bottom-up in runs.
 */
import { KeyValueStore, SpreadsheetGateway } from '../gas/types';
import { SheetTable, TABLE_TAG } from '../store/table';
import { dayOf } from './aggregate';
import { DailySource } from './measures';
import { SOURCE_DAY_COLUMN, SOURCE_SPECS } from './refresh';
import { loadDirty } from './state';
import { DAILY } from './table';

const TRIMMED: DailySource[] = ['orders', 'sales', 'realization', 'reviews', 'funnel', 'search'];

/** Deletes raw rows dated before `today - days + 1`; returns rows deleted per source. */
export function trimRawRows(gateway: SpreadsheetGateway, props: KeyValueStore, days: number, today: number): Partial<Record<DailySource, number>> {
  const out: Partial<Record<DailySource, number>> = {};
  if (!days || gateway.findSheetByTag(TABLE_TAG, DAILY.id) === null) return out;
  const dirty = loadDirty(props);
  const cutoff = today - days + 1;
  for (const source of TRIMMED) {
    if (dirty[source]) continue; // its daily totals are not safe yet
    const table = SheetTable.find(gateway, SOURCE_SPECS[source]);
    const dates = table ? table.readColumn(SOURCE_DAY_COLUMN[source]) : null;
    if (!table || !dates) continue;
    const rows: number[] = [];
    dates.forEach((v, i) => {
      const d = dayOf(v);
      if (d !== null && d < cutoff) rows.push(i + 2);
    });
    if (rows.length) out[source] = table.deleteRowsAt(rows);
  }
  return out;
}
