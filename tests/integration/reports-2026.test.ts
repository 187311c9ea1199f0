/** Stocks, supplies and the realization report under WB's 2026 API, through the built bundle. */
import { loadBundle, Harness } from '../bundle/harness';
import { IN_WAY_FROM_CLIENT, IN_WAY_TO_CLIENT, TOTAL_ON_WAREHOUSES, WAREHOUSE_NAMES_EN, WbEmulator } from '../emulator';
import { connect, sheetTable } from './helpers';

const ALL = [5, 2, 10, 13];
const SHEETS = ['WB Заказы', 'WB Продажи', 'WB Остатки', 'WB Поставки', 'WB Реализация'];

function rows(h: Harness, sheet: string): Record<string, any>[] {
  const t = sheetTable(h, sheet);
  return t.rows.map((r) => Object.fromEntries(t.header.map((name, i) => [name, r[i]])));
}

/** Kopecks of a decimal string, exactly (no floating point). */
function kopecks(text: unknown): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(text));
  if (!m) throw new Error('not money: ' + text);
  const v = Number(m[2]) * 100 + Number((m[3] || '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

function ymd(d: unknown): string {
  const date = d as Date; // Moscow spreadsheet: wall clock = Moscow
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' });
  return f.format(date);
}

describe('refresh all with a key holding every category', () => {
  const h = loadBundle({ emulator: { seed: 21 } });
  connect(h, { categories: ALL });
  const res = h.run('syncAllNow');

  it('fills five sheets', () => {
    expect(res.message).not.toMatch(/Ошибка|не принял|отключил/);
    expect(res.ok).toBe(true);
    for (const name of SHEETS) expect(sheetTable(h, name).rows.length).toBeGreaterThan(0);
    expect(sheetTable(h, 'WB Остатки по дням').rows.length).toBeGreaterThan(0);
  });

  it('the stock snapshot matches WB: quantity per barcode and warehouse, transit as columns', () => {
    const sheet = rows(h, 'WB Остатки');
    const got = new Map<string, number>();
    for (const r of sheet) if (r['Остаток, шт'] > 0) got.set(r['Баркод'] + '|' + r['Склад'], r['Остаток, шт']);
    // WB's report is the stock when its task was created: ask the same seller's truth at that moment.
    const created = h.wb.requests.filter((r) => r.path === '/api/v1/warehouse_remains').pop()!.at;
    const then = new WbEmulator({ seed: 21, now: created });
    const want = new Map<string, number>();
    for (const r of then.stockSnapshot()) if (r.quantity > 0) want.set(r.barcode + '|' + r.warehouseName, r.quantity);
    expect(want.size).toBeGreaterThan(0);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    for (const t of then.inTransit()) {
      const line = sheet.find((r) => r['Баркод'] === t.barcode);
      expect(line && [line['В пути к клиенту, шт'], line['В пути возвраты, шт']]).toEqual([t.toClient, t.fromClient]);
    }
    expect(sheet.some((r) => /В пути|Всего находится/.test(r['Склад']))).toBe(false);
    expect(sheet.every((r) => r['Бренд'] !== '' && r['Предмет'] !== '' && r['Артикул продавца'] !== '')).toBe(true);
  });

  it('supplies: one row per supply and barcode, as WB has them, virtual supplies included, with the destination warehouse', () => {
    const sheet = rows(h, 'WB Поставки');
    const truth = h.wb.supplies();
    const want = truth.reduce((n, s) => n + s.goods.length, 0);
    expect(sheet.length).toBe(want);
    expect(truth.filter((s) => s.preorderID === 0).length).toBeGreaterThan(1);
    for (const s of truth) {
      // A virtual supply (preorderID 0) is found by its supplyID; its order number is empty.
      const mine = s.preorderID === 0 ? (r: any) => r['Номер поставки'] === String(s.supplyID) && r['Номер заказа поставки'] === '' : (r: any) => r['Номер заказа поставки'] === String(s.preorderID);
      for (const g of s.goods as any[]) {
        const line = sheet.filter((r) => mine(r) && r['Баркод'] === g.barcode);
        expect(line).toHaveLength(1);
        expect(line[0]['Запланировано, шт']).toBe(g.quantity);
        expect(line[0]['Принято, шт'] === '' ? null : line[0]['Принято, шт']).toBe(g.acceptedQuantity ?? null);
        expect(line[0]['Склад назначения']).toBe(s.warehouseName);
      }
    }
    // WB was asked by supplyID once a supply had one, never for supply or order 0.
    const asked = h.wb.requests.filter((r) => /^\/api\/v1\/supplies\/\d+/.test(r.path));
    expect(asked.some((r) => /^\/api\/v1\/supplies\/0(\/|$)/.test(r.path))).toBe(false);
    expect(asked.every((r) => r.status === 200)).toBe(true);
    const bySupplyID = new Set(truth.filter((s) => s.supplyID !== null).map((s) => String(s.supplyID)));
    for (const r of asked) {
      const id = r.path.split('/')[4];
      expect(r.query.isPreorderID).toBe(bySupplyID.has(id) ? 'false' : 'true');
    }
  });

  it('realization sales and returns reconcile with the sales sheet per article for closed weeks', () => {
    const real = rows(h, 'WB Реализация');
    const sales = rows(h, 'WB Продажи');
    // Closed weeks inside both sheets' spans.
    const weeks = Array.from(new Set(real.filter((r) => r['Тип отчёта'] === 1).map((r) => ymd(r['Период с']) + '..' + ymd(r['Период по']))));
    expect(weeks.length).toBeGreaterThan(5);
    // WB keeps statistics rows 90 days from the ORDER date: a return in an early week may
    // belong to an order the sales sheet never saw. Weeks a month past the first sale are whole.
    const firstSale = sales.map((r) => ymd(r['Дата'])).sort()[0];
    const whole = new Date(Date.parse(firstSale) + 35 * 86400000).toISOString().slice(0, 10);
    let checked = 0;
    for (const week of weeks) {
      const [from, to] = week.split('..');
      if (from <= whole) continue;
      const units = (op: string) => {
        const m: Record<string, number> = {};
        for (const r of real) {
          if (r['Обоснование для оплаты'] !== op) continue;
          const day = ymd(r['Дата операции']);
          if (day < from || day > to) continue;
          m[r['Артикул продавца']] = (m[r['Артикул продавца']] || 0) + r['Кол-во'];
        }
        return m;
      };
      const stat = (kind: string) => {
        const m: Record<string, number> = {};
        for (const r of sales) {
          const day = ymd(r['Дата']);
          if (r['Тип'] !== kind || day < from || day > to) continue;
          m[r['Артикул продавца']] = (m[r['Артикул продавца']] || 0) + 1;
        }
        return m;
      };
      expect(units('Продажа')).toEqual(stat('Продажа'));
      expect(units('Возврат')).toEqual(stat('Возврат'));
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('money is exact to the kopeck and reports of one week stay apart', () => {
    const real = rows(h, 'WB Реализация');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(h.rt.clock.now()));
    const truth = h.wb.realization({ dateFrom: '2026-08-01', dateTo: today });
    const byId = new Map(truth.map((r: any) => [String(r.rrdId), r]));
    let sheetKopecks = 0;
    let truthKopecks = 0;
    for (const r of real) {
      const t = byId.get(r['ID строки']) as any;
      if (!t) continue;
      sheetKopecks += Math.round(r['К перечислению продавцу'] * 100);
      truthKopecks += kopecks(t.forPay);
      expect(Math.round(r['К перечислению продавцу'] * 100)).toBe(kopecks(t.forPay));
    }
    expect(sheetKopecks).toBe(truthKopecks);
    const types = new Set(real.map((r) => r['Тип отчёта']));
    expect(types.has(1) && types.has(2)).toBe(true);
    const ops = new Set(real.map((r) => r['Обоснование для оплаты']));
    for (const op of ['Продажа', 'Возврат', 'Логистика', 'Хранение', 'Штраф']) expect(ops.has(op)).toBe(true);
  });

  it('a second refresh adds nothing and writes no row twice', () => {
    h.rt.clock.advance(2 * 60000);
    const before = SHEETS.map((s) => sheetTable(h, s).rows.length);
    const again = h.run('syncAllNow');
    expect(again.ok).toBe(true);
    const after = SHEETS.map((s) => sheetTable(h, s).rows.length);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[3]).toBe(before[3]);
    expect(after[4]).toBe(before[4]);
    const ids = rows(h, 'WB Реализация').map((r) => r['ID строки']);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a Statistics-only key', () => {
  it('refreshes orders and sales; the other three say exactly what to add and send nothing', () => {
    const h = loadBundle();
    connect(h, { categories: [5] });
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    expect(res.message).toContain('WB Остатки: ни у одного ключа нет категории «Аналитика»');
    expect(res.message).toContain('WB Поставки: ни у одного ключа нет категории «Поставки»');
    expect(res.message).toContain('WB Реализация: ни у одного ключа нет категории «Финансы»');
    const hosts = new Set(h.wb.requests.map((r) => r.host));
    expect([...hosts]).toEqual(['statistics-api.wildberries.ru']);
  });
});

describe('the stock report task', () => {
  it('a Base key waits for the task before polling, so one refresh brings the snapshot without a 429', () => {
    const h = loadBundle();
    connect(h, { categories: [2], type: 'base' });
    expect(h.call('syncStocksNow').message).toMatch(/снимок обновлён/);
    expect(h.wb.requests.filter((r) => r.path.endsWith('/status'))).toHaveLength(1);
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('a task still running is picked up by the next run, not created again', () => {
    const h = loadBundle();
    connect(h, { categories: [2] });
    // A scheduled run orders the snapshot and leaves it for the next run.
    h.rt.run(() => h.scope.scheduledSync({}), { authMode: 'FULL', trigger: true });
    const task = JSON.parse(h.rt.documentProperties()['wb.state.stocksTask']).taskId;
    expect(h.wb.requests.filter((r) => r.path === '/api/v1/warehouse_remains')).toHaveLength(1);
    h.rt.clock.advance(60 * 60000);
    const second = h.call('syncStocksNow');
    expect(second.message).toMatch(/снимок обновлён/);
    expect(h.wb.requests.filter((r) => r.path === '/api/v1/warehouse_remains')).toHaveLength(1);
    expect(h.wb.requests.some((r) => r.path.endsWith('/' + task + '/download'))).toBe(true);
  });
});

describe('stocks for an English-speaking seller', () => {
  it('WB_STOCK counts only real warehouses: the report is asked in Russian, whose pseudo-warehouse names the add-on knows', () => {
    const h = loadBundle({ locale: 'en_US', emulator: { seed: 29 } });
    connect(h, { categories: [2] });
    expect(h.call('syncStocksNow').ok).toBe(true);
    const create = h.wb.requests.filter((r) => r.path === '/api/v1/warehouse_remains');
    // WB's stock when the task was created, per article and overall.
    const then = new WbEmulator({ seed: 29, now: create[0].at });
    const truth = then.stockSnapshot();
    const total = truth.reduce((a, r) => a + r.quantity, 0);
    expect(total).toBeGreaterThan(0);
    expect(h.formula('WB_STOCK', '')).toBe(total);
    const article = truth[0].vendorCode;
    expect(h.formula('WB_STOCK', article)).toBe(truth.filter((r) => r.vendorCode === article).reduce((a, r) => a + r.quantity, 0));
    // English sheet, and no pseudo-warehouse became a warehouse row in either language.
    const sheet = rows(h, 'WB Stocks');
    const names = new Set(sheet.map((r) => r['Warehouse']));
    for (const pseudo of [IN_WAY_TO_CLIENT, IN_WAY_FROM_CLIENT, TOTAL_ON_WAREHOUSES]) {
      expect(names.has(pseudo)).toBe(false);
      expect(names.has(WAREHOUSE_NAMES_EN[pseudo])).toBe(false);
    }
    const transit = then.inTransit().reduce((a, t) => a + t.toClient, 0);
    expect(transit).toBeGreaterThan(0);
    const perItem = new Map(sheet.map((r) => [r['Barcode'], r['In transit to buyers']]));
    expect(Array.from(perItem.values()).reduce((a: number, n) => a + n, 0)).toBe(transit);
    expect(create.map((r) => r.query.locale)).toEqual(['ru']);
  });
});

describe('daily realization reports', () => {
  it('keep reportIds beyond 2^53 exactly, as text', () => {
    const h = loadBundle({ emulator: { seed: 5 } });
    connect(h, { categories: [13] });
    h.run('saveSettings', { realizationPeriod: 'daily' });
    expect(h.call('syncRealizationNow').ok).toBe(true);
    const ids = rows(h, 'WB Реализация').map((r) => r['Номер отчёта']);
    expect(ids.length).toBeGreaterThan(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(h.rt.clock.now()));
    const truth = new Set(h.wb.realization({ dateFrom: '2026-08-01', dateTo: today, period: 'daily' }).map((r: any) => r.reportIdText));
    for (const id of ids) {
      expect(typeof id).toBe('string');
      expect(BigInt(id) > BigInt(2) ** BigInt(53)).toBe(true);
      expect(truth.has(id)).toBe(true);
    }
  });

  it('switching the period reloads the sheet instead of mixing reports', () => {
    const h = loadBundle({ emulator: { seed: 5 } });
    connect(h, { categories: [13] });
    h.call('syncRealizationNow');
    const weekly = rows(h, 'WB Реализация').length;
    h.run('saveSettings', { realizationPeriod: 'daily' });
    h.rt.clock.advance(2 * 60000);
    h.call('syncRealizationNow');
    const types = new Set(rows(h, 'WB Реализация').map((r) => r['Номер отчёта'].length > 15));
    expect(types).toEqual(new Set([true]));
    expect(weekly).toBeGreaterThan(0);
  });
});

describe('realization columns', () => {
  it('shows the reconciling columns by default and every WB field when the seller asks', () => {
    const h = loadBundle({ emulator: { seed: 5 } });
    connect(h, { categories: [13] });
    h.call('syncRealizationNow');
    const header = sheetTable(h, 'WB Реализация').header;
    for (const name of ['Обоснование для оплаты', 'Тип документа', 'Артикул продавца', 'Баркод', 'Размер', 'Кол-во', 'Цена розничная с учётом скидки', 'Вайлдберриз реализовал (Пр)', 'Комиссия с продаж', 'Логистика', 'Хранение', 'Платная приёмка', 'Штрафы', 'Удержания', 'К перечислению продавцу', 'Дата продажи', 'ID заказа (srid)']) {
      expect(header).toContain(name);
    }
    expect(header).not.toContain('orderUid');
    const state = h.run('saveSettings', { realizationAllFields: true });
    expect(state.settings.realizationAllFields).toBe(true);
    h.rt.clock.advance(2 * 60000);
    h.call('syncRealizationNow');
    const wide = sheetTable(h, 'WB Реализация');
    expect(wide.header).toContain('orderUid');
    expect(wide.header).toContain('kvw');
    const uid = wide.header.indexOf('orderUid');
    // Every row, old ones included, got the new fields.
    expect(wide.rows.every((r) => r[uid] !== '' || r[wide.header.indexOf('ID заказа (srid)')] === '')).toBe(true);
  });
});
