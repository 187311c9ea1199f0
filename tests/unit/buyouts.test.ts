/**
 * Buyout % as WB counts it: the period's orders matched by srid to their sales and
 * returns, counted on the ORDER day, divided by every order of the period (cancelled
 * ones too); never over 100 %. Through the real daily refresh over in-memory sheets.
 */
import { Cell } from '../../src/gas/types';
import { markDirty } from '../../src/daily/state';
import { recordDays, refreshDaily } from '../../src/daily/refresh';
import { loadDaily } from '../../src/dashboard/load';
import { FormulaContext, wbSummary } from '../../src/formulas/functions';
import { ORDERS } from '../../src/reports/orders';
import { SALES } from '../../src/reports/sales';
import { SheetTable } from '../../src/store/table';
import { MemoryBook, MemoryStore } from './memory-fakes';

const D = 46300; // a day serial
const item = { nmId: 7, supplierArticle: 'TSH', barcode: '460', techSize: 'M', subject: 'Футболки' };
const order = (day: number, srid: string, isCancel = false) => ({ ...item, date: day + 0.4, lastChangeDate: day + 0.4, srid, isCancel });
const sale = (day: number, saleID: string, srid: string) => ({ ...item, date: day + 0.6, lastChangeDate: day + 0.6, saleID, srid, priceWithDisc: saleID[0] === 'R' ? -100 : 100 });

function write(book: MemoryBook, props: MemoryStore, source: 'orders' | 'sales', records: Record<string, Cell>[]): void {
  markDirty(props, source, recordDays(source, records));
  SheetTable.open(book, source === 'orders' ? ORDERS : SALES, 'ru').upsert(records);
}

function buyout(book: MemoryBook, from: number, to: number): Cell {
  const index = loadDaily(book);
  const ctx: FormulaContext = { locale: 'ru', toSerial: () => 0, loadSales: () => null, loadDaily: () => index, loadStocks: () => null, loaded: () => true };
  const table = wbSummary(ctx, from, to);
  const col = table[0].indexOf('Выкуп, %');
  expect(table.length).toBe(2);
  return table[1][col];
}

describe('buyout %', () => {
  const book = new MemoryBook();
  const props = new MemoryStore();
  beforeAll(() => {
    // Day 0: four orders (one cancelled); day 1: one order.
    write(book, props, 'orders', [order(D, 'a'), order(D, 'b'), order(D, 'c'), order(D, 'd', true), order(D + 1, 'e')]);
    // Day 2: a, b, c bought out, plus an order from before the sheet's history; day 3: b returned.
    write(book, props, 'sales', [sale(D + 2, 'S1', 'a'), sale(D + 2, 'S2', 'b'), sale(D + 2, 'S3', 'c'), sale(D + 2, 'S4', 'old'), sale(D + 3, 'R5', 'b')]);
    refreshDaily({ gateway: book, documentProps: props, locale: 'ru' });
  });

  it('counts buyouts on the order day, returns taken off, over every order of the period', () => {
    expect(buyout(book, D, D)).toBe(50); // a and c of a, b, c, d
    expect(buyout(book, D, D + 3)).toBe(40); // a and c of five orders
    expect(buyout(book, D + 1, D + 1)).toBe(0);
  });

  it('never passes 100 % when the period sells more than it orders', () => {
    // Four sales and one order in these days: sales ÷ orders would be 400 %.
    expect(buyout(book, D + 1, D + 3)).toBe(0);
  });

  it('a sale arriving later moves the buyout of the day its item was ordered', () => {
    write(book, props, 'sales', [sale(D + 5, 'S6', 'e')]);
    refreshDaily({ gateway: book, documentProps: props, locale: 'ru' });
    expect(buyout(book, D + 1, D + 1)).toBe(100);
    expect(buyout(book, D, D + 5)).toBe(60);
  });

  it('a daily table from before buyouts were kept gets them on the next refresh', () => {
    const daily = book.sheets.find((x) => x.sheet.title === 'WB Дни')!.sheet;
    const col = daily.cells[0].findIndex((v) => String(v).startsWith('Выкуплено из заказов дня'));
    expect(col).toBeGreaterThan(0);
    for (const line of daily.cells) line[col] = null; // as the old table was: no such column
    refreshDaily({ gateway: book, documentProps: props, locale: 'ru' });
    expect(buyout(book, D, D + 5)).toBe(60);
  });
});
