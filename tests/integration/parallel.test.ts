/**
 * Refresh all sends the reports' first requests together, in one UrlFetchApp.fetchAll
 * (issue 4, "Budgets, not sleeps"), through the built bundle against the WB emulator.
 */
import { Harness, loadBundle } from '../bundle/harness';
import { connect, dataRequests, sheetTable } from './helpers';

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const ALL = [5, 2, 10, 13, 6];
const SELLER = { articles: 6, ordersPerDay: 15 };
const FIRST = ['/api/v1/supplier/orders', '/api/v1/supplier/sales', '/api/v1/warehouse_remains', '/api/v1/supplies', '/api/finance/v1/sales-reports/detailed', '/adv/v1/promotion/count'];
const REPORT_SHEETS = ['WB Заказы', 'WB Продажи', 'WB Остатки', 'WB Остатки по дням', 'WB Поставки', 'WB Реализация'];

/** Records the paths of every UrlFetchApp.fetchAll call the add-on makes. */
function recordBatches(h: Harness): string[][] {
  const batches: string[][] = [];
  const real = h.scope.UrlFetchApp;
  h.scope.UrlFetchApp = {
    fetchAll: (requests: { url: string }[]) => {
      batches.push(requests.map((r) => r.url.replace(/^https:\/\/[^/]+/, '').replace(/\?.*$/, '')));
      return real.fetchAll(requests);
    },
    fetch: (url: string, params?: unknown) => real.fetch(url, params),
  };
  return batches;
}

function harness(): Harness {
  return loadBundle({ emulator: SELLER });
}

function rateRefusals(h: Harness): number {
  return dataRequests(h).filter((r) => r.status === 429).length;
}

/** A sheet's rows as sorted JSON lines, without the columns named. */
function rows(h: Harness, name: string, without: string[] = []): string[] {
  const t = sheetTable(h, name);
  const keep = t.header.map((hd, i) => (without.indexOf(hd) >= 0 ? -1 : i)).filter((i) => i >= 0);
  return t.rows.map((r) => JSON.stringify(keep.map((i) => r[i]))).sort();
}

describe('refresh all: first requests in one fetchAll', () => {
  it('one fetchAll carries the five reports\' first requests; everything else goes one by one', () => {
    const h = harness();
    connect(h, { categories: ALL });
    const batches = recordBatches(h);
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    const parallel = batches.filter((b) => b.length > 1);
    expect(parallel).toEqual([FIRST]);
    expect(batches[0]).toEqual(FIRST);
    // The run log counts the batched request for its report: the counts add up to what WB saw.
    const log = sheetTable(h, 'WB Журнал');
    const requests = log.rows.map((r) => r[log.header.indexOf('Запросов к WB')]);
    expect(requests.reduce((a, b) => a + b, 0)).toBe(batches.reduce((n, b) => n + b.length, 0));
    // Every report the key unlocks asked WB at least once (the batched request counts for its report).
    const result = log.header.indexOf('Результат');
    expect(log.rows.every((r, i) => r[result] === 'пропущено' || requests[i] >= 1)).toBe(true);
    expect(rateRefusals(h)).toBe(0);
  });

  it('the sheets hold the same rows as refreshing each report on its own', () => {
    const a = harness();
    const b = harness();
    connect(a, { categories: ALL });
    connect(b, { categories: ALL });
    const batchesA = recordBatches(a);
    const batchesB = recordBatches(b);
    for (let round = 0; round < 2; round++) {
      if (round > 0) {
        // Both at the same instant, so WB changes the same rows at the same time on both.
        const at = Math.max(a.rt.clock.now(), b.rt.clock.now()) + 2 * HOUR;
        for (const h of [a, b]) {
          h.rt.clock.set(at);
          h.wb.changeRandomRows(0.05, at);
        }
      }
      expect(a.run('syncAllNow').ok).toBe(true);
      for (const op of ['syncOrdersNow', 'syncSalesNow', 'syncStocksNow', 'syncSuppliesNow', 'syncRealizationNow']) expect(b.call(op).ok).toBe(true);
      for (const name of REPORT_SHEETS) expect(rows(a, name, ['Снимок на'])).toEqual(rows(b, name, ['Снимок на']));
      if (round === 0) {
        // And what WB holds.
        const srid = sheetTable(a, 'WB Заказы').header.indexOf('ID заказа (srid)');
        expect(sheetTable(a, 'WB Заказы').rows.map((r) => r[srid]).sort()).toEqual(a.wb.orders({ withinRetention: true }).map((r) => r.srid).sort());
      }
    }
    expect(batchesA.filter((x) => x.length > 1)).toHaveLength(2);
    expect(batchesB.filter((x) => x.length > 1)).toHaveLength(0);
    expect(rateRefusals(a) + rateRefusals(b)).toBe(0);
  });

  it('never exceeds a rate bucket: a Personal key refreshing every 20 s, a Base key hourly for two days', () => {
    const p = harness();
    connect(p, { categories: ALL });
    const pb = recordBatches(p);
    for (let i = 0; i < 8; i++) {
      p.run('syncAllNow');
      p.rt.clock.advance(20000);
    }
    expect(pb.filter((b) => b.length > 1).length).toBeGreaterThan(1);
    expect(rateRefusals(p)).toBe(0);

    const base = harness();
    connect(base, { categories: ALL, type: 'base' });
    const bb = recordBatches(base);
    for (let i = 0; i < 48; i++) {
      base.rt.run(() => base.scope.scheduledSync({}), { authMode: 'FULL', trigger: true });
      base.rt.clock.advance(HOUR);
    }
    expect(bb.filter((b) => b.length > 1).length).toBeGreaterThan(3);
    expect(rateRefusals(base)).toBe(0);
  });

  it('a 5xx, an HTML page or a network failure on one batched request affects that report only', () => {
    const cases: [string, Parameters<Harness['wb']['failNext']>[1], string][] = [
      ['/api/v1/supplier/sales', { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>502 Bad Gateway</html>' }, 'WB Продажи'],
      ['/api/v1/supplies', { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>maintenance</html>' }, 'WB Поставки'],
      ['/api/finance/v1/sales-reports/detailed', new Error('Timeout: finance-api'), 'WB Реализация'],
    ];
    for (const [path, fault, title] of cases) {
      const h = harness();
      connect(h, { categories: ALL });
      const batches = recordBatches(h);
      h.wb.failNext(path, fault, 3);
      const res = h.run('syncAllNow');
      expect(batches[0]).toEqual(FIRST);
      const lines = String(res.message).split('\n');
      const failed = lines.filter((l) => l.indexOf(title + ':') !== 0 && /ошибк|не удалось|недоступ|повтор/i.test(l));
      expect(failed).toEqual([]);
      expect(res.ok).toBe(false);
      const log = sheetTable(h, 'WB Журнал');
      const result = (name: string) => log.rows.find((r) => r[log.header.indexOf('Отчёт')] === name)![log.header.indexOf('Результат')];
      expect(result(title)).toBe('ошибка');
      for (const other of ['WB Заказы', 'WB Продажи', 'WB Остатки', 'WB Поставки', 'WB Реализация'].filter((n) => n !== title)) expect(result(other)).toBe('готово');
      expect(rateRefusals(h)).toBe(0);
    }
  });
});
