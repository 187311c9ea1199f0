/**
 * The add-on's BigQuery side against an in-memory BigQuery that keeps BigQuery's load
 * rules (bigquery-memory.ts): tables derived from the report specs, rows loaded by batch
 * load jobs checkpointed like a sheet write, a killed execution re-sending at most one
 * batch, a failed or quota-refused job changing nothing.
 */
import { Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { CredentialStore } from '../../src/sync/credentials';
import { SyncDeps, syncReports } from '../../src/sync/engine';
import { cursorProperty } from '../../src/sync/strategies';
import { decodeKey } from '../../src/wb/token';
import { ORDERS } from '../../src/reports/orders';
import { SALES } from '../../src/reports/sales';
import { REPORTS } from '../../src/reports';
import { REALIZATION_ALL_FIELDS } from '../../src/reports/realization';
import { REALIZATION_LIST } from '../../src/reports/realization-list';
import { STOCK_HISTORY } from '../../src/reports/stocks';
import { SEARCH_TEXTS } from '../../src/reports/search';
import { ReportSpec } from '../../src/reports/types';
import { SheetTable } from '../../src/store/table';
import { bqTableSpec, tableName } from '../../src/bigquery/schema';
import { recordFromBq, toNdjson } from '../../src/bigquery/rows';
import { saveStorage } from '../../src/bigquery/settings';
import { viewSql } from '../../src/bigquery/views';
import { Warehouse } from '../../src/bigquery/loader';
import { WbEmulator } from '../emulator';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';
import { MemoryBigQuery } from './bigquery-memory';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const HOUR = 3600000;

class Killed extends Error {
  constructor() {
    super('Exceeded maximum execution time');
  }
}

function world(opts: { keepRaw?: boolean; ordersPerDay?: number } = {}) {
  const clock = new FakeClock(START);
  const wb = new WbEmulator({ seed: 11, now: START, articles: 5, ordersPerDay: opts.ordersPerDay ?? 30 });
  const http: Http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      const at = clock.now();
      return requests.map((r) => {
        const a = wb.handle({ url: r.url, method: r.method.toUpperCase(), headers: { ...r.headers }, payload: r.body }, at);
        return { status: a.status, headers: a.headers, body: a.body };
      });
    },
  };
  const doc = new MemoryStore();
  const credentials = new CredentialStore(new MemoryStore(), doc, 'doc');
  const key = wb.makeKey({ type: 'personal', categories: [5] });
  credentials.save(key, decodeKey(key), START);
  const book = new MemoryBook();
  const bq = new MemoryBigQuery();
  saveStorage(doc, { mode: 'bigquery', project: 'my-shop-123', dataset: 'wb', location: 'EU', keepRawInSheets: opts.keepRaw !== false });
  const deps: SyncDeps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru', bigquery: bq, scheduled: true };
  // An hour passes, then a scheduled run: WB's rows of that hour are what it brings.
  const run = () => {
    clock.sleep(HOUR);
    wb.advanceTo(clock.now());
    return syncReports(['orders', 'sales'], deps);
  };
  return { wb, clock, book, doc, bq, deps, run };
}

type World = ReturnType<typeof world>;

/** The view's rows as the sheet's records, keyed by the report's key. */
function viewRecords(w: World, spec: ReportSpec): Map<string, Record<string, unknown>> {
  const table = bqTableSpec(spec);
  const names = table.fields.map((f) => f.name);
  const out = new Map<string, Record<string, unknown>>();
  for (const r of w.bq.latest(tableName(spec), spec.keyColumns, spec.versionColumn)) {
    const rec = recordFromBq(spec, names, names.map((n) => (r[n] === undefined || r[n] === null ? null : String(r[n]))));
    out.set(String(rec[spec.keyColumns[0]]), rec);
  }
  return out;
}

function sheetRecords(w: World, spec: ReportSpec): Map<string, Record<string, unknown>> {
  const t = SheetTable.find(w.book, spec);
  const out = new Map<string, Record<string, unknown>>();
  for (const r of t ? t.readRows() : []) out.set(String(r[spec.keyColumns[0]]), r);
  return out;
}

/**
 * Every row WB keeps now is in the view exactly once; rows the view holds beyond those
 * are rows WB has since dropped past its 90 days (BigQuery keeps them, as the sheet does).
 */
function expectEveryRowOnce(w: World, spec: ReportSpec): void {
  const key = spec.keyColumns[0];
  const now = (spec === ORDERS ? w.wb.orders({ withinRetention: true }) : w.wb.sales({ withinRetention: true })).map((r) => String(r[key]));
  const ever = new Set((spec === ORDERS ? w.wb.orders() : w.wb.sales()).map((r) => String(r[key])));
  const view = viewRecords(w, spec);
  for (const k of now) expect(view.has(k)).toBe(true);
  for (const k of view.keys()) expect(ever.has(k)).toBe(true);
  const keys = w.bq.latest(tableName(spec), spec.keyColumns, spec.versionColumn).map((r) => String(r[key]));
  expect(keys.length).toBe(new Set(keys).size);
}

/** Loaded until nothing is left owing (a first load takes a few scheduled runs). */
function settle(w: World, runs = 3): void {
  for (let i = 0; i < runs; i++) w.run();
}

describe('BigQuery tables derived from the report specs', () => {
  it('orders: money NUMERIC, ids STRING, dates DATETIME + TIMESTAMP, partitioned by day, clustered by nmId, _synced_at', () => {
    const t = bqTableSpec(ORDERS);
    const type = (n: string) => t.fields.find((f) => f.name === n)?.type;
    expect(t.table).toBe('wb_orders');
    expect(type('finishedPrice')).toBe('NUMERIC');
    expect(type('nmId')).toBe('STRING');
    expect(type('srid')).toBe('STRING');
    expect(type('incomeID')).toBe('STRING');
    expect(type('date')).toBe('DATETIME');
    expect(type('date_ts')).toBe('TIMESTAMP');
    expect(type('discountPercent')).toBe('FLOAT64');
    expect(type('isCancel')).toBe('BOOL');
    expect(type('_synced_at')).toBe('TIMESTAMP');
    expect(t.partitionField).toBe('date');
    expect(t.clusterFields).toEqual(['nmId']);
    // Every sheet column is there, in the sheet's order.
    expect(t.fields.filter((f) => f.type !== 'TIMESTAMP').map((f) => f.name)).toEqual(ORDERS.columns.map((c) => c.id).filter((id) => type(id) !== 'TIMESTAMP'));
  });

  it('every report table is one BigQuery accepts (partition field in the schema, at most 4 clustering fields, unique names)', () => {
    const bq = new MemoryBigQuery();
    bq.createDataset('p-123456', 'wb', 'EU');
    const specs = Object.values(REPORTS).concat([REALIZATION_ALL_FIELDS, REALIZATION_LIST, STOCK_HISTORY, SEARCH_TEXTS]);
    const names = new Set<string>();
    for (const spec of specs) {
      const t = bqTableSpec(spec);
      if (spec === REALIZATION_ALL_FIELDS) continue; // the same table as the realization report, more columns
      expect(() => bq.createTable('p-123456', 'wb', t)).not.toThrow();
      expect(/^[a-z0-9_]+$/.test(t.table)).toBe(true);
      names.add(t.table);
      expect(viewSql(spec, 'p-123456', 'wb')).toContain('ROW_NUMBER() OVER (PARTITION BY ' + spec.keyColumns.join(', '));
    }
    expect(names.size).toBe(specs.length - 1);
  });

  it('a row goes to BigQuery and comes back as the record the sheet holds', () => {
    const wb = new WbEmulator({ seed: 5, now: START, articles: 4, ordersPerDay: 20 });
    for (const spec of [ORDERS, SALES]) {
      const rows = spec === ORDERS ? wb.orders({ withinRetention: true }) : wb.sales({ withinRetention: true });
      const records = rows.slice(0, 200).map((row) => {
        const rec: Record<string, unknown> = {};
        for (const c of spec.columns) rec[c.id] = c.value(row, 'ru');
        return rec as Record<string, import('../../src/gas/types').Cell>;
      });
      const fields = bqTableSpec(spec).fields;
      const lines = toNdjson(spec, records, START, fields).trim().split('\n');
      expect(lines).toHaveLength(records.length);
      lines.forEach((line, i) => {
        const json = JSON.parse(line);
        const names = fields.map((f) => f.name);
        const back = recordFromBq(spec, names, names.map((n) => (json[n] === undefined ? null : typeof json[n] === 'string' ? json[n] : String(json[n]))));
        for (const c of spec.columns) {
          const want = records[i][c.id];
          if (typeof want === 'number' && (c.type === 'datetime' || c.type === 'date')) expect(Math.abs((back[c.id] as number) - want)).toBeLessThan(1 / 86400);
          else expect(back[c.id]).toEqual(want);
        }
        // The TIMESTAMP is the same instant: Moscow wall clock minus 3 h.
        if (json.date) expect(new Date(json.date_ts).getTime()).toBe(Date.parse(json.date.replace(' ', 'T') + 'Z') - 3 * HOUR);
      });
    }
  });
});

describe('loads checkpointed like a sheet write', () => {
  it('a first load ends with every WB row exactly once in the views, equal to the sheets', () => {
    const w = world();
    settle(w);
    for (const spec of [ORDERS, SALES]) {
      expectEveryRowOnce(w, spec);
      expect(viewRecords(w, spec)).toEqual(sheetRecords(w, spec));
    }
    // Batch loads only, each job one page; nothing left pending.
    expect(w.bq.calls.filter((c) => c === 'startLoad').length).toBeGreaterThan(0);
    expect(w.doc.keys().filter((k) => k.startsWith('wb.bq.job.'))).toEqual([]);
    // Tables and views made once, not checked again on every run.
    expect(w.bq.calls.filter((c) => c === 'createTable').length).toBe(2);
    expect(w.bq.calls.filter((c) => c === 'getTableFields').length).toBe(2);
  });

  it('an execution killed at any BigQuery call ends equal to a clean run, re-sending at most one batch', () => {
    const clean = world({ ordersPerDay: 8 });
    clean.run();
    const first = clean.bq.calls.slice();
    settle(clean, 2);
    const cleanRows = clean.bq.rowsOf('wb_orders').length + clean.bq.rowsOf('wb_sales').length;
    // Within the first run's calls: dataset, tables, views, each load's insert and polls.
    const at = (call: string, nth: number) => first.map((c, i) => (c === call ? i + 1 : 0)).filter((i) => i > 0)[nth];
    const points = [2, at('createTable', 0), at('putView', 0), at('startLoad', 0), at('getJob', 0), at('getJob', 1), at('startLoad', 1), at('getJob', 3), first.length];
    expect(points.every((p) => p >= 1 && p <= first.length)).toBe(true);
    for (const point of points) {
      const w = world({ ordersPerDay: 8 });
      let armed = true;
      w.bq.before = (_call, n) => {
        if (armed && n === point) {
          armed = false;
          throw new Killed();
        }
      };
      expect(() => w.run()).toThrow(Killed);
      // The next execution at once (a seller's click), then the scheduled runs the clean twin had.
      syncReports(['orders', 'sales'], w.deps);
      settle(w, 2);
      for (const spec of [ORDERS, SALES]) {
        expect(viewRecords(w, spec)).toEqual(viewRecords(clean, spec));
        expect(sheetRecords(w, spec)).toEqual(sheetRecords(clean, spec));
      }
      const rows = w.bq.rowsOf('wb_orders').length + w.bq.rowsOf('wb_sales').length;
      const biggestJob = Math.max(...Array.from(w.bq.jobs.values()).map((j) => j.ndjson.split('\n').length - 1));
      expect(rows - cleanRows).toBeLessThanOrEqual(biggestJob);
    }
  });

  it('the same batch after a kill past the insert is not sent again: its job is found by id', () => {
    const w = world();
    let armed = true;
    // Killed right after the first load job was inserted (at its first poll).
    w.bq.before = (call) => {
      if (armed && call === 'getJob') {
        armed = false;
        throw new Killed();
      }
    };
    expect(() => w.run()).toThrow(Killed);
    const inserted = w.bq.jobs.size;
    const pending = JSON.parse(w.doc.get('wb.bq.job.orders') as string);
    expect(w.bq.jobs.has(pending.jobId)).toBe(true);
    // WB not moved on: the same page comes back, its job is DONE, no second copy.
    w.bq.before = () => undefined;
    syncReports(['orders', 'sales'], w.deps);
    const orderJobs = Array.from(w.bq.jobs.values()).filter((j) => j.table.endsWith('wb_orders'));
    expect(orderJobs.length).toBe(1);
    expect(w.bq.jobs.size).toBeGreaterThanOrEqual(inserted);
    expect(w.bq.rowsOf('wb_orders').length).toBe(viewRecords(w, ORDERS).size);
  });

  it('raw rows in BigQuery only: a quota-refused job writes nothing, the cursor stays, the run log says why, the next run loses nothing', () => {
    const w = world({ keepRaw: false });
    w.bq.failNextJobs = ['quotaExceeded'];
    const r = w.run();
    const orders = r.outcomes.find((o) => o.report === 'orders');
    expect(orders?.status === 'error' || orders?.status === 'partial').toBe(true);
    expect(orders?.message).toMatch(/BigQuery отказал по квоте/);
    expect(w.doc.get(cursorProperty('orders'))).toBeNull();
    expect(w.bq.rowsOf('wb_orders')).toHaveLength(0);
    // Sales went on: a failure stops only its report.
    expect(w.bq.rowsOf('wb_sales').length).toBeGreaterThan(0);
    settle(w);
    expectEveryRowOnce(w, ORDERS);
    // An insert refused outright (rate limit on jobs.insert) is the same.
    w.bq.refuseNextInserts = ['rateLimitExceeded'];
    w.clock.sleep(2 * HOUR);
    w.wb.advanceTo(w.clock.now());
    const before = w.doc.get(cursorProperty('sales'));
    const r2 = syncReports(['sales'], w.deps);
    expect(r2.outcomes[0].message).toMatch(/квоте/);
    expect(w.doc.get(cursorProperty('sales'))).toBe(before);
  });

  it('raw rows in the sheets too: the sheet goes on when BigQuery refuses, and BigQuery catches up from the sheet', () => {
    const w = world({ keepRaw: true });
    w.bq.failNextJobs = ['quotaExceeded', 'quotaExceeded'];
    const r = w.run();
    const orders = r.outcomes.find((o) => o.report === 'orders');
    expect(orders?.message).toMatch(/BigQuery/);
    expect(w.doc.get(cursorProperty('orders'))).not.toBeNull();
    expect(sheetRecords(w, ORDERS).size).toBeGreaterThan(0);
    settle(w);
    for (const spec of [ORDERS, SALES]) expect(viewRecords(w, spec)).toEqual(sheetRecords(w, spec));
    expect(w.doc.keys().filter((k) => k.startsWith('wb.bq.behind.'))).toEqual([]);
  });

  it('raw rows in BigQuery only: the raw sheets keep the last 7 days, BigQuery every row', () => {
    const w = world({ keepRaw: false });
    settle(w);
    const sheet = sheetRecords(w, ORDERS);
    const view = viewRecords(w, ORDERS);
    expectEveryRowOnce(w, ORDERS);
    expect(sheet.size).toBeGreaterThan(0);
    expect(sheet.size).toBeLessThan(view.size / 5);
    const today = Math.floor((w.clock.now() + 3 * HOUR) / 86400000) + 25569;
    for (const rec of sheet.values()) expect(Math.floor(rec.date as number)).toBeGreaterThanOrEqual(today - 7);
    for (const [k, rec] of sheet) expect(view.get(k)).toEqual(rec);
  });
});

describe('a batch larger than one load request', () => {
  it('goes as several jobs, each checkpointed, and a repeat of the same batch sends none again', () => {
    const wb = new WbEmulator({ seed: 5, now: START, articles: 4, ordersPerDay: 20 });
    const records = wb.orders({ withinRetention: true }).map((row) => {
      const rec: Record<string, import('../../src/gas/types').Cell> = {};
      for (const c of ORDERS.columns) rec[c.id] = c.value(row, 'ru');
      return rec;
    });
    const bq = new MemoryBigQuery();
    const props = new MemoryStore();
    const clock = new FakeClock(START);
    const settings = saveStorage(props, { mode: 'bigquery', project: 'my-shop-123', dataset: 'wb', location: 'EU' });
    const wh = new Warehouse(bq, settings, props, clock, () => true, 200000);
    wh.load(ORDERS, records);
    const jobs = Array.from(bq.jobs.values());
    expect(jobs.length).toBeGreaterThan(3);
    for (const j of jobs) expect(j.ndjson.length * 2).toBeLessThanOrEqual(200000);
    expect(bq.rowsOf('wb_orders')).toHaveLength(records.length);
    // The same page again (an execution killed after these jobs ran): every job is found by id.
    props.remove('wb.bq.job.orders');
    wh.load(ORDERS, records);
    expect(bq.jobs.size).toBe(jobs.length);
    expect(bq.rowsOf('wb_orders')).toHaveLength(records.length);
  });
});
