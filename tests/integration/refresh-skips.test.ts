/**
 * What a refresh of every report leaves alone when WB has nothing new for it (issue 11):
 * the realization report (WB forms it once a week) is re-read at most every 3 hours, an
 * unchanged stock snapshot only moves its time, and progress toasts stay few.
 */
import { loadBundle } from '../bundle/harness';
import { column, connect, sheetTable } from './helpers';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const MIN = 60000;
const HOUR = 60 * MIN;
const FINANCE = '/api/finance/v1/sales-reports/detailed';

describe('the realization report in a refresh of every report', () => {
  it('is re-read at most every 3 hours; its own menu item asks WB at once', () => {
    const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 30, articles: 8 } });
    connect(h, { categories: [5, 13] });
    h.run('syncAllNow');
    const detail = () => h.wb.requests.filter((r) => r.path === FINANCE).length;
    const afterFirst = detail();
    expect(afterFirst).toBeGreaterThan(1); // pages until WB's 204

    h.rt.clock.advance(2 * HOUR);
    const res = h.run('syncAllNow');
    expect(detail()).toBe(afterFirst);
    expect(res.message).toMatch(/WB Реализация: без изменений — проверен .*МСК.*«Обновить отчёт реализации»/);

    h.rt.clock.advance(5 * MIN);
    h.run('syncRealizationNow');
    expect(detail()).toBeGreaterThan(afterFirst);
    const afterMenu = detail();

    h.rt.clock.advance(3 * HOUR + MIN);
    h.run('scheduledSync');
    expect(detail()).toBeGreaterThan(afterMenu);
  });
});

describe('the realization report on a schedule', () => {
  it('leaves the closing request of a pass to the next run instead of waiting a minute for WB\'s limit', () => {
    const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 30, articles: 8 } });
    connect(h, { categories: [13] });
    h.run('syncRealizationNow');
    const state = () => JSON.parse(h.rt.documentProperties()['wb.state.realization']);
    expect(state().rrdId).toBe('0');
    const detail = () => h.wb.requests.filter((r) => r.path === FINANCE);

    // Over 3 hours later a scheduled run starts a pass: two weeks re-read in one short page.
    h.rt.clock.advance(3 * HOUR + MIN);
    const before = detail().length;
    h.rt.stats.reset();
    h.run('scheduledSync');
    expect(detail().length).toBe(before + 1);
    expect(detail()[detail().length - 1].status).toBe(200);
    expect(h.rt.stats.sleepMs).toBeLessThan(10000);
    expect(state().rrdId).not.toBe('0'); // the pass is under way
    const log = sheetTable(h, 'WB Журнал');
    const lastRealization = log.rows.filter((r) => r.join(' ').includes('WB Реализация:')).pop() as any[];
    expect(lastRealization.join(' ')).toContain('уйдёт при следующем обновлении по расписанию');

    // The next scheduled run asks for the rest: WB's 204 closes the pass, without waiting.
    h.rt.clock.advance(HOUR);
    h.rt.stats.reset();
    h.run('scheduledSync');
    expect(detail().length).toBe(before + 2);
    expect(detail()[detail().length - 1].status).toBe(204);
    expect(h.rt.stats.sleepMs).toBeLessThan(10000);
    expect(state().rrdId).toBe('0');
  });
});

describe('a stock snapshot equal to the last one', () => {
  it('keeps the rows, moves only «Снимок на», and costs the daily table, dashboard and formulas nothing', () => {
    const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 30, articles: 8 } });
    connect(h, { categories: [2] });
    h.run('syncStocksNow');
    const first = sheetTable(h, 'WB Остатки');
    expect(first.rows.length).toBeGreaterThan(10);
    const at = first.header.indexOf('Снимок на');

    // WB's stock stands still; a new report is ordered a few minutes later.
    h.wb.freeze(h.rt.clock.now());
    h.rt.clock.advance(5 * MIN);
    h.rt.stats.reset();
    const res = h.run('syncStocksNow');
    expect(res.message).toContain('остатки без изменений');
    const second = sheetTable(h, 'WB Остатки');
    const strip = (rows: any[][]) => rows.map((r) => r.filter((_v, i) => i !== at));
    expect(strip(second.rows)).toEqual(strip(first.rows));
    const times = column(h, 'WB Остатки', 'Снимок на').map((d: Date) => d.getTime());
    expect(new Set(times).size).toBe(1);
    expect(times[0]).toBeGreaterThan(first.rows[0][at].getTime());
    // Nothing else is worked: no daily table, dashboard or formula work.
    expect(h.rt.documentProperties()['wb.daily.dirty'] || '{}').toBe('{}');
    const unchangedCalls = h.rt.stats.spreadsheetCalls;
    // The same refresh when the stock moved (the snapshot and its daily history written).
    h.rt.stats.reset();
    h.wb.unfreeze();
    h.rt.clock.advance(3 * HOUR);
    expect(h.run('syncStocksNow').message).toContain('снимок обновлён');
    expect(unchangedCalls).toBeLessThan(h.rt.stats.spreadsheetCalls - 10);
  });

  it('is written in full again when the stock moved', () => {
    const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 200, articles: 8 } });
    connect(h, { categories: [2] });
    h.run('syncStocksNow');
    h.rt.clock.advance(2 * HOUR);
    const res = h.run('syncStocksNow');
    expect(res.message).toContain('снимок обновлён');
  });
});

describe('progress toasts of a refresh from the menu', () => {
  it('show reports starting (at most one a second) and end with the result', () => {
    const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 30, articles: 8 } });
    connect(h, { categories: [5, 2, 10, 13] });
    h.run('syncAllNow');
    const toasts = h.rt.toasts.map((t) => t.message);
    expect(toasts[0]).toBe('WB Заказы: загрузка…');
    expect(toasts).toContain('WB Остатки: загрузка…');
    // the last toast is the result
    expect(toasts[toasts.length - 1]).toContain('WB Заказы: новых');
  });
});

describe('paid storage and acceptance once loaded', () => {
  it('are read again by a refresh of every report at most every 6 hours; their menu item reads at once', () => {
    const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 30, articles: 8 } });
    connect(h, { categories: [5, 2] });
    const created = () => h.wb.requests.filter((r) => /^\/api\/v1\/(paid_storage|acceptance_report)$/.test(r.path)).length;
    // The first load spans a few refreshes (one download a minute).
    for (let i = 0; i < 8; i++) {
      h.run('syncPaidNow');
      h.rt.clock.advance(15 * MIN);
    }
    const state = h.rt.documentProperties();
    expect(state['wb.state.paidStorageChecked']).toBeDefined();
    expect(state['wb.state.acceptanceChecked']).toBeDefined();
    const before = created();
    h.rt.clock.advance(HOUR);
    const res = h.run('syncAllNow');
    expect(created()).toBe(before);
    expect(res.message).toMatch(/WB Платное хранение: без изменений — проверено .*МСК/);
    h.run('syncPaidNow');
    expect(created()).toBe(before + 2);
  });
});
