/**
 * Paid storage and acceptance end to end: the async tasks over 90 days in spans WB
 * allows (8 and 31 days, dateTo after dateFrom), across as many refreshes as the limits
 * need; the sheets equal the emulator's reports to the kopeck per day, barcode and
 * warehouse (storage) and per supply and article (acceptance), never doubled; the daily
 * table carries them per article.
 */
import { loadBundle } from '../bundle/harness';
import { connect, mskDay, sheetTable } from './helpers';

const DAY = 86400000;
const HOUR = 3600000;
type H = ReturnType<typeof loadBundle>;

function rows(h: H, name: string): Record<string, any>[] {
  const t = sheetTable(h, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}
const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const kop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : 0);

function untilLoaded(h: H, op: string, max = 20): number {
  for (let i = 1; i <= max; i++) {
    h.call(op);
    // Loaded: no task pending and both positions at the days read again on every refresh.
    const props = h.rt.documentProperties();
    const today = mskDay(h.rt.clock.now());
    const done = ['paidStorage', 'acceptance'].every((id) => !props['wb.state.' + id + 'Task'] && Number(props['wb.state.' + id + 'Cursor']) >= today - 2);
    if (done) return i;
    h.rt.clock.advance(2 * 60000);
  }
  throw new Error('not loaded after ' + max + ' refreshes');
}

describe('paid storage and acceptance', () => {
  it('90 days of paid storage and acceptance equal WB\'s reports, per day, barcode and warehouse, with no request WB would refuse', () => {
    const h = loadBundle({ emulator: { seed: 7, articles: 6, ordersPerDay: 30 } });
    connect(h, { categories: [5, 2] });
    h.call('syncOrdersNow');
    const runs = untilLoaded(h, 'syncPaidNow');
    expect(runs).toBeGreaterThan(1); // 12 storage spans at one download a minute do not fit one execution
    const now = h.rt.clock.now();
    const today = mskDay(now);
    const storage = new Map<string, number>();
    for (const r of rows(h, 'WB Платное хранение')) {
      const k = iso(r['Дата']) + '|' + r['Баркод'] + '|' + r['Склад'];
      expect(storage.has(k)).toBe(false);
      storage.set(k, kop(r['Стоимость хранения']));
    }
    const truth = new Map<string, number>();
    for (const r of h.wb.paid.storageRows(today - 89, today, now)) truth.set(r.date + '|' + r.barcode + '|' + r.warehouse, kop(r.warehousePrice));
    expect(truth.size).toBeGreaterThan(500);
    expect(Object.fromEntries(storage)).toEqual(Object.fromEntries(truth));
    const acceptance = rows(h, 'WB Платная приёмка');
    const acceptTruth = h.wb.paid.acceptanceRows(today - 89, today, now);
    expect(acceptance.length).toBe(acceptTruth.length);
    expect(acceptance.reduce((s, r) => s + kop(r['Стоимость приёмки']), 0)).toBe(acceptTruth.reduce((s, r) => s + kop(r.total), 0));
    expect(acceptance.every((r) => r['Артикул продавца'] !== '')).toBe(true);
    const paid = h.wb.requests.filter((r) => /paid_storage|acceptance_report/.test(r.path));
    expect(paid.filter((r) => r.status === 429 || r.status === 400)).toEqual([]);
    for (const r of paid.filter((x) => x.path === '/api/v1/paid_storage')) {
      const span = (Date.parse(r.query.dateTo) - Date.parse(r.query.dateFrom)) / DAY;
      expect(span).toBeGreaterThan(0);
      expect(span).toBeLessThanOrEqual(8);
    }
    // A later refresh reads only the last days again, and nothing is doubled.
    h.rt.clock.advance(DAY);
    untilLoaded(h, 'syncPaidNow');
    const keys = rows(h, 'WB Платное хранение').map((r) => iso(r['Дата']) + '|' + r['Баркод'] + '|' + r['Склад']);
    expect(new Set(keys).size).toBe(keys.length);
    const later = h.rt.clock.now();
    const truth2 = h.wb.paid.storageRows(mskDay(later) - 89, mskDay(later), later);
    expect(keys.length).toBe(truth2.length + rows(h, 'WB Платное хранение').filter((r) => iso(r['Дата']) < new Date((mskDay(later) - 89) * DAY).toISOString().slice(0, 10)).length);
  });

  it('a key without Analytics: both reports skipped with the category named, no request', () => {
    const h = loadBundle({ emulator: { seed: 7, articles: 4 } });
    connect(h, { categories: [5] });
    const res = h.call('syncPaidNow');
    expect(res.message).toMatch(/WB Платное хранение.*«Аналитика»/);
    expect(h.wb.requests.filter((r) => /paid_storage|acceptance_report/.test(r.path))).toHaveLength(0);
  });
});
