/**
 * Bench of the hourly refresh for a small seller (issue 11): what a refresh costs in
 * SpreadsheetApp calls when nothing changed at WB, and after WB changed a few rows,
 * beside the lower bound a correct refresh cannot go under, with a table of calls by
 * method per phase. Prints markdown and writes it into docs/benchmark.md (between the
 * refresh-cost markers; BENCH_WRITE=0 to only print; BENCH_SKIP_DAY=1 skips the
 * 1,000-orders-a-day day of hourly runs).
 *
 *   npm run build && node scripts/run-ts.js scripts/bench-refresh.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { Harness, ROOT, loadBundle } from '../tests/bundle/harness';
import { SPREADSHEET_CALL_MS, SPREADSHEET_CELL_MS } from '../tests/runtime/context';

// Phases are told from the add-on functions on the stack: the default 10 frames miss them in deep calls.
Error.stackTraceLimit = 200;

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const HOUR = 3600000;

function isSvc(x: unknown): boolean {
  return x !== null && typeof x === 'object' && typeof (x as { _svc?: unknown })._svc === 'string' && (x as { _ctx?: unknown })._ctx !== undefined;
}

/** The refresh's phase a call belongs to, from the add-on's functions on the stack (dist/ keeps their names). */
const PHASES: [RegExp, string][] = [
  [/at (syncOne|prefetchFirstRequests) /, 'orders+sales (fetch, upsert)'],
  [/at updateDaily /, 'daily table + retention'],
  [/at rebuildDashboard /, 'dashboard'],
  [/at writeRunLog /, 'run log'],
  [/at refreshFormulas /, 'formula re-entry'],
];
function phaseOf(stack: string): string {
  for (const [re, name] of PHASES) if (re.test(stack)) return name;
  return 'setup (spreadsheet, key, lock)';
}

/** Counts SpreadsheetApp calls by method and by the phase of the refresh they belong to. */
class Counter {
  byPhase: Record<string, Record<string, number>> = {};
  /** Per phase: cells read, cells written and virtual ms spent inside its SpreadsheetApp calls. */
  costByPhase: Record<string, { read: number; written: number; ms: number }> = {};
  private h: Harness;
  private wrappers = new WeakMap<object, object>();
  private inners = new WeakMap<object, object>();
  constructor(h: Harness) {
    this.h = h;
    h.scope.SpreadsheetApp = this.wrap(h.scope.SpreadsheetApp);
  }
  reset(): void {
    this.byPhase = {};
    this.costByPhase = {};
  }
  private wrap(inner: any): any {
    if (!isSvc(inner)) return inner;
    const known = this.wrappers.get(inner);
    if (known) return known;
    const self = this;
    const w = new Proxy(inner, {
      get(t, p) {
        const v = Reflect.get(t, p);
        if (typeof v !== 'function' || typeof p !== 'string' || p.charCodeAt(0) === 95) return v;
        return (...args: unknown[]) => {
          const tt = t as any;
          let phase: string | null = null;
          if (tt._kind === 'spreadsheet') {
            phase = phaseOf(new Error().stack || '');
            const m = (self.byPhase[phase] = self.byPhase[phase] || {});
            const k = tt._svc + '.' + p;
            m[k] = (m[k] || 0) + 1;
          }
          const st = self.h.rt.stats;
          const before = { read: st.cellsRead, written: st.cellsWritten, ms: self.h.rt.clock.now() };
          const r = v.apply(t, args.map((a) => (a !== null && typeof a === 'object' && self.inners.get(a)) || a));
          if (phase) {
            const c = (self.costByPhase[phase] = self.costByPhase[phase] || { read: 0, written: 0, ms: 0 });
            c.read += st.cellsRead - before.read;
            c.written += st.cellsWritten - before.written;
            c.ms += self.h.rt.clock.now() - before.ms;
          }
          if (isSvc(r)) return self.wrap(r);
          if (Array.isArray(r) && r.length > 0 && isSvc(r[0])) return r.map((x) => self.wrap(x));
          return r;
        };
      },
    });
    this.wrappers.set(inner, w);
    this.inners.set(w, inner);
    return w;
  }
}

interface Measured {
  label: string;
  calls: number;
  virtualMs: number;
  cellsWritten: number;
  cellsRead: number;
  fetches: number;
  sleepMs: number;
  byPhase: Record<string, Record<string, number>>;
  costByPhase: Record<string, { read: number; written: number; ms: number }>;
  message: string;
  /** orders+sales rows added/updated, from the run's message */
  added: number;
  updated: number;
}

function measure(h: Harness, c: Counter, label: string, fn: () => unknown): Measured {
  c.reset();
  h.rt.stats.reset();
  const t0 = h.rt.clock.now();
  fn();
  const s = h.rt.stats;
  const message = String(JSON.parse(h.rt.documentProperties()['wb.lastSync'] || '{}').message || '');
  let added = 0;
  let updated = 0;
  for (const m of message.matchAll(/WB (?:Заказы|Продажи): новых (\d+), обновлено (\d+)/g)) {
    added += Number(m[1]);
    updated += Number(m[2]);
  }
  const r: Measured = { label, calls: s.spreadsheetCalls, virtualMs: h.rt.clock.now() - t0, cellsWritten: s.cellsWritten, cellsRead: s.cellsRead, fetches: s.fetchCount, sleepMs: s.sleepMs, byPhase: c.byPhase, costByPhase: c.costByPhase, message, added, updated };
  const inCalls = Object.values(r.costByPhase).reduce((a, c) => a + c.ms, 0);
  process.stderr.write(`[refresh] ${label}: ${r.calls} calls, ${(r.virtualMs / 1000).toFixed(2)} s (SpreadsheetApp ${(inCalls / 1000).toFixed(2)} s, ${r.fetches} fetches, sleep ${(r.sleepMs / 1000).toFixed(2)} s, other ${((r.virtualMs - inCalls - r.sleepMs) / 1000).toFixed(2)} s)\n`);
  return r;
}

/**
 * The lower bound (issue 11): per report, what a correct refresh cannot avoid — read its
 * cursor (a property: no SpreadsheetApp call), fetch (one fetchAll for all), append the
 * new rows in one write (getLastRow, getRange, setValues; nothing when nothing is new) —
 * plus getActiveSpreadsheet and one sheet lookup per sheet touched, and the run-log line
 * (its sheet, appendRow). Virtual time: the same calls and cells at the runtime's charges.
 */
function lowerBound(reports: number, reportsWithNewRows: number, newRows: number, width: number): { calls: number; virtualMs: number } {
  const calls = 1 + reports + 3 * reportsWithNewRows + 2;
  return { calls, virtualMs: calls * SPREADSHEET_CALL_MS + (newRows * width + 10 * reports) * SPREADSHEET_CELL_MS + 400 };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => (ms / 1000).toFixed(2);

function phaseTable(m: Measured): string {
  const lines = ['| phase | calls | cells read | cells written | virtual s in its calls | by method |', '|---|---|---|---|---|---|'];
  for (const [phase, methods] of Object.entries(m.byPhase)) {
    const n = Object.values(methods).reduce((a, b) => a + b, 0);
    const c = m.costByPhase[phase] || { read: 0, written: 0, ms: 0 };
    lines.push(`| ${phase} | ${n} | ${fmt(c.read)} | ${fmt(c.written)} | ${sec(c.ms)} | ${Object.entries(methods).sort((a, b) => b[1] - a[1]).map(([k, v]) => k + '×' + v).join(', ')} |`);
  }
  return lines.join('\n');
}

function ordersSalesCalls(m: Measured): number {
  return Object.values(m.byPhase[PHASES[0][1]] || {}).reduce((a, b) => a + b, 0);
}

const SCHED = 'scheduledSync';
const out: string[] = [];
const targets: string[][] = [];

// ---- 80 orders a day, Statistics key: no change, then 1 % changed plus an hour of new rows
if (process.env.BENCH_ONLY_DAY !== '1') {
  const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 80, articles: 30 } });
  const c = new Counter(h);
  h.call('saveKey', h.wb.makeKey({ type: 'personal', categories: [5] }));
  measure(h, c, 'backfill', () => h.call('syncAllNow'));
  h.rt.clock.advance(2 * 60000);
  const quiet = measure(h, c, 'no change at WB (scheduled)', () => h.call(SCHED));
  h.rt.clock.advance(2 * 60000);
  const quietMenu = measure(h, c, 'no change at WB (menu: Refresh all)', () => h.call('syncAllNow'));
  h.rt.clock.advance(HOUR);
  h.wb.changeRandomRows(0.01, h.rt.clock.now());
  const changed = measure(h, c, '1 % of rows changed + an hour of new rows (scheduled)', () => h.call(SCHED));
  const width = 30;
  const b0 = lowerBound(2, 0, 0, width);
  const b1 = lowerBound(2, 2, changed.added + changed.updated, width);
  targets.push(['no change at WB: orders+sales, run log included (scheduled)', '≤ 12 calls', `${quiet.calls} calls, ${sec(quiet.virtualMs)} s`, `${b0.calls} calls, ${sec(b0.virtualMs)} s`, `${(quiet.calls / b0.calls).toFixed(1)}× calls, ${(quiet.virtualMs / b0.virtualMs).toFixed(1)}× time`, quiet.calls <= 12 ? 'MET' : 'NOT MET']);
  targets.push(['no change at WB, from the menu (3 toasts and the sidebar state on top)', '—', `${quietMenu.calls} calls, ${sec(quietMenu.virtualMs)} s`, `${b0.calls} calls`, `${(quietMenu.calls / b0.calls).toFixed(1)}×`, '—']);
  const os = ordersSalesCalls(changed);
  targets.push([`1 % changed + new rows (${changed.updated} updated, ${changed.added} new): orders+sales phase`, '≤ 40 calls', `${os} calls`, `${b1.calls} calls`, `${(os / b1.calls).toFixed(1)}×`, os <= 40 ? 'MET' : 'NOT MET']);
  targets.push(['the same, whole refresh (daily table, formulas, dashboard check, run log)', '≤ 3 s virtual', `${changed.calls} calls, ${sec(changed.virtualMs)} s, ${fmt(changed.cellsWritten)} cells written, ${fmt(changed.cellsRead)} read`, `${sec(b1.virtualMs)} s`, `${(changed.virtualMs / b1.virtualMs).toFixed(1)}× time`, changed.virtualMs <= 3000 ? 'MET' : 'NOT MET']);
  out.push('### 80 orders a day: no change at WB (scheduled)\n\n' + phaseTable(quiet));
  out.push('### 80 orders a day: 1 % of rows changed + an hour of new rows (scheduled)\n\n' + phaseTable(changed));
}

// ---- all five reports, nothing changed
if (process.env.BENCH_ONLY_DAY !== '1') {
  const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 80, articles: 30 } });
  const c = new Counter(h);
  h.call('saveKey', h.wb.makeKey({ type: 'personal', categories: [5, 2, 10, 13] }));
  for (let i = 0; i < 4; i++) {
    h.call('syncAllNow');
    h.rt.clock.advance(HOUR);
  }
  // Nothing changes at WB from here on. Two scheduled runs take what there is (the first
  // orders the stock report, the second downloads it and orders the next); the measured
  // refresh then finds nothing new, the stock report included.
  h.wb.freeze(h.rt.clock.now());
  for (let i = 0; i < 2; i++) {
    h.call(SCHED);
    h.rt.clock.advance(2 * 60000);
  }
  const all = measure(h, c, 'refresh all, five reports, nothing changed (menu)', () => h.call('syncAllNow'));
  const b = lowerBound(5, 0, 0, 30);
  targets.push(['Refresh all, five reports, nothing changed (menu)', '≤ 40 calls', `${all.calls} calls, ${sec(all.virtualMs)} s`, `${b.calls} calls`, `${(all.calls / b.calls).toFixed(1)}×`, all.calls <= 40 ? 'MET' : 'NOT MET']);
  out.push('### Refresh all, five reports, nothing changed (menu)\n\n' + phaseTable(all) + '\n\nResult: ' + all.message.replace(/\n/g, ' / '));
}

// ---- 1,000 orders a day, hourly scheduled runs over a day: orders+sales only, then every report
if (process.env.BENCH_SKIP_DAY !== '1') {
  // A 1,000-a-day seller's 90 days of every report do not fit one spreadsheet (10M cells: issue 14),
  // so the every-report day is measured on a 300-a-day seller.
  const variants: { label: string; categories: number[]; ordersPerDay: number }[] = [
    { label: '1,000 orders a day, orders and sales (Statistics key)', categories: [5], ordersPerDay: 1000 },
    { label: '300 orders a day, every report a Statistics + Analytics + Supplies + Finance key reaches', categories: [5, 2, 10, 13], ordersPerDay: 300 },
  ];
  for (const v of variants) {
    const h = loadBundle({ startTime: START, maxResponseBytes: 2 ** 30, emulator: { ordersPerDay: v.ordersPerDay, articles: 100 } });
    const c = new Counter(h);
    h.call('saveKey', h.wb.makeKey({ type: 'personal', categories: v.categories }));
    h.call('syncAllNow');
    let total = 0;
    let sleep = 0;
    let worst: Measured | null = null;
    let calls = 0;
    for (let i = 0; i < 24; i++) {
      h.rt.clock.advance(HOUR);
      const m = measure(h, c, 'hour ' + (i + 1), () => h.call(SCHED));
      total += m.virtualMs;
      sleep += m.sleepMs;
      calls += m.calls;
      if (!worst || m.virtualMs > worst.virtualMs) worst = m;
    }
    const w = worst as Measured;
    targets.push([`${v.label}: 24 hourly scheduled runs`, '≤ 10 min of 90 a day', `${(total / 60000).toFixed(1)} min (${calls} calls, ${(sleep / 1000).toFixed(0)} s of it waiting for WB's limits; slowest run ${sec(w.virtualMs)} s, ${w.calls} calls)`, '—', '—', total <= 600000 ? 'MET' : 'NOT MET']);
    out.push(`### ${v.label}: the slowest of 24 hourly runs (${sec(w.virtualMs)} s; ${w.updated} orders/sales updated, ${w.added} new)\n\n` + phaseTable(w) + '\n\nResult: ' + w.message.replace(/\n/g, ' / '));
  }
}

const section = [
  '<!-- refresh-cost:start (scripts/bench-refresh.ts) -->',
  '## The cheapest correct refresh (issue 11)',
  '',
  `Generated by \`scripts/bench-refresh.ts\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. The built add-on in the offline runtime against the WB emulator; SpreadsheetApp calls counted per phase of the refresh (from the add-on's functions on the call stack). *Bound*: per report, read its cursor (a property), fetch (one fetchAll), append the new rows in one write (getLastRow, getRange, setValues), plus getActiveSpreadsheet, one sheet lookup per report and the run-log line (its sheet, appendRow); virtual time of the same calls and cells plus one 400 ms fetch.`,
  '',
  '| refresh | target | ours | bound | ratio | result |',
  '|---|---|---|---|---|---|',
  ...targets.map((t) => '| ' + t.join(' | ') + ' |'),
  '',
  ...out.map((x) => x + '\n'),
  '<!-- refresh-cost:end -->',
].join('\n');
console.log(section);
if (process.env.BENCH_WRITE !== '0') {
  const file = path.join(ROOT, 'docs', 'benchmark.md');
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# WB Sheets benchmark\n';
  const re = /<!-- refresh-cost:start[\s\S]*?<!-- refresh-cost:end -->/;
  const next = re.test(doc) ? doc.replace(re, section) : doc.replace(/\n## Summary/, '\n' + section + '\n\n## Summary');
  fs.writeFileSync(file, next.includes(section) ? next : doc + '\n' + section + '\n');
}
