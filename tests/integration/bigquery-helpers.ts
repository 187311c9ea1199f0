/** Shared by the BigQuery integration tests: sellers with BigQuery storage, hourly runs, comparisons. */
import { Harness, loadBundle } from '../bundle/harness';
import { BIGQUERY_SCOPE } from '../runtime';
import { connect, sheetTable } from './helpers';

export const HOUR = 3600000;
export const DAY = 24 * HOUR;
export const P = 'my-shop-123';
export const D = 'wb';
export const SELLER = { seed: 21, articles: 8, ordersPerDay: 120 };

export function seller(bigquery: 'off' | 'window' | 'keep', emulator: Partial<typeof SELLER> = SELLER): Harness {
  const h = loadBundle({ emulator: { ...SELLER, ...emulator } });
  connect(h);
  if (bigquery !== 'off') {
    h.rt.grantScopes([BIGQUERY_SCOPE]);
    h.rt.bigquery.addProject(P, { billing: true });
    const r = h.run('saveStorage', { mode: 'bigquery', project: P, dataset: D, location: 'EU', keepRawInSheets: bigquery === 'keep' });
    if (!r.ok) throw new Error(r.message);
  }
  return h;
}

export function scheduled(h: Harness): void {
  h.rt.run(() => h.scope.scheduledSync(), { authMode: 'FULL', trigger: true });
}

export const START = Date.UTC(2026, 10, 27, 7, 0, 0);

/**
 * `n` hourly scheduled runs on the hour (the time of day, not the length of the last run,
 * decides when each starts: a twin whose runs take longer reads WB at the same instants).
 */
export function hours(h: Harness, n: number): void {
  for (let i = 0; i < n; i++) {
    h.rt.clock.set(Math.max(h.rt.clock.now(), START + Math.ceil((h.rt.clock.now() - START + 1) / HOUR) * HOUR));
    scheduled(h);
  }
}

export function view(h: Harness, table: string, key: string): string[] {
  return h.rt.bigquery.sql('SELECT ' + key + ' FROM `' + P + '.' + D + '.' + table + '_latest`').rows.map((r) => String(r[0]));
}

/** Every row WB keeps now is in the view exactly once; nothing else but rows WB has since dropped. */
export function expectEveryRowOnce(h: Harness): void {
  for (const [table, key, now, ever] of [
    ['wb_orders', 'srid', h.wb.orders({ withinRetention: true }), h.wb.orders()],
    ['wb_sales', 'saleID', h.wb.sales({ withinRetention: true }), h.wb.sales()],
  ] as const) {
    const keys = view(h, table, key);
    expect(keys.length).toBe(new Set(keys).size);
    const have = new Set(keys);
    const missing = now.map((r) => String(r[key])).filter((k) => !have.has(k));
    expect([table, missing.slice(0, 3)]).toEqual([table, []]);
    const all = new Set(ever.map((r) => String(r[key])));
    expect(keys.filter((k) => !all.has(k))).toEqual([]);
  }
}

export function formulas(h: Harness): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const today = new Date(h.rt.clock.now() + 3 * HOUR).toISOString().slice(0, 10);
  const back = (n: number) => new Date(h.rt.clock.now() + 3 * HOUR - n * DAY).toISOString().slice(0, 10);
  const articles = Array.from(new Set(h.wb.orders({ withinRetention: true }).map((o) => String(o.supplierArticle)))).slice(0, 3);
  for (const article of [''].concat(articles)) {
    for (const [from, to] of [[back(85), back(60)], [back(30), back(8)], [back(6), today], [back(89), today]]) {
      for (const fn of ['WB_ORDERS', 'WB_SALES', 'WB_RETURNS', 'WB_REVENUE']) out[[fn, article, from, to].join(' ')] = h.formula(fn, article, from, to);
    }
  }
  return out;
}

/** The daily table's cells that differ, by row key and header (a readable diff). */
export function dailyDiff(a: Harness, b: Harness): string[] {
  const read = (h: Harness) => {
    const t = sheetTable(h, h.rt.spreadsheet.getSheets().map((s: any) => s.getName()).find((n: string) => /^WB Дни/.test(n)) as string);
    const out = new Map<string, Map<string, string>>();
    for (const r of t.rows) out.set([r[0], r[1], r[2]].map(String).join('|'), new Map(t.header.map((hd, i) => [hd, JSON.stringify(r[i])])));
    return out;
  };
  const A = read(a);
  const B = read(b);
  const diffs: string[] = [];
  for (const [k, row] of B) {
    const other = A.get(k);
    if (!other) {
      diffs.push(k + ': missing');
      continue;
    }
    for (const [hd, v] of row) if (other.get(hd) !== v) diffs.push(k + ' ' + hd + ': ' + other.get(hd) + ' / ' + v);
  }
  for (const k of A.keys()) if (!B.has(k)) diffs.push(k + ': extra');
  return diffs.slice(0, 6);
}

export function cells(h: Harness): number {
  return h.rt.spreadsheet.getSheets().reduce((n: number, s: any) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}

