/**
 * Fault injection around the built add-on (dist/) for the property-based suite.
 *
 * runCase (faults.test.ts, base-key.test.ts) drives two harnesses of the same emulator
 * seed and key on one virtual time line:
 *   F ("faulty") runs the scenario's refreshes with faults, kills, clock jumps, held locks,
 *     concurrent refreshes and seller edits, then the final clean rounds;
 *   C ("clean") runs only clean refreshes: the first load at the start time, then the
 *     same final rounds as F at the same virtual instants.
 * WB changes (changeRandomRows) happen on both at the same instants, so both emulators
 * hold the same seller data whenever they answer (the generator's data at time T does
 * not depend on how the clock got there). The five report sheets are then compared
 * (compareReports): orders, sales, supplies and realization as sets of rows by key
 * (content included, no key twice, no row without a key), stocks as a multiset of rows
 * without its snapshot time; plus headers, frozen header row and stray sheets. Rows that
 * legitimately depend on WHEN a sheet was (re)loaded — orders and sales whose order is
 * about to leave WB's 90-day retention, realization periods starting in the first 8 of
 * the 90 days — are left out of the set comparison (windowAt), not out of the checks
 * for doubles and keyless rows.
 *
 * runTwinKill / killEverywhere (kills.test.ts, regressions.test.ts, sweep.test.ts) run
 * twins with the SAME history but one refresh killed at an exact service call.
 *
 * Nothing here changes the runtime or the emulator: kills go through the runtime's own
 * execution context (reachable as `rt.spreadsheet._ctx`, since `_`-properties pass the
 * service proxy unguarded): a wrapper of its `invoke` counts the execution's service
 * calls and marks the execution dead at the chosen one, so the runtime throws its
 * 'Exceeded maximum execution time' there and at every later call, as Apps Script does;
 * a per-run time limit sets its `executionLimitMs` for one run. Slow answers, truncated
 * bodies and concurrent refreshes wrap the emulator instance's `handle`, which the
 * harness's fetchHandler looks up at each request. Unconsumed failNext entries are
 * dropped after each run (the emulator's private `failures` list).
 */
import { Harness, loadBundle } from '../bundle/harness';
import { TIMEOUT_MESSAGE } from '../runtime';
import type { FakeRequest, FakeResponse } from '../shared/http';

export const MINUTE = 60000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A small seller keeps a case to a few seconds. */
export const SELLER = { articles: 6, ordersPerDay: 15 };
export const CATEGORIES = [5, 2, 10, 13];
const TABLE_TAG = 'wb-sheets.table';

export type ReportId = 'orders' | 'sales' | 'stocks' | 'supplies' | 'realization';
export const REPORT_IDS: ReportId[] = ['orders', 'sales', 'stocks', 'supplies', 'realization'];
export const TITLES: Record<ReportId, string> = {
  orders: 'WB Заказы',
  sales: 'WB Продажи',
  stocks: 'WB Остатки',
  supplies: 'WB Поставки',
  realization: 'WB Реализация',
};
/** Row identity by header text (orders, sales, supplies, realization are compared as sets of rows by key). */
const KEY_HEADERS: Record<ReportId, string[] | null> = {
  orders: ['ID заказа (srid)'],
  sales: ['ID продажи'],
  stocks: null, // a snapshot: compared by content (a multiset of rows)
  // a virtual supply has no order number: its supplyID tells it apart
  supplies: ['Номер заказа поставки', 'Номер поставки', 'Баркод'],
  realization: ['ID строки'],
};
/** WB stamps each stock snapshot with the moment it was downloaded: the two harnesses download at different moments. */
const STOCK_TIME_HEADER = 'Снимок на';

export const WB_PATHS = [
  '/api/v1/supplier/orders',
  '/api/v1/supplier/sales',
  '/api/v1/warehouse_remains',
  '/api/v1/supplies',
  '/api/finance/v1/sales-reports/detailed',
] as const;

export const OPS = ['syncAllNow', 'syncOrdersNow', 'syncSalesNow', 'syncStocksNow', 'syncSuppliesNow', 'syncRealizationNow', 'scheduledSync'] as const;
export type Op = (typeof OPS)[number];

// ---------------------------------------------------------------------------------
// Scenario vocabulary (what the arbitraries generate)

export type Fault =
  /** h.wb.failNext(path, 429 + X-Ratelimit-Retry, times) */
  | { kind: 'rate'; path: string; retrySec: number; times: number }
  /** h.wb.failNext(path, 5xx, times) */
  | { kind: 'server'; path: string; status: number; times: number }
  /** h.wb.failNext(path, 200 text/html, times) */
  | { kind: 'html'; path: string; times: number }
  /** h.wb.failNext(path, Error, times): no HTTP answer at all */
  | { kind: 'network'; path: string; message: string; times: number }
  /** The nth request whose path starts with `prefix` reaches WB, but its 200 body is cut at `fraction` of its length. */
  | { kind: 'truncate'; prefix: string; nth: number; fraction: number }
  /** The nth WB request of the run takes `ms` of virtual time (a slow answer; past 6 min the execution is killed). */
  | { kind: 'slow'; nth: number; ms: number }
  /** While the nth WB request of the run is in flight, another refresh starts (a second click, the schedule): it must be refused. */
  | { kind: 'concurrent'; nth: number; op: Op };

export type Kill =
  /** Killed before the service call at `fraction` of the calls the previous run of this op made. */
  | { kind: 'call'; fraction: number }
  /** Killed before the service call with this index (0-based) in the run. */
  | { kind: 'at'; index: number }
  /** Killed right before (or right after) the nth call of a service method in the run. */
  | { kind: 'method'; method: string; nth: number; after: boolean }
  /** The execution's time limit for this run only (default 6 min). */
  | { kind: 'limit'; ms: number };

export type Edit =
  | { kind: 'sort'; report: ReportId; column: number; ascending: boolean }
  | { kind: 'rename'; report: ReportId; name: string }
  | { kind: 'move'; report: ReportId; position: number }
  | { kind: 'insertColumn'; report: ReportId; position: number }
  | { kind: 'delete'; report: ReportId };

export interface Step {
  /** virtual time between the previous step (or the previous run's end) and this run */
  gapMs: number;
  /** fraction of rows WB changes at this step's start (on both harnesses); 0 = none */
  wbChange: number;
  edits: Edit[];
  /** another execution holds the document lock this long from the step's start; 0 = free */
  lockMs: number;
  faults: Fault[];
  kill: Kill | null;
  op: Op;
}

export type KeyType = 'personal' | 'base';

export interface Scenario {
  seed: number;
  steps: Step[];
  /** default 'personal' */
  keyType?: KeyType;
  /** the key's categories; default all four (CATEGORIES) */
  categories?: number[];
}

// ---------------------------------------------------------------------------------
// Instrumented harness

type Outcome = 'ok' | 'error' | 'busy' | 'killed';

interface KillPlan {
  kill: Kill;
  /** total service calls of the run to expect (for 'call' kills) */
  expected: number;
}

/**
 * Counts the service calls of the running execution and kills it on plan; wraps the
 * emulator for slow answers and truncated bodies.
 */
export class Instrument {
  readonly ctx: any;
  /** guarded service calls (outermost only) of the current run */
  calls = 0;
  /** 'Service.method' of each of those calls */
  trace: string[] = [];
  private methodCalls = new Map<string, number>();
  private killPlan: KillPlan | null = null;
  private killNext = false;
  killedAt: string | null = null;
  private fetchFaults: Fault[] = [];
  private requestsInRun = 0;
  private prefixCounts = new Map<string, number>();
  private savedLimit: number;
  readonly log: string[] = [];
  /** what went wrong outside the sheets (a concurrent refresh that was not refused) */
  readonly violations: string[] = [];

  constructor(private readonly h: Harness) {
    this.ctx = (h.rt.spreadsheet as any)._ctx;
    if (!this.ctx || typeof this.ctx.invoke !== 'function' || typeof this.ctx.exec !== 'function') {
      throw new Error('the runtime context is not reachable: kills need rt.spreadsheet._ctx (see tests/faults/lib.ts)');
    }
    this.savedLimit = this.ctx.executionLimitMs;
    const ctx = this.ctx;
    const invoke = ctx.invoke;
    const self = this;
    ctx.invoke = function (target: any, name: string, fn: Function, args: unknown[]) {
      if (ctx.depth === 0 && ctx.quiet === 0 && ctx.inRun()) self.beforeCall(String(target && target._svc) + '.' + name, name);
      return invoke.call(ctx, target, name, fn, args);
    };
    const handle = h.wb.handle.bind(h.wb);
    h.wb.handle = (req: FakeRequest, now: number): FakeResponse => this.onRequest(req, now, handle);
  }

  private beforeCall(full: string, name: string): void {
    const n = this.calls++;
    this.trace.push(full);
    const count = (this.methodCalls.get(name) || 0) + 1;
    this.methodCalls.set(name, count);
    if (!this.killPlan || this.killedAt) return;
    const k = this.killPlan.kill;
    let die = false;
    if (this.killNext) die = true;
    else if (k.kind === 'call') die = n === Math.floor(k.fraction * this.killPlan.expected);
    else if (k.kind === 'at') die = n === k.index;
    else if (k.kind === 'method' && name === k.method && count === k.nth) {
      if (k.after) this.killNext = true;
      else die = true;
    }
    if (die) {
      this.killedAt = `${full} (call #${n})`;
      this.ctx.exec().dead = true; // the runtime throws 'Exceeded maximum execution time' at this call, and at every later one
    }
  }

  private onRequest(req: FakeRequest, now: number, handle: (req: FakeRequest, now: number) => FakeResponse): FakeResponse {
    const nth = ++this.requestsInRun;
    const path = new URL(req.url).pathname;
    for (const f of this.fetchFaults) {
      if (f.kind === 'slow' && f.nth === nth) {
        this.h.rt.clock.advance(f.ms);
        this.log.push(`slow answer +${f.ms} ms at request ${nth} ${path}`);
      }
      if (f.kind === 'concurrent' && f.nth === nth) {
        const at = this.h.rt.clock.now();
        let outcome: string;
        try {
          if (f.op === 'scheduledSync') {
            this.h.rt.run(() => this.h.scope.scheduledSync(), { authMode: 'FULL', trigger: true });
            const last = JSON.parse(this.h.rt.documentProperties()['wb.lastSync'] || '{}');
            outcome = last.at >= at ? 'ran' : 'refused';
          } else {
            const res = this.h.call(f.op);
            outcome = res.busy ? 'refused' : 'ran';
          }
        } catch (e) {
          outcome = 'threw ' + String((e as Error).message);
        }
        this.log.push(`concurrent ${f.op} during request ${nth} ${path}: ${outcome}`);
        if (outcome !== 'refused') this.violations.push(`a ${f.op} started during another refresh was not refused: ${outcome}`);
      }
    }
    const response = handle(req, now);
    for (const f of this.fetchFaults) {
      if (f.kind !== 'truncate' || !path.startsWith(f.prefix)) continue;
      const seen = (this.prefixCounts.get(f.prefix) || 0) + 1;
      this.prefixCounts.set(f.prefix, seen);
      if (seen === f.nth && response.status === 200 && response.body.length > 1) {
        const cut = Math.max(1, Math.min(response.body.length - 1, Math.floor(f.fraction * response.body.length)));
        this.log.push(`truncated ${path} to ${cut}/${response.body.length} chars`);
        return { ...response, body: response.body.slice(0, cut) };
      }
    }
    return response;
  }

  /** Arms one run: WB failures, transport faults and a kill. */
  arm(faults: Fault[], kill: Kill | null, expectedCalls: number): void {
    this.calls = 0;
    this.trace = [];
    this.methodCalls.clear();
    this.killedAt = null;
    this.killNext = false;
    this.requestsInRun = 0;
    this.prefixCounts.clear();
    this.fetchFaults = faults.filter((f) => f.kind === 'truncate' || f.kind === 'slow' || f.kind === 'concurrent');
    for (const f of faults) {
      if (f.kind === 'rate') {
        this.h.wb.failNext(
          f.path,
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'X-Ratelimit-Retry': String(f.retrySec), 'X-Ratelimit-Limit': '1', 'X-Ratelimit-Reset': String(f.retrySec) }, body: '{"title":"too many requests","detail":"limited by c4f5b3a2","status":429}' },
          f.times,
        );
      } else if (f.kind === 'server') {
        this.h.wb.failNext(f.path, { status: f.status, headers: { 'Content-Type': 'text/plain' }, body: f.status === 502 ? '<html><body>502 Bad Gateway</body></html>' : 'upstream error' }, f.times);
      } else if (f.kind === 'html') {
        this.h.wb.failNext(f.path, { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<!DOCTYPE html><html><body><h1>Технические работы</h1></body></html>' }, f.times);
      } else if (f.kind === 'network') {
        this.h.wb.failNext(f.path, new Error(f.message), f.times);
      }
    }
    this.killPlan = kill ? { kill, expected: expectedCalls } : null;
    if (kill && kill.kind === 'limit') this.ctx.executionLimitMs = kill.ms;
  }

  /** Disarms: failures the run did not consume are dropped (they must not leak into later runs). */
  disarm(): void {
    (this.h.wb as any).failures.splice(0);
    this.fetchFaults = [];
    this.killPlan = null;
    this.killNext = false;
    this.ctx.executionLimitMs = this.savedLimit;
  }
}

export interface Side {
  h: Harness;
  ins: Instrument;
  /** service calls of the last completed run per op, to aim 'call' kills */
  callsByOp: Map<string, number>;
}

export function makeSide(seed: number, keyType: KeyType = 'personal', categories: number[] = CATEGORIES): Side {
  const h = loadBundle({ emulator: { seed, ...SELLER } });
  const ins = new Instrument(h);
  const key = h.wb.makeKey({ type: keyType, categories });
  const saved = h.run('saveKey', key);
  if (!saved.ok) throw new Error('key refused: ' + saved.message);
  return { h, ins, callsByOp: new Map() };
}

function isTimeout(e: unknown): boolean {
  return !!e && typeof (e as Error).message === 'string' && (e as Error).message === TIMEOUT_MESSAGE;
}

export interface RunRecord {
  op: Op;
  at: number;
  outcome: Outcome;
  message: string;
  killedAt: string | null;
  calls: number;
}

/** One refresh; a kill ends it with the platform's timeout, anything else thrown is a bug and propagates. */
export function runOp(side: Side, op: Op, faults: Fault[] = [], kill: Kill | null = null): RunRecord {
  const { h, ins } = side;
  const at = h.rt.clock.now();
  ins.arm(faults, kill, side.callsByOp.get(op) ?? 600);
  let outcome: Outcome;
  let message = '';
  try {
    if (op === 'scheduledSync') {
      h.rt.run(() => h.scope.scheduledSync(), { authMode: 'FULL', trigger: true });
      const last = JSON.parse(h.rt.documentProperties()['wb.lastSync'] || '{}');
      outcome = !(last.at >= at) ? 'busy' : last.ok ? 'ok' : 'error';
      message = String(last.message || '');
    } else {
      const res = h.call(op);
      outcome = res.busy ? 'busy' : res.ok ? 'ok' : 'error';
      message = String(res.message);
    }
  } catch (e) {
    if (!isTimeout(e)) {
      ins.disarm();
      throw e;
    }
    outcome = 'killed';
    message = ins.killedAt ? 'killed before ' + ins.killedAt : 'killed by the time limit';
  }
  const calls = ins.calls;
  const killedAt = outcome === 'killed' ? ins.killedAt ?? 'time limit' : null;
  ins.disarm();
  if (outcome !== 'killed' && outcome !== 'busy') side.callsByOp.set(op, calls);
  return { op, at, outcome, message, killedAt, calls };
}

/** Finds a report's sheet the way the add-on does: by its developer metadata tag (the seller may rename it). */
export function reportSheet(h: Harness, id: ReportId): any | null {
  return h.rt.peek(() => {
    for (const sheet of h.rt.spreadsheet.getSheets()) {
      for (const m of sheet.getDeveloperMetadata()) if (m.getKey() === TABLE_TAG && m.getValue() === id) return sheet;
    }
    return null;
  });
}

export function applyEdit(h: Harness, e: Edit): string {
  const sheet = reportSheet(h, e.report);
  if (!sheet) return `${e.kind} ${e.report}: no sheet`;
  const ss = h.rt.spreadsheet;
  const lastCol = Math.max(1, sheet.getLastColumn());
  switch (e.kind) {
    case 'sort': {
      const col = 1 + (e.column % lastCol);
      sheet.sort(col, e.ascending);
      return `sort ${e.report} by column ${col} ${e.ascending ? 'asc' : 'desc'}`;
    }
    case 'rename': {
      if (ss.getSheetByName(e.name)) return `rename ${e.report}: name taken`;
      sheet.setName(e.name);
      return `rename ${e.report} to "${e.name}"`;
    }
    case 'move': {
      const pos = 1 + (e.position % ss.getNumSheets());
      ss.setActiveSheet(sheet);
      ss.moveActiveSheet(pos);
      return `move ${e.report} to position ${pos}`;
    }
    case 'insertColumn': {
      const col = 1 + (e.position % (lastCol + 1));
      if (col <= sheet.getMaxColumns()) sheet.insertColumnsBefore(col, 1);
      else sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
      sheet.getRange(1, col).setValue('Мои заметки ' + col);
      if (sheet.getLastRow() >= 2) sheet.getRange(2, col).setValue('проверить');
      return `insert a column before ${col} in ${e.report}`;
    }
    case 'delete': {
      ss.deleteSheet(sheet);
      return `delete ${e.report}`;
    }
  }
}

// ---------------------------------------------------------------------------------
// Comparing sheets

function cellText(v: unknown): string {
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') return 'D' + (v as Date).getTime();
  return JSON.stringify(v);
}

export interface SheetData {
  header: string[];
  rows: unknown[][];
  frozen: number;
  name: string;
}

export function readReport(h: Harness, id: ReportId): SheetData | null {
  const sheet = reportSheet(h, id);
  if (!sheet) return null;
  return h.rt.peek(() => {
    const values = sheet.getDataRange().getValues() as unknown[][];
    return { header: (values[0] || []).map(String), rows: values.slice(1), frozen: sheet.getFrozenRows(), name: sheet.getName() };
  });
}

/** Which rows both harnesses must hold: WB's retention and the first load's span differ with the moment of a (re)load. */
export interface Window {
  /** epoch ms: orders (by order date) and sales (by their order's date) older than this are not compared */
  statisticsFrom: number;
  /** epoch ms: realization rows of periods starting before this are not compared */
  realizationFrom: number;
  /** srid -> order date (epoch ms), from WB's truth */
  orderDate: Map<string, number>;
}

export function windowAt(h: Harness, now: number): Window {
  const orderDate = new Map<string, number>();
  for (const o of h.wb.orders()) orderDate.set(String(o.srid), Date.parse(String(o.date) + '+03:00'));
  return { statisticsFrom: now - 90 * DAY + DAY, realizationFrom: now - 90 * DAY + 8 * DAY, orderDate };
}

interface Keyed {
  rows: Map<string, string>;
  duplicates: string[];
  outside: number;
  /** rows with some content but an empty key */
  keyless: string[];
}

function keyed(id: ReportId, data: SheetData, columns: string[], w: Window): Keyed {
  const idx = (name: string) => data.header.indexOf(name);
  const keyCols = (KEY_HEADERS[id] as string[]).map(idx);
  const colIdx = columns.map(idx);
  const rows = new Map<string, string>();
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const keyless: string[] = [];
  let outside = 0;
  for (const r of data.rows) {
    if (r.every((v) => v === '' || v === null)) continue;
    if (keyCols.every((i) => i < 0 || r[i] === '' || r[i] === null)) {
      keyless.push(colIdx.map((i) => (i < 0 ? '' : cellText(r[i]))).filter((v) => v !== '""').slice(0, 6).join(' '));
      continue;
    }
    const key = keyCols.map((i) => (i < 0 ? '?' : String(r[i]))).join(' | ');
    const content = colIdx.map((i) => (i < 0 ? '<no column>' : cellText(r[i]))).join('\t');
    if (seen.has(key)) duplicates.push(key);
    seen.add(key);
    let inWindow = true;
    if (id === 'orders') {
      const d = r[idx('Дата заказа')] as Date;
      inWindow = !(d instanceof Date) || d.getTime() >= w.statisticsFrom;
    } else if (id === 'sales') {
      const t = w.orderDate.get(String(r[idx('ID заказа (srid)')]));
      inWindow = t === undefined || t >= w.statisticsFrom;
    } else if (id === 'realization') {
      const d = r[idx('Период с')] as Date;
      inWindow = !(d instanceof Date) || d.getTime() >= w.realizationFrom;
    }
    if (!inWindow) {
      outside++;
      continue;
    }
    rows.set(key, content);
  }
  return { rows, duplicates, outside, keyless };
}

/** Names of the sheets that carry no table tag of the add-on (the seller's own, or strays). */
export function untaggedSheets(h: Harness): string[] {
  return h.rt.peek(() =>
    h.rt.spreadsheet
      .getSheets()
      .filter((sheet: any) => !sheet.getDeveloperMetadata().some((m: any) => m.getKey() === TABLE_TAG))
      .map((sheet: any) => `${sheet.getName()} (${sheet.getLastRow()} rows)`),
  );
}

/** Differences between F's and C's five report sheets; empty when F equals the clean run. */
export function compareReports(F: Harness, C: Harness, w: Window): string[] {
  const out: string[] = [];
  const clean = new Set(untaggedSheets(C));
  const strays = untaggedSheets(F).filter((name) => !clean.has(name));
  if (strays.length) out.push(`stray sheets the clean run does not have: ${strays.join(', ')}`);
  for (const id of REPORT_IDS) {
    const f = readReport(F, id);
    const c = readReport(C, id);
    if (!c && !f) continue; // the key lacks the report's category: neither side has it
    if (!c) {
      out.push(`${id}: the clean run has no sheet`);
      continue;
    }
    if (!f) {
      out.push(`${id}: the sheet is missing (clean run has ${c.rows.length} rows)`);
      continue;
    }
    const columns = c.header.filter((name) => name !== '' && !(id === 'stocks' && name === STOCK_TIME_HEADER));
    const missingCols = columns.filter((name) => f.header.indexOf(name) < 0);
    if (missingCols.length) out.push(`${id}: columns missing: ${missingCols.join(', ')}`);
    const fHeaderCounts = new Map<string, number>();
    for (const name of f.header) if (name) fHeaderCounts.set(name, (fHeaderCounts.get(name) || 0) + 1);
    const twice = [...fHeaderCounts].filter(([, n]) => n > 1).map(([name]) => name);
    if (twice.length) out.push(`${id}: columns twice: ${twice.join(', ')}`);
    if (f.frozen !== c.frozen) out.push(`${id}: frozen rows ${f.frozen}, clean run ${c.frozen}`);
    if (id === 'stocks') {
      const bag = (d: SheetData) => {
        const idx = columns.map((n) => d.header.indexOf(n));
        return d.rows
          .filter((r) => !r.every((v) => v === '' || v === null))
          .map((r) => idx.map((i) => (i < 0 ? '<no column>' : cellText(r[i]))).join('\t'))
          .sort();
      };
      const fb = bag(f);
      const cb = bag(c);
      const cset = new Map<string, number>();
      for (const r of cb) cset.set(r, (cset.get(r) || 0) + 1);
      const extra: string[] = [];
      for (const r of fb) {
        const n = cset.get(r) || 0;
        if (n > 0) cset.set(r, n - 1);
        else extra.push(r);
      }
      const lost = [...cset].flatMap(([r, n]) => Array(n).fill(r) as string[]);
      if (extra.length || lost.length) {
        out.push(`stocks: ${fb.length} rows, clean run ${cb.length}; only in F: ${extra.length}, only in clean run: ${lost.length}` + (extra[0] ? `; e.g. F: ${extra[0]}` : '') + (lost[0] ? `; clean: ${lost[0]}` : ''));
      }
      continue;
    }
    const fk = keyed(id, f, columns, w);
    const ck = keyed(id, c, columns, w);
    if (fk.keyless.length) out.push(`${id}: ${fk.keyless.length} rows without a key (${(KEY_HEADERS[id] as string[]).join(', ')} empty), e.g. ${fk.keyless[0]}`);
    if (ck.keyless.length) out.push(`${id}: the CLEAN run has ${ck.keyless.length} rows without a key`);
    if (fk.duplicates.length) out.push(`${id}: ${fk.duplicates.length} keys twice, e.g. ${fk.duplicates[0]}`);
    if (ck.duplicates.length) out.push(`${id}: the CLEAN run has ${ck.duplicates.length} keys twice, e.g. ${ck.duplicates[0]}`);
    const lost = [...ck.rows.keys()].filter((k) => !fk.rows.has(k));
    const extra = [...fk.rows.keys()].filter((k) => !ck.rows.has(k));
    const changed = [...ck.rows.keys()].filter((k) => fk.rows.has(k) && fk.rows.get(k) !== ck.rows.get(k));
    if (lost.length) out.push(`${id}: ${lost.length} of ${ck.rows.size} rows lost, e.g. ${lost.slice(0, 3).join(', ')}`);
    if (extra.length) out.push(`${id}: ${extra.length} rows only in F, e.g. ${extra.slice(0, 3).join(', ')}`);
    if (changed.length) {
      const k = changed[0];
      const fv = (fk.rows.get(k) as string).split('\t');
      const cv = (ck.rows.get(k) as string).split('\t');
      const diff = columns.map((name, i) => (fv[i] !== cv[i] ? `${name}: F ${fv[i]} / clean ${cv[i]}` : '')).filter(Boolean);
      out.push(`${id}: ${changed.length} rows differ, e.g. ${k}: ${diff.join('; ')}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// A case

export interface CaseResult {
  differences: string[];
  journal: string[];
  runs: number;
  kills: number;
  faults: number;
  edits: number;
}

function setBoth(F: Harness, C: Harness, t: number): void {
  if (F.rt.clock.now() < t) F.rt.clock.set(t);
  if (C.rt.clock.now() < t) C.rt.clock.set(t);
}

function later(F: Harness, C: Harness, gap: number): number {
  return Math.max(F.rt.clock.now(), C.rt.clock.now()) + gap;
}

/**
 * Clean rounds after the faults, the same on both sides. Personal key: 10 min apart,
 * past every wait its buckets or an injected 429 (<= 5 min) impose. Base key: the
 * first round 13 h after the last step (past the realization report's 12 h bucket),
 * then two rounds 20 min apart: a Base key's stock task can only be polled 15 min
 * after it was created, and the add-on gives a task up after 2 h.
 */
export const FINAL_ROUNDS: Record<KeyType, number[]> = {
  // Paid storage's first load (12 async tasks of 8 days, one download a minute) spans
  // several refreshes: enough rounds for a killed first load to finish as its twin does.
  personal: [10 * MINUTE, 10 * MINUTE, 10 * MINUTE, 10 * MINUTE, 10 * MINUTE],
  base: [13 * HOUR, 20 * MINUTE, 20 * MINUTE],
};

export function runCase(sc: Scenario): CaseResult {
  const keyType = sc.keyType ?? 'personal';
  const F = makeSide(sc.seed, keyType, sc.categories);
  const C = makeSide(sc.seed, keyType, sc.categories);
  const journal: string[] = [];
  let runs = 0;
  let kills = 0;
  let faults = 0;
  let edits = 0;
  const t0 = F.h.rt.clock.now();
  const c0 = runOp(C, 'syncAllNow');
  runs++;
  if (c0.outcome !== 'ok') throw new Error('the clean first load failed: ' + c0.message);
  sc.steps.forEach((step, i) => {
    // Step 0 starts right after the clean side's first load: WB changes must find both emulators at or before their instant.
    const t = later(F.h, C.h, i === 0 ? 0 : step.gapMs);
    setBoth(F.h, C.h, t);
    const notes: string[] = [];
    if (step.wbChange > 0) {
      F.h.wb.changeRandomRows(step.wbChange, t);
      C.h.wb.changeRandomRows(step.wbChange, t);
      notes.push(`WB changes ${step.wbChange}`);
    }
    for (const e of step.edits) {
      notes.push(applyEdit(F.h, e));
      edits++;
    }
    if (step.lockMs > 0) {
      F.h.rt.holdLock('document', F.h.rt.clock.now() + step.lockMs);
      notes.push(`lock held ${step.lockMs} ms`);
    }
    faults += step.faults.length;
    const r = runOp(F, step.op, step.faults, step.kill);
    runs++;
    if (r.outcome === 'killed') kills++;
    journal.push(
      `#${i} +${Math.round((t - t0) / 60000)} min ${step.op}` +
        (notes.length ? ` [${notes.join('; ')}]` : '') +
        (step.faults.length ? ` faults ${JSON.stringify(step.faults)}` : '') +
        (step.kill ? ` kill ${JSON.stringify(step.kill)}` : '') +
        ` -> ${r.outcome}${r.killedAt ? ' before ' + r.killedAt : ''} (${r.calls} calls)` +
        (r.outcome === 'error' ? ': ' + r.message.replace(/\n/g, ' / ').slice(0, 300) : '') +
        (F.ins.log.length ? ' {' + F.ins.log.splice(0).join('; ') + '}' : ''),
    );
  });
  let lastF: RunRecord | null = null;
  let lastC: RunRecord | null = null;
  for (const [round, gapMs] of FINAL_ROUNDS[keyType].entries()) {
    setBoth(F.h, C.h, later(F.h, C.h, gapMs));
    lastF = runOp(F, 'syncAllNow');
    lastC = runOp(C, 'syncAllNow');
    runs += 2;
    journal.push(`final round ${round}: F ${lastF.outcome}, C ${lastC.outcome}` + (lastF.outcome !== 'ok' ? ': ' + lastF.message.replace(/\n/g, ' / ').slice(0, 300) : ''));
  }
  const differences: string[] = [...F.ins.violations];
  if (lastC && lastC.outcome !== 'ok') throw new Error('the clean run failed: ' + lastC.message);
  if (lastF && lastF.outcome !== 'ok') differences.push('the last clean refresh of F did not succeed: ' + lastF.outcome + ' ' + lastF.message.replace(/\n/g, ' / '));
  differences.push(...compareReports(F.h, C.h, windowAt(C.h, C.h.rt.clock.now())));
  return { differences, journal, runs, kills, faults, edits };
}

// ---------------------------------------------------------------------------------
// Twin kills: a refresh killed at one chosen service call

/** Calls that change something (the sheet, the document's state, WB's side, the clock) or take a lock: the places where dying matters. */
export const MUTATING = /\.(set\w*|insert\w*|add\w*|delete\w*|remove\w*|append\w*|clear\w*|sort|flush|fetch|fetchAll|create\w*|move\w*|toast|tryLock|waitLock|releaseLock|sleep|hideSheet|showSheet|activate)$/;

export interface TwinPlan {
  seed: number;
  /** seller edits applied to BOTH sides before the killed refresh (a seller's action, not a fault) */
  edits: Edit[];
  /** WB changes before the killed refresh (both sides) */
  wbChange: number;
  gapMs: number;
  op: Op;
  /** the first load is the killed refresh (no earlier load, no edits) */
  killFirstLoad: boolean;
}

export interface TwinKill extends TwinPlan {
  /** which state-changing call of the refresh to die at: its index among them is floor(pick * count) */
  pick: number;
  /** die right after that call (its effect happened, the next call never runs) instead of right before it */
  after: boolean;
}

interface Played {
  side: Side;
  run: RunRecord;
  /** 'Service.method' of each service call of the refresh */
  trace: string[];
  /** the refresh's instant and the final rounds' instants: the killed twin replays them */
  times: number[];
  notes: string[];
  finals: RunRecord[];
}

/**
 * One side's history: [first load,] [WB changes and seller edits,] the refresh (killed
 * at call `killAt` if given), then the final clean rounds. The clean twin runs first and
 * fixes the instants; the killed twin replays them (its clock is never ahead: its
 * refresh is a prefix of the clean one).
 */
function playTwin(p: TwinPlan, killAt: number | null, times: number[] | null): Played {
  const side = makeSide(p.seed);
  const h = side.h;
  const clock = (i: number, gap: number): number => {
    const t = times ? times[i] : h.rt.clock.now() + gap;
    if (h.rt.clock.now() > t) throw new Error('the killed twin ran past its clean twin');
    h.rt.clock.set(t);
    return t;
  };
  const at: number[] = [];
  const notes: string[] = [];
  if (!p.killFirstLoad) {
    runOp(side, 'syncAllNow');
    at.push(clock(0, p.gapMs));
    if (p.wbChange > 0) {
      h.wb.changeRandomRows(p.wbChange, at[0]);
      notes.push('WB changes ' + p.wbChange);
    }
    for (const e of p.edits) notes.push(applyEdit(h, e));
  } else at.push(h.rt.clock.now());
  const run = runOp(side, p.op, [], killAt === null ? null : { kind: 'at', index: killAt });
  const trace = side.ins.trace.slice();
  const finals = FINAL_ROUNDS.personal.map((gap, i) => {
    at.push(clock(i + 1, gap));
    return runOp(side, 'syncAllNow');
  });
  return { side, run, trace, times: at, notes, finals };
}

function compareTwins(F: Played, C: Played, killAt: number): string[] {
  const differences: string[] = [];
  // The killed twin must have died where it was told to, its refresh being the clean one's prefix.
  if (killAt < C.trace.length) {
    if (F.run.outcome !== 'killed') throw new Error(`the killed twin was not killed: ${F.run.outcome} after ${F.run.calls} calls`);
    if (F.trace.slice(0, killAt + 1).join() !== C.trace.slice(0, killAt + 1).join()) throw new Error('the killed twin diverged from its clean twin before the kill');
  }
  const lastF = F.finals[F.finals.length - 1];
  const lastC = C.finals[C.finals.length - 1];
  if (lastC.outcome !== 'ok') throw new Error('the clean twin failed: ' + lastC.message);
  if (lastF.outcome !== 'ok') differences.push('the last clean refresh of F did not succeed: ' + lastF.message.replace(/\n/g, ' / '));
  differences.push(...compareReports(F.side.h, C.side.h, windowAt(C.side.h, C.side.h.rt.clock.now())));
  differences.push(...compareDaily(F.side.h, C.side.h, windowAt(C.side.h, C.side.h.rt.clock.now()).realizationFrom));
  return differences;
}

/**
 * The daily table (formulas' data) of twins with the same history must be the same
 * rows, whatever order: a kill may not lose or double a day's totals.
 */
export function compareDaily(F: Harness, C: Harness, cutoffMs = 0): string[] {
  const read = (h: Harness): Map<string, string> | null => {
    for (const sheet of h.rt.spreadsheet.getSheets()) {
      if (!sheet.getDeveloperMetadata().some((m: any) => m.getKey() === TABLE_TAG && m.getValue() === 'daily')) continue;
      const values = sheet.getDataRange().getValues();
      const header = values[0].map(String);
      // The funnel's and the search report's days are what WB showed when they were read,
      // and a killed refresh reads later: their columns are checked against WB's truth at
      // each read instead (tests/faults/funnel-kills.test.ts, tests/integration/search.test.ts).
      const order = header
        .map((_h: string, i: number) => i)
        .filter((i: number) => !/^(Воронка|Funnel|Поиск|Search):/.test(header[i]))
        .sort((a: number, b: number) => (header[a] < header[b] ? -1 : 1));
      const out = new Map<string, string>();
      for (const r of values.slice(1)) {
        if (r.every((v: unknown) => v === '' || v === null)) continue;
        const key = [cellText(r[0]), cellText(r[1]), cellText(r[2])].join(' | ');
        // Days WB no longer serves (before its window at the end) depend on when each twin
        // first loaded, not on kills: the raw sheets' comparison leaves them out too.
        const periodMs = Object.prototype.toString.call(r[0]) === '[object Date]' ? (r[0] as Date).getTime() : NaN;
        const masked = (i: number): string => {
          const v = r[i];
          if (!cutoffMs || !/по дням/.test(header[i]) || typeof v !== 'string' || !isFinite(periodMs)) return cellText(v);
          return JSON.stringify(v.split(',').map((x, slot) => (periodMs + slot * DAY < cutoffMs ? '' : x)).join(',').replace(/^[,-]*$/, ''));
        };
        out.set(key, (out.has(key) ? 'DOUBLE ' : '') + order.map((i: number) => header[i] + '=' + masked(i)).join('\t'));
      }
      return out;
    }
    return null;
  };
  const f = read(F);
  const c = read(C);
  if (!f || !c) return f === c ? [] : ['daily table: ' + (f ? 'only in F' : 'missing in F')];
  const diffs: string[] = [];
  c.forEach((row, key) => {
    if (f.get(key) !== row) diffs.push('daily ' + key + ': F ' + (f.get(key) || '<none>').slice(0, 300) + ' / C ' + row.slice(0, 300));
  });
  f.forEach((_row, key) => {
    if (!c.has(key)) diffs.push('daily ' + key + ': only in F');
  });
  return diffs.slice(0, 5);
}

function killNote(p: TwinPlan, C: Played, index: number, after: boolean, F: Played): string {
  const name = C.trace[index];
  const r = F.run;
  return (
    `${p.op}${p.killFirstLoad ? ' (first load)' : ''}${C.notes.length ? ' after ' + C.notes.join('; ') : ''}: clean twin ${C.run.calls} calls; ` +
    `F killed ${after ? 'right after' : 'right before'} call #${index} ${name} -> ${r.outcome}${r.killedAt ? ' before ' + r.killedAt : ''}` +
    F.finals.map((f, i) => `; final round ${i}: ${f.outcome}`).join('')
  );
}

function stateChanging(C: Played): [string, number][] {
  return C.trace.map((name, i) => [name, i] as [string, number]).filter(([name]) => MUTATING.test(name));
}

/**
 * Both sides run the same history; the clean twin C runs the refresh whole (its service
 * calls are traced) and F runs the identical refresh killed at the chosen state-changing
 * call. Then both run the same clean rounds and are compared: the two histories differ
 * only by the kill, so every difference is the kill's.
 */
export function runTwinKill(k: TwinKill): CaseResult {
  const C = playTwin(k, null, null);
  if (C.run.outcome !== 'ok') throw new Error('the clean twin failed: ' + C.run.message);
  const mutating = stateChanging(C);
  const [, index] = mutating[Math.min(mutating.length - 1, Math.floor(k.pick * mutating.length))];
  const killAt = k.after ? index + 1 : index;
  const F = playTwin(k, killAt, C.times);
  return { differences: compareTwins(F, C, killAt), journal: [killNote(k, C, index, k.after, F)], runs: 2 * (C.finals.length + (k.killFirstLoad ? 1 : 2)), kills: 1, faults: 0, edits: k.edits.length };
}

/**
 * Kills one refresh at EVERY call the clean twin made that `select` picks (right before
 * it, or right after it), one killed twin per call, all against one clean twin.
 */
export function killEverywhere(p: TwinPlan, select: (name: string) => boolean, after: boolean): { points: number; failures: string[] } {
  const C = playTwin(p, null, null);
  if (C.run.outcome !== 'ok') throw new Error('the clean twin failed: ' + C.run.message);
  const failures: string[] = [];
  const points = C.trace.map((name, i) => [name, i] as [string, number]).filter(([name]) => select(name));
  for (const [, index] of points) {
    const killAt = after ? index + 1 : index;
    const F = playTwin(p, killAt, C.times);
    const d = compareTwins(F, C, killAt);
    if (d.length) failures.push(killNote(p, C, index, after, F) + '\n    ' + d.join('\n    '));
  }
  return { points: points.length, failures };
}
