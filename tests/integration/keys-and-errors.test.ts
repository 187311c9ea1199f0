/** The key's life (sidebar RPC) and WB failures, through the built bundle. */
import { loadBundle } from '../bundle/harness';
import { ORDERS_RU, SALES_RU, assertKeyAbsent, column, connect, dataRequests, everythingVisible, sheetTable } from './helpers';

const DAY = 86400000;

describe('menu and sidebar', () => {
  it('builds the add-on menu even before authorization', () => {
    const h = loadBundle();
    h.rt.run(() => h.scope.onOpen({ authMode: 'NONE' }), { authMode: 'NONE' });
    const menu = h.rt.menus[h.rt.menus.length - 1];
    expect(menu.items.map((i) => i.functionName)).toEqual(['showSidebar', 'syncAllNow', 'syncOrdersNow', 'syncSalesNow', 'syncStocksNow', 'syncSuppliesNow', 'syncRealizationNow', 'syncAdsNow', 'syncPaidNow', 'buildDashboardNow']);
    expect(menu.items[0].caption).toBe('Настройки и ключ API');
    h.rt.run(() => h.scope.onInstall({ authMode: 'FULL' }), { authMode: 'FULL' });
  });

  it('opens the sidebar with the documented test ids', () => {
    const h = loadBundle();
    h.call('showSidebar');
    const html = h.rt.sidebars[0].html;
    for (const id of ['wb-key-input', 'wb-key-save', 'wb-key-status', 'wb-schedule', 'wb-sync-now', 'wb-sync-status']) {
      expect(html).toContain('data-testid="' + id + '"');
    }
    // One remove button per saved key, rendered by the sidebar's script.
    expect(html).toContain('"wb-key-remove"');
  });
});

describe('saving a key', () => {
  it('refuses what is not a WB key and saves nothing', () => {
    const h = loadBundle();
    for (const raw of ['', 'abc', 'ghp_1234567890abcdef', 'a.b.c']) {
      const res = h.run('saveKey', raw);
      expect(res.ok).toBe(false);
      expect(res.message).toMatch(/ключ|Ключ/);
    }
    expect(h.rt.userProperties()).toEqual({});
  });

  it('refuses an expired key with what to do', () => {
    const h = loadBundle();
    const res = h.run('saveKey', h.wb.makeKey({ expiresAt: h.rt.clock.now() - DAY }));
    expect(res.ok).toBe(false);
    expect(res.message).toContain('Срок действия ключа истёк');
    expect(res.message).toContain('Доступ к API');
    expect(h.rt.userProperties()).toEqual({});
  });

  it('shows status: masked key, type, categories, expiry, days left, sandbox, reports', () => {
    const h = loadBundle();
    const key = h.wb.makeKey({ type: 'base', categories: [5, 2], expiresAt: h.rt.clock.now() + 10 * DAY + 3600000 });
    const res = h.run('saveKey', 'Bearer ' + key);
    expect(res.ok).toBe(true);
    const k = res.state.keys[0];
    expect(k.masked).toBe('••••' + key.slice(-4));
    expect(k.typeLabel).toBe('Базовый');
    expect(k.categories).toEqual(['Аналитика', 'Статистика']);
    expect(k.daysLeft).toBe(10);
    expect(k.sandbox).toBe(false);
    expect(k.reports.map((r: any) => r.available)).toEqual([true, true, true, false, false, false, true, true, false, true, true]);
    const text = k.messages.map((m: any) => m.text).join(' ');
    expect(text).toContain('истекает через 10');
    expect(text).toContain('раз в 2 часа');
  });

  it('explains a sandbox key and a key without Statistics', () => {
    const h = loadBundle();
    const sandbox = h.run('saveKey', h.wb.makeKey({ type: 'test', categories: [5] }));
    expect(sandbox.ok).toBe(true);
    expect(sandbox.state.keys[0].sandbox).toBe(true);
    expect(sandbox.state.keys[0].messages.map((m: any) => m.text).join(' ')).toContain('тестового контура');
    const noStats = h.run('saveKey', h.wb.makeKey({ categories: [2, 13] }));
    const key = noStats.state.keys.find((k: any) => !k.sandbox);
    expect(key.reports.filter((r: any) => r.available).map((r: any) => r.id)).toEqual(['stocks', 'realization', 'funnel', 'search', 'paidStorage', 'acceptance']);
    expect(key.messages.map((m: any) => m.text).join(' ')).toContain('Статистика');
  });

  it('removes the key', () => {
    const h = loadBundle();
    connect(h);
    expect(h.run('removeKey', h.run('getSidebarState').keys[0].slot).keys).toEqual([]);
    expect(h.rt.userProperties()).toEqual({});
  });
});

describe('the key never leaks', () => {
  it('is only in user properties and the Authorization header of WB requests', () => {
    const h = loadBundle();
    const key = connect(h);
    h.call('showSidebar');
    h.run('getSidebarState');
    h.run('syncAllNow');
    h.wb.failNext('/api/v1/supplier/sales', { status: 401, headers: {}, body: '{"title":"unauthorized","detail":"token problem; token is malformed"}' }, 1);
    h.rt.clock.advance(2 * 60000);
    h.call('syncSalesNow');
    try {
      h.formula('WB_SALES', '', 'bad date');
    } catch {
      /* expected */
    }
    assertKeyAbsent(everythingVisible(h), key);
    const userProps = h.rt.userProperties();
    expect(Object.values(userProps)).toEqual([key]);
    for (const f of h.rt.fetchLog) {
      expect(f.url.startsWith('https://statistics-api.wildberries.ru/')).toBe(true);
      expect(f.headers.Authorization).toBe(key);
      expect(f.url).not.toContain(key.slice(-20));
    }
  });
});

describe('refusals and failures change nothing', () => {
  function synced() {
    const h = loadBundle();
    const key = connect(h);
    h.run('syncAllNow');
    h.rt.clock.advance(2 * 60000);
    return { h, key, orders: JSON.stringify(sheetTable(h, ORDERS_RU)), sales: JSON.stringify(sheetTable(h, SALES_RU)), props: JSON.stringify(h.rt.documentProperties()) };
  }

  it('a key without Statistics sends no request and says what to add', () => {
    const h = loadBundle();
    connect(h, { categories: [2, 10, 13] });
    const before = h.wb.requests.length;
    for (const fn of ['syncOrdersNow', 'syncSalesNow']) {
      const res = h.call(fn);
      expect(res.message).toMatch(/ни у одного ключа нет категории «Статистика»/);
      expect(res.message).toContain('Запрос не отправлялся');
    }
    expect(h.wb.requests.length).toBe(before);
  });

  it('an expired key stops with a clear message and harms nothing', () => {
    const h = loadBundle();
    connect(h, { expiresAt: h.rt.clock.now() + 3 * DAY });
    h.run('syncAllNow');
    const before = JSON.stringify(sheetTable(h, SALES_RU));
    const requests = h.wb.requests.length;
    h.rt.clock.advance(4 * DAY);
    const res = h.run('syncAllNow');
    expect(res.message).toContain('Срок действия ключа истёк');
    expect(h.wb.requests.length).toBe(requests);
    expect(JSON.stringify(sheetTable(h, SALES_RU))).toBe(before);
  });

  it.each([
    ['401 scope', { status: 401, headers: { 'Content-Type': 'application/problem+json' }, body: '{"title":"unauthorized","detail":"token scope not allowed","status":401}' }, /нет доступа к категории «Статистика»/],
    ['401 malformed', { status: 401, headers: {}, body: '{"title":"unauthorized","detail":"token problem; token is malformed: could not base64 decode signature"}' }, /не принял ключ/],
    ['429', { status: 429, headers: { 'X-Ratelimit-Retry': '58' }, body: '{"title":"too many requests","detail":"limited by x","status":429}' }, /ограничил частоту/],
    ['404 removed', { status: 404, headers: {}, body: '{"title":"path not found","detail":"Please consult the https://dev.wildberries.ru/openapi/api-information","status":404}' }, /отключил этот метод/],
    ['400', { status: 400, headers: {}, body: '{"errors":["dateFrom: field required"]}' }, /dateFrom: field required/],
    ['HTML body', { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' }, /повреждённый ответ/],
    ['truncated body', { status: 200, headers: {}, body: '[{"date":"2026-11-20T09:14:37","lastChangeDate":"2026-11-27T09:41:05","saleID":"S99' }, /повреждённый ответ/],
  ])('%s: the seller reads why, the sheet and cursor stay', (_name, response, message) => {
    const { h, sales, props } = synced();
    h.wb.changeRandomRows(0.05, h.rt.clock.now());
    h.wb.failNext('/api/v1/supplier/sales', response as any, 5);
    const res = h.call('syncSalesNow');
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(message);
    expect(JSON.stringify(sheetTable(h, SALES_RU))).toBe(sales);
    const after = h.rt.documentProperties();
    expect(after['wb.cursor.sales']).toBe(JSON.parse(props)['wb.cursor.sales']);
  });

  it('5xx is retried with backoff and then succeeds', () => {
    const { h } = synced();
    h.wb.failNext('/api/v1/supplier/orders', { status: 503, headers: {}, body: 'Service Unavailable' }, 2);
    const res = h.call('syncOrdersNow');
    expect(res.ok).toBe(true);
    expect(dataRequests(h).filter((r) => r.status === 503).length).toBe(2);
  });

  it('a Base key honours its 2-hour sales bucket without a 429', () => {
    const h = loadBundle();
    connect(h, { type: 'base' });
    h.run('syncAllNow');
    h.rt.clock.advance(30 * 60000);
    const res = h.call('syncSalesNow');
    expect(res.message).toMatch(/WB разрешит следующий запрос через \d+ мин/);
    h.rt.clock.advance(91 * 60000);
    expect(h.call('syncSalesNow').ok).toBe(true);
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('a refresh while another runs says so and does no harm', () => {
    const { h, sales } = synced();
    h.rt.holdLock('document', h.rt.clock.now() + 10 * 60000);
    const res = h.run('syncAllNow');
    expect(res.busy).toBe(true);
    expect(res.message).toContain('Обновление уже идёт');
    expect(JSON.stringify(sheetTable(h, SALES_RU))).toBe(sales);
  });
});

describe("pages over UrlFetchApp's 50 MB cap", () => {
  it('are never parsed or repaired: the add-on loads day by day instead, across runs, and gets every row', () => {
    // A small cap stands in for 50 MB: full pages exceed it, one day of rows does not.
    const h = loadBundle({ maxResponseBytes: 200000 });
    connect(h);
    const first = h.run('syncAllNow');
    expect(first.message).toMatch(/данных много, загружаю по дням/);
    let runs = 1;
    for (; runs < 40; runs++) {
      const state = h.rt.documentProperties();
      if (!state['wb.state.days.orders'] && !state['wb.state.days.sales'] && state['wb.cursor.sales']) break;
      h.rt.clock.advance(10 * 60000);
      h.run('syncAllNow');
    }
    expect(runs).toBeLessThan(40);
    h.rt.clock.advance(10 * 60000);
    const last = h.run('syncAllNow');
    expect(last.ok).toBe(true);
    const have = new Set(column(h, SALES_RU, 'ID продажи'));
    for (const r of h.wb.sales({ withinRetention: true })) expect(have.has(r.saleID)).toBe(true);
    const orders = column(h, ORDERS_RU, 'ID заказа (srid)');
    expect(new Set(orders).size).toBe(orders.length);
    for (const r of h.wb.orders({ withinRetention: true })) expect(orders.includes(r.srid)).toBe(true);
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('a single day over the cap is reported, and nothing is written', () => {
    const h = loadBundle({ maxResponseBytes: 5000 });
    connect(h);
    const res = h.call('syncOrdersNow');
    expect(res.ok).toBe(false);
    expect(res.message).toContain('больше 50 МБ');
    const sheet = h.rt.spreadsheet.getSheetByName(ORDERS_RU);
    expect(sheet === null || sheet.getLastRow() <= 1).toBe(true);
  });
});

describe('the 10-million-cell limit', () => {
  it('stops with a clear message instead of a crash, and the other report goes on', () => {
    const h = loadBundle();
    connect(h);
    h.call('syncOrdersNow');
    // The seller's own big sheet leaves too little room for the sales sheet.
    h.rt.run(() => {
      const ss = h.scope.SpreadsheetApp.getActiveSpreadsheet();
      const filler = ss.insertSheet('Архив');
      const room = 10000000 - h.rt.spreadsheet.totalCells();
      filler.insertRowsAfter(1000, Math.floor(room / 26) - 1000 - 10);
    });
    h.rt.clock.advance(2 * 60000);
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(false);
    expect(res.message).toContain('10 млн ячеек');
    expect(res.message).toMatch(/WB Заказы: (без изменений|новых)/);
  });
});
