/** Daily table pieces: packing a year of days in a cell, day slots, the aggregation rules. */
import { FactBuilder } from '../../src/daily/aggregate';
import { SLOTS, packDays, packedSpan, sumPacked, unpackDays } from '../../src/daily/packing';
import { periodOf } from '../../src/daily/table';
import { markDirty, loadDirty, clearDirty } from '../../src/daily/state';
import { MemoryStore } from './memory-fakes';

const serial = (iso: string) => Date.parse(iso + 'T00:00:00Z') / 86400000 + 25569;

describe('packing', () => {
  it('round-trips values, drops zeros and trailing empties', () => {
    const v = new Array(SLOTS).fill(0);
    v[0] = 3;
    v[2] = 5;
    v[10] = -1234567;
    expect(packDays(v)).toBe('3,,5,,,,,,,,-1234567');
    expect(unpackDays(packDays(v))).toEqual(v);
    expect(packDays(new Array(SLOTS).fill(0))).toBe('');
  });
  it('keeps stock zeros apart from unknown days', () => {
    const v: (number | null)[] = new Array(SLOTS).fill(null);
    v[1] = 0;
    v[3] = 7;
    expect(packDays(v, true)).toBe('-,0,-,7');
    expect(unpackDays('-,0,-,7', true)).toEqual(v);
  });
  it('sums any slot range straight off the text, as the unpacked values would', () => {
    const v = new Array(SLOTS).fill(0).map((_x, i) => (i % 7 === 3 ? i * 101 - 500 : 0));
    const text = packDays(v);
    for (const [a, b] of [[0, 365], [3, 3], [4, 9], [100, 250], [364, 365], [0, 0]]) {
      expect(sumPacked(text, a, b)).toBe(v.slice(a, b + 1).reduce((x, y) => x + y, 0));
    }
    expect(sumPacked('-,0,-,7', 0, 365)).toBe(7);
    expect(packedSpan(',,4,,-2,,')).toEqual({ first: 2, last: 4 });
    expect(packedSpan('')).toBeNull();
  });
  it('reads a lone number Sheets made of a one-day cell', () => {
    expect(unpackDays(42)[0]).toBe(42);
  });
});

describe('periodOf', () => {
  it('maps a day to its year row and slot, leap years included', () => {
    expect(periodOf(serial('2026-01-01'))).toEqual({ period: serial('2026-01-01'), slot: 0 });
    expect(periodOf(serial('2024-12-31'))).toEqual({ period: serial('2024-01-01'), slot: 365 });
    expect(periodOf(serial('2026-11-27') + 0.75).slot).toBe(330);
  });
});

describe('aggregation', () => {
  it('counts returns against sales whatever their sign and costs by kind', () => {
    const b = new FactBuilder(null);
    const day = serial('2026-11-02');
    const base = { nmId: 1, barcode: '200', supplierArticle: 'A', techSize: 'M', subject: 'S', brand: 'B' };
    b.addSale({ ...base, date: day + 0.5, saleID: 'S1', priceWithDisc: 100.1, finishedPrice: 90, forPay: 80, totalPrice: 120 });
    b.addSale({ ...base, date: day + 0.6, saleID: 'R1', priceWithDisc: -100.1, finishedPrice: 90, forPay: -80, totalPrice: 120 });
    b.addSale({ ...base, date: day + 0.7, saleID: 'S2', priceWithDisc: 0.3, finishedPrice: 0, forPay: 0, totalPrice: 0 });
    b.addOrder({ ...base, date: day + 0.1, isCancel: true });
    b.addOrder({ ...base, date: day + 0.2, isCancel: false });
    b.addRealization({ rrDate: day, nmId: 1, sku: '200', vendorCode: 'A', docTypeName: 'Возврат', retailAmount: 1000, forPay: 800, quantity: 1, deliveryService: 50 });
    b.addRealization({ rrDate: day, nmId: null, sku: '', sellerOperName: 'Хранение', paidStorage: 12.34 });
    const f = b.facts.get('1|200')!;
    const at = (m: string) => f.values.get(m as any)!.get(day);
    expect([at('sales'), at('returns'), at('revPriceWithDisc'), at('revForPay'), at('orders'), at('cancels')]).toEqual([2, 1, 30, 0, 2, 1]);
    expect([at('payout'), at('commission'), at('logistics'), at('realUnits'), at('realRows')]).toEqual([-80000, -20000, 5000, -1, 1]);
    expect(b.facts.get('|')!.values.get('storage')!.get(day)).toBe(1234);
  });
  it('takes only the wanted days', () => {
    const b = new FactBuilder(new Set([serial('2026-11-03')]));
    b.addOrder({ nmId: 1, barcode: 'x', date: serial('2026-11-02') + 0.5 });
    expect(b.facts.size).toBe(0);
  });
});

describe('dirty days', () => {
  it('merge, clear only what was done, and "all" wins', () => {
    const props = new MemoryStore();
    markDirty(props, 'sales', [3, 1]);
    markDirty(props, 'sales', [2]);
    markDirty(props, 'orders', 'all');
    const done = loadDirty(props);
    markDirty(props, 'sales', [9]);
    clearDirty(props, done);
    expect(loadDirty(props)).toEqual({ sales: [9] });
  });
});
