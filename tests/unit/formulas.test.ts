import { Cell } from '../../src/gas/types';
import { FormulaContext, wbRevenue, wbSales } from '../../src/formulas/sales-functions';
import { parseDay } from '../../src/formulas/args';
import { wallMsToSerial } from '../../src/wb/moscow-time';

const serial = (y: number, m: number, d: number, h = 12) => wallMsToSerial(Date.UTC(y, m - 1, d, h));
const day = (y: number, m: number, d: number) => Math.floor(serial(y, m, d));

function row(over: Record<string, Cell>): Record<string, Cell> {
  return { date: serial(2026, 11, 20), saleID: 'S1', supplierArticle: 'TSH', nmId: 111, barcode: '0460001', priceWithDisc: 100, finishedPrice: 80, forPay: 70, totalPrice: 200, ...over };
}

function ctx(rows: Record<string, Cell>[] | null, locale: 'ru' | 'en' = 'ru'): FormulaContext {
  // Dates from cells: the test spreadsheet is in UTC, so wall clock = instant.
  return { locale, toSerial: (d) => d.getTime() / 86400000 + 25569, loadSales: () => rows };
}

const data = [
  row({ saleID: 'S1' }),
  row({ saleID: 'S2', date: serial(2026, 11, 21, 23) }),
  row({ saleID: 'R3', date: serial(2026, 11, 22, 0), priceWithDisc: -100, finishedPrice: -80, forPay: -70, totalPrice: -200 }),
  row({ saleID: 'R4', date: serial(2026, 11, 22, 1), priceWithDisc: 100.1 }), // a return with a positive amount
  row({ saleID: 'S5', supplierArticle: '00123', nmId: 222, barcode: '0460002', priceWithDisc: 0.1 }),
  row({ saleID: 'S6', supplierArticle: '00123', nmId: 222, barcode: '0460002', priceWithDisc: 0.2 }),
  row({ saleID: 'D7' }), // other prefixes are neither sales nor returns
];

describe('WB_SALES', () => {
  it('counts sales net of returns, per article and for all', () => {
    expect(wbSales(ctx(data), 'TSH')).toBe(0);
    expect(wbSales(ctx(data), 'TSH', '2026-11-20', '2026-11-21')).toBe(2);
    expect(wbSales(ctx(data), '')).toBe(2);
    expect(wbSales(ctx(data), '00123')).toBe(2);
  });
  it('finds an article by nmId number, digit text and barcode', () => {
    expect(wbSales(ctx(data), 222)).toBe(2);
    expect(wbSales(ctx(data), '222')).toBe(2);
    expect(wbSales(ctx(data), '0460002')).toBe(2);
    expect(wbSales(ctx(data), 'UNKNOWN')).toBe(0);
  });
  it('takes inclusive Moscow days in every accepted form', () => {
    expect(wbSales(ctx(data), 'TSH', '21.11.2026', '21.11.2026')).toBe(1);
    expect(wbSales(ctx(data), 'TSH', new Date(Date.UTC(2026, 10, 22)), null)).toBe(-2);
    expect(wbSales(ctx(data), 'TSH', day(2026, 11, 20), day(2026, 11, 20))).toBe(1);
  });
  it('answers a range with a range of the same shape, empty cells empty', () => {
    expect(wbSales(ctx(data), [['TSH', ''], [222, 'nope']], '2026-11-20', '2026-11-21')).toEqual([[2, ''], [2, 0]]);
  });
  it('explains bad arguments and missing data in Russian', () => {
    expect(() => wbSales(ctx(null), 'TSH')).toThrow(/ещё не загружен/);
    expect(() => wbSales(ctx(data), 'TSH', '2026-13-01')).toThrow(/Неверная дата/);
    expect(() => wbSales(ctx(data), 'TSH', 'вчера')).toThrow(/Неверная дата/);
    expect(() => wbSales(ctx(data), 'TSH', '2026-11-22', '2026-11-20')).toThrow(/позже/);
    expect(() => wbSales(ctx(data, 'en'), 'TSH', 'yesterday')).toThrow(/Invalid date/);
  });
});

describe('WB_REVENUE', () => {
  it('subtracts returns whatever their sign, exact to the kopeck', () => {
    // 100 + 100 - 100 - 100.1 = -0.1
    expect(wbRevenue(ctx(data), 'TSH')).toBe(-0.1);
    expect(wbRevenue(ctx(data), '00123')).toBe(0.3);
    expect(wbRevenue(ctx(data), 'TSH', '2026-11-20', '2026-11-21')).toBe(200);
  });
  it('uses the named price field', () => {
    expect(wbRevenue(ctx(data), 'TSH', '2026-11-20', '2026-11-21', 'forPay')).toBe(140);
    expect(wbRevenue(ctx(data), 'TSH', '2026-11-20', '2026-11-21', 'FINISHEDPRICE')).toBe(160);
    expect(wbRevenue(ctx(data), 'TSH', '2026-11-20', '2026-11-21', 'totalPrice')).toBe(400);
    expect(() => wbRevenue(ctx(data), 'TSH', '', '', 'retail')).toThrow(/Неизвестное поле цены/);
  });
});

describe('parseDay', () => {
  it('rejects impossible dates', () => {
    expect(() => parseDay('31.02.2026', 'с', () => 0, 'ru')).toThrow();
    expect(parseDay('2026-02-28', 'с', () => 0, 'ru')).toBe(day(2026, 2, 28));
  });
});
