import { commissionLines } from '../../src/dashboard/commission-check';
import { ratesFor } from '../../src/sync/commission-rates';

const row = (o: Record<string, unknown>) => ({ rrDate: 46000, nmId: 1, vendorCode: 'A-1', subjectName: 'Худи', sellerOperName: 'Продажа', quantity: 1, retailPriceWithDisc: 1000, vw: 95.83, vwNds: 19.17, orderId: '0', ...o }) as any;

describe('commission check per article', () => {
  const rates = { Худи: [11.5, 12.5] as [number, number] };

  test('FBW rate without an assembly task, FBS rate with one; returns subtract; charged is fee + VAT', () => {
    const lines = commissionLines(
      [
        row({}),
        row({ orderId: '1234567', vw: 104.17, vwNds: 20.83 }),
        row({ sellerOperName: 'Возврат' }),
        // Not goods: never counted.
        row({ sellerOperName: 'Логистика', vw: 0, vwNds: 0 }),
        // Outside the period.
        row({ rrDate: 45000 }),
      ],
      rates,
      45990,
      46010,
    );
    expect(lines).toHaveLength(1);
    const l = lines[0];
    expect([l.fbwRate, l.fbsRate]).toEqual([11.5, 12.5]);
    expect(l.baseKop).toBe(100000);
    expect(l.expectedKop).toBe(11500 + 12500 - 11500);
    expect(l.chargedKop).toBe(11500 + 12500 - 11500);
  });

  test('a subject WB does not list has no expected commission (not zero)', () => {
    const [l] = commissionLines([row({ subjectName: 'Кофеварки' })], rates, 45990, 46010);
    expect(l.expectedKop).toBeNull();
    expect(l.chargedKop).toBe(11500);
  });

  test('WB answer reduced to the seller’s subjects, FBW = paidStorageKgvp, FBS = kgvpMarketplace', () => {
    const answer = { report: [{ subjectName: 'Худи', paidStorageKgvp: 11.5, kgvpMarketplace: 12.5, kgvpSupplier: 20 }, { subjectName: 'Кофеварки', paidStorageKgvp: 14, kgvpMarketplace: 15 }, { subjectName: 'Носки', paidStorageKgvp: 'x' }] };
    expect(ratesFor(answer, new Set(['Худи', 'Носки']))).toEqual({ Худи: [11.5, 12.5] });
    expect(ratesFor(null, new Set(['Худи']))).toEqual({});
  });
});
