/**
 * The offline runtime's BigQuery advanced service, driven through the add-on's adapter
 * (src/gas/bigquery.ts) where the add-on would, and through the raw service where a rule
 * is about the service itself.
 */
import { installRuntime, uninstallRuntime, Runtime, BIGQUERY_SCOPE } from './index';
import { AdvancedBigQuery } from '../../src/gas/bigquery';
import { BqFailure, BqField } from '../../src/gas/bigquery-port';

const P = 'seller-project';
const DAY = 86400000;
let rt: Runtime;
let bq: AdvancedBigQuery;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const g = globalThis as any;

const FIELDS: BqField[] = [
  { name: 'srid', type: 'STRING', mode: 'REQUIRED' },
  { name: 'nmId', type: 'INT64' },
  { name: 'price', type: 'NUMERIC' },
  { name: 'date', type: 'DATETIME' },
  { name: 'at', type: 'TIMESTAMP' },
  { name: 'day', type: 'DATE' },
  { name: 'isCancel', type: 'BOOL' },
  { name: 'share', type: 'FLOAT64' },
];

function failure(fn: () => unknown): BqFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof BqFailure) return e;
    throw e;
  }
  throw new Error('expected a BqFailure');
}

function setup(opts: { billing?: boolean } = {}) {
  rt = installRuntime({ startTime: Date.UTC(2026, 10, 27, 7, 0, 0) });
  rt.grantScopes([BIGQUERY_SCOPE]);
  rt.bigquery.addProject(P, { billing: opts.billing ?? false });
  bq = new AdvancedBigQuery();
}

function ordersTable() {
  bq.createDataset(P, 'wb', 'EU');
  bq.createTable(P, 'wb', { table: 'orders', fields: FIELDS, partitionField: 'day', clusterFields: ['nmId'] });
}

function row(i: number, day = '2026-11-26'): string {
  return JSON.stringify({ srid: `s${i}`, nmId: 1000 + (i % 3), price: '123.45', date: `${day} 10:00:00`, at: `${day}T07:00:00Z`, day, isCancel: i % 2 === 0, share: 0.5 });
}

function waitDone(jobId: string, location = 'EU') {
  for (let i = 0; i < 100; i++) {
    const s = bq.getJob(P, location, jobId);
    if (s && s.state === 'DONE') return s;
    rt.clock.advance(1000);
  }
  throw new Error('job never finished');
}

afterEach(() => uninstallRuntime());

describe('BigQuery end to end through the adapter', () => {
  it('creates a dataset and a table, loads rows, and queries them back in REST shape', () => {
    setup();
    expect(bq.getDatasetLocation(P, 'wb')).toBeNull();
    ordersTable();
    expect(bq.getDatasetLocation(P, 'wb')).toBe('EU');
    expect(bq.getTableFields(P, 'wb', 'orders')).toEqual(FIELDS.map((f) => f.name));
    bq.startLoad(P, 'EU', 'load-1', 'wb', 'orders', FIELDS, [row(1), row(2), row(3)].join('\n'));
    const s = waitDone('load-1');
    expect(s).toEqual({ state: 'DONE', outputRows: 3 });
    const q = bq.query(P, 'EU', 'SELECT srid, price, `date`, `at`, day, isCancel, share, nmId FROM `seller-project.wb.orders` ORDER BY srid', 10000);
    expect(q.complete).toBe(true);
    expect(q.fields).toEqual(['srid', 'price', 'date', 'at', 'day', 'isCancel', 'share', 'nmId']);
    expect(q.rows[0]).toEqual(['s1', '123.45', '2026-11-26T10:00:00', '1.7956764E9', '2026-11-26', 'false', '0.5', '1001']);
    expect(q.rows).toHaveLength(3);
  });
});

describe('views', () => {
  it('a one-row-per-key view (latest version) runs in the subset, and putView replaces its SQL', () => {
    setup();
    ordersTable();
    bq.startLoad(P, 'EU', 'a', 'wb', 'orders', FIELDS, [row(1), row(2)].join('\n'));
    waitDone('a');
    rt.clock.advance(10000);
    const newer = JSON.stringify({ srid: 's1', nmId: 1001, price: 200, date: '2026-11-26 11:00:00', at: '2026-11-26T08:00:00+00:00', day: '2026-11-26', isCancel: true, share: 1 });
    bq.startLoad(P, 'EU', 'b', 'wb', 'orders', FIELDS, newer + '\n');
    waitDone('b');
    const sql =
      'SELECT * EXCEPT (rn) FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY srid ORDER BY `at` DESC) AS rn FROM `seller-project.wb.orders`) WHERE rn = 1';
    bq.putView(P, 'wb', 'orders_latest', sql);
    const q = bq.query(P, 'EU', 'SELECT srid, price, isCancel FROM `seller-project.wb.orders_latest` ORDER BY srid', 10000);
    expect(q.rows).toEqual([
      ['s1', '200', 'true'],
      ['s2', '123.45', 'true'],
    ]);
    bq.putView(P, 'wb', 'orders_latest', 'SELECT srid FROM `seller-project.wb.orders`');
    expect(bq.query(P, 'EU', 'SELECT COUNT(*) AS n FROM `seller-project.wb.orders_latest`', 10000).rows).toEqual([['3']]);
  });
});
