import * as fs from 'fs';
import * as path from 'path';
import { quoteBigIntegers, parseRowArray } from '../../src/wb/json';
import { flattenStocks, historyRows, STOCKS } from '../../src/reports/stocks';
import { REALIZATION } from '../../src/reports/realization';
import { supplyLookup, supplyRows, SUPPLIES } from '../../src/reports/supplies';
import { rotate } from '../../src/sync/strategy-supplies';
import { rowKey } from '../../src/store/table';
import { moneyCell } from '../../src/reports/cells';
import { maxDecimal } from '../../src/sync/strategies';
import { routeReport } from '../../src/sync/routing';
import { decodeKey } from '../../src/wb/token';
import { makeJwt, wbPayload } from './jwt-helper';

const samples = path.resolve(__dirname, '../../../shared/wb-samples');
const read = (f: string) => fs.readFileSync(path.join(samples, f), 'utf8');

describe('exact JSON', () => {
  it('keeps integers beyond 2^53 exactly, as text, and leaves strings alone', () => {
    const body = '[{"reportId":9007199254740993123,"rrdId":3185529901,"note":"id 12345678901234567890, ok","neg":-12345678901234567890,"f":1234567890123456.5}]';
    const [row] = parseRowArray(body, 200);
    expect(row.reportId).toBe('9007199254740993123');
    expect(row.rrdId).toBe(3185529901);
    expect(row.note).toBe('id 12345678901234567890, ok');
    expect(row.neg).toBe('-12345678901234567890');
    expect(row.f).toBe(1234567890123456.5);
    expect(quoteBigIntegers('{"a":"\\"99999999999999999\\"","b":99999999999999999}')).toBe('{"a":"\\"99999999999999999\\"","b":"99999999999999999"}');
  });
  it('compares decimal ids exactly', () => {
    expect(maxDecimal(['9007199254740993123', '9007199254740993122', '77'])).toBe('9007199254740993123');
    expect(maxDecimal(['10', '9'])).toBe('10');
  });
});

describe('money as strings', () => {
  it('stores the nearest double to the kopeck value, so kopeck sums are exact', () => {
    expect(moneyCell('1098.61')).toBe(1098.61);
    expect(moneyCell('-0.1')).toBe(-0.1);
    expect(moneyCell('abc')).toBeNull();
    const values = ['0.1', '0.2', '0.3', '1098.61', '205.53'];
    const kopecks = values.reduce((s, v) => s + Math.round((moneyCell(v) as number) * 100), 0);
    expect(kopecks).toBe(130474);
  });
});

describe('realization mapping', () => {
  it('maps the sample with money as numbers and ids as text', () => {
    const [row] = JSON.parse(read('finance-sales-reports-detailed.json'));
    const rec = Object.fromEntries(REALIZATION.columns.map((c) => [c.id, c.value(row, 'ru')]));
    expect(rec.rrdId).toBe('3185529901');
    expect(rec.reportId).toBe('398114527');
    expect(rec.forPay).toBe(1098.61);
    expect(rec.retailPriceWithDisc).toBe(1369.5);
    expect(rec.sellerOperName).toBe('Продажа');
    expect(rec.sku).toBe('2041238745012');
    expect(typeof rec.saleDt).toBe('number');
  });
});

describe('stocks', () => {
  const items = [
    {
      brand: 'B', subjectName: 'S', vendorCode: 'A1', nmId: 1, barcode: '001', techSize: 'M', volume: 1,
      warehouses: [
        { warehouseName: 'В пути до получателей', quantity: 3 },
        { warehouseName: 'В пути возвраты на склад WB', quantity: 1 },
        { warehouseName: 'Всего находится на складах', quantity: 12 },
        { warehouseName: 'Коледино', quantity: 10 },
        { warehouseName: 'Казань', quantity: 2 },
      ],
    },
    { brand: 'B', subjectName: 'S', vendorCode: 'A1', nmId: 1, barcode: '002', techSize: 'L', volume: 1, warehouses: [{ warehouseName: 'В пути до получателей', quantity: 2 }] },
  ];
  it('turns pseudo-warehouses into columns and keeps goods that are only in transit', () => {
    const rows = flattenStocks(items, '2026-11-27T10:00:00');
    expect(rows.map((r) => [r.barcode, r.warehouseName, r.quantity, r.inWayToClient, r.inWayFromClient, r.totalOnWarehouses])).toEqual([
      ['001', 'Коледино', 10, 3, 1, 12],
      ['001', 'Казань', 2, 3, 1, 12],
      ['002', '', 0, 2, 0, 0],
    ]);
    expect(STOCKS.keyColumns).toEqual(['barcode', 'warehouseName']);
  });
  it('sums a daily history per article, counting transit once per item', () => {
    const hist = historyRows(flattenStocks(items, '2026-11-27T10:00:00'), '2026-11-27');
    expect(hist).toEqual([{ day: '2026-11-27', vendorCode: 'A1', nmId: 1, quantity: 12, inWayToClient: 5, inWayFromClient: 1 }]);
  });
});

describe('supplies', () => {
  it('one row per good, carrying the supply', () => {
    const rows = supplyRows({ supplyID: 26596368, preorderID: 34601223, statusID: 5, createDate: '2024-12-29T16:57:59+03:00' }, [
      { barcode: '1', vendorCode: 'A', quantity: 10, acceptedQuantity: 9 },
      { barcode: '2', vendorCode: 'B', quantity: 5, acceptedQuantity: 5 },
    ]);
    expect(rows).toHaveLength(2);
    const rec = Object.fromEntries(SUPPLIES.columns.map((c) => [c.id, c.value(rows[0], 'ru')]));
    expect(rec.status).toBe('Принято');
    expect(rec.preorderID).toBe('34601223');
    expect(rec.acceptedQuantity).toBe(9);
  });

  const record = (supply: Record<string, unknown>, barcode = '1') =>
    Object.fromEntries(SUPPLIES.columns.map((c) => [c.id, c.value(supplyRows(supply, [{ barcode }])[0], 'ru')]));

  it('virtual supplies (preorderID 0) are told apart by supplyID; a supply keeps its key when WB plans it', () => {
    const a = record({ supplyID: 29000001, preorderID: 0, statusID: 5, boxTypeID: 0 });
    const b = record({ supplyID: 29000992, preorderID: 0, statusID: 5, boxTypeID: 0 });
    expect(a.preorderID).toBeNull();
    expect(rowKey(SUPPLIES, a)).not.toBe(rowKey(SUPPLIES, b));
    expect(rowKey(SUPPLIES, a)).not.toBe(rowKey(SUPPLIES, record({ supplyID: 29000001, preorderID: 0 }, '2')));
    const unplanned = record({ supplyID: null, preorderID: 34597755, statusID: 1 });
    const planned = record({ supplyID: 26596368, preorderID: 34597755, statusID: 2 });
    expect(rowKey(SUPPLIES, planned)).toBe(rowKey(SUPPLIES, unplanned));
    // A supplyID and an order number that happen to be equal are still different supplies.
    expect(rowKey(SUPPLIES, record({ supplyID: 34597755, preorderID: 0 }))).not.toBe(rowKey(SUPPLIES, unplanned));
    expect(rowKey(SUPPLIES, record({ supplyID: null, preorderID: 0 }))).toBeNull();
  });

  it('asks WB by supplyID once there is one, by the order before, never for 0', () => {
    expect(supplyLookup({ supplyID: null, preorderID: 34597755 })).toEqual({ id: '34597755', isPreorderID: 'true' });
    expect(supplyLookup({ supplyID: 26596368, preorderID: 34601223 })).toEqual({ id: '26596368', isPreorderID: 'false' });
    expect(supplyLookup({ supplyID: 29000001, preorderID: 0 })).toEqual({ id: '29000001', isPreorderID: 'false' });
    expect(supplyLookup({ supplyID: null, preorderID: 0 })).toBeNull();
    expect(supplyLookup({ supplyID: 0, preorderID: 0 })).toBeNull();
  });

  it('reads the due supplies in turn, starting after the last one read', () => {
    const listed = ['a', 'b', 'c', 'd', 'e'];
    const key = (s: string) => s;
    expect(rotate(['a', 'c', 'e'], listed, key, null)).toEqual(['a', 'c', 'e']);
    expect(rotate(['a', 'c', 'e'], listed, key, 'a')).toEqual(['c', 'e', 'a']);
    // The last one read is settled now (no longer due): carry on after its place in the list.
    expect(rotate(['a', 'c', 'e'], listed, key, 'd')).toEqual(['e', 'a', 'c']);
    expect(rotate(['a', 'c', 'e'], listed, key, 'gone')).toEqual(['a', 'c', 'e']);
  });
});

describe('routing', () => {
  const key = (over: Record<string, unknown>, slot: string) => {
    const k = makeJwt(wbPayload(over));
    return { key: k, info: decodeKey(k), slot, masked: '••••' };
  };
  const now = Date.UTC(2026, 10, 27);
  it('routes each report to a key with its category, preferring Personal over Base', () => {
    const base = key({ acc: 1, s: (1 << 5) | (1 << 13) }, 'a');
    const personal = key({ acc: 3, s: (1 << 5) }, 'b');
    const r = routeReport('sales', [base, personal], now);
    expect(r.kind === 'ok' && r.key.slot).toBe('b');
    const fin = routeReport('realization', [base, personal], now);
    expect(fin.kind === 'ok' && fin.key.slot).toBe('a');
    expect(routeReport('stocks', [base, personal], now)).toEqual({ kind: 'missing', category: 2 });
    expect(routeReport('orders', [], now)).toEqual({ kind: 'no_keys' });
  });
  it('never routes to an expired key, and a sandbox key only where WB has a sandbox', () => {
    const expired = key({ exp: now / 1000 - 10, s: 1 << 5 }, 'x');
    expect(routeReport('orders', [expired], now).kind).toBe('expired');
    const sandbox = key({ acc: 2, t: true, s: (1 << 5) | (1 << 13) }, 's');
    expect(routeReport('orders', [sandbox], now).kind).toBe('ok');
    expect(routeReport('realization', [sandbox], now).kind).toBe('missing');
  });
});
