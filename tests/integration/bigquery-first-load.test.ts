/**
 * A first load too large for one answer (a page of changes over UrlFetchApp's limit: a
 * lowered cap stands in for 50 MB) goes day by day at one request a minute, across
 * hourly runs, with raw rows in BigQuery only. WB drops the sales of its oldest orders
 * meanwhile (its 90 days count from the order): the orders' and sales' day passes take
 * turns so that neither waits for the other, what is lost is only what WB dropped before
 * it could be asked for, and the WB_ formulas equal what a seller could count over WB's
 * rows. The 5,000-a-day version of this is bigquery-large.test.ts (WB_LARGE=1).
 */
import { Harness } from '../bundle/harness';
import { DAY, HOUR, expectEveryRowOnce, expectLostOnlyToRetention, firstOrderKept, hours, readableSales, scheduled, seller, truth } from './bigquery-helpers';

const CAP = 600 * 1024;
const salesDays = (h: Harness) => h.wb.requests.filter((r) => r.path === '/api/v1/supplier/sales' && r.query.flag === '1');
const ordersDays = (h: Harness) => h.wb.requests.filter((r) => r.path === '/api/v1/supplier/orders' && r.query.flag === '1');

describe('a first load by days, raw rows in BigQuery only', () => {
  const h = seller('window', { seed: 14, articles: 6, ordersPerDay: 300 }, { maxResponseBytes: CAP });
  h.wb.trackServed();
  const firstOrder = firstOrderKept(h);
  let runs = 0;
  let firstRun = { orders: 0, sales: 0 };
  let loadEnd = 0;

  beforeAll(() => {
    const loaded = () => {
      const p = h.rt.documentProperties();
      return !!p['wb.cursor.orders'] && !!p['wb.cursor.sales'] && !p['wb.state.days.orders'] && !p['wb.state.days.sales'];
    };
    scheduled(h);
    firstRun = { orders: ordersDays(h).length, sales: salesDays(h).length };
    for (runs = 1; !loaded() && runs < 40; runs++) hours(h, 1);
    loadEnd = h.rt.clock.now();
    hours(h, 3);
  }, 600000);

  it('goes day by day, the sales alongside the orders, and finishes within a day of hourly runs', () => {
    expect(ordersDays(h).length).toBeGreaterThanOrEqual(90);
    expect(salesDays(h).length).toBeGreaterThanOrEqual(90);
    // One execution: the orders' pass sleeps for its bucket no more while the sales' waits its turn.
    expect(firstRun.orders).toBeGreaterThanOrEqual(10);
    expect(firstRun.sales).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThan(24);
  });

  it('has every row WB keeps in the views once, and loses only sales WB dropped before they could be asked for', () => {
    expectEveryRowOnce(h);
    const lost = expectLostOnlyToRetention(h, firstOrder, loadEnd, readableSales(h, CAP));
    // The pass takes most of a day, so some are lost; the oldest days go first, so few.
    expect(lost).toBeLessThan(h.wb.sales().length / 200);
  });

  it('answers WB_ formulas as a seller would count over the rows WB let anyone read', () => {
    const readable = readableSales(h, CAP);
    const now = h.rt.clock.now() + 3 * HOUR;
    const back = (n: number) => new Date(now - n * DAY).toISOString().slice(0, 10);
    const article = String(h.wb.orders({ withinRetention: true })[0].supplierArticle);
    for (const a of ['', article]) {
      for (const [from, to] of [[back(88), back(60)], [back(30), back(8)], [back(89), back(0)]]) {
        const got = {
          orders: h.formula('WB_ORDERS', a, from, to),
          sales: h.formula('WB_SALES', a, from, to),
          returns: h.formula('WB_RETURNS', a, from, to),
          revenue: Math.round(h.formula('WB_REVENUE', a, from, to) * 100),
        };
        expect([a, from, to, got]).toEqual([a, from, to, truth(h, firstOrder, a, from, to, readable)]);
      }
    }
  });
});
