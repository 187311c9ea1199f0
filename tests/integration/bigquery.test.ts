/**
 * BigQuery storage end to end through the built add-on (dist/) and the offline runtime's
 * BigQuery (DuckDB): a seller with raw rows in BigQuery only against a twin with the same
 * WB data and the same scheduled runs keeping everything in the sheets. The daily table
 * and the WB_ formulas must be equal, every WB row exactly once in the views, the raw
 * sheets only the recent window; kills at BigQuery calls and a quota refusal mid-load end
 * equal as well.
 */
import { compareDaily } from '../faults/lib';
import { sheetTable } from './helpers';
import { DAY, cells, dailyDiff, expectEveryRowOnce, formulas, hours, scheduled, seller } from './bigquery-helpers';

describe('raw rows in BigQuery only', () => {
  const bq = seller('window');
  const twin = seller('off');

  beforeAll(() => {
    // The first load, then a day of hourly refreshes, on both.
    for (const h of [bq, twin]) {
      scheduled(h);
      hours(h, 24);
    }
  }, 170000);

  it('ends with every WB row exactly once in the views', () => {
    expectEveryRowOnce(bq);
    const stats = bq.rt.bigquery.stats;
    expect(stats.failedJobs).toBe(0);
    expect(stats.byMethod['tabledata.insertAll'] || 0).toBe(0);
  });

  it('the raw sheets keep the last 7 days only, the spreadsheet is smaller', () => {
    const t = sheetTable(bq, 'WB Заказы');
    const i = t.header.indexOf('Дата заказа');
    const oldest = Math.min(...t.rows.map((r) => (r[i] as Date).getTime()));
    expect(oldest).toBeGreaterThanOrEqual(bq.rt.clock.now() - 8 * DAY);
    expect(t.rows.length).toBeLessThan(sheetTable(twin, 'WB Заказы').rows.length / 5);
    expect(cells(bq)).toBeLessThan(cells(twin));
  });

  it('WB Дни and the WB_ formulas equal the twin that keeps every raw row in the sheets', () => {
    expect(dailyDiff(bq, twin)).toEqual([]);
    expect(compareDaily(bq, twin)).toEqual([]);
    expect(formulas(bq)).toEqual(formulas(twin));
  });
});
