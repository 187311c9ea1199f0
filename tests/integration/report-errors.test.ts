/**
 * Every WB error answer the specs list for the stocks, supplies and finance endpoints:
 * the seller reads why, and no data or saved state changes.
 */
import { loadBundle, Harness } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

/** The goods path the add-on asks for the newest supply: by supplyID once it has one, else by its order. */
function goodsPath(h: Harness): string {
  const s = h.wb.supplies()[0];
  return '/api/v1/supplies/' + (s.supplyID ?? s.preorderID) + '/goods';
}

const DAY = 86400000;
const problem = (status: number, body: Record<string, unknown>, type = 'application/problem+json') => ({ status, headers: { 'Content-Type': type }, body: JSON.stringify(body) });
const AUTH = {
  malformed: problem(401, { title: 'unauthorized', detail: 'token problem; token is malformed: could not base64 decode signature: illegal base64 data at input byte 84', origin: 's2s-api-auth-catalog', status: 401, statusText: 'Unauthorized' }),
  scope: problem(401, { title: 'unauthorized', detail: 'token scope not allowed', origin: 's2s-api-auth-catalog', status: 401, statusText: 'Unauthorized' }),
  payment: problem(402, { title: 'payment required', detail: 'wb solution for business has insufficient funds', origin: 's2s-api-auth-catalog', status: 402, statusText: 'Payment Required' }),
  rate: { status: 429, headers: { 'Content-Type': 'application/problem+json', 'X-Ratelimit-Retry': '42', 'X-Ratelimit-Limit': '1', 'X-Ratelimit-Reset': '42' }, body: JSON.stringify({ title: 'too many requests', detail: 'limited by 3f6a2c1e', status: 429 }) },
  server: { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' },
  html: { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>maintenance</html>' },
};

interface Case {
  name: string;
  path: (h: Harness) => string;
  response: { status: number; headers: Record<string, string>; body: string };
  message: RegExp;
}

const COMMON = (path: (h: Harness) => string, category: string): Case[] => [
  { name: '401 malformed', path, response: AUTH.malformed, message: /WB не принял ключ/ },
  { name: '401 token scope not allowed', path, response: AUTH.scope, message: new RegExp('нет доступа к категории «' + category + '»') },
  { name: '402 payment required', path, response: AUTH.payment, message: /WB отклонил запрос \(wb solution for business has insufficient funds\)/ },
  { name: '429', path, response: AUTH.rate, message: /ограничил частоту запросов, повтор через 1 мин/ },
  { name: '5xx', path, response: AUTH.server, message: /сервер WB временно недоступен/ },
  { name: 'HTML instead of JSON', path, response: AUTH.html, message: /повреждённый ответ/ },
];

const REPORTS: { report: string; fn: string; category: number[]; sheet: string; cases: Case[] }[] = [
  {
    report: 'stocks',
    fn: 'syncStocksNow',
    category: [2],
    sheet: 'WB Остатки',
    cases: [
      ...COMMON(() => '/api/v1/warehouse_remains', 'Аналитика'),
      {
        name: '400 bad parameter',
        path: () => '/api/v1/warehouse_remains',
        response: problem(400, { title: 'Bad Request', detail: "Invalid format for parameter groupBySa: error parsing 'yes' as boolean", origin: 'api-statistics', requestId: 'x' }, 'application/json'),
        message: /WB отклонил запрос \(Invalid format for parameter groupBySa/,
      },
    ],
  },
  {
    report: 'supplies',
    fn: 'syncSuppliesNow',
    category: [10],
    sheet: 'WB Поставки',
    cases: [
      ...COMMON(() => '/api/v1/supplies', 'Поставки'),
      {
        name: '400 ErrorModel',
        path: () => '/api/v1/supplies',
        response: problem(400, { status: 400, title: 'bad request', detail: 'Неверный формат limit', requestId: 'x', origin: 'supply-api' }, 'application/json'),
        message: /WB отклонил запрос \(Неверный формат limit\)/,
      },
      {
        name: 'goods: 400 BadSupplyIDItems (text/plain)',
        path: (h) => goodsPath(h),
        response: problem(400, { status: 400, title: 'bad request', detail: 'fail to get box barcodes info: fail to get barcodes info: internal error: get supply by id: Поставка не найдена', requestId: 'x', origin: 'supply-api' }, 'text/plain; charset=utf-8'),
        message: /WB отклонил запрос \(fail to get box barcodes info/,
      },
      ...COMMON((h) => goodsPath(h), 'Поставки').map((c) => ({ ...c, name: 'goods: ' + c.name })),
    ],
  },
  {
    report: 'realization',
    fn: 'syncRealizationNow',
    category: [13],
    sheet: 'WB Реализация',
    cases: [
      ...COMMON(() => '/api/finance/v1/sales-reports/detailed', 'Финансы'),
      {
        name: '400 response400FinancialReports',
        path: () => '/api/finance/v1/sales-reports/detailed',
        response: problem(400, { status: 400, title: 'GetReportDetailByPeriodNB decode error', detail: 'GetReportDetailByPeriodNB decode error: missing dateTo params', requestId: 'x', origin: 'open-api-finreports' }),
        message: /WB отклонил запрос \(GetReportDetailByPeriodNB decode error: missing dateTo params\)/,
      },
    ],
  },
];

function snapshot(h: Harness, sheet: string): string {
  const props = { ...h.rt.documentProperties() };
  delete props['wb.rateBuckets'];
  delete props['wb.lastSync'];
  // The day the daily table and retention last caught up with: a run on a new day
  // records it whatever WB answered, and it holds no report data.
  delete props['wb.derived.day'];
  return JSON.stringify({ sheet: sheetTable(h, sheet), props });
}

for (const r of REPORTS) {
  describe(r.report + ': WB errors change nothing', () => {
    it.each(r.cases.map((c) => [c.name, c] as [string, Case]))('%s', (_name, c) => {
      const h = loadBundle({ emulator: { seed: 3 } });
      connect(h, { categories: r.category });
      expect(h.call(r.fn).ok).toBe(true);
      h.rt.clock.advance(8 * DAY); // WB has news for every report now
      const before = snapshot(h, r.sheet);
      h.wb.failNext(c.path(h), c.response, 3);
      const res = h.call(r.fn);
      expect(res.ok).toBe(false);
      expect(res.message).toMatch(c.message);
      expect(snapshot(h, r.sheet)).toBe(before);
    });
  });
}

describe('stocks: a task WB forgot', () => {
  it('is replaced by a new one, not polled forever', () => {
    const h = loadBundle();
    connect(h, { categories: [2] });
    h.rt.run(() => h.scope.scheduledSync({}), { authMode: 'FULL', trigger: true }); // leaves its task for the next run
    const task = JSON.parse(h.rt.documentProperties()['wb.state.stocksTask']).taskId;
    h.wb.failNext('/api/v1/warehouse_remains/tasks/' + task + '/status', problem(404, { detail: 'not found', origin: 'api-statistics', title: 'Not Found' }), 1);
    h.rt.clock.advance(16 * 60000);
    expect(h.call('syncStocksNow').message).toMatch(/снимок обновлён/);
    const next = JSON.parse(h.rt.documentProperties()['wb.state.stocksTask'] || 'null');
    expect(next === null || next.taskId !== task).toBe(true);
    expect(h.wb.requests.filter((r) => r.path === '/api/v1/warehouse_remains')).toHaveLength(2);
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });
});

describe('stocks: download refused', () => {
  it('"task is not done" is reported, the sheet stays, and the same task is polled next time', () => {
    const h = loadBundle({ emulator: { seed: 3 } });
    connect(h, { categories: [2] });
    h.call('syncStocksNow');
    h.rt.clock.advance(2 * 3600000);
    const sheetBefore = JSON.stringify(sheetTable(h, 'WB Остатки'));
    // Let the task be created and finish, then refuse its download once.
    const original = h.wb.handle.bind(h.wb);
    let refused = 0;
    h.wb.handle = (req, now) => {
      if (/\/tasks\/[^/]+\/download$/.test(req.url) && refused === 0) {
        refused++;
        return problem(400, { detail: 'task is not done', origin: 'api-statistics', requestId: 'x', title: 'Bad Request' }, 'application/json');
      }
      return original(req, now);
    };
    const res = h.call('syncStocksNow');
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/WB отклонил запрос \(task is not done\)/);
    expect(JSON.stringify(sheetTable(h, 'WB Остатки'))).toBe(sheetBefore);
    const task = JSON.parse(h.rt.documentProperties()['wb.state.stocksTask']).taskId;
    h.rt.clock.advance(2 * 60000);
    expect(h.call('syncStocksNow').ok).toBe(true);
    expect(h.rt.fetchLog.filter((f) => f.url.endsWith('/' + task + '/download')).length).toBe(2);
  });
});
