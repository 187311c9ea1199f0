/**
 * What an hourly refresh costs in SpreadsheetApp calls (issue 11): each call is tens of
 * milliseconds of the seller's 90 minutes a day of trigger time.
 */
import { loadBundle } from '../bundle/harness';
import { ORDERS_RU, SALES_RU, column, connect, sheetTable } from './helpers';

describe('a scheduled refresh with nothing new at WB', () => {
  const h = loadBundle({ emulator: { ordersPerDay: 80 } });
  connect(h);
  h.call('syncAllNow');
  // A quiet moment of the seeded emulator: WB publishes nothing new in these two minutes.
  h.rt.clock.advance(2 * 60000);
  const logBefore = sheetTable(h, 'WB Журнал').rows.length;
  const ordersBefore = sheetTable(h, ORDERS_RU).rows;
  const salesBefore = sheetTable(h, SALES_RU).rows;
  h.rt.stats.reset();
  h.call('scheduledSync');
  const stats = { ...h.rt.stats };
  const lastSync = JSON.parse(h.rt.documentProperties()['wb.lastSync']).message as string;

  it('costs at most 12 SpreadsheetApp calls, run log line included', () => {
    expect(lastSync).toMatch(/WB Заказы: без изменений/);
    expect(lastSync).toMatch(/WB Продажи: без изменений/);
    expect(stats.spreadsheetCalls).toBeLessThanOrEqual(12);
    // Nothing read from the data sheets: only the run log's header.
    expect(stats.cellsRead).toBeLessThan(100);
  });

  it('still writes its run-log lines and leaves the data as it was', () => {
    const log = sheetTable(h, 'WB Журнал');
    expect(log.rows.length).toBeGreaterThan(logBefore);
    const last = log.rows[log.rows.length - 1];
    expect(last).toContain('по расписанию');
    expect(sheetTable(h, ORDERS_RU).rows).toEqual(ordersBefore);
    expect(sheetTable(h, SALES_RU).rows).toEqual(salesBefore);
  });

  it('loses nothing: the sheets still hold exactly what WB keeps', () => {
    expect(column(h, ORDERS_RU, 'ID заказа (srid)').slice().sort()).toEqual(h.wb.orders({ withinRetention: true }).map((r) => r.srid).sort());
    expect(column(h, SALES_RU, 'ID продажи').slice().sort()).toEqual(h.wb.sales({ withinRetention: true }).map((r) => r.saleID).sort());
  });
});
