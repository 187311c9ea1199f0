/**
 * The WB_ family over the daily table, checked against a direct computation over the
 * raw sheets (independent code, by header names) for random articles and periods;
 * the daily table after WB changes, after the seller trims raw rows, and after the
 * seller deletes it.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const ALL = [5, 2, 10, 13];
const DAY = 86400000;

type Row = Record<string, any>;

function rows(h: ReturnType<typeof loadBundle>, name: string): Row[] {
  const t = sheetTable(h, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}

let zone = 'Europe/Moscow';
/** The calendar day a date cell shows (getValues gives Dates in the spreadsheet's zone). */
const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const kop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : 0);
const inPeriod = (d: unknown, from: string, to: string) => d instanceof Date && iso(d) >= from && iso(d) <= to;

/** Everything a seller could sum by hand over the raw sheets. */
function direct(h: ReturnType<typeof loadBundle>, article: string, from: string, to: string) {
  const out = { orders: 0, returns: 0, sales: 0, revenue: 0, payout: 0, logistics: 0, storage: 0, commission: 0, costs: 0 };
  for (const r of rows(h, 'WB Заказы')) {
    if (r['Артикул продавца'] !== article || !inPeriod(r['Дата заказа'], from, to)) continue;
    if (r['Отменён'] !== true) out.orders++;
  }
  for (const r of rows(h, 'WB Продажи')) {
    if (r['Артикул продавца'] !== article || !inPeriod(r['Дата'], from, to)) continue;
    const id = String(r['ID продажи']);
    if (id[0] === 'S') (out.sales++, (out.revenue += Math.abs(kop(r['Цена со скидкой продавца']))));
    if (id[0] === 'R') (out.sales--, out.returns++, (out.revenue -= Math.abs(kop(r['Цена со скидкой продавца']))));
  }
  for (const r of rows(h, 'WB Реализация')) {
    if (r['Артикул продавца'] !== article || !inPeriod(r['Дата операции'], from, to)) continue;
    // Amounts signed as WB sent them; a return document's amounts are what WB takes back.
    const orient = r['Тип документа'] === 'Возврат' ? -1 : 1;
    const pay = orient * kop(r['К перечислению продавцу']);
    out.payout += pay;
    out.commission += orient * kop(r['Вайлдберриз реализовал (Пр)']) - pay;
    out.logistics += kop(r['Логистика']);
    out.storage += kop(r['Хранение']);
    out.costs += kop(r['Платная приёмка']) + kop(r['Штрафы']) + kop(r['Удержания']);
  }
  out.costs += out.logistics + out.storage + out.commission;
  return out;
}

function randomCases(h: ReturnType<typeof loadBundle>, n: number, seed: number) {
  const sales = rows(h, 'WB Продажи');
  const articles = Array.from(new Set(sales.map((r) => String(r['Артикул продавца'])))).sort();
  const days = Array.from(new Set(sales.map((r) => iso(r['Дата'])))).sort();
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % k);
  const out: { article: string; from: string; to: string }[] = [];
  for (let i = 0; i < n; i++) {
    let from = days[rnd(days.length)];
    let to = days[rnd(days.length)];
    if (from > to) [from, to] = [to, from];
    out.push({ article: articles[rnd(articles.length)], from, to });
  }
  return out;
}

function expectMatches(h: ReturnType<typeof loadBundle>, cases: { article: string; from: string; to: string }[]) {
  for (const c of cases) {
    const want = direct(h, c.article, c.from, c.to);
    const got = {
      orders: h.formula('WB_ORDERS', c.article, c.from, c.to),
      returns: h.formula('WB_RETURNS', c.article, c.from, c.to),
      sales: h.formula('WB_SALES', c.article, c.from, c.to),
      revenue: Math.round(h.formula('WB_REVENUE', c.article, c.from, c.to) * 100),
      payout: Math.round(h.formula('WB_PAYOUT', c.article, c.from, c.to) * 100),
      logistics: Math.round(h.formula('WB_COSTS', c.article, c.from, c.to, 'логистика') * 100),
      storage: Math.round(h.formula('WB_COSTS', c.article, c.from, c.to, 'storage') * 100),
      commission: Math.round(h.formula('WB_COSTS', c.article, c.from, c.to, 'Комиссия') * 100),
      costs: Math.round(h.formula('WB_COSTS', c.article, c.from, c.to) * 100),
    };
    expect({ ...c, ...got }).toEqual({ ...c, ...want });
  }
}

describe('the WB_ family over the daily table', () => {
  const h = loadBundle({ emulator: { seed: 21 } });
  beforeAll(() => {
    connect(h, { categories: ALL });
    h.run('syncAllNow');
    zone = h.rt.spreadsheet.getSpreadsheetTimeZone();
  });

  it('keeps a daily table and answers like a direct sum over the raw sheets', () => {
    expect(h.rt.spreadsheet.getSheetByName('WB Дни')).toBeTruthy();
    expect(rows(h, 'WB Реализация').length).toBeGreaterThan(100);
    const before = h.wb.requests.length;
    expectMatches(h, randomCases(h, 20, 7));
    expect(h.wb.requests.length).toBe(before);
  });

  it('WB_STOCK sums the latest snapshot, all warehouses or one', () => {
    const stock = rows(h, 'WB Остатки');
    const article = String(stock[0]['Артикул продавца']);
    const warehouse = String(stock[0]['Склад']);
    const sum = (pred: (r: Row) => boolean) => stock.filter(pred).reduce((a, r) => a + (typeof r['Остаток, шт'] === 'number' ? r['Остаток, шт'] : 0), 0);
    expect(h.formula('WB_STOCK', article)).toBe(sum((r) => r['Артикул продавца'] === article));
    expect(h.formula('WB_STOCK', article, warehouse)).toBe(sum((r) => r['Артикул продавца'] === article && r['Склад'] === warehouse));
    expect(h.formula('WB_STOCK', '')).toBe(sum(() => true));
  });

  it('WB_SUMMARY spills a header and a row per article whose numbers equal the single functions', () => {
    const c = randomCases(h, 1, 3)[0];
    const table = h.formula('WB_SUMMARY', c.from, c.to) as any[][];
    expect(table[0]).toEqual(['Артикул продавца', 'Артикул WB', 'Предмет', 'Название', 'Заказы, шт', 'Продажи, шт', 'Возвраты, шт', 'Выкуп, %', 'Выручка, ₽', 'К перечислению, ₽', 'Расходы WB, ₽', 'Остаток, шт', 'Дней запаса']);
    expect(table.length).toBeGreaterThan(3);
    for (const line of table.slice(1, 6)) {
      const nm = line[1];
      expect(line[4]).toBe(h.formula('WB_ORDERS', nm, c.from, c.to));
      expect(line[5] - line[6]).toBe(h.formula('WB_SALES', nm, c.from, c.to));
      expect(line[6]).toBe(h.formula('WB_RETURNS', nm, c.from, c.to));
      expect(line[8]).toBeCloseTo(h.formula('WB_REVENUE', nm, c.from, c.to), 2);
      expect(line[9]).toBeCloseTo(h.formula('WB_PAYOUT', nm, c.from, c.to), 2);
      expect(line[10]).toBeCloseTo(h.formula('WB_COSTS', nm, c.from, c.to), 2);
      expect(line[11]).toBe(h.formula('WB_STOCK', nm));
      // Buyout % as WB counts it: the period's orders (cancelled too) matched by srid to a
      // sale and no return, whenever those came.
      const orders = rows(h, 'WB Заказы').filter((r) => r['Артикул WB'] === nm && inPeriod(r['Дата заказа'], c.from, c.to));
      const sales = rows(h, 'WB Продажи');
      const sold = new Set(sales.filter((r) => String(r['ID продажи'])[0] === 'S').map((r) => r['ID заказа (srid)']));
      const returned = new Set(sales.filter((r) => String(r['ID продажи'])[0] === 'R').map((r) => r['ID заказа (srid)']));
      const bought = orders.filter((r) => sold.has(r['ID заказа (srid)']) && !returned.has(r['ID заказа (srid)'])).length;
      expect(line[7]).toBe(orders.length ? Math.round((bought / orders.length) * 1000) / 10 : '');
      // Days of stock: stock now ÷ units ordered per day of the period (every order).
      const days = (Date.parse(c.to) - Date.parse(c.from)) / DAY + 1;
      expect(line[12]).toBe(orders.length && typeof line[11] === 'number' ? Math.round((line[11] / (orders.length / days)) * 10) / 10 : '');
    }
    const revenues = table.slice(1).map((l) => l[8]);
    expect(revenues).toEqual(revenues.slice().sort((a, b) => b - a));
  });

  it('follows WB changes on the next refresh', () => {
    h.rt.clock.advance(DAY);
    h.wb.changeRandomRows(0.05, h.rt.clock.now());
    h.run('syncAllNow');
    expectMatches(h, randomCases(h, 12, 11));
  });

  it('keeps answering for days whose raw rows the seller deleted', () => {
    const c = randomCases(h, 1, 5)[0];
    const wantSales = h.formula('WB_SALES', '', c.from, c.to);
    const wantOrders = h.formula('WB_ORDERS', '', c.from, c.to);
    for (const name of ['WB Продажи', 'WB Заказы']) {
      const sheet = h.rt.spreadsheet.getSheetByName(name)!;
      sheet.deleteRows(2, Math.floor((sheet.getLastRow() - 1) / 2));
    }
    h.rt.clock.advance(3600000);
    h.run('syncAllNow');
    expect(h.formula('WB_SALES', '', c.from, c.to)).toBe(wantSales);
    expect(h.formula('WB_ORDERS', '', c.from, c.to)).toBe(wantOrders);
  });
});

describe('a report never loaded is no data, not zero', () => {
  it('without a Finance key WB_PAYOUT and WB_COSTS say so, WB_SUMMARY leaves their columns empty', () => {
    const h = loadBundle({ emulator: { seed: 5 } });
    connect(h, { categories: [5, 2] });
    h.run('syncAllNow');
    expect(h.rt.spreadsheet.getSheetByName('WB Дни')).toBeTruthy();
    expect(h.formula('WB_ORDERS', '')).toBeGreaterThan(0);
    for (const call of [() => h.formula('WB_PAYOUT', ''), () => h.formula('WB_COSTS', '', '', '', 'логистика'), () => h.formula('WB_PAYOUT', [['A'], ['B']])]) {
      expect(call).toThrow(/Нет данных: отчёт «WB Реализация» ещё не загружен.*«Финансы»/);
    }
    const table = h.formula('WB_SUMMARY') as any[][];
    expect(table.length).toBeGreaterThan(2);
    for (const line of table.slice(1)) {
      expect([line[9], line[10]]).toEqual(['', '']);
      expect(typeof line[4]).toBe('number');
    }
  });

  it('without a Statistics key WB_ORDERS, WB_SALES and WB_RETURNS say so as WB_STOCK does', () => {
    const h = loadBundle({ emulator: { seed: 6 } });
    connect(h, { categories: [2, 13] });
    h.run('syncAllNow');
    expect(h.rt.spreadsheet.getSheetByName('WB Дни')).toBeTruthy();
    expect(typeof h.formula('WB_PAYOUT', '')).toBe('number');
    for (const fn of ['WB_ORDERS', 'WB_SALES', 'WB_RETURNS', 'WB_REVENUE']) expect(() => h.formula(fn, '')).toThrow(/Нет данных: отчёт «WB (Заказы|Продажи)» ещё не загружен.*«Статистика»/);
  });

  it('a report whose raw sheet the seller deleted still answers from the daily table, zero included', () => {
    const h = loadBundle({ emulator: { seed: 7 } });
    connect(h, { categories: ALL });
    h.run('syncAllNow');
    const payout = h.formula('WB_PAYOUT', '');
    h.rt.spreadsheet.deleteSheet(h.rt.spreadsheet.getSheetByName('WB Реализация')!);
    expect(h.formula('WB_PAYOUT', '')).toBe(payout);
    expect(h.formula('WB_PAYOUT', '', '2020-01-01', '2020-01-31')).toBe(0);
  });
});
