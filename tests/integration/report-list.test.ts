/**
 * WB's own list of realization reports (sales-reports/list): read with a Personal or
 * Service key after the detail report, over the same days, one row per report with
 * WB's totals; never asked for with a Base key, which WB refuses (403).
 */
import { loadBundle } from '../bundle/harness';
import { connect, dataRequests, sheetTable } from './helpers';

const LIST_PATH = '/api/finance/v1/sales-reports/list';
const DETAILED_PATH = '/api/finance/v1/sales-reports/detailed';
const kop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : NaN);

function records(h: ReturnType<typeof loadBundle>, name: string): Record<string, any>[] {
  const t = sheetTable(h, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}

describe("WB's report list", () => {
  it('a Personal key stores one row per report the detail rows came from, with WB’s «Итого к оплате»', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'personal', categories: [5, 13] });
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    const calls = dataRequests(h).filter((r) => r.path === LIST_PATH);
    expect(calls.map((c) => c.status)).toEqual([200]);
    const list = records(h, 'WB Отчёты реализации');
    const detailIds = new Set(records(h, 'WB Реализация').map((r) => String(r['Номер отчёта'])));
    expect(new Set(list.map((r) => String(r['Номер отчёта'])))).toEqual(detailIds);
    // Every total as WB computes it: the list's own parts give its «Итого к оплате».
    for (const r of list) {
      const parts = kop(r['К перечислению за товар']) - kop(r['Стоимость логистики']) - kop(r['Стоимость хранения']) - kop(r['Стоимость операций при приёмке']) - kop(r['Прочие удержания и выплаты']) - kop(r['Общая сумма штрафов']);
      const loyalty = kop(r['Удержано за баллы программы лояльности']) + kop(r['Стоимость участия в программе лояльности']);
      expect(kop(r['Итого к оплате'])).toBe(parts + kop(r['Корректировка вознаграждения WB (ВВ)']) - loyalty + kop(r['Разовое изменение срока перечисления']));
    }
    // A second refresh reads the list again (WB may restate a report) without a second row.
    h.rt.clock.advance(3600000);
    h.run('syncAllNow');
    expect(records(h, 'WB Отчёты реализации').length).toBe(list.length);
  });

  it('a Base key never asks for it (WB answers 403), and the unit economics sheet says which key shows WB’s totals', () => {
    const h = loadBundle({ emulator: { seed: 6, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'base', categories: [5, 13] });
    expect(h.run('syncAllNow').ok).toBe(true);
    expect(dataRequests(h).some((r) => r.path === DETAILED_PATH)).toBe(true);
    expect(dataRequests(h).some((r) => r.path === LIST_PATH)).toBe(false);
    expect(h.rt.spreadsheet.getSheetByName('WB Отчёты реализации')).toBeNull();
    expect(h.call('buildDashboardNow').ok).toBe(true);
    const unit = sheetTable(h, 'WB Юнит-экономика');
    const at = unit.rows.findIndex((r) => String(r[0]).startsWith('Сверка с WB'));
    expect(String(unit.rows[at + 1][0])).toMatch(/Персональному или Сервисному ключу/);
  });

  it('a daily table from before the loyalty measure gets its realization days recomputed once', () => {
    const h = loadBundle({ emulator: { seed: 7, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'personal', categories: [5, 13] });
    h.run('syncAllNow');
    const sheet = h.rt.spreadsheet.getSheetByName('WB Дни')!;
    const title = 'Программа лояльности (баллы и участие), коп. по дням';
    const before = sheetTable(h, 'WB Дни');
    // As an older version left it: no loyalty column.
    sheet.deleteColumn(before.header.indexOf(title) + 1);
    h.rt.clock.advance(3600000);
    h.run('syncAllNow');
    const after = sheetTable(h, 'WB Дни');
    const col = after.header.indexOf(title);
    expect(col).toBeGreaterThan(0);
    const sumCells = after.rows.reduce((t, r) => t + String(r[col] ?? '').split(',').reduce((a, v) => a + (v ? Number(v) : 0), 0), 0);
    const raw = records(h, 'WB Реализация').reduce((t, r) => t + kop(r['Удержано за баллы программы лояльности']) + kop(r['Стоимость участия в программе лояльности']), 0);
    expect(raw).toBeGreaterThan(0);
    expect(Math.round(sumCells)).toBe(raw);
  });
});
