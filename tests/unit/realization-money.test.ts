/**
 * Realization money as WB defines it: each amount's sign as WB sent it, WB's fractional
 * amounts kept exact, and «Итого к оплате» computed the way WB's own report list does.
 */
import { FactBuilder } from '../../src/daily/aggregate';
import { Measure, bankPayment } from '../../src/daily/measures';
import { DAILY } from '../../src/daily/table';
import { REALIZATION } from '../../src/reports/realization';
import { mapColumns } from '../../src/store/table';
import { Cell } from '../../src/gas/types';
import { DailyIndex } from '../../src/daily/daily-index';

const serial = (iso: string) => Date.parse(iso + 'T00:00:00Z') / 86400000 + 25569;
const DAY = serial('2026-09-21');

/** A WB detail row as the sheet keeps it (money through the realization spec's own mapping). */
function row(fields: Record<string, unknown>): Record<string, Cell> {
  const wb = { rrDate: '2026-09-21', nmId: 7, sku: '46', vendorCode: 'A', quantity: 0, ...fields };
  return Object.fromEntries(REALIZATION.columns.map((c) => [c.id, c.value(wb, 'ru')]));
}

function totals(rows: Record<string, Cell>[]): (m: Measure) => number {
  const b = new FactBuilder(null);
  for (const r of rows) b.addRealization(r);
  return (m) => {
    let s = 0;
    b.facts.forEach((f) => f.values.get(m)?.forEach((v) => (s += v)));
    return Math.round(s * 1000) / 1000;
  };
}

describe('realization signs', () => {
  it('keeps the sign WB gave a correction or compensation booked as a sale or return', () => {
    const s = totals([
      row({ docTypeName: 'Продажа', sellerOperName: 'Продажа', quantity: 1, retailAmount: '1000', forPay: '800' }),
      // A sale reversed by WB: negative amounts on a sale document take money away.
      row({ docTypeName: 'Продажа', sellerOperName: 'Коррекция продаж', quantity: -1, retailAmount: '-1000', forPay: '-800' }),
      // A return WB itself reverses: negative amounts on a return document give money back.
      row({ docTypeName: 'Возврат', sellerOperName: 'Коррекция возвратов', quantity: -1, retailAmount: '-500', forPay: '-400' }),
      // An ordinary return: positive amounts that WB takes back.
      row({ docTypeName: 'Возврат', sellerOperName: 'Возврат', quantity: 1, retailAmount: '500', forPay: '400' }),
      row({ docTypeName: 'Продажа', sellerOperName: 'Компенсация ущерба', quantity: 1, retailAmount: '300', forPay: '300' }),
    ]);
    expect(s('payout')).toBe(30000);
    expect(s('retail')).toBe(30000);
    expect(s('realUnits')).toBe(1);
    expect(s('commission')).toBe(0);
  });
  it('takes WB fee adjustments and schedule changes with their own sign', () => {
    const s = totals([
      row({ sellerOperName: 'Корректировка вознаграждения', additionalPayment: '-125.5' }),
      row({ sellerOperName: 'Разовое изменение срока перечисления', paymentSchedule: '-1' }),
    ]);
    expect([s('additional'), s('paySchedule')]).toEqual([-12550, -100]);
  });
});

describe('realization money exactness', () => {
  it('keeps a third decimal WB sends (rebillLogisticCost "1.349") in the sheet and in totals', () => {
    expect(row({ rebillLogisticCost: '1.349' }).rebillLogisticCost).toBe(1.349);
    const rows = Array.from({ length: 1000 }, () => row({ sellerOperName: 'Возмещение издержек по перевозке', rebillLogisticCost: '1.349', deliveryService: '0.005' }));
    const s = totals(rows);
    // 1,000 x 1.349 = 1,349.00 rubles, not the 1,350.00 that per-row rounding gives.
    expect(s('rebill')).toBe(134900);
    expect(s('logistics')).toBe(500);
  });
});

describe('daily sums of fractional kopecks', () => {
  it('answer 0.3 kopecks, not 0.30000000000000004, for days of 0.1 and 0.2', () => {
    const index = new DailyIndex({ period: [serial('2026-01-01')], nmId: [7], barcode: ['46'], article: ['A'], subject: [''], title: [''], measures: { rebill: ['0.1,0.2'] } });
    expect(index.sum('rebill', null, { from: null, to: null })).toBe(0.3);
  });
});

describe("WB's «Итого к оплате»", () => {
  it('reconciles to a report of WB’s list with loyalty amounts (report 855649022, 21-27.09.2026)', () => {
    // The totals WB's sales-reports/list gave for that week (a field report), spread over detail rows.
    const s = totals([
      row({ docTypeName: 'Продажа', sellerOperName: 'Продажа', quantity: 1, retailAmount: '5121866.93', forPay: '5275247.39', cashbackDiscount: '1889.93', cashbackAmount: '198540' }),
      row({ sellerOperName: 'Логистика', deliveryService: '316408.59' }),
      row({ sellerOperName: 'Хранение', paidStorage: '291.1' }),
      row({ sellerOperName: 'Платная приемка', paidAcceptance: '480' }),
      row({ sellerOperName: 'Удержание', deduction: '916405.84' }),
      row({ sellerOperName: 'Штраф', penalty: '9676.94' }),
      row({ sellerOperName: 'Стоимость участия в программе лояльности', cashbackCommissionChange: '10666.96' }),
    ]);
    const ours = bankPayment({ payout: s('payout'), logistics: s('logistics'), storage: s('storage'), acceptance: s('acceptance'), deductions: s('deductions'), penalties: s('penalties'), additional: s('additional'), loyalty: s('loyalty'), paySchedule: s('paySchedule') });
    expect(ours).toBe(382277796); // bankPaymentSum "3822777.96"
  });
});

describe('renamed headers', () => {
  it('finds the additionalPayment column of a sheet written when it was called «Доплаты»', () => {
    const header = ['ID строки', 'Доплаты'];
    expect(mapColumns(REALIZATION, header).get('additionalPayment')).toBe(2);
    expect(mapColumns(DAILY, ['Доплаты, коп. по дням']).get('additional')).toBe(1);
  });
});
