/**
 * The README's example BigQuery queries, exactly as written there, run on the offline
 * runtime's BigQuery (DuckDB, GoogleSQL subset) over a seller's loaded views, and checked
 * against sums over the sheets computed here independently.
 */
import * as fs from 'fs';
import * as path from 'path';
import { sheetTable } from './helpers';
import { D, P, seller } from './bigquery-helpers';

function readmeQueries(): string[] {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### BigQuery storage'), readme.indexOf('### What each WB key category unlocks'));
  return Array.from(section.matchAll(/```sql\n([\s\S]*?)```/g)).map((m) => m[1].split('`my-shop-123.wb.').join('`' + P + '.' + D + '.'));
}

const kop = (v: unknown) => Math.round(Number(v) * 100);

describe('README example queries', () => {
  const h = seller('keep', { seed: 8, articles: 5, ordersPerDay: 40 });
  const queries = readmeQueries();

  beforeAll(() => {
    // Statistics and Promotion: sales and ads.
    const key = h.wb.makeKey({ type: 'personal', categories: [5, 6] });
    const saved = h.run('saveKey', key);
    if (!saved.ok) throw new Error(saved.message);
    h.run('syncAllNow');
  }, 120000);

  const rows = (name: string) => {
    const t = sheetTable(h, name);
    return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
  };
  const run = (sql: string) => {
    const r = h.rt.bigquery.sql(sql);
    return r.rows.map((row) => Object.fromEntries(r.fields.map((f, i) => [f, row[i]])));
  };

  it('the README has the three queries', () => {
    expect(queries).toHaveLength(3);
  });

  it('sales by article and week add up to the sales sheet per article', () => {
    const result = run(queries[0]);
    expect(result.length).toBeGreaterThan(5);
    const byArticle = new Map<string, { sold: number; returned: number; revenue: number }>();
    for (const r of result) {
      const a = byArticle.get(String(r.supplierArticle)) || { sold: 0, returned: 0, revenue: 0 };
      a.sold += Number(r.sold);
      a.returned += Number(r.returned);
      a.revenue += kop(r.revenue);
      byArticle.set(String(r.supplierArticle), a);
    }
    const want = new Map<string, { sold: number; returned: number; revenue: number }>();
    for (const r of rows('WB Продажи')) {
      const a = want.get(String(r['Артикул продавца'])) || { sold: 0, returned: 0, revenue: 0 };
      const kind = String(r['ID продажи'])[0];
      if (kind === 'S') (a.sold++, (a.revenue += Math.abs(kop(r['Цена со скидкой продавца']))));
      if (kind === 'R') (a.returned++, (a.revenue -= Math.abs(kop(r['Цена со скидкой продавца']))));
      want.set(String(r['Артикул продавца']), a);
    }
    expect(byArticle).toEqual(want);
    // Weeks start on Monday.
    for (const r of result) expect(new Date(String(r.week) + 'T00:00:00Z').getUTCDay()).toBe(1);
  });

  it('returns rate by warehouse matches the sales sheet', () => {
    const result = run(queries[1]);
    const want = new Map<string, { s: number; r: number }>();
    for (const r of rows('WB Продажи')) {
      const w = want.get(String(r['Склад'])) || { s: 0, r: 0 };
      const kind = String(r['ID продажи'])[0];
      if (kind === 'S') w.s++;
      if (kind === 'R') w.r++;
      want.set(String(r['Склад']), w);
    }
    expect(result.length).toBe(want.size);
    for (const r of result) {
      const w = want.get(String(r.warehouseName)) as { s: number; r: number };
      expect([Number(r.sold), Number(r.returned)]).toEqual([w.s, w.r]);
      if (w.s) expect(Number(r.returns_pct)).toBeCloseTo(Math.round((1000 * w.r) / w.s) / 10, 5);
    }
  });

  it('ad spend vs revenue: spend equals the ads sheet, revenue the sales sheet', () => {
    const result = run(queries[2]);
    const spend = result.reduce((n, r) => n + kop(r.spend), 0);
    const revenue = result.reduce((n, r) => n + kop(r.revenue), 0);
    const adsSpend = rows('WB Реклама').reduce((n, r) => n + kop(r['Расход'] || 0), 0);
    expect(adsSpend).toBeGreaterThan(0);
    expect(spend).toBe(adsSpend);
    let sales = 0;
    for (const r of rows('WB Продажи')) {
      const kind = String(r['ID продажи'])[0];
      if (kind === 'S') sales += Math.abs(kop(r['Цена со скидкой продавца']));
      if (kind === 'R') sales -= Math.abs(kop(r['Цена со скидкой продавца']));
    }
    expect(revenue).toBe(sales);
  });

  it('the ad charges sheet is in BigQuery too: one row per campaign and day, equal to the sheet, after the next refresh as well', () => {
    const iso = (d: unknown) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d as Date);
    const money = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : kop(v));
    const compare = () => {
      const sheet = rows('WB Реклама: списания').map((r) => [iso(r['Дата']), String(r['ID кампании']), money(r['Расход по статистике']), money(r['Списано (документы)']), money(r['Разница: списано − расход'])].join('|'));
      const view = run('SELECT day, advertId, statsSpend, charged, difference FROM `' + P + '.' + D + '.wb_ads_spend_latest`').map((r) =>
        [String(r.day).slice(0, 10), String(r.advertId), money(r.statsSpend), money(r.charged), money(r.difference)].join('|'),
      );
      expect(sheet.length).toBeGreaterThan(20);
      expect(sheet.some((k) => !k.endsWith('|0'))).toBe(true);
      expect(view.sort()).toEqual(sheet.sort());
    };
    compare();
    // An hour later WB has spent more today and charged for it: the changed days follow.
    h.rt.clock.advance(3600000);
    h.run('syncAllNow');
    compare();
  });
});

describe('BigQuery turned on for a spreadsheet that already holds rows', () => {
  it('loads the sheets\' rows into BigQuery from the sheets, then keeps them equal', () => {
    const h = seller('off', { seed: 9, articles: 4, ordersPerDay: 30 });
    h.run('syncAllNow');
    const before = h.rt.bigquery.stats.loadJobs;
    h.rt.grantScopes(['https://www.googleapis.com/auth/bigquery']);
    h.rt.bigquery.addProject(P, { billing: true });
    expect(h.run('saveStorage', { mode: 'bigquery', project: P, dataset: D, location: 'EU', keepRawInSheets: true }).ok).toBe(true);
    expect(h.rt.bigquery.stats.loadJobs).toBe(before);
    h.rt.clock.advance(3600000);
    h.rt.run(() => h.scope.scheduledSync(), { authMode: 'FULL', trigger: true });
    for (const [sheet, table, header, key] of [
      ['WB Заказы', 'wb_orders', 'ID заказа (srid)', 'srid'],
      ['WB Продажи', 'wb_sales', 'ID продажи', 'saleID'],
    ]) {
      const t = sheetTable(h, sheet);
      const i = t.header.indexOf(header);
      const inSheet = t.rows.map((r) => String(r[i])).sort();
      const inView = h.rt.bigquery.sql('SELECT ' + key + ' FROM `' + P + '.' + D + '.' + table + '_latest`').rows.map((r) => String(r[0])).sort();
      expect(inView).toEqual(inSheet);
    }
    expect(Object.keys(h.rt.documentProperties()).filter((k) => k.startsWith('wb.bq.behind.'))).toEqual([]);
  }, 60000);
});
