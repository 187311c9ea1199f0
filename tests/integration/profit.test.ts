/**
 * Profit per article end to end: a seller with ads, paid storage, acceptance and the
 * realization report, cost prices typed on WB Юнит-экономика and a tax regime set in
 * the settings. WB_PROFIT / WB_MARGIN / WB_ROI and the unit economics sheet equal a sum
 * computed here by hand from the emulator's own truth (its realization rows, campaign
 * cells, paid storage and acceptance rows), never from our sheets; the sheet's totals
 * reconcile to the kopeck and say so; the overview shows profit and ДРР; ABC puts a
 * loss-maker in C.
 */
import { loadBundle } from '../bundle/harness';
import { connect, mskDay, dayIso, dayOfText, sheetTable } from './helpers';

const DAY = 86400000;
const HOUR = 3600000;
type H = ReturnType<typeof loadBundle>;

/** WB's money (numbers or strings with up to 3 decimals of a kopeck) in kopecks. */
const kop = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : Math.round(Number(v) * 100000) / 1000);
const cellKop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : 0);

interface Truth {
  units: number;
  /** units per size (WB's techSize) */
  sizes: Map<string, number>;
  income: number;
  /** «Итого к оплате» without WB's storage and acceptance lines */
  toPay: number;
  storagePaid: number;
  acceptancePaid: number;
  ads: number;
}

/** Everything WB says about each article for Moscow days [from, to], straight from the emulator. */
function truth(h: H, from: number, to: number): Map<number, Truth> {
  const out = new Map<number, Truth>();
  const at = (nm: number) => {
    let t = out.get(nm);
    if (!t) out.set(nm, (t = { units: 0, sizes: new Map(), income: 0, toPay: 0, storagePaid: 0, acceptancePaid: 0, ads: 0 }));
    return t;
  };
  const now = h.rt.clock.now();
  for (const r of h.wb.realization({ dateFrom: dayIso(from - 14), dateTo: dayIso(mskDay(now)) })) {
    const d = dayOfText(r.rrDate);
    if (d < from || d > to) continue;
    const t = at(Number(r.nmId) || 0);
    const sign = r.docTypeName === 'Возврат' ? -1 : 1;
    if (r.docTypeName === 'Продажа' || r.docTypeName === 'Возврат') {
      t.units += sign * Number(r.quantity);
      t.sizes.set(String(r.techSize), (t.sizes.get(String(r.techSize)) || 0) + sign * Number(r.quantity));
    }
    t.income += sign * kop(r.retailAmount);
    t.toPay += sign * kop(r.forPay) - kop(r.deliveryService) - kop(r.penalty) - kop(r.deduction) + kop(r.additionalPayment) - kop(r.cashbackAmount) - kop(r.cashbackCommissionChange) + kop(r.paymentSchedule);
  }
  for (const r of h.wb.paid.storageRows(from, to, now)) at(Number(r.nmId)).storagePaid += kop(r.warehousePrice);
  for (const r of h.wb.paid.acceptanceRows(from, to, now)) at(Number(r.nmID)).acceptancePaid += kop(r.total);
  for (const c of h.wb.ads.campaigns) {
    for (const nm of c.nmIds) {
      for (let d = from; d <= to; d++) for (const cell of h.wb.ads.cells(c, nm, d, now) || []) at(nm).ads += cell.spendKop;
    }
  }
  return out;
}

/** Refreshes until the paid reports and their settling days are in (several refreshes: 12 storage tasks at one a minute). */
function loadAll(h: H): void {
  for (let i = 0; i < 25; i++) {
    const res = h.call('syncAllNow');
    expect(res.busy).toBe(false);
    const props = h.rt.documentProperties();
    const today = mskDay(h.rt.clock.now());
    const done = ['paidStorage', 'acceptance'].every((id) => !props['wb.state.' + id + 'Task'] && Number(props['wb.state.' + id + 'Cursor']) >= today - 2);
    if (done && i > 0) return;
    h.rt.clock.advance(3 * 60000);
  }
  throw new Error('paid reports not loaded');
}

function unitRows(h: H) {
  const t = sheetTable(h, 'WB Юнит-экономика');
  const headAt = t.rows.findIndex((r) => r[0] === 'Артикул продавца');
  const head = t.rows[headAt].map(String);
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error('no column ' + name);
    return i;
  };
  const totalAt = t.rows.findIndex((r) => r[0] === 'Итого');
  return { all: t.rows, data: t.rows.slice(headAt + 1, totalAt + 1), col };
}

describe('profit per article', () => {
  let h: H;
  let from: number;
  let to: number;
  let costs: Map<number, number>;
  let loser: number;

  beforeAll(() => {
    h = loadBundle({ emulator: { seed: 21, articles: 6, ordersPerDay: 30, campaigns: 5 } });
    connect(h, { categories: [5, 2, 6, 13] });
    loadAll(h);
    h.call('buildDashboardNow');
    // The default period: 30 full days up to yesterday.
    to = mskDay(h.rt.clock.now()) - 1;
    from = to - 29;
    // Cost prices typed on the sheet; one article at a cost no sale covers.
    const sheet = h.rt.spreadsheet.getSheetByName('WB Юнит-экономика')!;
    const u = unitRows(h);
    costs = new Map();
    const sold = u.data.filter((r) => typeof r[u.col('Артикул WB')] === 'number' && r[u.col('Продано, шт')] > 0);
    expect(sold.length).toBeGreaterThan(3);
    loser = sold[sold.length - 1][u.col('Артикул WB')];
    u.data.forEach((r, i) => {
      const nm = r[u.col('Артикул WB')];
      if (typeof nm !== 'number') return;
      const cost = nm === loser ? 50000 : 150 + (nm % 7) * 10.5;
      costs.set(nm, cost);
      // sheetTable's rows start under the sheet's first row.
      sheet.getRange(u.all.indexOf(r) + 2, u.col('Себестоимость, ₽/шт') + 1).setValue(cost);
    });
    h.run('saveSettings', { taxRegime: 'usn6', otherCostPerUnit: 35.5 });
    h.call('buildDashboardNow');
  });

  /** Profit by the README's formula from the emulator's truth, with УСН «доходы» 6 % and 35,50 ₽ a unit. */
  function expected(t: Truth, cost: number) {
    const costKop = Math.round(cost * 100) * t.units;
    const other = 3550 * t.units;
    const tax = Math.round(t.income * 0.06);
    const profit = t.toPay - t.storagePaid - t.acceptancePaid - t.ads - costKop - other - tax;
    return { profit, tax, costKop, other };
  }

  it('WB_PROFIT, WB_MARGIN and WB_ROI equal a hand sum of the emulator\'s truth per article', () => {
    const tr = truth(h, from, to);
    let withAds = 0;
    let withStorage = 0;
    for (const [nm, cost] of costs) {
      const t = tr.get(nm);
      if (!t) continue;
      const e = expected(t, cost);
      const profit = h.formula('WB_PROFIT', nm, dayIso(from), dayIso(to));
      expect(Math.round(profit * 100)).toBe(Math.round(e.profit));
      expect(h.formula('WB_MARGIN', nm, dayIso(from), dayIso(to))).toBe(t.income ? Math.round((e.profit / t.income) * 10000) / 100 : '');
      expect(h.formula('WB_ROI', nm, dayIso(from), dayIso(to))).toBe(e.costKop + e.other > 0 ? Math.round((e.profit / (e.costKop + e.other)) * 10000) / 100 : '');
      if (t.ads > 0) withAds++;
      if (t.storagePaid > 0) withStorage++;
    }
    // The seller advertises some articles and stores all: the test is not vacuous.
    expect(withAds).toBeGreaterThan(0);
    expect(withStorage).toBeGreaterThan(3);
    expect(h.formula('WB_PROFIT', loser, dayIso(from), dayIso(to))).toBeLessThan(0);
  });

  it('an article that sold without a cost price is an error naming it, not a number', () => {
    const fresh = loadBundle({ emulator: { seed: 21, articles: 6, ordersPerDay: 30, campaigns: 5 } });
    connect(fresh, { categories: [5, 13] });
    fresh.call('syncAllNow');
    fresh.call('buildDashboardNow');
    expect(() => fresh.formula('WB_PROFIT', '')).toThrow(/Нет себестоимости для артикула/);
  });

  it('the unit economics sheet: per article the same parts, and totals that reconcile to the kopeck, as the sheet says', () => {
    const tr = truth(h, from, to);
    const u = unitRows(h);
    const lines = u.data.filter((r) => typeof r[u.col('Артикул WB')] === 'number');
    for (const r of lines) {
      const nm = r[u.col('Артикул WB')];
      const t = tr.get(nm) || { units: 0, sizes: new Map(), income: 0, toPay: 0, storagePaid: 0, acceptancePaid: 0, ads: 0 };
      const e = expected(t, costs.get(nm)!);
      expect([
        cellKop(r[u.col('Хранение по артикулу, ₽')]),
        cellKop(r[u.col('Приёмка по артикулу, ₽')]),
        cellKop(r[u.col('Реклама, ₽')]),
        cellKop(r[u.col('Налог, ₽')]),
        cellKop(r[u.col('Себестоимость проданного, ₽')]),
        cellKop(r[u.col('Прочие расходы, ₽')]),
        cellKop(r[u.col('Прибыль, ₽')]),
      ]).toEqual([Math.round(t.storagePaid), Math.round(t.acceptancePaid), t.ads, e.tax, e.costKop, e.other, Math.round(e.profit)]);
      expect(r[u.col('ДРР, %')]).toBe(t.income ? Math.round((t.ads / t.income) * 10000) / 100 : '');
    }
    const total = u.data.find((r) => r[0] === 'Итого')!;
    let ads = 0;
    let storage = 0;
    for (const t of tr.values()) (ads += t.ads), (storage += t.storagePaid);
    expect(cellKop(total[u.col('Реклама, ₽')])).toBe(ads);
    expect(cellKop(total[u.col('Хранение по артикулу, ₽')])).toBe(Math.round(storage));
    const at = u.all.findIndex((r) => String(r[0]).startsWith('Сверка итогов с отчётами'));
    expect(at).toBeGreaterThan(0);
    const recon = u.all.slice(at + 2, at + 10).filter((r) => r[0] !== '' && r[0] !== null);
    const labels = recon.map((r) => r[0]);
    expect(labels).toEqual(expect.arrayContaining(['Итого к оплате (WB Реализация)', 'Хранение по артикулу (WB Платное хранение)', 'Приёмка по артикулу (WB Платная приёмка)', 'Реклама (WB Реклама)', 'Прибыль из итогов отчётов', 'Сходится до копейки.']));
    for (const r of recon.filter((x) => x[0] !== 'Сходится до копейки.')) expect(r[3]).toBe(0);
  });

  it('a changed tax regime changes the tax as documented: УСН «доходы − расходы» 15 % of a positive profit before tax, ОСНО the VAT inside income', () => {
    const tr = truth(h, from, to);
    const nm = Array.from(costs.keys()).find((n) => n !== loser && (tr.get(n)?.units || 0) > 0)!;
    const t = tr.get(nm)!;
    const before = t.toPay - t.storagePaid - t.acceptancePaid - t.ads - Math.round(costs.get(nm)! * 100) * t.units - 3550 * t.units;
    h.run('saveSettings', { taxRegime: 'usn15' });
    expect(Math.round(h.formula('WB_PROFIT', nm, dayIso(from), dayIso(to)) * 100)).toBe(Math.round(before - Math.round((Math.max(0, before) * 15) / 100)));
    const lb = tr.get(loser)!;
    const loserBefore = lb.toPay - lb.storagePaid - lb.acceptancePaid - lb.ads - 5000000 * lb.units - 3550 * lb.units;
    // A loss pays no tax under «доходы − расходы».
    expect(Math.round(h.formula('WB_PROFIT', loser, dayIso(from), dayIso(to)) * 100)).toBe(Math.round(loserBefore));
    h.run('saveSettings', { taxRegime: 'osno', taxRate: 20 });
    expect(Math.round(h.formula('WB_PROFIT', nm, dayIso(from), dayIso(to)) * 100)).toBe(Math.round(before - Math.round((t.income * 20) / 120)));
    h.run('saveSettings', { taxRegime: 'usn6', taxRate: 6 });
  });

  it('the overview shows profit and ДРР for the period with the previous period, where each ruble went and profit per week', () => {
    const sheet = h.rt.spreadsheet.getSheetByName('WB Сводка')!;
    const block = sheet.getRange(9, 1, 10, 4).getValues();
    const profitRow: any[] = block.find((r: any[]) => r[0] === "Прибыль, ₽")!;
    const drrRow: any[] = block.find((r: any[]) => r[0] === "ДРР, %")!;
    const tr = truth(h, from, to);
    let sum = 0;
    for (const [nm, t] of tr) if (nm) sum += expected(t, costs.get(nm) ?? 0).profit;
    // Rows WB booked to no article (storage WB did not allocate, say) add their to-pay only.
    const none = tr.get(0);
    if (none) sum += none.toPay - none.storagePaid - none.acceptancePaid - Math.round(none.income * 0.06);
    expect(Math.round(profitRow[1] * 100)).toBe(Math.round(sum));
    expect(typeof profitRow[2]).toBe('number');
    let revenue = 0;
    for (const r of h.wb.sales()) {
      const d = dayOfText(r.date);
      if (d < from || d > to) continue;
      revenue += (String(r.saleID)[0] === 'S' ? 1 : -1) * Math.abs(kop(r.priceWithDisc));
    }
    let ads = 0;
    for (const t of tr.values()) ads += t.ads;
    expect(drrRow[1]).toBe(Math.round((ads / revenue) * 10000) / 100);
    // Where each ruble of the sale amount went: the parts add up to it, profit last.
    const split = sheet.getRange(9, 36, 8, 2).getValues();
    expect(split.map((r: any[]) => r[0])).toEqual(['Комиссия WB', 'Логистика', 'Хранение и приёмка', 'Штрафы, удержания и прочее WB', 'Реклама', 'Налог', 'Себестоимость и прочие расходы', 'Прибыль']);
    let income = 0;
    for (const t of tr.values()) income += t.income;
    expect(split.reduce((s: number, r: any[]) => s + cellKop(r[1]), 0)).toBe(Math.round(income));
    expect(cellKop(split[7][1])).toBe(Math.round(sum));
    const weeks = sheet.getRange(9, 39, 6, 2).getValues().filter((r: any[]) => r[0] !== '');
    expect(weeks.length).toBeGreaterThanOrEqual(5);
    // Each week's tax is rounded to the kopeck per article: the weeks add up to the period within that.
    expect(Math.abs(weeks.reduce((s: number, r: any[]) => s + cellKop(r[1]), 0) - Math.round(sum))).toBeLessThanOrEqual(weeks.length * (costs.size + 1));
    const titles = sheet.getCharts().map((c: any) => c.getOptions().get('title'));
    expect(titles).toEqual(expect.arrayContaining(['Куда ушёл каждый рубль выручки', 'Прибыль по неделям']));
  });

  it('a cost price per size («S: 480; 500») prices each size\'s units; a size left without a price makes the profit an error', () => {
    const tr = truth(h, from, to);
    const nm = Array.from(costs.keys()).find((n) => n !== loser && Array.from(tr.get(n)?.sizes.values() || []).filter((u) => u > 0).length > 1)!;
    expect(nm).toBeTruthy();
    const t = tr.get(nm)!;
    const [first, second] = Array.from(t.sizes.keys());
    const sheet = h.rt.spreadsheet.getSheetByName('WB Юнит-экономика')!;
    const u = unitRows(h);
    const row = u.all.indexOf(u.data.find((r) => r[u.col('Артикул WB')] === nm)!) + 2;
    const cell = sheet.getRange(row, u.col('Себестоимость, ₽/шт') + 1);
    cell.setValue(first + ': 480,50; 500');
    const costKop = Array.from(t.sizes.entries()).reduce((s, [size, units]) => s + (size === first ? 48050 : 50000) * units, 0);
    const want = t.toPay - t.storagePaid - t.acceptancePaid - t.ads - costKop - 3550 * t.units - Math.round(t.income * 0.06);
    expect(Math.round(h.formula('WB_PROFIT', nm, dayIso(from), dayIso(to)) * 100)).toBe(Math.round(want));
    h.call('buildDashboardNow');
    const line = unitRows(h).data.find((r) => r[u.col('Артикул WB')] === nm)!;
    expect(cellKop(line[u.col('Себестоимость проданного, ₽')])).toBe(costKop);
    expect(line[u.col('Себестоимость, ₽/шт')]).toBe(first + ': 480,50; 500');
    // Only one size priced, no price for the rest: unknown, not zero.
    cell.setValue(first + ': 480');
    expect(() => h.formula('WB_PROFIT', nm, dayIso(from), dayIso(to))).toThrow(/Нет себестоимости/);
    void second;
    cell.setValue(costs.get(nm)!);
    h.call('buildDashboardNow');
  });

  it('ABC ranks by profit once cost prices exist, the loss-maker last in C', () => {
    const t = sheetTable(h, 'WB ABC');
    const head = t.rows.find((r) => r[0] === '№')!;
    expect(head).toContain('Прибыль, ₽');
    const lines = t.rows.filter((r) => typeof r[0] === 'number');
    const last = lines[lines.length - 1];
    expect(last[2]).toBe(loser);
    expect(last[3]).toBeLessThan(0);
    expect(last[6]).toBe('C');
    expect(lines.length).toBe(costs.size);
  });
});
