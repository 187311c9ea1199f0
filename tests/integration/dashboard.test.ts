/**
 * The dashboard sheets, every number checked against a direct computation over the raw
 * sheets (independent code, by header names): overview headline numbers and chart data,
 * unit economics (totals reconciling to the realization report to the kopeck), stock
 * forecast, ABC. Plus the seller's inputs surviving rebuilds, and their own cells and
 * charts left alone.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const DAY = 86400000;
type Row = Record<string, any>;
type H = ReturnType<typeof loadBundle>;

let zone = 'Europe/Moscow';
const iso = (d: unknown) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d as Date);
const kop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : 0);
const addDays = (isoDay: string, n: number) => new Date(Date.parse(isoDay + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
const rub = (k: number) => Math.round(k) / 100;

/** Raw sheet rows by header; read once per virtual instant (the raw sheets change only with a refresh, which moves the clock). */
const cache = new Map<string, Row[]>();
function rows(h: H, name: string): Row[] {
  const key = name + '@' + h.rt.clock.now();
  let out = cache.get(key);
  if (!out) {
    const t = sheetTable(h, name);
    out = t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
    cache.set(key, out);
  }
  return out;
}

function within(d: unknown, from: string, to: string): boolean {
  return d instanceof Date && iso(d) >= from && iso(d) <= to;
}

/** Headline numbers straight from the raw sheets. */
function direct(h: H, from: string, to: string, nm: number | null = null) {
  const mine = (r: Row) => nm === null || r['Артикул WB'] === nm;
  let orders = 0, sales = 0, returns = 0, revenue = 0, payout = 0, retail = 0, costs = 0, logistics = 0, storage = 0, acceptance = 0, penalties = 0, deductions = 0, additional = 0, loyalty = 0, schedule = 0, units = 0;
  // Buyouts as WB counts them: orders of the period whose srid was sold and not returned.
  const sold = new Set<string>();
  const returned = new Set<string>();
  for (const r of rows(h, 'WB Продажи')) (String(r['ID продажи'])[0] === 'S' ? sold : returned).add(String(r['ID заказа (srid)']));
  let ordersAll = 0, buyouts = 0;
  for (const r of rows(h, 'WB Заказы')) {
    if (!mine(r) || !within(r['Дата заказа'], from, to)) continue;
    ordersAll++;
    if (r['Отменён'] !== true) orders++;
    if (sold.has(String(r['ID заказа (srid)'])) && !returned.has(String(r['ID заказа (srid)']))) buyouts++;
  }
  for (const r of rows(h, 'WB Продажи')) {
    if (!mine(r) || !within(r['Дата'], from, to)) continue;
    const id = String(r['ID продажи']);
    if (id[0] === 'S') (sales++, (revenue += Math.abs(kop(r['Цена со скидкой продавца']))));
    if (id[0] === 'R') (returns++, (revenue -= Math.abs(kop(r['Цена со скидкой продавца']))));
  }
  for (const r of rows(h, 'WB Реализация')) {
    const rowNm = r['Артикул WB'] || null;
    if ((nm !== null && rowNm !== nm) || !within(r['Дата операции'], from, to)) continue;
    // Amounts signed as WB sent them; a return document's amounts are what WB takes back.
    const doc = r['Тип документа'];
    const orient = doc === 'Возврат' ? -1 : 1;
    payout += orient * kop(r['К перечислению продавцу']);
    retail += orient * kop(r['Вайлдберриз реализовал (Пр)']);
    if (doc === 'Продажа' || doc === 'Возврат') units += orient * (typeof r['Кол-во'] === 'number' ? r['Кол-во'] : 0);
    logistics += kop(r['Логистика']);
    storage += kop(r['Хранение']);
    acceptance += kop(r['Платная приёмка']);
    penalties += kop(r['Штрафы']);
    deductions += kop(r['Удержания']);
    additional += kop(r['Корректировка вознаграждения WB (ВВ)']);
    loyalty += kop(r['Удержано за баллы программы лояльности']) + kop(r['Стоимость участия в программе лояльности']);
    schedule += kop(r['Разовое изменение срока перечисления']);
  }
  const commission = retail - payout;
  costs = commission + logistics + storage + acceptance + penalties + deductions;
  // WB's «Итого к оплате», the formula its own report list reconciles with.
  const net = payout - logistics - storage - acceptance - penalties - deductions + additional - loyalty + schedule;
  return { orders, ordersAll, buyouts, sales, returns, revenue, payout, retail, commission, logistics, storage, acceptance, penalties, deductions, additional, loyalty, schedule, net, costs, units };
}

describe('the dashboard', () => {
  const h = loadBundle({ emulator: { seed: 33, articles: 8, ordersPerDay: 40 } });
  let today = '';
  const period = { from: '', to: '' };

  beforeAll(() => {
    connect(h, { categories: [5, 2, 10, 13] });
    zone = h.rt.spreadsheet.getSpreadsheetTimeZone();
    // Three days of refreshes: stock snapshots on several days.
    for (let i = 0; i < 3; i++) {
      h.run('syncAllNow');
      h.rt.clock.advance(DAY);
    }
    h.run('syncAllNow');
    expect(h.call('buildDashboardNow').ok).toBe(true);
    today = iso(new Date(h.rt.clock.now()));
    period.to = addDays(today, -1);
    period.from = addDays(period.to, -29);
  });

  it('makes five sheets with native charts over their data and conditional formatting', () => {
    for (const name of ['WB Сводка', 'WB Юнит-экономика', 'WB Остатки: прогноз', 'WB ABC', 'WB Карточки']) expect(h.rt.spreadsheet.getSheetByName(name)).toBeTruthy();
    const charts = h.rt.charts('WB Сводка');
    // Four of sales and stock, three of the cards (rating, position/visibility, funnel), two of profit (where each ruble went, per week).
    expect(charts.map((c: any) => c.type).sort()).toEqual(['BAR', 'COLUMN', 'LINE', 'LINE', 'LINE', 'LINE', 'COLUMN', 'BAR', 'COLUMN'].sort());
    for (const c of charts) expect(c.ranges.length).toBeGreaterThan(0);
    expect(h.rt.conditionalRules('WB Юнит-экономика').length).toBeGreaterThan(0);
    expect(h.rt.conditionalRules('WB Остатки: прогноз').length).toBeGreaterThan(0);
  });

  it('overview: headline numbers and the previous period equal a direct computation', () => {
    const v = h.rt.spreadsheet.getSheetByName('WB Сводка')!.getRange(9, 2, 8, 3).getValues();
    const cur = direct(h, period.from, period.to);
    const prevTo = addDays(period.from, -1);
    const prev = direct(h, addDays(prevTo, -29), prevTo);
    const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : '');
    expect(v.slice(0, 7).map((r) => [r[0], r[1]])).toEqual([
      [cur.orders, prev.orders],
      [cur.sales, prev.sales],
      [cur.returns, prev.returns],
      [pct(cur.buyouts, cur.ordersAll), pct(prev.buyouts, prev.ordersAll)],
      [rub(cur.revenue), rub(prev.revenue)],
      [rub(cur.payout), rub(prev.payout)],
      [rub(cur.costs), rub(prev.costs)],
    ]);
    expect(cur.buyouts).toBeGreaterThan(0);
    expect(v[3][0]).toBeLessThanOrEqual(100);
    for (const r of v) expect(r[2]).toBe(typeof r[0] === 'number' && typeof r[1] === 'number' && r[1] !== 0 ? Math.round(((r[0] - r[1]) / Math.abs(r[1])) * 1000) / 10 : '');
    // Stock value: units at the period's end (the latest daily snapshot) x the article's
    // average price of the last 90 days.
    const hist = rows(h, 'WB Остатки по дням').filter((r) => iso(r['Дата']) <= period.to);
    const last = new Map<number, { day: string; q: number }>();
    for (const r of hist) {
      const d = iso(r['Дата']);
      const cur = last.get(r['Артикул WB']);
      if (!cur || d > cur.day) last.set(r['Артикул WB'], { day: d, q: 0 });
      if (last.get(r['Артикул WB'])!.day === d) last.get(r['Артикул WB'])!.q += r['Остаток на складах, шт'];
    }
    let value = 0;
    last.forEach((s, nm) => {
      const d = direct(h, addDays(period.to, -89), period.to, nm);
      const net = d.sales - d.returns;
      if (net > 0) value += (s.q * d.revenue) / net;
    });
    expect(v[7][0]).toBe(rub(Math.round(value)));
  });

  it('overview: chart data equal per-day, per-week and top-10 computations', () => {
    const sheet = h.rt.spreadsheet.getSheetByName('WB Сводка')!;
    const days = sheet.getRange(9, 14, 30, 3).getValues();
    for (let k = 0; k < 30; k++) {
      const d = iso(days[k][0]);
      expect(d).toBe(addDays(period.from, k));
      const x = direct(h, d, d);
      expect([days[k][1], days[k][2]]).toEqual([x.orders, x.sales]);
    }
    const weeks = sheet.getRange(9, 18, 6, 3).getValues().filter((r) => r[0] instanceof Date);
    let revenue = 0, payout = 0;
    for (const w of weeks) (revenue += kop(w[1]), (payout += kop(w[2])));
    const all = direct(h, period.from, period.to);
    expect([revenue, payout]).toEqual([all.revenue, all.payout]);
    for (const w of weeks) {
      const start = iso(w[0]);
      const x = direct(h, start < period.from ? period.from : start, addDays(start, 6) > period.to ? period.to : addDays(start, 6));
      expect([kop(w[1]), kop(w[2])]).toEqual([x.revenue, x.payout]);
    }
    const top = sheet.getRange(9, 25, 10, 2).getValues().filter((r) => r[0] !== '');
    const byArticle = new Map<string, number>();
    for (const r of rows(h, 'WB Продажи')) {
      if (!within(r['Дата'], period.from, period.to)) continue;
      const sign = String(r['ID продажи'])[0] === 'S' ? 1 : String(r['ID продажи'])[0] === 'R' ? -1 : 0;
      byArticle.set(r['Артикул продавца'], (byArticle.get(r['Артикул продавца']) || 0) + sign * Math.abs(kop(r['Цена со скидкой продавца'])));
    }
    const want = Array.from(byArticle.entries()).filter((e) => e[1] > 0).sort((a, b) => b[1] - a[1]).slice(0, 10);
    expect(top.map((r) => [String(r[0]), kop(r[1])])).toEqual(want.map((e) => [e[0], e[1]]));
    const stockDays = sheet.getRange(9, 22, 30, 2).getValues();
    const hist = rows(h, 'WB Остатки по дням');
    expect(stockDays.some((r) => typeof r[1] === 'number')).toBe(true);
    for (const r of stockDays) {
      const day = hist.filter((x) => iso(x['Дата']) === iso(r[0]));
      expect(r[1]).toBe(day.length ? day.reduce((t, x) => t + x['Остаток на складах, шт'], 0) : '');
    }
  });

  it('unit economics: every row from the realization report, totals reconcile to the kopeck', () => {
    const t = sheetTable(h, 'WB Юнит-экономика');
    const head = t.rows[3].map(String);
    // The table ends at its total row (the commission check under it lists articles too).
    const data = t.rows.slice(4, t.rows.findIndex((r) => r[0] === 'Итого') + 1);
    const col = (name: string) => head.indexOf(name);
    const totalRow = data.find((r) => r[0] === 'Итого')!;
    const all = direct(h, period.from, period.to);
    expect(kop(totalRow[col('К перечислению за товар, ₽')])).toBe(all.payout);
    expect(kop(totalRow[col('Итого к оплате, ₽')])).toBe(all.net);
    expect(kop(totalRow[col('Выручка (WB реализовал), ₽')])).toBe(all.retail);
    expect(kop(totalRow[col('Логистика, ₽')])).toBe(all.logistics);
    expect(kop(totalRow[col('Хранение (реализация), ₽')])).toBe(all.storage);
    expect(totalRow[col('Продано, шт')]).toBe(all.units);
    const lines = data.filter((x) => typeof x[col('Артикул WB')] === 'number');
    expect(lines.length).toBeGreaterThan(3);
    for (const r of lines) {
      const x = direct(h, period.from, period.to, r[col('Артикул WB')]);
      const got = ['Продано, шт', 'Выручка (WB реализовал), ₽', 'Комиссия WB, ₽', 'Логистика, ₽', 'Хранение (реализация), ₽', 'Приёмка (реализация), ₽', 'Штрафы, ₽', 'Удержания, ₽', 'Корректировка ВВ, ₽', 'Программа лояльности, ₽', 'Изменение срока перечисления, ₽', 'К перечислению за товар, ₽', 'Итого к оплате, ₽'].map((name, i) => (i === 0 ? r[col(name)] : kop(r[col(name)])));
      expect(got).toEqual([x.units, x.retail, x.commission, x.logistics, x.storage, x.acceptance, x.penalties, x.deductions, x.additional, x.loyalty, x.schedule, x.payout, x.net]);
    }
    // The rows add up to the total row, which is the report's own total.
    for (const name of ['Комиссия WB, ₽', 'Приёмка (реализация), ₽', 'Штрафы, ₽', 'Удержания, ₽']) {
      expect(data.filter((x) => x[0] !== 'Итого').reduce((t, x) => t + kop(x[col(name)]), 0)).toBe(kop(totalRow[col(name)]));
    }
  });

  it("unit economics: WB's own «Итого к оплате» per report beside ours, difference 0,00 when it reconciles", () => {
    const t = sheetTable(h, 'WB Юнит-экономика');
    const at = t.rows.findIndex((r) => String(r[0]).startsWith('Сверка с WB'));
    expect(at).toBeGreaterThan(0);
    expect(t.rows[at + 1].slice(0, 6)).toEqual(['Номер отчёта', 'Тип отчёта', 'Период отчёта', 'Итого к оплате по WB, ₽', 'Итого к оплате по строкам отчёта, ₽', 'Разница, ₽']);
    const end = t.rows.findIndex((r) => r[0] === 'Комиссия WB: по тарифу и удержанная');
    const lines = t.rows.slice(at + 2, end < 0 ? undefined : end).filter((r) => r[0] !== '' && r[0] !== null);
    // WB's list as the add-on stored it, and the detail rows of each report by hand.
    const list = new Map(rows(h, 'WB Отчёты реализации').map((r) => [String(r['Номер отчёта']), r]));
    const detail = rows(h, 'WB Реализация');
    let withLoyalty = 0;
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) {
      const wb = list.get(String(l[0]))!;
      expect(wb).toBeTruthy();
      expect(kop(l[3])).toBe(kop(wb['Итого к оплате']));
      const mine = detail.filter((r) => String(r['Номер отчёта']) === String(l[0]));
      let ours = 0;
      for (const r of mine) {
        const orient = r['Тип документа'] === 'Возврат' ? -1 : 1;
        ours += orient * kop(r['К перечислению продавцу']) - kop(r['Логистика']) - kop(r['Хранение']) - kop(r['Платная приёмка']) - kop(r['Штрафы']) - kop(r['Удержания']);
        ours += kop(r['Корректировка вознаграждения WB (ВВ)']) - kop(r['Удержано за баллы программы лояльности']) - kop(r['Стоимость участия в программе лояльности']) + kop(r['Разовое изменение срока перечисления']);
      }
      expect(kop(l[4])).toBe(ours);
      expect(l[5]).toBe(0);
      if (kop(wb['Удержано за баллы программы лояльности'])) withLoyalty++;
    }
    // The emulated seller uses loyalty points: without them the two would not meet.
    expect(withLoyalty).toBeGreaterThan(0);
  });

  it('unit economics: the seller\'s cost prices survive rebuilds and give profit, margin, ROI; ABC then ranks by profit', () => {
    const sheet = h.rt.spreadsheet.getSheetByName('WB Юнит-экономика')!;
    const t = sheetTable(h, 'WB Юнит-экономика');
    const head = t.rows[3].map(String);
    const c = (name: string) => head.indexOf(name) + 1;
    const first = t.rows.slice(4).findIndex((r) => typeof r[c('Артикул WB') - 1] === 'number');
    const row = 6 + first;
    const nm = sheet.getRange(row, c('Артикул WB')).getValue() as number;
    sheet.getRange(row, c('Себестоимость, ₽/шт')).setValue(123.45);
    h.rt.clock.advance(3600000);
    h.wb.changeRandomRows(0.05, h.rt.clock.now());
    h.run('syncAllNow'); // rebuilds the dashboard
    const after = sheetTable(h, 'WB Юнит-экономика');
    const line = after.rows.slice(4).find((r) => r[c('Артикул WB') - 1] === nm)!;
    expect(line[c('Себестоимость, ₽/шт') - 1]).toBe(123.45);
    const x = direct(h, period.from, period.to, nm);
    // Paid storage and acceptance per article (the key has Analytics) replace the realization's lines.
    // A report not loaded (no sheet) leaves the realization's own line in place.
    const loaded = (name: string) => !!h.rt.spreadsheet.getSheetByName(name);
    const paid = (name: string, day: string, money: string) => rows(h, name).filter((r) => r['Артикул WB'] === nm && within(r[day], period.from, period.to)).reduce((s, r) => s + kop(r[money]), 0);
    const storage = loaded('WB Платное хранение') ? paid('WB Платное хранение', 'Дата', 'Стоимость хранения') : x.storage;
    const acceptance = loaded('WB Платная приёмка') ? paid('WB Платная приёмка', 'Дата приёмки', 'Стоимость приёмки') : x.acceptance;
    expect(loaded('WB Платное хранение')).toBe(true);
    expect(kop(line[c('Хранение по артикулу, ₽') - 1])).toBe(storage);
    const profit = x.net + x.storage + x.acceptance - storage - acceptance - 12345 * x.units;
    expect(kop(line[c('Прибыль, ₽') - 1])).toBe(profit);
    expect(line[c('Маржа, %') - 1]).toBe(x.retail ? Math.round((profit / x.retail) * 10000) / 100 : '');
    expect(line[c('ROI, %') - 1]).toBe(Math.round((profit / (12345 * x.units)) * 10000) / 100);
    const abc = sheetTable(h, 'WB ABC');
    expect(abc.rows[3]).toContain('Прибыль, ₽');
  });

  it('stock forecast: stock, order rates, days left, reorder and units to send from the snapshot and raw orders', () => {
    const sheet = h.rt.spreadsheet.getSheetByName('WB Остатки: прогноз')!;
    const threshold = sheet.getRange(2, 2).getValue();
    const target = sheet.getRange(3, 2).getValue();
    expect([threshold, target]).toEqual([14, 30]);
    const t = sheetTable(h, 'WB Остатки: прогноз');
    const data = t.rows.slice(5).filter((r) => r[0] !== '');
    expect(data.length).toBeGreaterThan(5);
    const stock = rows(h, 'WB Остатки');
    const todayIso = iso(new Date(h.rt.clock.now()));
    // Every order from a WB warehouse, cancelled or not: a unit leaves the shelf when ordered.
    const orders = rows(h, 'WB Заказы').filter((r) => r['Тип склада'] !== 'Склад продавца' && iso(r['Дата заказа']) >= addDays(todayIso, -30) && iso(r['Дата заказа']) <= addDays(todayIso, -1));
    const seen = new Set<string>();
    for (const line of data) {
      const [, nm, wh, units, r7, r14, r30, daysLeft, reorder, send] = line;
      seen.add(nm + '|' + wh);
      expect(units).toBe(stock.filter((r) => r['Артикул WB'] === nm && r['Склад'] === wh).reduce((s, r) => s + r['Остаток, шт'], 0));
      const ordered = (n: number) => orders.filter((r) => r['Артикул WB'] === nm && r['Склад'] === wh && iso(r['Дата заказа']) >= addDays(todayIso, -n)).length;
      expect([r7, r14, r30]).toEqual([Math.round((ordered(7) / 7) * 100) / 100, Math.round((ordered(14) / 14) * 100) / 100, Math.round((ordered(30) / 30) * 100) / 100]);
      const rate = ordered(14) > 0 ? ordered(14) / 14 : ordered(30) / 30;
      expect(daysLeft).toBe(rate > 0 ? Math.round((units / rate) * 10) / 10 : '');
      expect(reorder).toBe(rate > 0 && units / rate < 14 ? 'да' : '');
      expect(send).toBe(rate > 0 && Math.ceil(rate * 30 - units) > 0 ? Math.ceil(rate * 30 - units) : '');
      if (reorder) expect(h.rt.effectiveBackground('WB Остатки: прогноз', 7 + data.indexOf(line), 8)).not.toBe('#ffffff');
    }
    // Every warehouse with stock or with orders in the last 30 days has its line.
    for (const r of stock) expect(seen.has(r['Артикул WB'] + '|' + r['Склад'])).toBe(true);
    for (const r of orders) expect(seen.has(r['Артикул WB'] + '|' + r['Склад'])).toBe(true);
    expect(sheet.getRange(4, 1).getValue()).toMatch(/заказы в день/);
  });

  it('ABC: ranked, shares add up to 100 %, classes by the running share before each article, as the note says', () => {
    const t = sheetTable(h, 'WB ABC');
    expect(h.rt.spreadsheet.getSheetByName('WB ABC')!.getRange(3, 1).getValue()).toMatch(/переходит 80 %, ещё A/);
    const data = t.rows.slice(4).filter((r) => typeof r[0] === 'number');
    const values = data.map((r) => r[3]);
    expect(values).toEqual(values.slice().sort((a, b) => b - a));
    const total = values.reduce((s, v) => s + v, 0);
    let before = 0;
    for (const r of data) {
      const cls = before / total < 0.8 ? 'A' : before / total < 0.95 ? 'B' : 'C';
      expect(r[6]).toBe(cls);
      before += r[3];
      expect(r[5]).toBe(Math.round((before / total) * 1000) / 10);
    }
  });

  it('a new period chosen in B2 is used on the next build; the seller\'s cells and charts elsewhere stay', () => {
    const sheet = h.rt.spreadsheet.getSheetByName('WB Сводка')!;
    sheet.getRange(2, 2).setValue('7 дней');
    sheet.getRange(60, 1).setValue('моя заметка');
    const mine = sheet.newChart().setChartType(h.scope.Charts.ChartType.PIE).addRange(sheet.getRange('N8:O15')).setPosition(60, 3, 0, 0).build();
    sheet.insertChart(mine);
    h.call('buildDashboardNow');
    const from = addDays(period.to, -6);
    expect(sheet.getRange(9, 2).getValue()).toBe(direct(h, from, period.to).orders);
    expect(sheet.getRange(2, 2).getValue()).toBe('7 дней');
    expect(sheet.getRange(60, 1).getValue()).toBe('моя заметка');
    expect(h.rt.charts('WB Сводка').length).toBe(10);
    // Own dates: «Даты» in B2, from and to in B4:B5.
    sheet.getRange(2, 2).setValue('Даты');
    const a = addDays(period.to, -12);
    const b = addDays(period.to, -3);
    sheet.getRange(4, 2, 2, 1).setValues([[a], [b]]);
    h.call('buildDashboardNow');
    expect(sheet.getRange(9, 2, 2, 1).getValues()).toEqual([[direct(h, a, b).orders], [direct(h, a, b).sales]]);
    expect(String(sheet.getRange(6, 1).getValue())).toContain('(10 дн.)');
    expect(iso(sheet.getRange(4, 2).getValue())).toBe(a);
  });
});

describe('the dashboard in English', () => {
  it('names its sheets, headers and notes in English for a non-Russian user', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 4, ordersPerDay: 10 } });
    h.rt.setLocale('en');
    connect(h, { categories: [5, 2, 10, 13] });
    h.run('syncAllNow');
    const res = h.call('buildDashboardNow');
    expect(res.message).toMatch(/^Dashboard built/);
    for (const name of ['WB Overview', 'WB Unit economics', 'WB Stock forecast', 'WB ABC']) expect(h.rt.spreadsheet.getSheetByName(name)).toBeTruthy();
    expect(h.rt.spreadsheet.getSheetByName('WB Overview')!.getRange(8, 1, 1, 4).getValues()[0]).toEqual(['Metric', 'Period', 'Previous', 'Change, %']);
    expect(h.rt.charts('WB Overview').map((c: any) => c.title)).toContain('Orders and sales per day');
  });
});
