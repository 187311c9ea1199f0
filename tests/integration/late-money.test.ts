/**
 * Sales money WB fills in late, through the built bundle in the offline Apps Script
 * runtime, in both readings of the spec: the fill moves lastChangeDate, or it does not.
 * The seller's refresh-all, a few times a day: the sheet ends with WB's money.
 */
import { loadBundle } from '../bundle/harness';
import { SALES_RU, connect, sheetTable } from './helpers';

const HOUR = 3600000;

describe.each([
  ['moves', true],
  ['leaves', false],
])('money WB fills in late (the fill %s lastChangeDate)', (_name, fillMovesLastChange) => {
  it('reaches the sheet on a later refresh, and the sheet is not left at 0', () => {
    const h = loadBundle({ emulator: { fillMovesLastChange } });
    connect(h);
    expect(h.run('syncAllNow').ok).toBe(true);
    const zeroAtFirst = sheetTable(h, SALES_RU);
    const pay = zeroAtFirst.header.indexOf('К перечислению');
    const id = zeroAtFirst.header.indexOf('ID продажи');
    const waiting = zeroAtFirst.rows.filter((r) => r[pay] === 0 && String(r[id]).startsWith('S')).map((r) => r[id]);
    expect(waiting.length).toBeGreaterThan(0);
    for (let run = 0; run < 6; run++) {
      h.rt.clock.advance(5 * HOUR);
      expect(h.run('syncAllNow').ok).toBe(true);
    }
    const truth = new Map(h.wb.sales({ withinRetention: true }).map((r) => [r.saleID, r]));
    const s = sheetTable(h, SALES_RU);
    const cols = ['forPay', 'finishedPrice', 'priceWithDisc'].map((f, i) => [f, s.header.indexOf(['К перечислению', 'Цена для покупателя', 'Цена со скидкой продавца'][i])] as const);
    let checked = 0;
    for (const row of s.rows) {
      const wb = truth.get(row[s.header.indexOf('ID продажи')]);
      if (!wb) continue;
      for (const [f, c] of cols) expect([row[s.header.indexOf('ID продажи')], f, row[c]]).toEqual([wb.saleID, f, wb[f]]);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
    // Every sale that read 0 after the first refresh has WB's money now (WB fills within 24 h).
    const now = new Map(s.rows.map((r) => [r[s.header.indexOf('ID продажи')], r[pay]]));
    for (const saleID of waiting) expect([saleID, now.get(saleID)]).not.toEqual([saleID, 0]);
  });
});
