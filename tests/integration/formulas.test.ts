/** WB_SALES and WB_REVENUE through the built bundle, checked against WB's truth. */
import { loadBundle } from '../bundle/harness';
import { connect } from './helpers';

const h = loadBundle({ emulator: { seed: 11 } });

function moscowDay(text: string): string {
  return text.slice(0, 10);
}

function direct(article: string | null, from: string | null, to: string | null, field = 'priceWithDisc') {
  let units = 0;
  let kopecks = 0;
  for (const r of h.wb.sales({ withinRetention: true }) as any[]) {
    if (article !== null && r.supplierArticle !== article) continue;
    const day = moscowDay(r.date);
    if ((from && day < from) || (to && day > to)) continue;
    const sign = String(r.saleID).startsWith('S') ? 1 : String(r.saleID).startsWith('R') ? -1 : 0;
    units += sign;
    kopecks += sign * Math.round(Math.abs(r[field]) * 100);
  }
  return { units, rub: kopecks / 100 };
}

describe('before any refresh', () => {
  it('says clearly that nothing is synced yet', () => {
    expect(() => h.formula('WB_SALES', 'X')).toThrow(/ещё не загружен/);
  });
});

describe('after a refresh', () => {
  beforeAll(() => {
    connect(h);
    h.run('syncAllNow');
  });

  it('match a direct computation over WB rows for random articles and periods', () => {
    const articles = Array.from(new Set(h.wb.sales({ withinRetention: true }).map((r) => r.supplierArticle as string)));
    const days = Array.from(new Set(h.wb.sales({ withinRetention: true }).map((r) => moscowDay(r.date as string)))).sort();
    let seed = 5;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 25; i++) {
      const a = articles[rnd(articles.length)];
      let from = days[rnd(days.length)];
      let to = days[rnd(days.length)];
      if (from > to) [from, to] = [to, from];
      const want = direct(a, from, to);
      expect(h.formula('WB_SALES', a, from, to)).toBe(want.units);
      expect(h.formula('WB_REVENUE', a, from, to)).toBeCloseTo(want.rub, 2);
      const ru = (d: string) => d.slice(8, 10) + '.' + d.slice(5, 7) + '.' + d.slice(0, 4);
      expect(h.formula('WB_SALES', a, ru(from), ru(to))).toBe(want.units);
      expect(h.formula('WB_REVENUE', a, from, to, 'forPay')).toBeCloseTo(direct(a, from, to, 'forPay').rub, 2);
    }
    const all = direct(null, null, null);
    expect(h.formula('WB_SALES', '')).toBe(all.units);
    expect(h.formula('WB_REVENUE', '')).toBeCloseTo(all.rub, 2);
  });

  it('take date cells as the calendar day the spreadsheet shows', () => {
    const sales = h.wb.sales({ withinRetention: true }) as any[];
    const d = moscowDay(sales[Math.floor(sales.length / 2)].date);
    // A date cell arrives as the instant of local midnight in the spreadsheet's zone (Moscow here).
    const cell = new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) - 3 * 3600000);
    expect(h.formula('WB_SALES', '', cell, cell)).toBe(direct(null, d, d).units);
  });

  it('answer a range of articles with a range of the same shape in one call', () => {
    const articles = Array.from(new Set(h.wb.sales({ withinRetention: true }).map((r) => r.supplierArticle as string))).slice(0, 3);
    const out = h.formula('WB_SALES', [[articles[0], ''], [articles[1], articles[2]]]);
    expect(JSON.parse(JSON.stringify(out))).toEqual([
      [direct(articles[0], null, null).units, ''],
      [direct(articles[1], null, null).units, direct(articles[2], null, null).units],
    ]);
  });

  it('find an article by nmId and by barcode', () => {
    const row = h.wb.sales({ withinRetention: true })[0] as any;
    const byArticle = h.formula('WB_SALES', row.supplierArticle);
    expect(h.formula('WB_SALES', row.nmId)).toBe(byArticle);
    expect(h.formula('WB_SALES', String(row.nmId))).toBe(byArticle);
    const byBarcode = (h.wb.sales({ withinRetention: true }) as any[]).filter((r) => r.barcode === row.barcode);
    const units = byBarcode.reduce((s, r) => s + (r.saleID.startsWith('S') ? 1 : r.saleID.startsWith('R') ? -1 : 0), 0);
    expect(h.formula('WB_SALES', row.barcode)).toBe(units);
  });

  it('make no request to WB and explain invalid arguments in Russian', () => {
    const before = h.rt.fetchLog.length;
    h.formula('WB_SALES', '', '2026-11-01', '2026-11-30');
    expect(() => h.formula('WB_SALES', '', '31.02.2026')).toThrow(/Неверная дата/);
    expect(() => h.formula('WB_REVENUE', '', '', '', 'money')).toThrow(/Неизвестное поле цены/);
    expect(h.rt.fetchLog.length).toBe(before);
  });
});

describe('returns with positive amounts', () => {
  it('still count against sales', () => {
    const p = loadBundle({ emulator: { seed: 11, returnAmountSign: 'positive' } });
    connect(p);
    p.run('syncAllNow');
    const rows = p.wb.sales({ withinRetention: true }) as any[];
    const returns = rows.filter((r) => String(r.saleID).startsWith('R'));
    expect(returns.length).toBeGreaterThan(0);
    expect(returns.every((r) => r.priceWithDisc >= 0)).toBe(true);
    let kopecks = 0;
    let units = 0;
    for (const r of rows) {
      const sign = String(r.saleID).startsWith('S') ? 1 : String(r.saleID).startsWith('R') ? -1 : 0;
      units += sign;
      kopecks += sign * Math.round(Math.abs(r.priceWithDisc) * 100);
    }
    expect(p.formula('WB_SALES', '')).toBe(units);
    expect(p.formula('WB_REVENUE', '')).toBeCloseTo(kopecks / 100, 2);
  });
});
