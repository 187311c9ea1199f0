/** Sync of orders and sales through the built bundle, against the WB emulator. */
import { loadBundle } from '../bundle/harness';
import { ORDERS_RU, SALES_RU, column, connect, dataRequests, sheetTable } from './helpers';

const HOUR = 3600000;

/** Cells in the run log's data rows (the log grows by one row per report per run). */
function logCells(h: ReturnType<typeof loadBundle>): number {
  const t = sheetTable(h, 'WB Журнал');
  return t.rows.length * t.header.length;
}

describe('first refresh', () => {
  const h = loadBundle();
  connect(h);
  const res = h.run('syncAllNow');

  it('reports what it loaded', () => {
    expect(res.ok).toBe(true);
    expect(res.message).toMatch(/WB Заказы: новых \d+/);
    expect(h.rt.toasts.length).toBeGreaterThan(0);
  });

  it('loads every order and sale WB keeps (90 days), one row per WB row', () => {
    const orders = column(h, ORDERS_RU, 'ID заказа (srid)');
    const sales = column(h, SALES_RU, 'ID продажи');
    const truthOrders = h.wb.orders({ withinRetention: true }).map((r) => r.srid);
    const truthSales = h.wb.sales({ withinRetention: true }).map((r) => r.saleID);
    expect(truthOrders.length).toBeGreaterThan(500);
    expect(orders.slice().sort()).toEqual(truthOrders.slice().sort());
    expect(sales.slice().sort()).toEqual(truthSales.slice().sort());
  });

  it('freezes the header and formats columns by type', () => {
    const sheet = h.rt.spreadsheet.getSheetByName(SALES_RU)!;
    expect(sheet.getFrozenRows()).toBe(1);
    const header = sheetTable(h, SALES_RU).header;
    const formats = sheet.getRange(2, 1, 1, header.length).getNumberFormats()[0];
    expect(formats[header.indexOf('Артикул продавца')]).toBe('@');
    expect(formats[header.indexOf('Баркод')]).toBe('@');
    expect(formats[header.indexOf('К перечислению')]).toContain('₽');
    expect(formats[header.indexOf('Дата')]).toMatch(/dd.mm.yyyy/);
  });

  it('round-trips WB text exactly: no formulas, numbers or dates made of it', () => {
    const t = sheetTable(h, ORDERS_RU);
    const truth = new Map(h.wb.orders({ withinRetention: true }).map((r) => [r.srid as string, r]));
    const idx = (name: string) => t.header.indexOf(name);
    for (const row of t.rows) {
      const wb = truth.get(row[idx('ID заказа (srid)')]) as Record<string, unknown>;
      expect(row[idx('Артикул продавца')]).toBe(wb.supplierArticle);
      expect(row[idx('Баркод')]).toBe(wb.barcode);
      expect(row[idx('Номер корзины')]).toBe(wb.gNumber);
      expect(row[idx('Размер')]).toBe(wb.techSize);
      expect(row[idx('Артикул WB')]).toBe(wb.nmId);
    }
    const articles = new Set(t.rows.map((r) => r[idx('Артикул продавца')]));
    expect([...articles].some((a) => /^=/.test(a))).toBe(true); // the generator's formula-like article
    expect([...articles].some((a) => /^0\d+$/.test(a))).toBe(true);
    const sheet = h.rt.spreadsheet.getSheetByName(ORDERS_RU)!;
    const formulas = sheet.getDataRange().getFormulas();
    expect(formulas.every((line: string[]) => line.every((f) => f === ''))).toBe(true);
  });
});

describe('incremental refresh', () => {
  it('a second refresh with no change sends one request per report and writes no cell', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    h.rt.clock.advance(2 * 60000);
    const before = h.wb.requests.length;
    const log = logCells(h);
    h.rt.stats.reset();
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    const reqs = dataRequests(h, before);
    expect(reqs.map((r) => r.path).sort()).toEqual(['/api/v1/supplier/orders', '/api/v1/supplier/sales']);
    // Not a cell of data: only the run log's new rows.
    expect(h.rt.stats.cellsWritten).toBe(logCells(h) - log);
    expect(res.message).toContain('без изменений');
  });

  it('after WB changes 1% of rows, writes only those rows and the new ones', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    const width = sheetTable(h, SALES_RU).header.length;
    const ordersWidth = sheetTable(h, ORDERS_RU).header.length;
    h.rt.clock.advance(5 * 60000);
    h.wb.changeRandomRows(0.01, h.rt.clock.now());
    const log = logCells(h);
    // The daily table (the formulas' totals): its cells that really change, by key.
    const daily = (): Map<string, unknown[]> => new Map(h.rt.spreadsheet.getSheetByName('WB Дни')!.getDataRange().getValues().slice(1).map((r: unknown[]) => [JSON.stringify(r.slice(0, 3)), r] as [string, unknown[]]));
    const dailyBefore = daily();
    h.rt.stats.reset();
    const res = h.run('syncAllNow');
    let dailyCells = 0;
    daily().forEach((r, key) => {
      const old = dailyBefore.get(key);
      dailyCells += old ? r.filter((v, i) => String(v) !== String(old[i])).length : r.length;
    });
    expect(dailyCells).toBeGreaterThan(0);
    const counts = (/WB Заказы: новых (\d+), обновлено (\d+)/.exec(res.message) || []).slice(1).map(Number);
    const sales = (/WB Продажи: новых (\d+), обновлено (\d+)/.exec(res.message) || []).slice(1).map(Number);
    const changedRows = counts[0] + counts[1] + sales[0] + sales[1];
    expect(changedRows).toBeGreaterThan(0);
    // Every changed and new row is written (plus the daily table's changed cells). Unchanged
    // rows between changed ones may be written back too: fewer calls matter more than cells
    // (issue 11; tests/integration/refresh-cost.test.ts bounds the calls).
    const changedCells = (counts[0] + counts[1]) * ordersWidth + (sales[0] + sales[1]) * width + dailyCells;
    const written = h.rt.stats.cellsWritten - (logCells(h) - log);
    expect(written).toBeGreaterThanOrEqual(changedCells);
    // The sheets equal WB's truth after the change.
    const truthSales = h.wb.sales({ withinRetention: true });
    expect(column(h, SALES_RU, 'ID продажи').length).toBe(truthSales.length);
  });

  it('updates rows in place by key: cancellations, late prices, returns', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    h.rt.clock.advance(26 * HOUR); // orders arrive, get cancelled, prices fill in
    h.run('syncAllNow');
    const truth = new Map(h.wb.orders({ withinRetention: true }).map((r) => [r.srid, r]));
    const t = sheetTable(h, ORDERS_RU);
    const srid = t.header.indexOf('ID заказа (srid)');
    const cancel = t.header.indexOf('Отменён');
    expect(new Set(t.rows.map((r) => r[srid])).size).toBe(t.rows.length);
    for (const row of t.rows) {
      const wb = truth.get(row[srid]);
      if (wb) expect(row[cancel]).toBe(wb.isCancel);
    }
    const salesTruth = new Map(h.wb.sales({ withinRetention: true }).map((r) => [r.saleID, r]));
    const s = sheetTable(h, SALES_RU);
    const id = s.header.indexOf('ID продажи');
    const price = s.header.indexOf('Цена со скидкой продавца');
    for (const row of s.rows) {
      const wb = salesTruth.get(row[id]);
      if (wb) expect(row[price]).toBe(wb.priceWithDisc);
    }
  });

  it('finds rows by key and columns by header after the seller sorts and moves columns', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    const sheet = h.rt.spreadsheet.getSheetByName(SALES_RU)!;
    sheet.sort(5, false);
    // Seller inserts a column of their own in the middle and types notes there.
    sheet.insertColumnsBefore(3, 1);
    sheet.getRange(1, 3).setValue('Мои заметки');
    sheet.getRange(2, 3).setValue('проверить');
    sheet.setName('Продажи (мои)');
    h.rt.clock.advance(30 * HOUR);
    h.wb.changeRandomRows(0.05, h.rt.clock.now());
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    const t = sheetTable(h, 'Продажи (мои)');
    const ids = t.rows.map((r) => r[t.header.indexOf('ID продажи')]);
    expect(new Set(ids).size).toBe(ids.length);
    const have = new Set(ids);
    for (const r of h.wb.sales({ withinRetention: true })) expect(have.has(r.saleID)).toBe(true);
    expect(t.rows[0][2]).toBe('проверить');
    expect(h.rt.spreadsheet.getSheets().map((s: any) => s.getName())).not.toContain(SALES_RU);
  });
});

describe('locale and time zone', () => {
  it('English headers for an English-speaking user', () => {
    const h = loadBundle({ locale: 'en_US' });
    connect(h);
    const res = h.run('syncAllNow');
    expect(res.message).toMatch(/WB Orders: \d+ new/);
    expect(sheetTable(h, 'WB Sales').header).toContain('Seller article');
  });

  it("dates show WB's Moscow wall clock whatever the spreadsheet's time zone", () => {
    const h = loadBundle({ timeZone: 'America/New_York' });
    connect(h);
    h.run('syncAllNow');
    const t = sheetTable(h, ORDERS_RU);
    const sheet = h.rt.spreadsheet.getSheetByName(ORDERS_RU)!;
    const shown = sheet.getRange(2, 1, Math.min(20, t.rows.length), 1).getDisplayValues();
    const srid = t.header.indexOf('ID заказа (srid)');
    const truth = new Map(h.wb.orders({ withinRetention: true }).map((r) => [r.srid, r]));
    shown.forEach((line: string[], i: number) => {
      const wbDate = String((truth.get(t.rows[i][srid]) as any).date); // 2026-11-20T09:14:37
      const expected = wbDate.slice(8, 10) + '.' + wbDate.slice(5, 7) + '.' + wbDate.slice(0, 4) + ' ' + wbDate.slice(11, 19);
      expect(line[0]).toBe(expected);
    });
  });
});

describe('a data sheet the seller deleted', () => {
  it('is recreated and reloaded in full, not continued from the old cursor', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    h.rt.run(() => {
      const ss = h.scope.SpreadsheetApp.getActiveSpreadsheet();
      ss.deleteSheet(ss.getSheetByName(SALES_RU));
    });
    h.rt.clock.advance(5 * 60000);
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    const ids = column(h, SALES_RU, 'ID продажи');
    expect(ids.slice().sort()).toEqual(h.wb.sales({ withinRetention: true }).map((r) => r.saleID).sort());
  });
});
