/**
 * Large sellers' realization reports: the sync engine over the offline runtime's
 * UrlFetchApp (Google's real 50 MB cap, through the add-on's own appsScriptHttp) and
 * the WB emulator's full 91-field rows (2–2.5 KB of JSON each). Asking for every
 * field, 100,000 rows a page, puts a page of these sellers far over the cap on every
 * run; the add-on must load them completely. Sheets are in-memory (tests/unit's
 * MemoryBook): what is under test is the request side, and it keeps each test short.
 */
import { appsScriptHttp } from '../../src/gas/services';
import { syncReports, SyncDeps } from '../../src/sync/engine';
import { CredentialStore } from '../../src/sync/credentials';
import { decodeKey } from '../../src/wb/token';
import { installRuntime, uninstallRuntime, Runtime } from '../runtime';
import { WbEmulator } from '../emulator';
import { MemoryBook, MemoryStore, freeLock } from '../unit/memory-fakes';

const CAP = 50 * 1024 * 1024;
const FINANCE_PATH = '/api/finance/v1/sales-reports/detailed';
const MINUTE = 60000;
const DAY = 24 * 60 * MINUTE;
const START = Date.UTC(2026, 10, 27, 7);

interface World {
  rt: Runtime;
  wb: WbEmulator;
  doc: MemoryStore;
  book: MemoryBook;
  deps: SyncDeps;
}

function world(ordersPerDay: number, historyDays: number, seed: number): World {
  const wb = new WbEmulator({ seed, now: START, ordersPerDay, historyDays });
  const rt = installRuntime({ startTime: START, fetchHandler: (req, now) => wb.handle(req, now) });
  const doc = new MemoryStore();
  const credentials = new CredentialStore(new MemoryStore(), doc, 'doc');
  const key = wb.makeKey({ type: 'personal', categories: [13] });
  credentials.save(key, decodeKey(key), START);
  const book = new MemoryBook();
  // Each refresh is one Apps Script execution: UrlFetchApp works only inside one.
  const http = { fetchAll: (requests: Parameters<typeof appsScriptHttp.fetchAll>[0]) => appsScriptHttp.fetchAll(requests) };
  const clock = { now: () => rt.clock.now(), sleep: (ms: number) => rt.clock.advance(ms) };
  const deps: SyncDeps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru' };
  return { rt, wb, doc, book, deps };
}

interface Page {
  body: any;
  status: number;
}

function pages(w: World): Page[] {
  return w.rt.fetchLog.filter((f) => f.url.includes(FINANCE_PATH)).map((f) => ({ body: JSON.parse(f.payload as string), status: f.status }));
}

function state(w: World, name: string): any {
  return JSON.parse(w.doc.get('wb.state.' + name) || 'null');
}

/** Refreshes the realization report, a few minutes apart, until its pass is complete. */
function refreshUntilLoaded(w: World): number {
  for (let runs = 1; runs <= 12; runs++) {
    const res = w.rt.run(() => syncReports(['realization'], w.deps), { authMode: 'FULL' });
    expect([res.ok, res.message]).toEqual([true, expect.not.stringMatching(/50 МБ/)]);
    const s = state(w, 'realization');
    if (s && s.rrdId === '0' && s.loadedThrough) return runs;
    w.rt.clock.advance(5 * MINUTE);
  }
  throw new Error('the realization report never finished loading');
}

function sheetIds(w: World): string[] {
  const sheet = w.book.sheets.find((s) => s.sheet.title === 'WB Реализация')!.sheet;
  return sheet.cells.slice(1).map((r) => String(r[0]));
}

/** What every page looked like: none refused, none sent twice, rows sized well under the cap, 204 at the end. */
function checkPages(w: World, all: Page[]): void {
  expect(all.every((p) => p.status === 200 || p.status === 204)).toBe(true);
  const bodies = all.map((p) => JSON.stringify(p.body));
  expect(new Set(bodies).size).toBe(bodies.length);
  expect(all[all.length - 1].status).toBe(204);
  const perRow = state(w, 'realization.size').sheet;
  for (const p of all) {
    expect(p.body.fields.length).toBeLessThan(50);
    expect(p.body.limit * perRow).toBeLessThan(CAP * 0.6);
  }
}

function sameRows(w: World, from: string, to: string): number {
  const truth = w.wb.realization({ dateFrom: from, dateTo: to });
  const ids = sheetIds(w);
  expect(ids.length).toBe(truth.length);
  expect(new Set(ids)).toEqual(new Set(truth.map((r: any) => String(r.rrdId))));
  return truth.length;
}

describe('realization pages fit through UrlFetchApp', () => {
  afterEach(() => uninstallRuntime());

  it("a 1,000-orders-a-day seller's 90-day first load: every row, no page over 50 MB", () => {
    const t0 = Date.now();
    const w = world(1000, 100, 31);
    const runs = refreshUntilLoaded(w);
    const s = state(w, 'realization');
    // One full page of the old request (every field, 100,000 rows) is several times the cap.
    const sample = w.wb.realization({ dateFrom: s.to, dateTo: s.to }).concat(w.wb.realization({ dateFrom: s.from, dateTo: s.from }));
    const fullRow = sample.reduce((n, { reportIdText, ...r }) => n + Buffer.byteLength(JSON.stringify(r), 'utf8'), 0) / sample.length;
    expect(fullRow).toBeGreaterThan(2000);
    expect(100000 * fullRow).toBeGreaterThan(CAP * 3);
    const rows = sameRows(w, s.from, s.to);
    expect(rows).toBeGreaterThan(100000);
    const all = pages(w);
    checkPages(w, all);
    // eslint-disable-next-line no-console
    console.log(`1,000/day, 90 days: ${rows} rows in ${all.length} requests over ${runs} runs; limits ${all.map((p) => p.body.limit).join(', ')}; ${state(w, 'realization.size').sheet} B/row asked, ${Math.round(fullRow)} B/row in full; ${Date.now() - t0} ms`);
  });

  it("a 5,000-orders-a-day seller's 14-day re-read: every row, no page over 50 MB", () => {
    const t0 = Date.now();
    // The seller connects on their first day (no closed report yet: the sheet and the state
    // appear, empty); a month later they have refreshed yesterday, so today's refresh
    // re-reads the two weeks before yesterday and the days since.
    const w = world(5000, 1, 32);
    refreshUntilLoaded(w);
    expect(pages(w).map((p) => p.status)).toEqual([204]);
    w.rt.clock.advance(31 * DAY);
    const yesterday = new Date(w.rt.clock.now() + 3 * 3600000 - DAY).toISOString().slice(0, 10);
    w.doc.set('wb.state.realization', JSON.stringify({ ...state(w, 'realization'), loadedThrough: yesterday }));
    const loaded = yesterday;
    const before = pages(w).length;
    const runs = refreshUntilLoaded(w);
    const s = state(w, 'realization');
    expect(s.from).toBe(new Date(Date.parse(loaded) - 14 * DAY).toISOString().slice(0, 10));
    const rows = sameRows(w, s.from, s.to);
    expect(rows).toBeGreaterThan(100000);
    const all = pages(w).slice(before);
    checkPages(w, all);
    // eslint-disable-next-line no-console
    console.log(`5,000/day, 14-day re-read: ${rows} rows in ${all.length} requests over ${runs} runs; limits ${all.map((p) => p.body.limit).join(', ')}; ${Date.now() - t0} ms`);
  });
});
