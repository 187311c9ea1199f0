/**
 * Never a request WB would refuse: whatever the runs, pages and answers, the emulator
 * (whose buckets count from when WB receives a request, and charge answers too large
 * for UrlFetchApp) answers no request of the add-on with 429.
 */
import { loadBundle, Harness } from '../bundle/harness';
import { column, connect, ORDERS_RU, SALES_RU } from './helpers';

const MINUTE = 60000;
const HOUR = 60 * MINUTE;

/**
 * Fires every due trigger between now and now + ms as Apps Script would, advancing the
 * clock; `then` runs right after each scheduled run (the seller pressing a button).
 */
function liveFor(h: Harness, ms: number, then?: () => void): number {
  const from = h.rt.clock.now();
  let fired = 0;
  for (const due of h.rt.dueTriggers(from, from + ms)) {
    h.rt.clock.set(Math.max(due.at, h.rt.clock.now()));
    h.rt.run(() => h.scope[due.trigger.handlerFunction]({ authMode: 'FULL', triggerUid: due.trigger.id }), { authMode: 'FULL', trigger: true, user: due.trigger.user });
    fired++;
    if (then) then();
  }
  h.rt.clock.set(Math.max(from + ms, h.rt.clock.now()));
  return fired;
}

function refused(h: Harness): { path: string; at: number; query: Record<string, string> }[] {
  return h.wb.requests.filter((r) => r.status === 429).map((r) => ({ path: r.path, at: r.at, query: r.query }));
}

/** When the add-on last asked WB for a report: rows that changed later cannot be in the sheet yet. */
function lastAsked(h: Harness, path: string): number {
  return Math.max(...h.wb.requests.filter((r) => r.path === path && r.status === 200).map((r) => r.at));
}

/** WB's wall-clock (Moscow) lastChangeDate as an instant. */
const changedAt = (row: Record<string, unknown>) => Date.parse(String(row.lastChangeDate) + '+03:00');

/** Every order (and sale) WB keeps, as of when they were last asked for, is in the sheets, each once. */
function expectComplete(h: Harness, reports: { sales: boolean }): void {
  const orders = column(h, ORDERS_RU, 'ID заказа (srid)');
  expect(new Set(orders).size).toBe(orders.length);
  const haveOrders = new Set(orders);
  const ordersAsked = lastAsked(h, '/api/v1/supplier/orders');
  const missingOrders = h.wb.orders({ withinRetention: true }).filter((r) => changedAt(r) < ordersAsked && !haveOrders.has(r.srid));
  expect(missingOrders.map((r) => r.srid)).toEqual([]);
  const sales = column(h, SALES_RU, 'ID продажи');
  expect(new Set(sales).size).toBe(sales.length);
  if (!reports.sales) return;
  const haveSales = new Set(sales);
  const salesAsked = lastAsked(h, '/api/v1/supplier/sales');
  const missingSales = h.wb.sales({ withinRetention: true }).filter((r) => changedAt(r) < salesAsked && !haveSales.has(r.saleID));
  expect(missingSales.map((r) => r.saleID)).toEqual([]);
}

describe('never a request WB would refuse', () => {
  it('a scheduled run followed at once by a manual refresh', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    h.run('saveSchedule', { mode: 'every1' });
    // The seller presses "refresh" the moment each scheduled run has finished.
    const manual: { ok: boolean; busy: boolean }[] = [];
    expect(liveFor(h, 3 * HOUR, () => manual.push(h.run('syncAllNow')))).toBe(3);
    expect(manual.every((m) => m.ok && !m.busy)).toBe(true);
    expect(refused(h)).toEqual([]);
  });

  it('a small seller whose pages exceed a lowered size cap loads everything by days', () => {
    // A small cap stands in for 50 MB: full pages of changes exceed it, one day does not.
    const h = loadBundle({ maxResponseBytes: 200000 });
    connect(h);
    h.run('saveSchedule', { mode: 'every1' });
    h.run('syncAllNow');
    // A day of hourly runs, and the seller pressing "refresh" after each: nothing WB would refuse goes out.
    for (let i = 0; i < 24; i++) {
      h.run('syncAllNow');
      liveFor(h, HOUR);
    }
    h.run('syncAllNow');
    expect(refused(h)).toEqual([]);
    expect(h.wb.requests.filter((r) => r.query.flag === '1').length).toBeGreaterThan(100);
    expectComplete(h, { sales: true });
  });

  it('a 1,000-orders-a-day first load across hourly runs', () => {
    const h = loadBundle({ emulator: { ordersPerDay: 1000 } });
    connect(h);
    h.run('saveSchedule', { mode: 'every1' });
    h.run('syncAllNow');
    // Both reports' pages are over 50 MB: each goes day by day, continued run after run.
    liveFor(h, 6 * HOUR);
    h.run('syncAllNow');
    expect(refused(h)).toEqual([]);
    expect(h.wb.requests.filter((r) => r.path === '/api/v1/supplier/orders' && r.query.flag === '1').length).toBeGreaterThan(90);
    // Orders are all in; sales (one day a minute, taking turns with the orders) are still on their way.
    expectComplete(h, { sales: false });
  });
});
