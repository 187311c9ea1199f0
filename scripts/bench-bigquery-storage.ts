/**
 * Bench of BigQuery storage (issue 14): a large seller's first load and a day of hourly
 * refreshes with raw rows in BigQuery only, the built add-on in the offline runtime
 * against the WB emulator and the runtime's BigQuery (DuckDB). Reports per phase: runs,
 * WB requests, BigQuery load jobs, queries and rows loaded, virtual time, and the
 * spreadsheet's cells at the end. Prints markdown and writes it into docs/benchmark.md
 * between the bigquery-cost markers (BENCH_WRITE=0 to only print).
 *
 *   npm run build && node --max-old-space-size=12288 scripts/run-ts.js scripts/bench-bigquery-storage.ts
 *   (a 5,000-a-day seller needs more than Node's default heap)
 *   BENCH_BQ_ORDERS=5000 BENCH_BQ_HOURS=24 (defaults)
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, loadBundle } from '../tests/bundle/harness';
import { MAX_RESPONSE_BYTES } from '../tests/runtime/urlfetch';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const HOUR = 3600000;
const ORDERS = Number(process.env.BENCH_BQ_ORDERS || 5000);
const HOURS = Number(process.env.BENCH_BQ_HOURS || 24);
const SELLER = { seed: 14, articles: 60, ordersPerDay: ORDERS };
const P = 'bench-shop-1';

const h = loadBundle({ startTime: START, emulator: SELLER });
const key = h.wb.makeKey({ type: 'personal', categories: [5] });
if (!h.run('saveKey', key).ok) throw new Error('key refused');
h.rt.grantScopes(['https://www.googleapis.com/auth/bigquery']);
h.rt.bigquery.addProject(P, { billing: true });
const stored = h.run('saveStorage', { mode: 'bigquery', project: P, dataset: 'wb', location: 'EU', keepRawInSheets: false });
if (!stored.ok) throw new Error(stored.message);
// Which sales WB sent at all: those of the oldest orders it drops during the first load may never be.
h.wb.trackServed();
const firstOrder = h.wb.orders({ withinRetention: true }).reduce((m, o) => (String(o.date) < m ? String(o.date) : m), '9999');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const cells = () => h.rt.spreadsheet.getSheets().reduce((n: number, s: any) => n + s.getMaxRows() * s.getMaxColumns(), 0);

interface Phase {
  name: string;
  runs: number;
  requests: number;
  loadJobs: number;
  queries: number;
  rows: number;
  bqCalls: number;
  ms: number;
  maxRunMs: number;
}

function phase(name: string, runs: () => number): Phase {
  const bq = h.rt.bigquery.stats;
  const api = () => h.wb.requests.filter((r) => r.path.startsWith('/api/')).length;
  const before = { requests: api(), loadJobs: bq.loadJobs, queries: bq.queries, rows: bq.loadedRows, calls: bq.calls };
  const out: Phase = { name, runs: 0, requests: 0, loadJobs: 0, queries: 0, rows: 0, bqCalls: 0, ms: 0, maxRunMs: 0 };
  out.runs = runs();
  out.requests = api() - before.requests;
  out.loadJobs = bq.loadJobs - before.loadJobs;
  out.queries = bq.queries - before.queries;
  out.rows = bq.loadedRows - before.rows;
  out.bqCalls = bq.calls - before.calls;
  return out;
}

const timings: number[] = [];
function scheduled(): void {
  const t0 = h.rt.clock.now();
  h.rt.run(() => h.scope.scheduledSync(), { authMode: 'FULL', trigger: true });
  timings.push(h.rt.clock.now() - t0);
}
function firstLoadDone(): boolean {
  const p = h.rt.documentProperties();
  return !!p['wb.cursor.orders'] && !!p['wb.cursor.sales'] && !p['wb.state.days.orders'] && !p['wb.state.days.sales'] && !Object.keys(p).some((k) => k.startsWith('wb.bq.job.'));
}
function nextHour(): void {
  h.rt.clock.set(Math.max(h.rt.clock.now(), START + Math.ceil((h.rt.clock.now() - START + 1) / HOUR) * HOUR));
}

const phases: Phase[] = [];
const first = phase('first load (90 days)', () => {
  let n = 0;
  do {
    if (n) nextHour();
    scheduled();
    n++;
  } while (!firstLoadDone() && n < 48);
  return n;
});
first.ms = timings.reduce((a, b) => a + b, 0);
first.maxRunMs = Math.max(...timings);
phases.push(first);
timings.length = 0;
const day = phase(HOURS + ' hourly refreshes', () => {
  for (let i = 0; i < HOURS; i++) {
    nextHour();
    scheduled();
  }
  return HOURS;
});
day.ms = timings.reduce((a, b) => a + b, 0);
day.maxRunMs = Math.max(...timings);
phases.push(day);

const views = (table: string) => Number(h.rt.bigquery.sql('SELECT COUNT(*) FROM `' + P + '.wb.' + table + '_latest`').rows[0][0]);
const orderRows = views('wb_orders');
const saleRows = views('wb_sales');
// Sales and returns of the orders WB kept when the load began that no answer the add-on could receive held, and WB no longer keeps.
const readable = h.wb.servedSaleIds(MAX_RESPONSE_BYTES);
for (const s of h.wb.sales({ withinRetention: true })) readable.add(String(s.saleID));
const kept = new Set(h.wb.orders().filter((o) => String(o.date) >= firstOrder).map((o) => String(o.srid)));
const ours = h.wb.sales().filter((s) => kept.has(String(s.srid)));
const lost = ours.filter((s) => !readable.has(String(s.saleID))).length;
const lines = phases.map((p) => `| ${p.name} | ${p.runs} | ${fmt(p.requests)} | ${fmt(p.loadJobs)} | ${fmt(p.rows)} | ${fmt(p.queries)} | ${fmt(p.bqCalls)} | ${fmt(p.ms / 1000)} | ${fmt(p.maxRunMs / 1000)} |`);
const section = [
  '<!-- bigquery-cost:start (scripts/bench-bigquery-storage.ts) -->',
  '## BigQuery storage: a large seller (issue 14)',
  '',
  `Generated by \`scripts/bench-bigquery-storage.ts\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. A seller with ${fmt(SELLER.articles)} articles and ${fmt(ORDERS)} orders a day, a Personal key with «Статистика», BigQuery storage on with raw rows in BigQuery only (the raw sheets keep 7 days); scheduled runs on the hour; the built add-on in the offline runtime against the WB emulator and the runtime's BigQuery (DuckDB, 250 ms virtual per API call, load jobs DONE after 3 s plus their size). *WB requests*: orders and sales API requests; *load jobs*, *rows loaded*: BigQuery load jobs and the rows they appended (a row WB changed is loaded again; the views keep one); *queries*: the daily table's reads of days the sheets no longer hold; *BigQuery calls*: every advanced-service call; *virtual s*: the runs' virtual time (sum, and the longest run).`,
  '',
  '| phase | runs | WB requests | load jobs | rows loaded | queries | BigQuery calls | virtual s | longest run s |',
  '|---|---|---|---|---|---|---|---|---|',
  ...lines,
  '',
  `After the day: ${fmt(orderRows)} orders and ${fmt(saleRows)} sales in the views (one row per WB key), ${fmt(h.wb.orders({ withinRetention: true }).length)} orders and ${fmt(h.wb.sales({ withinRetention: true }).length)} sales at WB; the spreadsheet holds ${fmt(cells())} cells (Google's limit: 10,000,000). Of the ${fmt(ours.length)} sales and returns of the orders WB kept when the load began, ${fmt(lost)} were dropped by WB (their order turned 90 days old) before their day was asked for: nobody could read them.`,
  '<!-- bigquery-cost:end -->',
].join('\n');
console.log(section);
if (process.env.BENCH_WRITE !== '0') {
  const file = path.join(ROOT, 'docs', 'benchmark.md');
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# WB Sheets benchmark\n';
  const re = /<!-- bigquery-cost:start[\s\S]*?<!-- bigquery-cost:end -->/;
  const next = re.test(doc) ? doc.replace(re, section) : doc.trimEnd() + '\n\n' + section + '\n';
  fs.writeFileSync(file, next);
}
h.rt.bigquery.close();
