/**
 * WB's commission by tariff against what the realization report charged, on
 * WB Юнит-экономика. The expected side is computed here from the emulator's own truth:
 * its tariff (tariffs.ts, what /api/v1/tariffs/commission serves) for the subject and
 * the model each realization row says shipped (FBS: a row with an assembly task), times
 * the row's price with discount; charged is the row's WB fee + VAT. The tariff is asked
 * for at most once a Moscow day; a document with only sandbox keys sends no request and
 * says why.
 */
import { loadBundle } from '../bundle/harness';
import { tariffRate } from '../emulator/tariffs';
import { connect, mskDay, dayIso, dayOfText, sheetTable } from './helpers';

const DAY = 86400000;
const HOUR = 3600000;
type H = ReturnType<typeof loadBundle>;

const kop = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : Math.round(Number(v) * 100));
const cellKop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : NaN);
const TARIFF_PATH = '/api/v1/tariffs/commission';

interface Truth {
  expected: number;
  charged: number;
}

/** Per article for Moscow days [from, to]: the tariff × price with discount, and WB's fee + VAT. */
function truth(h: H, from: number, to: number): Map<number, Truth> {
  const out = new Map<number, Truth>();
  for (const r of h.wb.realization({ dateFrom: dayIso(from - 14), dateTo: dayIso(mskDay(h.rt.clock.now())) })) {
    const d = dayOfText(r.rrDate);
    if (d < from || d > to || (r.sellerOperName !== 'Продажа' && r.sellerOperName !== 'Возврат')) continue;
    const sign = r.sellerOperName === 'Возврат' ? -1 : 1;
    const fbs = r.deliveryMethod === 'FBS';
    const pwd = kop(r.retailPriceWithDisc) * Number(r.quantity);
    const nm = Number(r.nmId);
    const t = out.get(nm) ?? { expected: 0, charged: 0 };
    t.expected += sign * Math.round((pwd * tariffRate(String(r.subjectName), fbs)) / 100);
    t.charged += sign * Math.abs(kop(r.vw) + kop(r.vwNds));
    out.set(nm, t);
  }
  return out;
}

/** The block's article rows (by nmId) and its verdict line. */
function block(h: H) {
  const rows = sheetTable(h, 'WB Юнит-экономика').rows;
  const at = rows.findIndex((r) => r[0] === 'Комиссия WB: по тарифу и удержанная');
  if (at < 0) throw new Error('no commission block');
  const headAt = rows.findIndex((r, i) => i > at && r[0] === 'Артикул продавца');
  const head = headAt < 0 ? [] : rows[headAt].map(String);
  const col = (name: string) => head.indexOf(name);
  const totalAt = rows.findIndex((r, i) => i > headAt && r[0] === 'Итого');
  const lines = new Map<number, { expected: number; charged: number; diff: number; fbw: unknown; fbs: unknown }>();
  if (headAt >= 0) {
    for (const r of rows.slice(headAt + 1, totalAt)) {
      lines.set(r[col('Артикул WB')], {
        expected: cellKop(r[col('Комиссия по тарифу, ₽')]),
        charged: cellKop(r[col('Удержано WB, ₽')]),
        diff: cellKop(r[col('Разница, ₽')]),
        fbw: r[col('Тариф FBW, %')],
        fbs: r[col('Тариф FBS, %')],
      });
    }
  }
  return { rows, at, lines, total: headAt >= 0 ? rows[totalAt] : null, verdict: headAt >= 0 ? String(rows[totalAt + 1][0]) : String(rows[at + 2][0]), col };
}

const tariffRequests = (h: H) => h.wb.requests.filter((r) => r.path === TARIFF_PATH);

function setUp(overcharge?: (h: H) => void): { h: H; from: number; to: number } {
  const h = loadBundle({ emulator: { seed: 21, articles: 6, ordersPerDay: 30, campaigns: 0 } });
  if (overcharge) overcharge(h);
  connect(h, { categories: [5, 13] });
  for (let i = 0; i < 3; i++) {
    expect(h.call('syncAllNow').busy).toBe(false);
    h.rt.clock.advance(2 * 60000);
  }
  h.call('buildDashboardNow');
  const to = mskDay(h.rt.clock.now()) - 1;
  return { h, from: to - 29, to };
}

describe('commission: expected vs charged', () => {
  test('expected equals charged to the kopeck for every article of the emulated seller; the tariff is asked once a day', () => {
    const { h, from, to } = setUp();
    const want = truth(h, from, to);
    const b = block(h);
    expect(b.lines.size).toBeGreaterThan(3);
    expect(new Set(b.lines.keys())).toEqual(new Set(want.keys()));
    for (const [nm, w] of want) {
      const got = b.lines.get(nm)!;
      expect(got.expected).toBe(w.expected);
      expect(got.charged).toBe(w.charged);
      expect(w.charged).toBe(w.expected);
      expect(got.diff).toBe(0);
    }
    // The seller ships both ways: some articles show an FBS rate, some an FBW rate.
    expect([...b.lines.values()].some((l) => typeof l.fbs === 'number')).toBe(true);
    expect([...b.lines.values()].some((l) => typeof l.fbw === 'number')).toBe(true);
    expect(b.verdict).toBe('Комиссия совпадает с тарифом WB до копейки.');
    // Three refreshes the same Moscow day: one request to the tariff, with locale=ru.
    expect(tariffRequests(h).length).toBe(1);
    expect(tariffRequests(h)[0].query.locale).toBe('ru');
    expect(tariffRequests(h)[0].status).toBe(200);
    // The next Moscow day asks again, once.
    h.rt.clock.advance(DAY);
    h.call('syncAllNow');
    h.rt.clock.advance(2 * 60000);
    h.call('syncAllNow');
    expect(tariffRequests(h).length).toBe(2);
  });

  test('a subject WB charges one point above its tariff shows the difference', () => {
    let subject = '';
    const { h, from, to } = setUp((hh) => {
      subject = hh.wb.seller.products[0].subject;
      hh.wb.tariffs.setOvercharge(subject, 1);
    });
    const want = truth(h, from, to);
    const b = block(h);
    const subjectOf = new Map(h.wb.seller.products.map((p) => [p.nmId, p.subject]));
    let extra = 0;
    let off = 0;
    for (const [nm, w] of want) {
      const got = b.lines.get(nm)!;
      expect(got.expected).toBe(w.expected);
      expect(got.charged).toBe(w.charged);
      expect(got.diff).toBe(w.charged - w.expected);
      if (subjectOf.get(nm) === subject) {
        expect(got.diff).toBeGreaterThan(0);
        off++;
      } else expect(got.diff).toBe(0);
      extra += w.charged - w.expected;
    }
    expect(off).toBeGreaterThan(0);
    expect(cellKop(b.total![b.col('Разница, ₽')])).toBe(extra);
    expect(b.verdict).toBe('WB удержал на ' + (extra / 100).toFixed(2) + ' ₽ больше тарифа (артикулов с разницей: ' + off + ').');
  });

  test('once the only key has expired, no tariff request is sent and the sheet says why, keeping the last tariff', () => {
    const h = loadBundle({ emulator: { seed: 21, articles: 6, ordersPerDay: 30, campaigns: 0 } });
    connect(h, { categories: [5, 13], expiresAt: h.rt.clock.now() + 20 * 60000 });
    for (let i = 0; i < 3; i++) {
      h.call('syncAllNow');
      h.rt.clock.advance(2 * 60000);
    }
    expect(tariffRequests(h).length).toBe(1);
    h.rt.clock.advance(DAY);
    const props = () => h.rt.documentProperties()['wb.commission.rates'];
    h.call('syncAllNow');
    const said = props();
    h.rt.clock.advance(2 * 60000);
    h.call('syncAllNow');
    // No request with the expired key, and the explanation is stored once for the day.
    expect(tariffRequests(h).length).toBe(1);
    expect(props()).toBe(said);
    expect(JSON.parse(said).noKey).toBe(true);
    h.call('buildDashboardNow');
    const b = block(h);
    expect(String(b.rows[b.at + 2][0])).toMatch(/нужен действующий ключ WB API не из песочницы/);
    expect(b.lines.size).toBeGreaterThan(0);
  });
});
