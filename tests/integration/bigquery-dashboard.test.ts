/**
 * The dashboard of a seller whose raw rows live in BigQuery only (the raw sheets keep 7
 * days) against a twin that keeps every raw row in the sheets: the stock forecast's order
 * rates (30 days of orders), the unit economics and its reconciliation with the reports
 * («Сходится до копейки»), the check against WB's report totals and the commission check
 * read what the sheets no longer hold from BigQuery, and every cell must equal the twin's.
 */
import { sheetTable } from './helpers';
import { HOUR, hours, scheduled, seller } from './bigquery-helpers';
import type { Harness } from '../bundle/harness';

const SHOP = { seed: 33, articles: 6, ordersPerDay: 60 };

function withKey(h: Harness): Harness {
  // Statistics, Analytics (stocks), Finance (realization).
  const saved = h.run('saveKey', h.wb.makeKey({ type: 'personal', categories: [5, 2, 13] }));
  if (!saved.ok) throw new Error(saved.message);
  return h;
}

/** A sheet's cells as text, the build time left out (twins' runs end at different virtual moments). */
function cellsOf(h: Harness, name: string): string[] {
  const t = sheetTable(h, name);
  return [t.header, ...t.rows].map((r) => r.map((c: unknown) => (c instanceof Date ? c.toISOString() : String(c))).join(' | ')).filter((l) => !/обновлено|updated/i.test(l));
}

describe('the dashboard with raw rows in BigQuery only', () => {
  const bq = withKey(seller('window', SHOP));
  const twin = withKey(seller('off', SHOP));

  beforeAll(() => {
    for (const h of [bq, twin]) {
      scheduled(h);
      hours(h, 8);
      h.rt.clock.set(Math.max(bq.rt.clock.now(), twin.rt.clock.now()) + HOUR);
    }
    for (const h of [bq, twin]) h.rt.clock.set(Math.max(bq.rt.clock.now(), twin.rt.clock.now()));
    for (const h of [bq, twin]) expect(h.call('buildDashboardNow').ok).toBe(true);
  }, 600000);

  it('the raw sheets really hold only the last days', () => {
    expect(sheetTable(bq, 'WB Реализация').rows.length).toBeLessThan(sheetTable(twin, 'WB Реализация').rows.length / 3);
    expect(sheetTable(bq, 'WB Заказы').rows.length).toBeLessThan(sheetTable(twin, 'WB Заказы').rows.length / 5);
  });

  it('unit economics, its reconciliation and the commission check equal the twin\'s, and reconcile to the kopeck', () => {
    const unit = cellsOf(bq, 'WB Юнит-экономика');
    expect(unit.some((l) => l.includes('Сходится до копейки.'))).toBe(true);
    // WB's report totals against the detail (read from BigQuery), report by report.
    expect(unit.filter((l) => /^\d+ \| [123] \| .* \| 0 \|/.test(l)).length).toBeGreaterThan(2);
    expect(unit.some((l) => l.includes('Комиссия совпадает с тарифом WB до копейки.'))).toBe(true);
    expect(unit).toEqual(cellsOf(twin, 'WB Юнит-экономика'));
  });

  it('the stock forecast\'s order rates equal the twin\'s (30 days of orders)', () => {
    // Article, nmId, warehouse and the 7/14/30-day rates (the stock itself is a snapshot of its own moment).
    const rates = (h: Harness) => {
      const t = sheetTable(h, 'WB Остатки: прогноз');
      const at = t.rows.findIndex((r) => r[0] === 'Артикул продавца');
      return t.rows.slice(at).map((r) => [r[0], r[1], r[2], r[4], r[5], r[6]].join(' | ')).sort();
    };
    const mine = rates(bq);
    expect(mine.length).toBeGreaterThan(8);
    expect(mine.some((l) => !/\| 0 \| 0 \| 0$/.test(l))).toBe(true);
    expect(mine).toEqual(rates(twin));
  });

  it('the overview and ABC equal the twin\'s', () => {
    expect(cellsOf(bq, 'WB Сводка')).toEqual(cellsOf(twin, 'WB Сводка'));
    expect(cellsOf(bq, 'WB ABC')).toEqual(cellsOf(twin, 'WB ABC'));
  });
});
