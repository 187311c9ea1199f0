/** The profit definition and the tax rules, on numbers a seller can check by hand (kopecks). */
import { drrOf, marginOf, profitOf, roiOf, taxOf } from '../../src/daily/profit';
import { ProfitSettings } from '../../src/daily/profit';
import { costOfGoods, parseCost } from '../../src/dashboard/cost-prices';

const zero = { realUnits: 0, retail: 0, payout: 0, logistics: 0, storage: 0, acceptance: 0, penalties: 0, deductions: 0, additional: 0, loyalty: 0, paySchedule: 0, storagePaid: 0, acceptancePaid: 0, adSpend: 0 };
const set = (taxRegime: ProfitSettings['taxRegime'], taxRate: number, otherCostPerUnit = 0): ProfitSettings => ({ taxRegime, taxRate, otherCostPerUnit });

describe('profit', () => {
  // 10 units sold for 10,000 ₽; WB pays 7,500 ₽ for them, logistics 800 ₽, a 100 ₽ penalty,
  // realization storage 300 ₽ (replaced by 250 ₽ paid storage per article), ads 1,000 ₽.
  const sums = { ...zero, realUnits: 10, retail: 1000000, payout: 750000, logistics: 80000, penalties: 10000, storage: 30000, storagePaid: 25000, acceptancePaid: 5000, adSpend: 100000 };

  it('to pay before storage − paid storage − acceptance − ads − cost × units − other × units − tax', () => {
    const b = profitOf(sums, 300000, set('usn6', 6, 20), { paidStorage: true, paidAcceptance: true });
    // 7,500 − 800 − 100 = 6,600; − 250 − 50 − 1,000 − 3,000 − 200 = 2,100; tax 6 % of 10,000 = 600.
    expect([b.storage, b.acceptance, b.cost, b.other, b.tax, b.profit]).toEqual([25000, 5000, 300000, 20000, 60000, 150000]);
    expect(marginOf(b)).toBe(15);
    expect(roiOf(b)).toBe(46.88); // 1,500 ÷ 3,200
    expect(drrOf(b)).toBe(10);
  });

  it('without the paid reports the realization\'s storage and acceptance count, never both', () => {
    const b = profitOf(sums, 300000, set('none', 0), { paidStorage: false, paidAcceptance: false });
    // 6,600 − 300 (realization storage) − 0 − 1,000 − 3,000 = 2,300
    expect([b.storage, b.acceptance, b.tax, b.profit]).toEqual([30000, 0, 0, 230000]);
  });

  it('taxes: УСН доходы and custom % of income; УСН Д−Р of a positive profit only; ОСНО the VAT inside income', () => {
    expect(taxOf(set('usn6', 6), 1000000, 999)).toBe(60000);
    expect(taxOf(set('custom', 4.5), 1000000, 999)).toBe(45000);
    expect(taxOf(set('usn15', 15), 1000000, 200000)).toBe(30000);
    expect(taxOf(set('usn15', 15), 1000000, -50000)).toBe(0);
    expect(taxOf(set('osno', 20), 1200000, 0)).toBe(200000);
    expect(taxOf(set('none', 0), 1200000, 0)).toBe(0);
  });

  it('no cost price: no profit (it would flatter the article), and no ROI', () => {
    const b = profitOf(sums, null, set('usn6', 6), { paidStorage: true, paidAcceptance: true });
    expect([b.profit, marginOf(b), roiOf(b)]).toEqual([null, '', '']);
  });

  it('a cost price per size: "size: price" entries, one without a size for the rest; a size without a price leaves the cost unknown', () => {
    const spec = parseCost('S: 480; M = 500,50\nXL: 1 540');
    expect(costOfGoods(spec, new Map([['s', 2], ['m', 1], ['xl', -1]]))).toBe(2 * 48000 + 50050 - 154000);
    expect(costOfGoods(spec, new Map([['l', 1]]))).toBe(null);
    expect(costOfGoods(spec, new Map([['l', 0]]))).toBe(0);
    expect(costOfGoods(parseCost('42: 900; 800'), new Map([['42', 1], ['44', 2]]))).toBe(90000 + 160000);
    expect(costOfGoods(parseCost(350.5), new Map([['', 3]]))).toBe(105150);
    expect(parseCost('дорого')).toBe(null);
  });
});
