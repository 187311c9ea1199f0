/**
 * BigQuery storage under kills and quota refusals (built add-on, DuckDB runtime): a first
 * load killed at any BigQuery call, or refused by BigQuery's load quota mid-load, ends
 * after the next scheduled runs equal to a clean twin: the same rows in the views (each
 * once), the same raw sheets and daily table, no batch re-sent more than once.
 */
import { Harness } from '../bundle/harness';
import { sheetTable } from './helpers';
import { compareDaily } from '../faults/lib';
import { D, DAY, P, expectEveryRowOnce, hours, scheduled, seller } from './bigquery-helpers';

const SMALL = { seed: 33, articles: 5, ordersPerDay: 25 };

/** Kills the execution at its `n`-th BigQuery call (0-based), as Apps Script's time limit would. */
function killAtBigQueryCall(h: Harness, n: number | null): { trace: string[] } {
  const ctx = (h.rt.spreadsheet as any)._ctx;
  const record = { trace: [] as string[] };
  const invoke = ctx.invoke;
  ctx.invoke = function (target: any, name: string, fn: Function, args: unknown[]) {
    const full = String(target && target._svc) + '.' + name;
    if (ctx.depth === 0 && ctx.inRun() && /^BigQuery\./.test(full)) {
      if (n !== null && record.trace.length === n) ctx.exec().dead = true;
      record.trace.push(full);
    }
    return invoke.call(ctx, target, name, fn, args);
  };
  return record;
}

function runKilled(h: Harness): boolean {
  try {
    scheduled(h);
    return false;
  } catch (e) {
    if (!/Exceeded maximum execution time/.test(String((e as Error).message))) throw e;
    return true;
  }
}

/**
 * Rows near the end of WB's 90 days depend on WHEN a twin loaded them (a sale leaves WB
 * with its order): a killed twin loads an hour later. Compared from 75 days back.
 */
const cutoff = (h: Harness) => h.rt.clock.now() - 75 * DAY;

function state(h: Harness) {
  const since = new Date(cutoff(h) + 3 * 3600000).toISOString().slice(0, 10);
  const rows = (table: string, key: string) =>
    h.rt.bigquery
      .sql('SELECT ' + key + ', lastChangeDate FROM `' + P + '.' + D + '.' + table + "_latest` WHERE date >= DATETIME '" + since + " 00:00:00'")
      .rows.map((r) => r.join(' '))
      .sort();
  const sheet = (name: string, key: string) => {
    const t = sheetTable(h, name);
    const i = t.header.indexOf(key);
    return t.rows.map((r) => JSON.stringify(r)).sort().length + ':' + t.rows.map((r) => String(r[i])).sort().join(',');
  };
  return { orders: rows('wb_orders', 'srid'), sales: rows('wb_sales', 'saleID'), ordersSheet: sheet('WB Заказы', 'ID заказа (srid)'), salesSheet: sheet('WB Продажи', 'ID продажи') };
}

describe('BigQuery storage: kills and quota', () => {
  const clean = seller('window', SMALL);
  const trace = killAtBigQueryCall(clean, null);
  let cleanState: ReturnType<typeof state>;
  let cleanRows = 0;
  let firstRun: string[] = [];

  beforeAll(() => {
    scheduled(clean);
    firstRun = trace.trace.slice();
    hours(clean, 2);
    cleanState = state(clean);
    cleanRows = clean.rt.bigquery.stats.loadedRows;
  }, 60000);

  it('a first load killed at any BigQuery call ends equal to its clean twin', () => {
    expect(firstRun.length).toBeGreaterThan(8);
    // Spread over the first run's calls: tables and views, loads and their polls, the daily table's queries.
    const points = Array.from(new Set([0, 4, 7, 8, 14, 25, firstRun.length - 1].filter((p) => p < firstRun.length)));
    // The largest batch: the first load's orders or sales, one job each.
    const count = (t: string) => Number(clean.rt.bigquery.sql('SELECT COUNT(*) FROM `' + P + '.' + D + '.' + t + '`').rows[0][0]);
    const batch = Math.max(count('wb_orders'), count('wb_sales'));
    const failures: string[] = [];
    for (const point of points) {
      const h = seller('window', SMALL);
      killAtBigQueryCall(h, point);
      const killed = runKilled(h);
      hours(h, 2);
      const s = state(h);
      const d = compareDaily(h, clean, cutoff(h)).map((x) => x.slice(0, 300));
      if (!killed) failures.push('call ' + point + ' (' + firstRun[point] + '): not killed');
      if (JSON.stringify(s) !== JSON.stringify(cleanState) || d.length) failures.push('killed at call ' + point + ' ' + firstRun[point] + ': ' + (d.join('; ') || 'views or raw sheets differ'));
      // At most one batch re-sent: the view hides it, the table holds it once more at most.
      const extra = h.rt.bigquery.stats.loadedRows - cleanRows;
      if (extra > batch) failures.push('killed at call ' + point + ': ' + extra + ' rows loaded twice');
    }
    expect(failures).toEqual([]);
  }, 170000);

  it('a load quota refusal mid-load loses nothing: the next runs end equal to the clean twin', () => {
    const h = seller('window', SMALL);
    // BigQuery's daily load-job quota runs out after the first job of the first load.
    (h.rt.bigquery.opts as any).loadJobsPerProjectPerDay = 1;
    scheduled(h);
    const last = JSON.parse(h.rt.documentProperties()['wb.lastSync']);
    expect(last.ok).toBe(false);
    expect(last.message).toMatch(/BigQuery отказал по квоте/);
    expect(h.rt.bigquery.stats.failedJobs).toBeGreaterThan(0);
    // The run log says why.
    const log = sheetTable(h, h.rt.spreadsheet.getSheets().map((s: any) => s.getName()).find((n: string) => /Журнал|Run log/.test(n)) as string);
    expect(JSON.stringify(log.rows)).toMatch(/квоте/);
    (h.rt.bigquery.opts as any).loadJobsPerProjectPerDay = undefined;
    hours(h, 2);
    expect(state(h)).toEqual(cleanState);
    expect(compareDaily(h, clean, cutoff(h)).map((x) => x.slice(0, 300))).toEqual([]);
    expectEveryRowOnce(h);
  }, 60000);
});
