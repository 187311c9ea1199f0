import * as fs from 'fs';
import * as path from 'path';
import { ORDERS } from '../../src/reports/orders';
import { SALES, saleKind } from '../../src/reports/sales';
import { ReportSpec } from '../../src/reports/types';
import { wallMsToSerial } from '../../src/wb/moscow-time';

const samples = path.resolve(__dirname, '../../../shared/wb-samples');
const rows = (f: string) => JSON.parse(fs.readFileSync(path.join(samples, f), 'utf8')) as Record<string, unknown>[];
const record = (spec: ReportSpec, row: Record<string, unknown>, locale: 'ru' | 'en' = 'ru') =>
  Object.fromEntries(spec.columns.map((c) => [c.id, c.value(row, locale)]));

describe('orders mapping', () => {
  const [first, cancelled] = rows('orders.json').map((r) => record(ORDERS, r));
  it('keeps text as text and numbers as numbers', () => {
    expect(first.supplierArticle).toBe('TSH-BLK-OVR');
    expect(first.barcode).toBe('2041238745012');
    expect(first.gNumber).toBe('96012345678901234567');
    expect(first.nmId).toBe(214587963);
    expect(first.priceWithDisc).toBe(1369.5);
    expect(first.isCancel).toBe(false);
  });
  it('turns Moscow times into serials of the same wall clock and the zero date into empty', () => {
    expect(first.date).toBeCloseTo(wallMsToSerial(Date.UTC(2026, 10, 20, 9, 14, 37)), 9);
    expect(first.cancelDate).toBeNull();
    expect(cancelled.isCancel).toBe(true);
    expect(cancelled.cancelDate).toBeCloseTo(wallMsToSerial(Date.UTC(2026, 10, 20, 18, 47, 22)), 9);
  });
  it('has headers in both languages and the srid key', () => {
    expect(ORDERS.keyColumns).toEqual(['srid']);
    for (const c of ORDERS.columns) expect(c.ru && c.en).toBeTruthy();
    expect(new Set(ORDERS.columns.map((c) => c.ru)).size).toBe(ORDERS.columns.length);
    expect(new Set(ORDERS.columns.map((c) => c.en)).size).toBe(ORDERS.columns.length);
  });
  it('a missing or odd field gives an empty cell, not a crash', () => {
    const r = record(ORDERS, { srid: 'x', nmId: 'abc', date: 'yesterday', totalPrice: null });
    expect(r.nmId).toBeNull();
    expect(r.date).toBeNull();
    expect(r.totalPrice).toBeNull();
    expect(r.brand).toBeNull();
  });
});

describe('sales mapping', () => {
  const list = rows('sales.json');
  it('labels sales and returns by saleID prefix', () => {
    expect(list.map((r) => saleKind(r.saleID))).toEqual(['sale', 'sale', 'sale', 'return', 'sale']);
    expect(record(SALES, list[3]).kind).toBe('Возврат');
    expect(record(SALES, list[3], 'en').kind).toBe('Return');
  });
  it('keeps amounts as WB sent them', () => {
    expect(record(SALES, list[3]).forPay).toBe(-2001.44);
    expect(record(SALES, list[2]).priceWithDisc).toBe(0);
  });
});
