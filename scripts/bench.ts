/**
 * The benchmark: the BUILT add-on (dist/) in the offline Apps Script runtime against the
 * WB emulator, for sellers of realistic size. Measures what a refresh costs in WB
 * requests, SpreadsheetApp calls, cells, virtual (Apps Script) time and Node CPU, and
 * checks the targets of the performance issue. Prints markdown tables and writes them,
 * with the cost model, to docs/benchmark.md.
 *
 *   npm run bench                     # = npm run build && node scripts/run-ts.js scripts/bench.ts
 *   BENCH_ONLY=B2 npm run bench       # some scenarios only (A, A2, B, B2); docs/benchmark.md is then not written
 *   BENCH_MAX_RUNS=20                 # cap on refreshes per backfill (default 20)
 *
 * Each scenario runs in its own Node process (its memory is returned when it ends and
 * its peak RSS is measured); the parent assembles the report.
 *
 * Scenarios:
 *   A   backfill of a large seller (5,600 orders a day, ~383k sales rows in WB's 90 days)
 *       with a Personal Statistics key: syncSalesNow once an hour, as a schedule would.
 *   A2  the same with UrlFetchApp's 50 MB response cap lifted (a what-if, clearly not what
 *       Google does): shows how the write path and the sheet scale once pages get through.
 *   B   backfill of a 1,000-orders-a-day seller (orders and sales, syncAllNow hourly).
 *   B2  the same with the cap lifted for the backfill, then hourly incremental syncAllNow
 *       runs, measured against the targets.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execSync, spawnSync } from 'child_process';
import { Harness, ROOT, loadBundle } from '../tests/bundle/harness';
import { SPREADSHEET_CALL_MS, SPREADSHEET_CELL_MS } from '../tests/runtime/context';
import { MAX_RESPONSE_BYTES } from '../tests/runtime/urlfetch';
import { DEFAULT_PAGE_LIMIT } from '../tests/emulator';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const HOUR = 3600000;
const SALES_PATH = '/api/v1/supplier/sales';
const ORDERS_PATH = '/api/v1/supplier/orders';
const DATA_PATHS = [ORDERS_PATH, SALES_PATH];
const LIFTED_CAP = 2 ** 30;
const MAX_RUNS = Number(process.env.BENCH_MAX_RUNS || 20);
/** A backfill that makes no progress this many runs in a row with the same message is stuck. */
const STUCK_AFTER = Number(process.env.BENCH_STUCK_AFTER || 3);
const HEAP_MB = 5120;
/** The runtime's default UrlFetch latency (fetchLatencyMs); the add-on sends one request per fetchAll. */
const FETCH_MS = 400;

const ORDERS_TITLE = 'WB Заказы';
const SALES_TITLE = 'WB Продажи';
const DAILY_TITLE = 'WB Дни';
const RUN_LOG_TITLE = 'WB Журнал';

// ---------------------------------------------------------------- records

interface PageRec {
  run: number;
  path: string;
  status: number;
  bytes: number;
  rows: number;
  tooLarge: boolean;
  /** the page's rows were upserted and flushed (segment: its request .. the flush after it) */
  wrote: boolean;
  calls: number;
  cellsWritten: number;
  cellsRead: number;
  virtualMs: number;
  hist: Record<string, number>;
}

interface ReportLine {
  added: number;
  updated: number;
  text: string;
  /** the run log's result: готово, продолжится, отложено, пропущено, ошибка */
  result: string;
  /** the report finished (result готово): its last page was a short one */
  summary: boolean;
}

interface DiffRec {
  sheet: string;
  width: number;
  rowsBefore: number;
  rowsAfter: number;
  changedRows: number;
  changedCells: number;
  /** runs of adjacent changed (pre-existing) rows: each is one block write in SheetTable.upsert */
  changedRuns: number;
  /** median number of unchanged rows between two runs of changed rows */
  medianGap: number;
}

interface RunRec {
  n: number;
  fn: string;
  start: number;
  virtualMs: number;
  calls: number;
  cellsWritten: number;
  cellsRead: number;
  fetches: number;
  sleepMs: number;
  cpuAddonMs: number;
  cpuEmuMs: number;
  requests: Record<string, Record<string, number>>;
  reports: Record<string, ReportLine>;
  message: string;
  ok: boolean;
  thrown?: string;
  sheetRows: Record<string, number>;
  sheetWidth: Record<string, number>;
  hist: Record<string, number>;
  maxBytes: number;
  diffs?: DiffRec[];
  /** SpreadsheetApp calls / cells written per report, from its progress toast to the next one */
  perReport?: Record<string, { calls: number; cellsWritten: number; cellsRead: number; virtualMs: number }>;
}

interface ScenarioResult {
  id: string;
  title: string;
  params: Record<string, unknown>;
  keyMessage: string;
  runs: RunRec[];
  pages: PageRec[];
  phases: { name: string; from: number; to: number }[];
  ending: string;
  truth: Record<string, number>;
  inSheet: Record<string, { rows: number; distinctKeys: number; matched: number }>;
  emulatorBuildMs: number;
  wallMs: number;
  peakRssMb: number;
  cpuTotalMs: number;
}

// ---------------------------------------------------------------- helpers

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number) => (ms / 1000).toFixed(1);
const fmtMB = (b: number) => (b / 1048576).toFixed(1);
const msk = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(5, 16).replace('T', ' ');
const cpuMs = (d: NodeJS.CpuUsage) => (d.user + d.system) / 1000;
const short = (s: string, n = 110) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function table(header: string[], rows: (string | number)[][]): string {
  const esc = (c: string | number) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' / ');
  return ['| ' + header.join(' | ') + ' |', '|' + header.map(() => '---').join('|') + '|', ...rows.map((r) => '| ' + r.map(esc).join(' | ') + ' |')].join('\n');
}

/** The sheet a Sheet or Range belongs to (the runtime keeps it in underscore fields, readable through its proxies). */
function sheetNameOf(t: any): string | null {
  if (t._svc === 'Sheet') return String(t._name);
  if (t._svc === 'Range' && t._sheet) return String(t._sheet._name);
  return null;
}

function isSvc(x: unknown): boolean {
  return x !== null && typeof x === 'object' && typeof (x as { _svc?: unknown })._svc === 'string' && (x as { _ctx?: unknown })._ctx !== undefined;
}

/**
 * Instruments one harness without touching src/ or tests/: the emulator's handle() (bytes,
 * rows, CPU of the WB side), SpreadsheetApp in the script's scope (a method histogram and
 * flush as the end of a page's write) and the toasts (report boundaries).
 */
class Probe {
  emuCpuMs = 0;
  run = 0;
  pages: PageRec[] = [];
  hist: Record<string, number> = {};
  toastMarks: { message: string; calls: number; cellsWritten: number; cellsRead: number; at: number }[] = [];
  private page: (PageRec & { c0: number; w0: number; r0: number; t0: number }) | null = null;
  private wrappers = new WeakMap<object, object>();
  private inners = new WeakMap<object, object>();

  constructor(private readonly h: Harness, private readonly cap: number) {
    const wb = h.wb as unknown as { handle: (req: any, now: number) => any };
    const orig = wb.handle.bind(h.wb);
    wb.handle = (req: any, now: number) => {
      const c0 = process.cpuUsage();
      try {
        const res = orig(req, now);
        this.onResponse(String(req.url), res);
        return res;
      } finally {
        this.emuCpuMs += cpuMs(process.cpuUsage(c0));
      }
    };
    const scope = h.scope;
    scope.SpreadsheetApp = this.wrap(scope.SpreadsheetApp, true);
    // A fetchAll's answers (the reports' first requests in one batch) are written one after
    // the other: they queue up as pages instead of closing each other.
    const fetcher = scope.UrlFetchApp;
    const probe = this;
    scope.UrlFetchApp = new Proxy(fetcher, {
      get(t, p) {
        const v = Reflect.get(t, p);
        if (p !== 'fetchAll' || typeof v !== 'function') return v;
        return (requests: unknown) => {
          probe.beginBatch();
          try {
            return v.call(t, requests);
          } finally {
            probe.endBatch();
          }
        };
      },
    });
    // ScriptApp receives a Spreadsheet (getUserTriggers): it must get the runtime's own object.
    scope.ScriptApp = this.wrap(scope.ScriptApp, false);
    // The refresh records its result (wb.lastSync) when its reports are done, just before the run log.
    scope.PropertiesService = this.wrap(scope.PropertiesService, false, (method, args) => {
      if (method === 'setProperty' && args[0] === 'wb.lastSync') this.closePage();
    });
    const toasts = h.rt.toasts;
    toasts.push = (...items: { message: string; title: string }[]) => {
      const s = h.rt.stats;
      for (const t of items) this.toastMarks.push({ message: t.message, calls: s.spreadsheetCalls, cellsWritten: s.cellsWritten, cellsRead: s.cellsRead, at: h.rt.clock.now() });
      return Array.prototype.push.apply(toasts, items);
    };
  }

  private wrap(inner: any, count: boolean, hook?: (method: string, args: unknown[]) => void): any {
    if (!isSvc(inner)) return inner;
    const known = this.wrappers.get(inner);
    if (known) return known;
    const probe = this;
    const w = new Proxy(inner, {
      get(t, p) {
        const v = Reflect.get(t, p);
        if (typeof v !== 'function' || typeof p !== 'string' || p.charCodeAt(0) === 95) return v;
        return (...args: unknown[]) => {
          if (hook) hook(p, args);
          if (count && (t as { _kind?: string })._kind === 'spreadsheet') probe.onCall(String((t as { _svc?: string })._svc) + '.' + p, sheetNameOf(t));
          const r = v.apply(t, args.map((a) => (a !== null && typeof a === 'object' && probe.inners.get(a)) || a));
          if (count && p === 'flush') probe.onFlush();
          if (isSvc(r)) return probe.wrap(r, count, hook);
          if (Array.isArray(r) && r.length > 0 && isSvc(r[0])) return r.map((x) => probe.wrap(x, count, hook));
          return r;
        };
      },
    });
    this.wrappers.set(inner, w);
    this.inners.set(w, inner);
    return w;
  }

  private onCall(name: string, sheet: string | null): void {
    // The run log is written after the last report: its calls belong to no page.
    if (sheet === RUN_LOG_TITLE) this.closePage();
    this.hist[name] = (this.hist[name] || 0) + 1;
    if (this.page) this.page.hist[name] = (this.page.hist[name] || 0) + 1;
  }

  private onResponse(url: string, res: { status: number; body: string }): void {
    const p = new URL(url).pathname;
    if (DATA_PATHS.indexOf(p) < 0) return;
    this.closePage();
    const body = res.body || '';
    const bytes = Buffer.byteLength(body, 'utf8');
    let rows = 0;
    if (res.status === 200) for (let i = body.indexOf('"srid":'); i >= 0; i = body.indexOf('"srid":', i + 7)) rows++;
    const rec: PageRec = { run: this.run, path: p, status: res.status, bytes, rows, tooLarge: bytes > this.cap, wrote: false, calls: 0, cellsWritten: 0, cellsRead: 0, virtualMs: 0, hist: {} };
    // An answer UrlFetchApp refuses, or an empty page, is never upserted: no flush is its.
    if (rec.tooLarge || rows === 0) {
      this.pages.push(rec);
      return;
    }
    // Answers of one fetchAll batch (the reports' first requests) arrive together and are
    // written one after the other, in the batch's order: each waits for the flush before it.
    if (this.batch) this.pending.push(rec);
    else this.open(rec);
  }

  private batch = false;
  private pending: PageRec[] = [];

  /** Marks a fetchAll in flight: its answers queue up instead of closing each other. */
  beginBatch(): void {
    this.closePage();
    this.batch = true;
  }
  endBatch(): void {
    this.batch = false;
    const next = this.pending.shift();
    if (next && !this.page) this.open(next);
  }

  private open(rec: PageRec): void {
    const s = this.h.rt.stats;
    this.page = { ...rec, c0: s.spreadsheetCalls, w0: s.cellsWritten, r0: s.cellsRead, t0: this.h.rt.clock.now() };
  }

  private onFlush(): void {
    this.closePage();
  }

  /**
   * Ends the open page's segment: at the flush that ends its upsert, at the next request,
   * at the run log's first call, or at the end of the run. Written = it wrote cells.
   */
  closePage(): void {
    const pg = this.page;
    if (!pg) return;
    const s = this.h.rt.stats;
    const { c0, w0, r0, t0, ...rec } = pg;
    const cellsWritten = s.cellsWritten - w0;
    this.pages.push({ ...rec, wrote: cellsWritten > 0, calls: s.spreadsheetCalls - c0, cellsWritten, cellsRead: s.cellsRead - r0, virtualMs: this.h.rt.clock.now() - t0 });
    this.page = null;
    const next = this.batch ? undefined : this.pending.shift();
    if (next) this.open(next);
  }
}

/** Reads the document as an observer; puts back the virtual time and stats the runtime's peek() still charges. */
function observe<T>(h: Harness, fn: () => T): T {
  const t = h.rt.clock.now();
  const s = h.rt.stats;
  const saved = { c: s.spreadsheetCalls, w: s.cellsWritten, r: s.cellsRead, f: s.fetchCount, z: s.sleepMs };
  try {
    return h.rt.peek(fn);
  } finally {
    h.rt.clock.set(t);
    Object.assign(s, { spreadsheetCalls: saved.c, cellsWritten: saved.w, cellsRead: saved.r, fetchCount: saved.f, sleepMs: saved.z });
  }
}

function sheetOf(h: Harness, name: string): any {
  return (h.rt.spreadsheet as any).getSheetByName(name);
}

function sheetShape(h: Harness, names: string[]): { rows: Record<string, number>; width: Record<string, number> } {
  return observe(h, () => {
    const rows: Record<string, number> = {};
    const width: Record<string, number> = {};
    for (const n of names) {
      const sh = sheetOf(h, n);
      rows[n] = sh ? Math.max(0, sh.getLastRow() - 1) : 0;
      width[n] = sh ? sh.getLastColumn() : 0;
    }
    return { rows, width };
  });
}

function sheetValues(h: Harness, name: string): unknown[][] {
  return observe(h, () => {
    const sh = sheetOf(h, name);
    return sh ? sh.getDataRange().getValues() : [];
  });
}

const cellKey = (v: unknown) => (v instanceof Date ? 'D' + v.getTime() : typeof v + ':' + String(v));

function diffSheets(name: string, before: unknown[][], after: unknown[][]): DiffRec {
  let changedRows = 0;
  let changedCells = 0;
  let changedRuns = 0;
  let prevChanged = false;
  const gaps: number[] = [];
  let lastChanged = -1;
  for (let i = 1; i < before.length; i++) {
    const a = before[i];
    const b = after[i] || [];
    let n = 0;
    for (let j = 0; j < Math.max(a.length, b.length); j++) if (cellKey(a[j]) !== cellKey(b[j])) n++;
    if (n > 0) {
      changedRows++;
      changedCells += n;
      if (!prevChanged) {
        changedRuns++;
        if (lastChanged > 0) gaps.push(i - lastChanged - 1);
      }
      lastChanged = i;
    }
    prevChanged = n > 0;
  }
  const width = (after[0] || before[0] || []).length;
  gaps.sort((a, b) => a - b);
  const medianGap = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
  return { sheet: name, width, rowsBefore: Math.max(0, before.length - 1), rowsAfter: Math.max(0, after.length - 1), changedRows, changedCells, changedRuns, medianGap };
}

/**
 * What each report did in the last run: rows added and updated and the result from the
 * run log sheet (it counts rows even when the report then failed, which its message does
 * not), the text from the refresh's message.
 */
function parseReports(h: Harness, message: string): Record<string, ReportLine> {
  const out: Record<string, ReportLine> = {};
  for (const line of String(message || '').split('\n')) {
    const m = /^(WB [^:]+): (.*)$/.exec(line.trim());
    if (!m) continue;
    const s = /новых (\d+), обновлено (\d+)/.exec(m[2]);
    const summary = (!!s || /без изменений/.test(m[2])) && !/продолжится/.test(m[2]);
    out[m[1]] = { added: s ? Number(s[1]) : 0, updated: s ? Number(s[2]) : 0, text: m[2], result: summary ? 'готово' : '?', summary };
  }
  const log = sheetValues(h, RUN_LOG_TITLE);
  if (log.length > 1) {
    const col = (name: string) => log[0].map((x) => String(x)).indexOf(name);
    const [cRun, cReport, cAdded, cUpdated, cResult] = ['ID запуска', 'Отчёт', 'Новых строк', 'Обновлено строк', 'Результат'].map(col);
    let last = '';
    for (let i = 1; i < log.length; i++) if (Number(log[i][cRun]) > Number(last || 0)) last = String(log[i][cRun]);
    for (let i = 1; i < log.length; i++) {
      if (String(log[i][cRun]) !== last) continue;
      const title = String(log[i][cReport]);
      const rec = out[title] || (out[title] = { added: 0, updated: 0, text: '', result: '', summary: false });
      rec.added = Number(log[i][cAdded]) || 0;
      rec.updated = Number(log[i][cUpdated]) || 0;
      rec.result = String(log[i][cResult]);
      rec.summary = rec.result === 'готово';
    }
  }
  return out;
}

function newScenario(id: string, title: string, params: Record<string, unknown>): ScenarioResult {
  return { id, title, params, keyMessage: '', runs: [], pages: [], phases: [], ending: '', truth: {}, inSheet: {}, emulatorBuildMs: 0, wallMs: 0, peakRssMb: 0, cpuTotalMs: 0 };
}

class Bench {
  readonly h: Harness;
  readonly probe: Probe;
  readonly res: ScenarioResult;
  private readonly wall0 = Date.now();
  private readonly cpu0 = process.cpuUsage();

  constructor(res: ScenarioResult, emulator: { articles: number; ordersPerDay: number }, cap: number) {
    this.res = res;
    const t0 = Date.now();
    this.h = loadBundle({ startTime: START, maxResponseBytes: cap, emulator: { seed: 7, ...emulator } });
    res.emulatorBuildMs = Date.now() - t0;
    this.probe = new Probe(this.h, cap);
    const saved = this.h.call('saveKey', this.h.wb.makeKey({ type: 'personal', categories: [5] }));
    res.keyMessage = saved.message;
    log(res.id, 'emulator built in ' + fmtS(res.emulatorBuildMs) + ' s; key: ' + saved.message);
  }

  /** One refresh as the seller (or the schedule) starts it, with everything measured. */
  runOnce(fn: string, opts: { diff?: string[] } = {}): RunRec {
    const h = this.h;
    const n = this.res.runs.length + 1;
    this.probe.run = n;
    this.probe.hist = {};
    this.probe.toastMarks = [];
    const names = [ORDERS_TITLE, SALES_TITLE];
    const before = opts.diff ? opts.diff.map((s) => sheetValues(h, s)) : [];
    const reqFrom = h.wb.requests.length;
    const pagesFrom = this.probe.pages.length;
    h.rt.stats.reset();
    const start = h.rt.clock.now();
    const emu0 = this.probe.emuCpuMs;
    const c0 = process.cpuUsage();
    let response: any = null;
    let thrown: string | undefined;
    try {
      response = h.call(fn);
    } catch (e) {
      thrown = String((e as Error).message || e);
    }
    const cpu = cpuMs(process.cpuUsage(c0));
    this.probe.closePage();
    const s = h.rt.stats;
    const emu = this.probe.emuCpuMs - emu0;
    const rec: RunRec = {
      n,
      fn,
      start,
      virtualMs: h.rt.clock.now() - start,
      calls: s.spreadsheetCalls,
      cellsWritten: s.cellsWritten,
      cellsRead: s.cellsRead,
      fetches: s.fetchCount,
      sleepMs: s.sleepMs,
      cpuAddonMs: cpu - emu,
      cpuEmuMs: emu,
      requests: {},
      reports: parseReports(h, response ? response.message : ''),
      message: response ? response.message : 'THROWN: ' + thrown,
      ok: !!(response && response.ok),
      thrown,
      sheetRows: {},
      sheetWidth: {},
      hist: { ...this.probe.hist },
      maxBytes: 0,
    };
    for (const r of h.wb.requests.slice(reqFrom)) {
      const byStatus = (rec.requests[r.path] = rec.requests[r.path] || {});
      byStatus[String(r.status)] = (byStatus[String(r.status)] || 0) + 1;
    }
    for (const p of this.probe.pages.slice(pagesFrom)) rec.maxBytes = Math.max(rec.maxBytes, p.bytes);
    const shape = sheetShape(h, names);
    rec.sheetRows = shape.rows;
    rec.sheetWidth = shape.width;
    // Per report: from its progress toast ("…: загрузка…") to the next report's (the last one to the final toast).
    const marks = this.probe.toastMarks;
    const starts = marks.map((m, i) => ({ m, i })).filter(({ m }) => /: (загрузка…|loading…)$/.test(m.message));
    if (starts.length) {
      rec.perReport = {};
      starts.forEach(({ m, i }, k) => {
        const title = m.message.replace(/: (загрузка…|loading…)$/, '');
        const end = k + 1 < starts.length ? starts[k + 1].m : marks[marks.length - 1] ?? m;
        void i;
        rec.perReport![title] = { calls: end.calls - m.calls, cellsWritten: end.cellsWritten - m.cellsWritten, cellsRead: end.cellsRead - m.cellsRead, virtualMs: end.at - m.at };
      });
    }
    if (opts.diff) rec.diffs = opts.diff.map((name, i) => diffSheets(name, before[i], sheetValues(h, name)));
    this.res.runs.push(rec);
    const lines = Object.entries(rec.reports).map(([t, r]) => t + ': ' + short(r.text, 80)).join(' | ') || short(rec.message, 120);
    log(this.res.id, `run ${n} ${fn} at ${msk(start)} MSK: ${fmtS(rec.virtualMs)} s virtual, ${rec.calls} SpreadsheetApp calls, ${fmtInt(rec.cellsWritten)} cells written, CPU ${fmtS(cpu)} s; ${lines}`);
    return rec;
  }

  /**
   * Refreshes once an hour (the schedule's spacing) until every one of `titles` has
   * caught up (a run that ends on a short page), or makes no progress STUCK_AFTER times
   * in a row with the same message, or MAX_RUNS.
   */
  backfill(fn: string, titles: string[], phase: string): string {
    const from = this.res.runs.length + 1;
    let ending = '';
    for (let i = 0; i < MAX_RUNS; i++) {
      const rec = this.runOnce(fn);
      if (titles.every((t) => rec.reports[t] && rec.reports[t].summary)) {
        ending = 'caught up after ' + (i + 1) + ' run(s)';
        break;
      }
      const recent = this.res.runs.slice(-STUCK_AFTER);
      const progress = (r: RunRec) => titles.reduce((n, t) => n + (r.reports[t] ? r.reports[t].added + r.reports[t].updated : 0), 0);
      if (recent.length === STUCK_AFTER && recent.every((r) => r.n >= from && progress(r) === 0 && r.message === rec.message)) {
        ending = 'stuck: ' + STUCK_AFTER + ' runs in a row made no progress with the same message';
        break;
      }
      this.h.rt.clock.set(rec.start + HOUR);
    }
    if (!ending) ending = 'not caught up after ' + MAX_RUNS + ' runs';
    this.res.phases.push({ name: phase, from, to: this.res.runs.length });
    return ending;
  }

  /** Rows in the sheet against the emulator's truth (as of its last answer). */
  compare(title: string, kind: 'sales' | 'orders'): void {
    const h = this.h;
    const truthRows = kind === 'sales' ? h.wb.sales({ withinRetention: true }) : h.wb.orders({ withinRetention: true });
    const keyField = kind === 'sales' ? 'saleID' : 'srid';
    const truth = new Set(truthRows.map((r) => String(r[keyField])));
    this.res.truth[title] = truth.size;
    const values = sheetValues(h, title);
    if (!values.length) {
      this.res.inSheet[title] = { rows: 0, distinctKeys: 0, matched: 0 };
      return;
    }
    const header = values[0].map((x) => String(x));
    const col = header.indexOf(kind === 'sales' ? 'ID продажи' : 'ID заказа (srid)');
    const keys = new Set<string>();
    let matched = 0;
    for (let i = 1; i < values.length; i++) {
      const k = String(values[i][col]);
      if (!keys.has(k) && truth.has(k)) matched++;
      keys.add(k);
    }
    this.res.inSheet[title] = { rows: values.length - 1, distinctKeys: keys.size, matched };
  }

  finish(ending: string): ScenarioResult {
    this.res.ending = ending;
    this.res.pages = this.probe.pages;
    this.res.wallMs = Date.now() - this.wall0;
    this.res.cpuTotalMs = cpuMs(process.cpuUsage(this.cpu0));
    this.res.peakRssMb = process.resourceUsage().maxRSS / 1024;
    return this.res;
  }
}

function log(id: string, line: string): void {
  process.stderr.write('[' + id + '] ' + line + '\n');
}

// ---------------------------------------------------------------- scenarios

const BIG = { articles: 500, ordersPerDay: 5600 };
const MID = { articles: 100, ordersPerDay: 1000 };

function scenarioA(lifted: boolean): ScenarioResult {
  const id = lifted ? 'A2' : 'A';
  const cap = lifted ? LIFTED_CAP : MAX_RESPONSE_BYTES;
  const res = newScenario(
    id,
    lifted ? 'Large seller backfill, UrlFetchApp cap lifted to 1 GiB (what-if)' : 'Large seller backfill, Personal key (Statistics)',
    { ...BIG, seed: 7, key: 'personal, categories [5]', urlFetchCapMB: cap / 1048576, refresh: 'syncSalesNow, hourly' },
  );
  const b = new Bench(res, BIG, cap);
  const ending = b.backfill('syncSalesNow', [SALES_TITLE], 'backfill');
  b.compare(SALES_TITLE, 'sales');
  return b.finish(ending);
}

function scenarioB(lifted: boolean): ScenarioResult {
  const id = lifted ? 'B2' : 'B';
  const cap = lifted ? LIFTED_CAP : MAX_RESPONSE_BYTES;
  const res = newScenario(
    id,
    lifted ? '1,000 orders/day: backfill with the cap lifted (what-if), then hourly incremental runs' : '1,000 orders/day seller backfill, Personal key (Statistics)',
    { ...MID, seed: 7, key: 'personal, categories [5]', urlFetchCapMB: cap / 1048576, refresh: 'syncAllNow, hourly' },
  );
  const b = new Bench(res, MID, cap);
  let ending = b.backfill('syncAllNow', [ORDERS_TITLE, SALES_TITLE], 'backfill');
  if (lifted && /^caught up/.test(ending)) {
    const from = res.runs.length + 1;
    for (let i = 0; i < 3; i++) {
      b.h.rt.clock.set(res.runs[res.runs.length - 1].start + HOUR);
      b.runOnce('syncAllNow', { diff: [ORDERS_TITLE, SALES_TITLE, DAILY_TITLE] });
    }
    res.phases.push({ name: 'hourly incremental', from, to: res.runs.length });
    ending += '; then 3 hourly incremental runs';
  }
  b.compare(ORDERS_TITLE, 'orders');
  b.compare(SALES_TITLE, 'sales');
  return b.finish(ending);
}

const SCENARIOS: Record<string, () => ScenarioResult> = {
  A: () => scenarioA(false),
  A2: () => scenarioA(true),
  B: () => scenarioB(false),
  B2: () => scenarioB(true),
};

// ---------------------------------------------------------------- report

function requestsCell(r: RunRec, p: string): string {
  const st = r.requests[p];
  if (!st) return '0';
  const n = Object.values(st).reduce((a, b) => a + b, 0);
  return n + ' (' + Object.entries(st).map(([k, v]) => (k === '0' ? 'no answer' : k) + (v > 1 ? '×' + v : '')).join(', ') + ')';
}

/** The run's virtual time split by the cost model (the rest is cells formatted, cleared or shifted). */
function breakdown(r: RunRec): string {
  const read = r.cellsRead * SPREADSHEET_CELL_MS;
  const written = r.cellsWritten * SPREADSHEET_CELL_MS;
  const calls = r.calls * SPREADSHEET_CALL_MS;
  const fetch = r.fetches * FETCH_MS;
  const rest = Math.max(0, r.virtualMs - read - written - calls - fetch - r.sleepMs);
  return [read, written, calls, fetch, r.sleepMs, rest].map(fmtS).join(' / ');
}

function runsTable(s: ScenarioResult, titles: string[], from = 1, to = s.runs.length): string {
  const paths = titles.map((t) => (t === SALES_TITLE ? SALES_PATH : ORDERS_PATH));
  const header = ['run', 'start MSK', ...titles.map((t) => t.replace('WB ', '') + ' requests (status)'), 'largest answer MB', ...titles.map((t) => t.replace('WB ', '') + ' new / updated (result)'), 'sheet rows', 'SpreadsheetApp calls', 'cells written', 'cells read', 'waits s', 'virtual s', 'virtual s by cost (cells read / written / calls / fetches / waits / formatting etc.)', 'CPU add-on+runtime s', 'CPU emulator s', 'CPU ms / 10k rows', 'message'];
  const rows = s.runs.slice(from - 1, to).map((r) => {
    const changed = titles.reduce((n, t) => n + (r.reports[t] ? r.reports[t].added + r.reports[t].updated : 0), 0);
    return [
      r.n,
      msk(r.start),
      ...paths.map((p) => requestsCell(r, p)),
      fmtMB(r.maxBytes),
      ...titles.map((t) => (r.reports[t] ? fmtInt(r.reports[t].added) + ' / ' + fmtInt(r.reports[t].updated) + ' (' + r.reports[t].result + ')' : '-')),
      titles.map((t) => fmtInt(r.sheetRows[t] || 0)).join(' / '),
      fmtInt(r.calls),
      fmtInt(r.cellsWritten),
      fmtInt(r.cellsRead),
      fmtS(r.sleepMs),
      fmtS(r.virtualMs),
      breakdown(r),
      fmtS(r.cpuAddonMs),
      fmtS(r.cpuEmuMs),
      changed ? fmtInt((r.cpuAddonMs / changed) * 10000) : 'n/a (0 rows)',
      short(titles.map((t) => (r.reports[t] ? t + ': ' + r.reports[t].text : '')).filter(Boolean).join(' / ') || r.message, 150),
    ];
  });
  return table(header, rows);
}

function totalsLine(s: ScenarioResult, titles: string[], from = 1, to = s.runs.length): string {
  const runs = s.runs.slice(from - 1, to);
  const sum = (f: (r: RunRec) => number) => runs.reduce((a, r) => a + f(r), 0);
  const rows = sum((r) => titles.reduce((n, t) => n + (r.reports[t] ? r.reports[t].added + r.reports[t].updated : 0), 0));
  const cpu = sum((r) => r.cpuAddonMs);
  const reqs = (p: string) => sum((r) => Object.values(r.requests[p] || {}).reduce((a, b) => a + b, 0));
  return (
    `Total over ${runs.length} run(s): ` +
    titles.map((t) => `${reqs(t === SALES_TITLE ? SALES_PATH : ORDERS_PATH)} requests to ${t === SALES_TITLE ? SALES_PATH : ORDERS_PATH}`).join(', ') +
    `; ${fmtInt(rows)} rows added or updated; ${fmtInt(sum((r) => r.calls))} SpreadsheetApp calls; ${fmtInt(sum((r) => r.cellsWritten))} cells written; ` +
    `${fmtS(sum((r) => r.virtualMs))} s virtual; add-on+runtime CPU ${fmtS(cpu)} s` +
    (rows ? ` (${fmtInt((cpu / rows) * 10000)} ms per 10,000 rows)` : '') +
    `; emulator CPU ${fmtS(sum((r) => r.cpuEmuMs))} s.`
  );
}

function pagesTable(pages: PageRec[]): string {
  return table(
    ['run', 'path', 'status', 'answer MB', 'rows', 'bytes/row', 'over 50 MB cap', 'written', 'SpreadsheetApp calls (request..flush)', 'cells written', 'cells read', 'virtual s', 'calls by method (top 8)'],
    pages.map((p) => [
      p.run,
      p.path.replace('/api/v1/supplier/', ''),
      p.status,
      fmtMB(p.bytes),
      fmtInt(p.rows),
      p.rows ? Math.round(p.bytes / p.rows) : '-',
      p.bytes > MAX_RESPONSE_BYTES ? 'yes' : 'no',
      p.wrote ? 'yes' : 'no',
      fmtInt(p.calls),
      fmtInt(p.cellsWritten),
      fmtInt(p.cellsRead),
      fmtS(p.virtualMs),
      Object.entries(p.hist)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => k + '×' + v)
        .join(', '),
    ]),
  );
}

function scenarioHeader(s: ScenarioResult): string {
  const p = s.params;
  return (
    `Emulator: seed ${p.seed}, ${p.articles} articles, ${p.ordersPerDay} orders/day, 100 days of history; key: ${p.key}; refresh: ${p.refresh}; ` +
    `UrlFetchApp response cap ${p.urlFetchCapMB} MB. Emulator built in ${fmtS(s.emulatorBuildMs)} s. Key saved: "${s.keyMessage}"\n\n` +
    `Scenario wall time ${fmtS(s.wallMs)} s, Node CPU ${fmtS(s.cpuTotalMs)} s, peak RSS ${fmtInt(s.peakRssMb)} MB. Ending: **${s.ending}**.`
  );
}

function truthLines(s: ScenarioResult): string {
  return Object.keys(s.truth)
    .map((t) => {
      const i = s.inSheet[t] || { rows: 0, distinctKeys: 0, matched: 0 };
      const extra = i.distinctKeys - i.matched;
      return (
        `- ${t}: ${fmtInt(i.rows)} rows in the sheet (${fmtInt(i.distinctKeys)} distinct keys) vs **${fmtInt(s.truth[t])}** rows WB keeps ` +
        `(emulator truth, within 90 days, as of its last answer): ${fmtInt(i.matched)} of WB's rows are in the sheet = **${s.truth[t] ? ((100 * i.matched) / s.truth[t]).toFixed(1) : '0'} %**` +
        (extra > 0 ? `; ${fmtInt(extra)} more rows are ones WB no longer returns (their order is now older than 90 days: the sheet keeps them)` : '') +
        '.'
      );
    })
    .join('\n');
}

interface Verdict {
  target: string;
  measured: string;
  met: string;
}

/** The first written page of each report in each run (they carry the sheet lookup and the key index). */
function firstPages(pages: PageRec[]): PageRec[] {
  const seen = new Set<string>();
  return pages.filter((p) => {
    const key = p.run + '|' + p.path;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function verdicts(b2: ScenarioResult | undefined, a2: ScenarioResult | undefined): Verdict[] {
  const out: Verdict[] = [];
  if (!b2) return out;
  const phase = b2.phases.find((p) => p.name === 'hourly incremental');
  if (!phase) {
    out.push({ target: 'hourly incremental run (1,000 orders/day)', measured: 'not reached: the backfill did not finish', met: 'not measured' });
    return out;
  }
  const inc = b2.runs.slice(phase.from - 1, phase.to);
  const incPages = b2.pages.filter((p) => p.run >= phase.from && p.run <= phase.to && p.wrote);
  const a2Pages = (a2 ? a2.pages : []).filter((p) => p.wrote);
  const b2Pages = b2.pages.filter((p) => p.run < phase.from && p.wrote);
  const backfillPages = [...a2Pages, ...b2Pages];
  const firsts = [...firstPages(a2Pages), ...firstPages(b2Pages)];
  const worst = (ps: PageRec[]) => ps.reduce((m, p) => (p.calls > m.calls ? p : m), ps[0]);
  const wi = worst(incPages);
  const wb = backfillPages.length ? worst(backfillPages) : null;
  const callsOk = incPages.every((p) => p.calls <= 20) && backfillPages.every((p) => p.calls <= 20);
  out.push({
    target: '≤ 20 SpreadsheetApp calls per page written, whatever its size',
    measured:
      'incremental pages: ' +
      incPages.map((p) => `${p.path.replace('/api/v1/supplier/', '')} ${fmtInt(p.rows)} rows → ${p.calls} calls`).join('; ') +
      (wb ? `; backfill pages (A2/B2): first page of a report in a run ${firsts.map((p) => p.calls).join(', ')} calls (sheet lookup/creation, header, key index), later pages ${backfillPages.filter((p) => firsts.indexOf(p) < 0).map((p) => p.calls).join(', ')} calls` : '') +
      (wi ? `; worst incremental page: ${wi.calls} calls, mostly ${Object.entries(wi.hist).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => k + '×' + v).join(', ')}` : ''),
    met: callsOk ? 'MET' : 'NOT MET',
  });
  const ratios = inc.map((r) => {
    // The daily table (WB Дни) is derived: its share of "cells that changed" is its own cell diff.
    const daily = (r.diffs || []).find((d) => d.sheet === DAILY_TITLE);
    const est = [ORDERS_TITLE, SALES_TITLE].reduce((n, t) => n + (r.reports[t] ? (r.reports[t].added + r.reports[t].updated) * (r.sheetWidth[t] || 0) : 0), 0) + (daily ? daily.changedCells + (daily.rowsAfter - daily.rowsBefore) * daily.width : 0);
    const actual = (r.diffs || []).reduce((n, d) => n + d.changedCells + (d.rowsAfter - d.rowsBefore) * d.width, 0);
    return { r, est, actual, ratio: est ? r.cellsWritten / est : Infinity, strict: actual ? r.cellsWritten / actual : Infinity };
  });
  out.push({
    target: 'cells written ≤ 1.1 × cells that changed (estimate: rows added/updated × sheet width, plus the daily table\'s changed cells)',
    measured: ratios
      .map((x) => `run ${x.r.n}: ${fmtInt(x.r.cellsWritten)} written / ${fmtInt(x.est)} estimated = ${x.ratio.toFixed(2)}× (cells that really differ, by diffing the sheets, incl. appended rows: ${fmtInt(x.actual)}, i.e. ${x.strict.toFixed(2)}×)`)
      .join('; '),
    met: ratios.every((x) => x.ratio <= 1.1) ? 'MET (by the issue\'s estimate)' + (ratios.every((x) => x.strict <= 1.1) ? '' : '; not by the strict cell diff') : 'NOT MET',
  });
  out.push({
    target: 'hourly incremental run < 30 s of virtual time',
    measured: inc.map((r) => `run ${r.n}: ${fmtS(r.virtualMs)} s (${fmtInt(r.cellsRead)} cells read, ${r.fetches} fetches)`).join('; '),
    met: inc.every((r) => r.virtualMs < 30000) ? 'MET' : 'NOT MET',
  });
  return out;
}

function incrementalTable(b2: ScenarioResult): string {
  const phase = b2.phases.find((p) => p.name === 'hourly incremental');
  if (!phase) return '';
  const rows: (string | number)[][] = [];
  for (const r of b2.runs.slice(phase.from - 1, phase.to)) {
    for (const t of [ORDERS_TITLE, SALES_TITLE]) {
      const rep = r.reports[t];
      const d = (r.diffs || []).find((x) => x.sheet === t);
      const pr = r.perReport && r.perReport[t];
      const p = t === SALES_TITLE ? SALES_PATH : ORDERS_PATH;
      rows.push([
        r.n,
        t,
        requestsCell(r, p),
        rep ? rep.added : '-',
        rep ? rep.updated : '-',
        r.sheetWidth[t] || 0,
        rep ? fmtInt((rep.added + rep.updated) * (r.sheetWidth[t] || 0)) : '-',
        d ? fmtInt(d.changedCells + (d.rowsAfter - d.rowsBefore) * d.width) : '-',
        d ? d.changedRuns + ' (median gap ' + fmtInt(d.medianGap) + ' rows)' : '-',
        pr ? fmtInt(pr.calls) : '-',
        pr ? fmtInt(pr.cellsWritten) : '-',
        pr ? fmtInt(pr.cellsRead) : '-',
        pr ? fmtS(pr.virtualMs) : '-',
      ]);
    }
    rows.push([r.n, '**whole run**', Object.keys(r.requests).map((p) => p + ' ' + requestsCell(r, p)).join('; '), '', '', '', '', '', '', fmtInt(r.calls), fmtInt(r.cellsWritten), fmtInt(r.cellsRead), fmtS(r.virtualMs)]);
  }
  return table(
    ['run', 'report', 'requests (status)', 'new', 'updated', 'sheet width', 'est. changed cells (rows × width)', 'cells that really differ', 'runs of adjacent updated rows', 'SpreadsheetApp calls', 'cells written', 'cells read', 'virtual s'],
    rows,
  );
}

function findings(all: Record<string, ScenarioResult>): string[] {
  const out: string[] = [];
  const pages = Object.values(all).flatMap((s) => s.pages.filter((p) => p.rows > 0));
  if (pages.length) {
    const bpr = pages.reduce((a, p) => a + p.bytes, 0) / pages.reduce((a, p) => a + p.rows, 0);
    out.push(
      `WB rows average ${Math.round(bpr)} bytes of JSON (emulator), so UrlFetchApp's ${fmtInt(MAX_RESPONSE_BYTES / 1048576)} MB cap holds at most ~${fmtInt(MAX_RESPONSE_BYTES / bpr)} rows: ` +
        `a full ${fmtInt(DEFAULT_PAGE_LIMIT)}-row page (${fmtMB(DEFAULT_PAGE_LIMIT * bpr)} MB) never fits (design.md's estimate of 600–700 bytes a row gives 65–75k rows: still short of a full page). Largest answers seen: ` +
        DATA_PATHS.map((path) => pages.filter((p) => p.path === path).sort((a, b) => b.bytes - a.bytes)[0])
          .filter(Boolean)
          .map((p) => `${p.path.replace('/api/v1/supplier/', '')} ${fmtInt(p.rows)} rows = ${fmtMB(p.bytes)} MB`)
          .join(', ') +
        '. Any seller with more than ~' + fmtInt(MAX_RESPONSE_BYTES / bpr) + ' orders or sales changed since the cursor gets a first page over the cap — with these emulated rows that is already the 1,000-orders-a-day seller (' + fmtInt(all.B ? all.B.truth[ORDERS_TITLE] || 0 : 0) + ' orders, ' + fmtInt(all.B ? all.B.truth[SALES_TITLE] || 0 : 0) + ' sales in 90 days).',
    );
  }
  for (const s of Object.values(all)) {
    const bf = s.phases.find((p) => p.name === 'backfill');
    const runs = bf ? s.runs.slice(bf.from - 1, bf.to) : [];
    const virt = runs.reduce((a, r) => a + r.virtualMs, 0);
    const slept = runs.reduce((a, r) => a + r.sleepMs, 0);
    const byDay = runs.filter((r) => Object.values(r.reports).some((x) => /по дням/.test(x.text))).length;
    if (runs.length > 1 && virt > 0 && slept / virt > 0.5) {
      const reqs = (p: string) => runs.reduce((a, r) => a + Object.values(r.requests[p] || {}).reduce((x, y) => x + y, 0), 0);
      out.push(
        `**${s.id}: the backfill is mostly waiting for WB's rate limits.** ${runs.length} hourly runs (${fmtInt(reqs(ORDERS_PATH))} orders and ${fmtInt(reqs(SALES_PATH))} sales requests` +
          (byDay ? `; ${byDay} run(s) loading day by day with one request per day` : '') +
          `) took ${fmtS(virt)} s of virtual time, ${fmtS(slept)} s (${((100 * slept) / virt).toFixed(0)} %) of it in \`Utilities.sleep\` waiting for a bucket (sales: 1 request a minute) — execution time that counts against Apps Script's 6-minute limit and, for scheduled runs, the 90 minutes a day of trigger time. Ending: ${s.ending}.`,
      );
    }
    const tl = s.runs.flatMap((r) => Object.entries(r.reports).filter(([, x]) => /50 МБ/.test(x.text)));
    if (tl.length)
      out.push(
        `**${s.id}: oversized pages stop the backfill for good.** ${tl.length} report refresh(es) ended with "${tl[0][1].text}". ` +
          `The add-on neither retries the span in smaller pieces (e.g. \`flag=1\` day by day, as /work/shared/docs/design.md asks) nor moves its cursor, so every later run fetches the same oversized page again (${s.ending}).`,
      );
    const full = s.runs.flatMap((r) => Object.entries(r.reports).filter(([, x]) => /10 млн/i.test(x.text)));
    if (full.length) {
      const last = s.runs[s.runs.length - 1];
      const title = full[0][0];
      const width = last.sheetWidth[title] || 0;
      out.push(
        `**${s.id}: the sheet hits Google's 10-million-cell limit** at ${fmtInt(last.sheetRows[title] || 0)} rows × ${width} columns: "${full[0][1].text}" ` +
          `A ${width}-column sheet holds at most ~${fmtInt(10000000 / Math.max(1, width))} rows in an otherwise empty spreadsheet, fewer than the ${fmtInt(s.truth[title] || 0)} sales rows WB keeps for this seller. ` +
          `Each later run still reads ${fmtInt(last.cellsRead)} cells (${((100 * last.cellsRead) / Math.max(1, (last.sheetRows[title] || 0) * width)).toFixed(0)} % of the sheet's cells) and takes ${fmtS(last.virtualMs)} s virtual before it fails again.`,
      );
    }
  }
  const b2 = all.B2;
  const phase = b2 && b2.phases.find((p) => p.name === 'hourly incremental');
  if (b2 && phase) {
    const inc = b2.runs.slice(phase.from - 1, phase.to);
    const r = inc[0];
    const salesPages = b2.pages.filter((p) => p.run >= phase.from && p.run <= phase.to && p.path === SALES_PATH && p.wrote);
    const d = (r.diffs || []).find((x) => x.sheet === SALES_TITLE);
    const sp = salesPages.find((p) => p.run === r.n);
    if (d && sp) {
      out.push(
        `**Per-row writes for scattered updates.** In run ${r.n} the sales page updated ${d.changedRows} existing rows that lie in ${d.changedRuns} separate runs of adjacent rows, ` +
          `a median ${fmtInt(d.medianGap)} rows apart (WB fills in a sale's money up to 24 h after the sale, so rows written by earlier runs change, spread over the sheet); the page took ${sp.calls} SpreadsheetApp calls: ` +
          Object.entries(sp.hist).sort((a, b) => b[1] - a[1]).map(([k, v]) => k + '×' + v).join(', ') +
          `. \`SheetTable.upsert\` (src/store/table.ts) writes each run of adjacent changed rows as its own block (getRange + setNumberFormats + setValues per block); joining blocks across unchanged rows within a 10 % budget cannot bridge gaps this wide, so calls grow with the number of updated rows, not with pages.`,
      );
    }
    const reads = inc.map((x) => x.cellsRead);
    const rows = r.sheetRows[ORDERS_TITLE] * (r.sheetWidth[ORDERS_TITLE] || 0) + r.sheetRows[SALES_TITLE] * (r.sheetWidth[SALES_TITLE] || 0);
    out.push(
      `**Every refresh rebuilds its key index from the sheet.** Each hourly run read ${reads.map(fmtInt).join(' / ')} cells ` +
        `(${((100 * r.cellsRead) / Math.max(1, rows)).toFixed(0)} % of the ${fmtInt(rows)} cells the orders and sales sheets hold; \`SheetTable.loadIndex\` on a fresh table each run), i.e. ${fmtS(r.cellsRead * SPREADSHEET_CELL_MS)} s of the run's ${fmtS(r.virtualMs)} s virtual time, ` +
        `while it wrote ${fmtInt(r.cellsWritten)} cells (Node CPU of the run: ${fmtS(r.cpuAddonMs)} s). That part of the hourly cost grows with the sheet, not with the changes; the sheets never shrink ` +
        `(rows whose order left WB's 90 days stay), so this seller's orders+sales sheets add ~${fmtInt(((inc[inc.length - 1].sheetRows[ORDERS_TITLE] + inc[inc.length - 1].sheetRows[SALES_TITLE] - r.sheetRows[ORDERS_TITLE] - r.sheetRows[SALES_TITLE]) / Math.max(1, inc.length - 1)) * 24)} rows a day (extrapolated from these runs).`,
    );
    const ratios = inc.map((x) => {
      const dd = x.diffs || [];
      const diffCells = dd.reduce((n, y) => n + y.changedCells + (y.rowsAfter - y.rowsBefore) * y.width, 0);
      return x.cellsWritten / Math.max(1, diffCells);
    });
    if (ratios.some((x) => x > 1.1))
      out.push(
        `**Updated rows are rewritten in full.** Cells written are ${ratios.map((x) => x.toFixed(2) + '×').join(' / ')} the cells that really differ after the run (diff of the sheets): an updated row is rewritten across all its columns although WB changed a few of them (lastChangeDate and money fields).`,
      );
  }
  out.push(
    'Bench note (tests/runtime, not the add-on): `rt.peek()` promises calls that "cost no virtual time and count in no stats", but `Ctx.cells()` / `Ctx.touch()` ignore `quiet`, so a peeked `getValues()` still advances the clock and `cellsRead`. The bench puts both back after each observation (`observe()` in scripts/bench.ts).',
  );
  return out;
}

/** One line per scenario: the table to read first. */
function summaryTable(all: Record<string, ScenarioResult>): string {
  const rows = Object.values(all).map((s) => {
    const sum = (f: (r: RunRec) => number) => s.runs.reduce((a, r) => a + f(r), 0);
    const bf = s.phases.find((p) => p.name === 'backfill');
    const titles = Object.keys(s.truth);
    const rowsOf = (r: RunRec) => titles.reduce((n, t) => n + (r.reports[t] ? r.reports[t].added + r.reports[t].updated : 0), 0);
    // CPU per row: over the backfill runs that wrote rows (a failing run's CPU goes to reading the sheet).
    const bfRuns = (bf ? s.runs.slice(bf.from - 1, bf.to) : s.runs).filter((r) => rowsOf(r) > 0);
    const bfRows = bfRuns.reduce((a, r) => a + rowsOf(r), 0);
    const bfCpu = bfRuns.reduce((a, r) => a + r.cpuAddonMs, 0);
    const reqs = sum((r) => Object.entries(r.requests).filter(([p]) => DATA_PATHS.indexOf(p) >= 0).reduce((a, [, st]) => a + Object.values(st).reduce((x, y) => x + y, 0), 0));
    return [
      s.id,
      `${s.params.ordersPerDay}/day, ${s.params.articles} articles`,
      `${s.params.urlFetchCapMB} MB`,
      s.runs.length,
      s.ending,
      titles.map((t) => `${t.replace('WB ', '')} ${fmtInt((s.inSheet[t] || { matched: 0 }).matched)} / ${fmtInt(s.truth[t])} (${s.truth[t] ? ((100 * (s.inSheet[t] || { matched: 0 }).matched) / s.truth[t]).toFixed(1) : '0'} %)`).join('; '),
      reqs,
      fmtInt(sum((r) => r.calls)),
      fmtInt(sum((r) => r.cellsWritten)),
      fmtS(sum((r) => r.virtualMs)),
      bfRows ? fmtInt((bfCpu / bfRows) * 10000) : 'n/a (0 rows)',
      fmtInt(s.peakRssMb),
      fmtS(s.wallMs),
    ];
  });
  return table(
    ['scenario', 'seller', 'UrlFetch cap', 'refreshes', 'ending', "WB's rows that reached the sheet / rows WB keeps", 'orders+sales requests', 'SpreadsheetApp calls', 'cells written', 'virtual s (all runs)', 'backfill CPU ms / 10k rows (add-on+runtime, runs that wrote rows)', 'peak RSS MB', 'wall s'],
    rows,
  );
}

function costModel(): string {
  return `## Cost model (what the offline runtime charges)

Virtual time is the offline runtime's clock (\`tests/runtime/clock.ts\`); the add-on reads it
through \`new Date()\`, so its own budgets (270 s per refresh, 6-minute execution limit) are
measured on it. The charges:

| Apps Script call | virtual time | where |
|---|---|---|
| any \`SpreadsheetApp\` method (on SpreadsheetApp, Spreadsheet, Sheet, Range, DeveloperMetadata…) | **${SPREADSHEET_CALL_MS} ms per call** | \`SPREADSHEET_CALL_MS\` in \`tests/runtime/context.ts\` (\`Ctx.invoke\`) |
| each cell a call reads or writes (\`getValues\`, \`setValues\`, \`appendRow\`, \`copyTo\`…) | **${SPREADSHEET_CELL_MS} ms per cell** (${fmtInt(1 / SPREADSHEET_CELL_MS)} cells per second), also counted in \`cellsRead\` / \`cellsWritten\` | \`SPREADSHEET_CELL_MS\`, \`Ctx.cells()\` |
| each cell a call formats, clears or shifts (\`setNumberFormats\`, \`clear\`, \`insertRowsAfter\` = rows × max columns…) | ${SPREADSHEET_CELL_MS} ms per cell, not counted as read/written | \`Ctx.touch()\` |
| \`SpreadsheetApp.flush()\` | ${SPREADSHEET_CALL_MS} ms (a no-op call) | \`tests/runtime/spreadsheet-app.ts\` |
| \`UrlFetchApp.fetch\` | **400 ms** latency per request (\`fetchLatencyMs\`, default 400) | \`tests/runtime/urlfetch.ts\`, \`tests/runtime/index.ts\` |
| \`UrlFetchApp.fetchAll\` | 400 ms once for the whole batch (requests are "parallel") | \`tests/runtime/urlfetch.ts\` |
| response over ${fmtInt(MAX_RESPONSE_BYTES / 1048576)} MB | throws \`Response too large: <url>\` (after the 400 ms) | \`MAX_RESPONSE_BYTES\`, option \`maxResponseBytes\` |
| \`Utilities.sleep(ms)\` | exactly \`ms\` (also summed in \`sleepMs\`; max 300,000) | \`tests/runtime/utilities.ts\` |
| \`LockService\` \`tryLock\`/\`waitLock\` | the wait for a lock another execution holds, else 0 | \`tests/runtime/lock.ts\` |
| Properties, Cache, Session, Logger, HtmlService, ScriptApp, Utilities (other than sleep) | 0 | — |
| JavaScript CPU of the add-on itself (parsing JSON, building rows, the key index) | **0** — not modelled; reported here as Node CPU instead | — |

Where the numbers come from: the runtime's sources state them as constants without a
citation; they are modelling assumptions, not measurements. For comparison, the project's
Apps Script notes (\`/work/shared/docs/apps-script.md\` §1.6) cite one measured case of a
4,000-cell write taking < 50 ms (≈ 0.0125 ms per cell, i.e. 6× the runtime's per-cell
charge) and \`SpreadsheetApp.flush()\` taking ~600 ms when it has writes to commit (the
runtime charges 2 ms). Real UrlFetch latency to WB also depends on the answer's size (a
50 MB page takes seconds to transfer); the runtime charges a flat 400 ms. So virtual times
here are **lower bounds** for a real spreadsheet: treat the ratios between runs and the call
and cell counts as the robust part. The limits the runtime enforces are Google's documented
ones (6 min per execution, 50 MB per UrlFetch answer, 10 million cells per spreadsheet,
20,000 UrlFetch calls a day on a consumer account).

The emulator's rate buckets follow WB's documentation; for a Personal key the sales method
allows 1 request a minute (burst 1), orders 1 a minute with a burst of 10. The add-on
sleeps through short waits (\`Utilities.sleep\`, shown as "waits s").
`;
}

function report(all: Record<string, ScenarioResult>, meta: { commit: string; dirty: string; totalWallMs: number; when: string }): string {
  const parts: string[] = [];
  parts.push(`# WB Sheets benchmark

Generated by \`npm run bench\` (\`scripts/bench.ts\`) on ${meta.when}, git ${meta.commit}${meta.dirty}, Node ${process.version},
${os.cpus().length} CPU(s). Total wall time ${fmtS(meta.totalWallMs)} s. The add-on is the built \`dist/\` bundle
loaded into the offline Apps Script runtime (\`tests/bundle/harness.ts\`) against the WB emulator;
start time ${new Date(START).toISOString()} (virtual). Every refresh is started as the seller
would (\`h.call('syncSalesNow')\` / \`h.call('syncAllNow')\`, AuthMode FULL); between refreshes
the virtual clock moves to one hour after the previous one's start, as an hourly schedule would.

Columns: *requests* are the emulator's request log for the path (with HTTP status; a
response over the cap is still a 200 on the WB side — UrlFetchApp refuses it);
*SpreadsheetApp calls*, *cells written/read*, *waits* (\`Utilities.sleep\`) and *virtual s* are
the runtime's counters for the refresh; *CPU add-on+runtime* is Node CPU time of the refresh
minus the emulator's share (generating WB's answers); *CPU ms / 10k rows* divides the
former by the rows the add-on reported as new or updated (in the run log) — for hourly
incremental runs it is dominated by rebuilding the key index from the sheet, not a per-row cost.
A backfill stops when every report ends *готово* (its last page was short), or when
${STUCK_AFTER} runs in a row make no progress with the same message (\`BENCH_STUCK_AFTER\`), or
after ${MAX_RUNS} runs (\`BENCH_MAX_RUNS\`).
`);
  parts.push('## Summary\n\n' + summaryTable(all));
  const v = verdicts(all.B2, all.A2);
  if (v.length) parts.push('## Targets (issue)\n\n' + table(['target', 'measured', 'result'], v.map((x) => [x.target, x.measured, x.met])));
  const f = findings(all);
  if (f.length) parts.push('## What the numbers show\n\n' + f.map((x) => '- ' + x).join('\n'));

  const section = (s: ScenarioResult | undefined, titles: string[], heading: string) => {
    if (!s) return;
    const lines = [`## ${heading} — ${s.title}`, '', scenarioHeader(s), ''];
    for (const ph of s.phases) {
      lines.push(`### ${ph.name} (runs ${ph.from}–${ph.to})`, '', runsTable(s, titles, ph.from, ph.to), '', totalsLine(s, titles, ph.from, ph.to), '');
    }
    lines.push('Final rows vs WB:', '', truthLines(s), '');
    if (s.pages.length) lines.push('### Pages (one row per statistics answer)', '', 'SpreadsheetApp calls of a page: from its request to the `SpreadsheetApp.flush()` that ends its upsert; a page that is not written ends at the next request or when the refresh records its result (`wb.lastSync`, just before the run log). The first page of a report also carries finding or creating its sheet and reading it for the key index.', '', pagesTable(s.pages), '');
    parts.push(lines.join('\n'));
  };
  parts.push(costModel());
  section(all.A, [SALES_TITLE], 'Scenario A');
  section(all.A2, [SALES_TITLE], 'Scenario A2');
  section(all.B, [ORDERS_TITLE, SALES_TITLE], 'Scenario B');
  section(all.B2, [ORDERS_TITLE, SALES_TITLE], 'Scenario B2');
  if (all.B2) {
    const it = incrementalTable(all.B2);
    if (it) parts.push('## Hourly incremental runs (scenario B2), per report\n\nPer report: from its progress toast to the next report\'s (the last one includes the run log and the closing toast). *Cells that really differ* come from diffing the orders and sales sheets before and after the run (appended rows count in full).\n\n' + it);
  }
  return parts.join('\n\n') + '\n';
}

// ---------------------------------------------------------------- main

function child(id: string): void {
  const fn = SCENARIOS[id];
  if (!fn) throw new Error('unknown scenario ' + id);
  const result = fn();
  fs.writeFileSync(process.env.BENCH_OUT as string, JSON.stringify(result));
}

function parent(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'Code.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const only = (process.env.BENCH_ONLY || '').split(',').map((s) => s.trim()).filter(Boolean);
  const ids = only.length ? only : Object.keys(SCENARIOS);
  const t0 = Date.now();
  const all: Record<string, ScenarioResult> = {};
  for (const id of ids) {
    const out = path.join(os.tmpdir(), `wb-bench-${process.pid}-${id}.json`);
    const r = spawnSync(process.execPath, ['--max-old-space-size=' + HEAP_MB, process.argv[1]], {
      env: { ...process.env, BENCH_SCENARIO: id, BENCH_OUT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0 || !fs.existsSync(out)) {
      process.stderr.write(`[${id}] failed: status ${r.status} signal ${r.signal}\n`);
      continue;
    }
    all[id] = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.unlinkSync(out);
  }
  let commit = 'unknown';
  let dirty = '';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    const st = execSync('git status --porcelain -- src', { cwd: ROOT }).toString().trim();
    if (st) dirty = ` (working tree: ${st.split('\n').length} uncommitted change(s) under src/)`;
  } catch {
    /* not a git checkout */
  }
  const text = report(all, { commit, dirty, totalWallMs: Date.now() - t0, when: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC' });
  process.stdout.write(text);
  if (!only.length) {
    const file = path.join(ROOT, 'docs', 'benchmark.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stderr.write('Written: ' + path.relative(process.cwd(), file) + '\n');
  }
}

try {
  if (process.env.BENCH_SCENARIO) child(process.env.BENCH_SCENARIO);
  else parent();
} catch (e) {
  console.error(e);
  process.exit(1);
}
