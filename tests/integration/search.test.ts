/**
 * Search visibility (WB's search report): per article and day the position, visibility
 * and transitions WB showed, the top queries with their exact text; WB_POSITION and
 * WB_VISIBILITY over them; a seller without «Джем» gets one request a day, explained.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';
import { QUERY_TEXTS } from '../emulator/search';

const DETAILS = '/api/v2/search-report/table/details';
const TEXTS = '/api/v2/search-report/product/search-texts';
const HOUR = 3600000;
const DAY = 24 * HOUR;
type H = ReturnType<typeof loadBundle>;

function rows(h: H, name: string): Record<string, any>[] {
  const t = sheetTable(h, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}
const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function readAt(h: H): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of h.rt.fetchLog) {
    if (!r.url.includes(DETAILS) || !r.payload || r.status !== 200) continue;
    const body = JSON.parse(r.payload);
    for (const nm of body.nmIds) out.set(nm + ' ' + body.currentPeriod.start, r.at);
  }
  return out;
}

describe('WB Поиск', () => {
  it('each day: position, visibility and transitions per article as WB showed them; queries with their exact text', () => {
    const h = loadBundle({ emulator: { seed: 91, articles: 60, ordersPerDay: 60 } });
    connect(h, { type: 'personal', categories: [2] });
    h.run('syncAllNow');
    for (let d = 0; d < 3; d++) {
      h.rt.clock.advance(DAY);
      h.run('syncAllNow');
    }
    const got = rows(h, 'WB Поиск');
    const keys = got.map((r) => r['Артикул WB'] + ' ' + iso(r['Дата']));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(got.map((r) => iso(r['Дата']))).size).toBe(4);
    expect(new Set(got.map((r) => r['Артикул WB']))).toEqual(new Set(h.wb.seller.products.map((p) => p.nmId)));
    const at = readAt(h);
    for (const r of got) {
      const day = iso(r['Дата']);
      const truth = h.wb.searchDay(r['Артикул WB'], day, at.get(r['Артикул WB'] + ' ' + day)!);
      expect([r['Средняя позиция в поиске'], r['Видимость, %'], r['Переходы из поиска'], r['Заказы из поиска']]).toEqual([truth.avgPosition, truth.visibility, truth.openCard, truth.orders]);
    }
    // Positions move from day to day.
    const nm = got[0]['Артикул WB'];
    expect(new Set(got.filter((r) => r['Артикул WB'] === nm).map((r) => r['Средняя позиция в поиске'])).size).toBeGreaterThan(1);
    // Requests: 50 articles at most, one day each, limits of the standard tariff.
    for (const r of h.rt.fetchLog.filter((x) => x.url.includes('/search-report/'))) {
      const body = JSON.parse(r.payload!);
      expect(body.nmIds.length).toBeLessThanOrEqual(50);
      expect(body.currentPeriod.start).toBe(body.currentPeriod.end);
      if (r.url.includes(TEXTS)) expect(body.limit).toBeLessThanOrEqual(30);
    }
    const queries = rows(h, 'WB Поисковые запросы');
    expect(queries.length).toBeGreaterThan(20);
    const texts = new Set(queries.map((q) => q['Поисковый запрос']));
    for (const t of texts) expect(QUERY_TEXTS).toContain(t);
    expect(texts.has('=футболка')).toBe(true);
    expect(texts.has('футболка  оверсайз')).toBe(true);
    const sheet = h.rt.spreadsheet.getSheetByName('WB Поисковые запросы')!;
    expect(sheet.getDataRange().getFormulas().every((line: string[]) => line.every((f) => f === ''))).toBe(true);
    // WB_POSITION / WB_VISIBILITY: the mean of the period's days.
    const article = String(got[0]['Артикул продавца']);
    const days = Array.from(new Set(got.map((r) => iso(r['Дата'])))).sort();
    const mine = got.filter((r) => r['Артикул продавца'] === article && iso(r['Дата']) >= days[1] && iso(r['Дата']) <= days[3]);
    const mean = (k: string) => mine.reduce((a, r) => a + r[k], 0) / mine.length;
    expect(h.formula('WB_POSITION', article, days[1], days[3])).toBeCloseTo(mean('Средняя позиция в поиске'), 10);
    expect(h.formula('WB_VISIBILITY', article, days[1], days[3])).toBeCloseTo(mean('Видимость, %'), 10);
    const all = got.filter((r) => iso(r['Дата']) === days[0]);
    expect(h.formula('WB_POSITION', '', days[0], days[0])).toBeCloseTo(all.reduce((a, r) => a + r['Средняя позиция в поиске'], 0) / all.length, 10);
  }, 60000);

  it('without «Джем»: one request a day, refused and explained in the run log and the sidebar; never a loop', () => {
    const h = loadBundle({ emulator: { seed: 92, articles: 5, ordersPerDay: 20, jam: 'none' } });
    connect(h, { type: 'personal', categories: [2] });
    const first = h.run('syncAllNow');
    const calls = () => h.wb.requests.filter((r) => r.path.startsWith('/api/v2/search-report/'));
    expect(calls().map((c) => c.status)).toEqual([403]);
    expect(String(first.message)).toContain('подписку «Джем»');
    const row = h.run('getSidebarState').matrix.find((r: any) => r.id === 'search');
    expect(row.note).toMatch(/нужна подписка «Джем»/);
    const log = sheetTable(h, 'WB Журнал').rows.map((r) => r.join(' ')).join('\n');
    expect(log).toMatch(/WB Поиск.*Джем/);
    for (let i = 0; i < 5; i++) {
      h.rt.clock.advance(HOUR);
      h.run('syncAllNow');
    }
    expect(calls().length).toBe(1);
    h.rt.clock.advance(DAY);
    h.run('syncAllNow');
    h.run('syncAllNow');
    expect(calls().length).toBe(2);
    expect(() => h.formula('WB_POSITION', '')).toThrow(/«WB Поиск»/);
  });

  it('a Base key (1 an hour per method) never gets a 429', () => {
    const h = loadBundle({ emulator: { seed: 93, articles: 70, ordersPerDay: 30 } });
    connect(h, { type: 'base', categories: [2] });
    for (let i = 0; i < 6; i++) {
      if (i) h.rt.clock.advance(HOUR);
      h.run('syncAllNow');
    }
    const calls = h.wb.requests.filter((r) => r.path.startsWith('/api/v2/search-report/'));
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    for (const path of [DETAILS, TEXTS]) {
      const mine = calls.filter((c) => c.path === path);
      for (let i = 1; i < mine.length; i++) expect(mine[i].at - mine[i - 1].at).toBeGreaterThanOrEqual(HOUR);
    }
    expect(new Set(rows(h, 'WB Поиск').map((r) => r['Артикул WB'])).size).toBe(70);
  });
});
