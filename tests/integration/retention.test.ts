/**
 * Retention: raw rows older than the seller's choice are deleted only once their daily
 * totals are safe, and the WB_ formulas answer for those days exactly as before.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const DAY = 86400000;

describe('retention', () => {
  const h = loadBundle({ emulator: { seed: 4, articles: 6, ordersPerDay: 15 } });
  const first = { from: '', to: '' };
  const before: Record<string, number> = {};

  beforeAll(() => {
    connect(h, { categories: [5, 2, 10, 13] });
    h.run('syncAllNow');
    const days = sheetTable(h, 'WB Продажи').rows.map((r) => r[0] as Date).sort((a, b) => a.getTime() - b.getTime());
    const zone = h.rt.spreadsheet.getSpreadsheetTimeZone();
    const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    first.from = iso(days[0]);
    first.to = iso(new Date(days[0].getTime() + 20 * DAY));
    for (const fn of ['WB_SALES', 'WB_ORDERS', 'WB_RETURNS', 'WB_REVENUE', 'WB_PAYOUT', 'WB_COSTS']) before[fn] = h.formula(fn, '', first.from, first.to);
  });

  it('defaults to keeping everything', () => {
    expect(h.run('getSidebarState').settings.retentionDays).toBe(0);
  });

  it('trims rows past the chosen age and the formulas still answer for those days', () => {
    const rowsAtStart = sheetTable(h, 'WB Продажи').rows.length;
    // Months go by with a refresh every 10 days (WB keeps 90 days; the sheets keep everything).
    for (let i = 0; i < 12; i++) {
      h.rt.clock.advance(10 * DAY);
      h.run('syncAllNow');
    }
    expect(sheetTable(h, 'WB Продажи').rows.length).toBeGreaterThan(rowsAtStart);
    expect(h.run('saveSettings', { retentionDays: 180 }).settings.retentionDays).toBe(180);
    expect(h.run('saveSettings', { retentionDays: 30 }).settings.retentionDays).toBe(0); // not a choice: keep all
    h.run('saveSettings', { retentionDays: 180 });
    h.rt.clock.advance(DAY);
    h.run('syncAllNow');
    const cutoff = h.rt.clock.now() - 180 * DAY;
    for (const [name, col] of [['WB Продажи', 'Дата'], ['WB Заказы', 'Дата заказа'], ['WB Реализация', 'Дата операции']]) {
      const t = sheetTable(h, name);
      const i = t.header.indexOf(col);
      const oldest = Math.min(...t.rows.map((r) => (r[i] as Date).getTime()));
      expect(oldest).toBeGreaterThan(cutoff - DAY);
    }
    for (const fn of Object.keys(before)) expect([fn, h.formula(fn, '', first.from, first.to)]).toEqual([fn, before[fn]]);
  }, 300000);
});
