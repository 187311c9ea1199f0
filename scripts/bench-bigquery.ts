/**
 * Bench of the offline runtime's BigQuery (issue 14) through the add-on's adapter: one load
 * job of N order-like rows (29 columns: money as NUMERIC, ids as STRING/INT64, dates as
 * DATETIME/TIMESTAMP/DATE) into a partitioned, clustered table, then a query reading every
 * row back, then a one-row-per-key view query. Prints per step: BigQuery API calls, DuckDB
 * statements, rows, virtual time and host CPU time (the cost of the fake itself, which
 * integration tests and benches pay).
 *
 *   node scripts/run-ts.js scripts/bench-bigquery.ts [rows, default 20000]
 */
import { BIGQUERY_SCOPE, installRuntime, uninstallRuntime } from '../tests/runtime';
import { AdvancedBigQuery } from '../src/gas/bigquery';
import type { BqField } from '../src/gas/bigquery-port';

const P = 'bench-project';
const N = Number(process.argv[2] ?? 20000);

const FIELDS: BqField[] = [
  { name: 'srid', type: 'STRING', mode: 'REQUIRED' },
  { name: 'nmId', type: 'INT64' },
  { name: 'date', type: 'DATETIME' },
  { name: 'lastChangeDate', type: 'DATETIME' },
  { name: 'day', type: 'DATE' },
  { name: '_synced_at', type: 'TIMESTAMP' },
  { name: 'isCancel', type: 'BOOL' },
];
for (let i = 0; i < 10; i++) FIELDS.push({ name: `money${i}`, type: 'NUMERIC' });
for (let i = 0; i < 10; i++) FIELDS.push({ name: `text${i}`, type: 'STRING' });
FIELDS.push({ name: 'discountPercent', type: 'INT64' }, { name: 'spp', type: 'FLOAT64' });

// the runtime installs its own console (the script's Logger): print straight to stdout
const print = (s: string) => process.stdout.write(s + '\n');
const rt = installRuntime();
rt.grantScopes([BIGQUERY_SCOPE]);
rt.bigquery.addProject(P, { billing: true });
const bq = new AdvancedBigQuery();

function step(label: string, fn: () => string): void {
  const calls = rt.bigquery.stats.calls;
  const duck = rt.bigquery.duck.calls;
  const v0 = rt.clock.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const what = fn();
  const cpu = process.cpuUsage(c0);
  print(
    `| ${label} | ${rt.bigquery.stats.calls - calls} | ${rt.bigquery.duck.calls - duck} | ${what} | ${((rt.clock.now() - v0) / 1000).toFixed(1)} s | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s | ${((performance.now() - t0) / 1000).toFixed(1)} s |`,
  );
}

print(`BigQuery fake, ${N} rows x ${FIELDS.length} columns\n`);
print('| step | API calls | DuckDB statements | rows | virtual time | main-thread CPU | wall |');
print('|---|---|---|---|---|---|---|');
step('dataset + table', () => {
  bq.createDataset(P, 'wb', 'EU');
  bq.createTable(P, 'wb', { table: 'orders', fields: FIELDS, partitionField: 'day', clusterFields: ['nmId'] });
  return '0';
});
const lines: string[] = [];
for (let r = 0; r < N; r++) {
  const day = `2026-11-${String(1 + (r % 26)).padStart(2, '0')}`;
  const o: Record<string, unknown> = {
    srid: `srid-${r}`,
    nmId: 100000 + (r % 500),
    date: `${day} 10:${String(r % 60).padStart(2, '0')}:00`,
    lastChangeDate: `${day} 11:00:00`,
    day,
    _synced_at: '2026-11-27T07:00:00Z',
    isCancel: r % 17 === 0,
    discountPercent: r % 50,
    spp: (r % 30) / 2,
  };
  for (let i = 0; i < 10; i++) o[`money${i}`] = ((r * (i + 1)) % 100000) / 100;
  for (let i = 0; i < 10; i++) o[`text${i}`] = `Склад ${i} / ${r % 97}`;
  lines.push(JSON.stringify(o));
}
const ndjson = lines.join('\n');
step(`load job (${(ndjson.length / 1e6).toFixed(1)} MB NDJSON) until DONE`, () => {
  bq.startLoad(P, 'EU', 'bench-load', 'wb', 'orders', FIELDS, ndjson);
  for (;;) {
    const s = bq.getJob(P, 'EU', 'bench-load');
    if (s?.state === 'DONE') return String(s.outputRows);
    rt.clock.advance(1000);
  }
});
step('query every row (paged)', () => String(bq.query(P, 'EU', 'SELECT * FROM `bench-project.wb.orders`', 60000).rows.length));
step('view: one row per key + sales by article and week', () => {
  bq.putView(
    P,
    'wb',
    'orders_latest',
    'SELECT * EXCEPT (rn) FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY srid ORDER BY lastChangeDate DESC, _synced_at DESC) AS rn FROM `bench-project.wb.orders`) WHERE rn = 1',
  );
  return String(
    bq.query(P, 'EU', 'SELECT nmId, DATE_TRUNC(day, ISOWEEK) AS week, COUNT(*) AS orders, SUM(money0) AS revenue FROM `bench-project.wb.orders_latest` GROUP BY nmId, week', 60000).rows.length,
  );
});
uninstallRuntime();
