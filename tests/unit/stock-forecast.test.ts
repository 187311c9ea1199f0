/** Days of stock and reorder: the rate is orders per day, and empty shelves with orders need a supply. */
import { stockForecast } from '../../src/dashboard/stock-forecast';

const TODAY = 46000;
const order = (age: number, nmId: number, warehouseName: string, extra: Record<string, any> = {}) => ({ date: TODAY - age + 0.5, nmId, supplierArticle: 'ART-' + nmId, warehouseName, warehouseType: 'Склад WB', ...extra });

describe('stock forecast', () => {
  it('counts units ordered per day (cancelled too), not units bought out', () => {
    const stocks = [{ vendorCode: 'ART-1', nmId: 1, warehouseName: 'Коледино', quantity: 28 }];
    // 14 orders in the last two weeks, none bought out yet: the shelf emptied all the same.
    const orders = Array.from({ length: 14 }, (_x, i) => order(1 + i, 1, 'Коледино', i === 0 ? { isCancel: true } : {}));
    const [line] = stockForecast(stocks, orders, TODAY, 14, 30);
    expect(line).toMatchObject({ stock: 28, rate7: 1, rate14: 1, rate30: Math.round((14 / 30) * 100) / 100, daysLeft: 28, reorder: false, toSend: 2 });
  });

  it('lists a warehouse with no stock but recent orders, flagged for reorder', () => {
    const stocks = [{ vendorCode: 'ART-1', nmId: 1, warehouseName: 'Коледино', quantity: 50 }];
    const orders = [order(2, 1, 'Казань'), order(3, 1, 'Казань'), order(20, 2, 'Электросталь'), order(40, 3, 'Тула')];
    const lines = stockForecast(stocks, orders, TODAY, 14, 30);
    expect(lines.map((l) => [l.article, l.nmId, l.warehouse, l.stock, l.daysLeft, l.reorder, l.toSend])).toEqual([
      ['ART-1', 1, 'Казань', 0, 0, true, Math.ceil((2 / 14) * 30)],
      ['ART-2', 2, 'Электросталь', 0, 0, true, 1],
      ['ART-1', 1, 'Коледино', 50, null, false, 0],
    ]);
  });

  it('leaves orders shipped from the seller\'s own warehouse out of WB stock', () => {
    const lines = stockForecast([], [order(1, 1, 'Мой склад', { warehouseType: 'Склад продавца' })], TODAY, 14, 30);
    expect(lines).toEqual([]);
  });

  it('shows warehouse names and articles exactly as WB sent them', () => {
    const stocks = [{ vendorCode: '  spaced  ', nmId: 1, warehouseName: ' Коледино ', quantity: 3 }];
    const lines = stockForecast(stocks, [order(1, 1, 'Коледино')], TODAY, 14, 30);
    expect(lines.map((l) => [l.article, l.warehouse, l.stock, l.rate7])).toEqual([['  spaced  ', ' Коледино ', 3, round(1 / 7)]]);
  });
});

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
