/**
 * The card funnel (sales-funnel/products/history): the `WB Воронка` sheet holds, per
 * article and day, exactly what WB showed at the last read of that day; WB gives a week
 * at most, so a daily pass keeps every day from the first one on; WB_FUNNEL sums it.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const SHEET = 'WB Воронка';
const PATH = '/api/analytics/v3/sales-funnel/products/history';
const HOUR = 3600000;
const DAY = 24 * HOUR;
type H = ReturnType<typeof loadBundle>;
type Row = Record<string, any>;

function rows(h: H): Row[] {
  const t = sheetTable(h, SHEET);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}
const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** When each (nmId, day) was last read: the time of the last request that asked for the nmId over a period holding the day. */
function lastReads(h: H): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of h.rt.fetchLog) {
    if (!r.url.includes(PATH) || !r.payload) continue;
    const body = JSON.parse(r.payload);
    for (let d = Date.parse(body.selectedPeriod.start); d <= Date.parse(body.selectedPeriod.end); d += DAY) {
      for (const nm of body.nmIds) out.set(nm + ' ' + new Date(d).toISOString().slice(0, 10), r.at);
    }
  }
  return out;
}

describe('WB Воронка', () => {
  it('a week per article as WB shows it, then one more day every day, every day equal to WB’s numbers at its last read', () => {
    const h = loadBundle({ emulator: { seed: 61, articles: 25, ordersPerDay: 60 } });
    connect(h, { type: 'personal', categories: [2] });
    const first = h.run('syncAllNow');
    expect(String(first.message)).toMatch(/WB Воронка: строк \d+\. WB отдаёт воронку только за последнюю неделю: данные с \d\d\.\d\d\.\d{4}/);
    const articles = new Set(h.wb.seller.products.map((p) => p.nmId));
    let got = rows(h);
    expect(new Set(got.map((r) => r['Артикул WB']))).toEqual(articles);
    expect(new Set(got.map((r) => iso(r['Дата']))).size).toBe(7);
    // 25 articles: two requests (20 + 5), within the spec's 20 nmIds each.
    const calls = h.wb.requests.filter((r) => r.path === PATH);
    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    // A second refresh the same day sends nothing: the week was read today.
    h.rt.clock.advance(HOUR);
    const again = h.run('syncAllNow');
    expect(h.wb.requests.filter((r) => r.path === PATH).length).toBe(2);
    expect(String(again.message)).toContain('неделя уже прочитана сегодня');
    for (let d = 0; d < 4; d++) {
      h.rt.clock.advance(DAY);
      h.run('syncAllNow');
    }
    got = rows(h);
    const days = Array.from(new Set(got.map((r) => iso(r['Дата'])))).sort();
    expect(days.length).toBe(11);
    const keys = got.map((r) => r['Артикул WB'] + ' ' + iso(r['Дата']));
    expect(new Set(keys).size).toBe(keys.length);
    const reads = lastReads(h);
    const total = (k: string) => got.reduce((a, r) => a + Number(r[k]), 0);
    expect(total('Заказали, шт')).toBeGreaterThan(100);
    expect(total('Выкупили, шт')).toBeGreaterThan(20);
    expect(total('Переходы в карточку')).toBeGreaterThan(total('Положили в корзину, шт'));
    for (const r of got) {
      const day = iso(r['Дата']);
      const at = reads.get(r['Артикул WB'] + ' ' + day)!;
      const truth = h.wb.funnelDay(r['Артикул WB'], day, at);
      expect([r['Переходы в карточку'], r['Положили в корзину, шт'], r['Заказали, шт'], r['Заказали на сумму'], r['Выкупили, шт'], r['Выкупили на сумму'], r['Конверсия в корзину, %'], r['Конверсия в заказ, %']]).toEqual([
        truth.openCount, truth.cartCount, truth.orderCount, truth.orderSum, truth.buyoutCount, truth.buyoutSum, truth.addToCartConversion, truth.cartToOrderConversion,
      ]);
    }
    // Orders agree with the orders WB reports: the funnel's orders of a settled day = the day's orders.
    const orders = h.wb.orders();
    const settled = days[days.length - 3];
    const nm = got[0]['Артикул WB'];
    const fromOrders = orders.filter((o) => o.nmId === nm && String(o.date).slice(0, 10) === settled).length;
    expect(fromOrders).toBeGreaterThan(0);
    expect(got.find((r) => r['Артикул WB'] === nm && iso(r['Дата']) === settled)!['Заказали, шт']).toBe(fromOrders);
  }, 60000);

  it('WB_FUNNEL sums the days and gives any period’s conversions exactly, in Russian and English names', () => {
    const h = loadBundle({ emulator: { seed: 62, articles: 6, ordersPerDay: 40 } });
    connect(h, { type: 'personal', categories: [2] });
    h.run('syncAllNow');
    h.rt.clock.advance(DAY);
    h.run('syncAllNow');
    const got = rows(h);
    const days = Array.from(new Set(got.map((r) => iso(r['Дата'])))).sort();
    const article = String(got[0]['Артикул продавца']);
    const from = days[1];
    const to = days[5];
    const pick = got.filter((r) => r['Артикул продавца'] === article && iso(r['Дата']) >= from && iso(r['Дата']) <= to);
    const sum = (k: string) => pick.reduce((a, r) => a + Number(r[k]), 0);
    expect(h.formula('WB_FUNNEL', article, from, to)).toBe(sum('Переходы в карточку'));
    expect(h.formula('WB_FUNNEL', article, from, to, 'views')).toBe(sum('Переходы в карточку'));
    expect(h.formula('WB_FUNNEL', article, from, to, 'корзина')).toBe(sum('Положили в корзину, шт'));
    expect(h.formula('WB_FUNNEL', article, from, to, 'Заказы')).toBe(sum('Заказали, шт'));
    expect(h.formula('WB_FUNNEL', article, from, to, 'сумма заказов')).toBeCloseTo(sum('Заказали на сумму'), 2);
    expect(h.formula('WB_FUNNEL', article, from, to, 'buyouts')).toBe(sum('Выкупили, шт'));
    expect(h.formula('WB_FUNNEL', article, from, to, 'view→cart')).toBeCloseTo((sum('Положили в корзину, шт') / sum('Переходы в карточку')) * 100, 10);
    expect(h.formula('WB_FUNNEL', article, from, to, 'корзина -> заказ')).toBeCloseTo((sum('Заказали, шт') / sum('Положили в корзину, шт')) * 100, 10);
    expect(h.formula('WB_FUNNEL', article, from, to, 'заказ→выкуп')).toBeCloseTo((sum('Выкупили, шт') / sum('Заказали, шт')) * 100, 10);
    expect(() => h.formula('WB_FUNNEL', article, from, to, 'likes')).toThrow(/Неизвестный показатель воронки «likes»/);
  });

  it('a Base key (2 an hour) reads 20 articles per refresh, never gets a 429, and finishes the pass', () => {
    const h = loadBundle({ emulator: { seed: 63, articles: 45, ordersPerDay: 40 } });
    connect(h, { type: 'base', categories: [2] });
    for (let i = 0; i < 5; i++) {
      if (i) h.rt.clock.advance(HOUR);
      h.run('syncAllNow');
    }
    const calls = h.wb.requests.filter((r) => r.path === PATH);
    expect(calls.length).toBe(3);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    for (let i = 1; i < calls.length; i++) expect(calls[i].at - calls[i - 1].at).toBeGreaterThanOrEqual(30 * 60000);
    expect(new Set(rows(h).map((r) => r['Артикул WB'])).size).toBe(45);
  });

  it('a key without «Аналитика» sends no funnel request and says which category to add', () => {
    const h = loadBundle({ emulator: { seed: 64, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'personal', categories: [5] });
    const res = h.run('syncAllNow');
    expect(h.wb.requests.some((r) => r.path === PATH)).toBe(false);
    expect(String(res.message)).toMatch(/WB Воронка.*«Аналитика»/);
    expect(() => h.formula('WB_FUNNEL', '')).toThrow(/«WB Воронка».*«Аналитика»/);
  });
});
