/**
 * Supplies with a Base key. WB allows each supplies method (list, details, goods) twice
 * an hour with a burst of 1, so one refresh reads one supply: the open supplies must be
 * read in turn, or the newest open one would be read over and over and the rest never.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const MIN = 60000;

describe('supplies with a Base key', () => {
  it('reads one supply per refresh, in turn: all of them reach the sheet in one pass, then every open one is refreshed once per pass', () => {
    const h = loadBundle({ emulator: { seed: 8, historyDays: 30 } });
    connect(h, { categories: [10], type: 'base' });
    const asked = (since: number, kind: 'goods' | 'details') =>
      h.wb.requests.slice(since).filter((r) => (kind === 'goods' ? /^\/api\/v1\/supplies\/\d+\/goods$/ : /^\/api\/v1\/supplies\/\d+$/).test(r.path));
    const refresh = (): string[] => {
      const since = h.wb.requests.length;
      h.call('syncSuppliesNow');
      const goods = asked(since, 'goods');
      // One supply a refresh: its details and one page of goods, both answered.
      expect(asked(since, 'details').map((r) => r.path + ' ' + r.status)).toEqual(goods.map((r) => r.path.replace(/\/goods$/, '') + ' 200'));
      h.rt.clock.advance(30 * MIN + 5000);
      return goods.map((r) => r.path.split('/')[4]);
    };
    const listed = h.wb.supplies();
    const open = listed.filter((s) => s.statusID !== 5).map((s) => String(s.supplyID ?? s.preorderID));
    expect(listed.length).toBeGreaterThan(4);
    expect(open.length).toBeGreaterThan(1);

    // First pass: each listed supply once, newest first.
    const first: string[] = [];
    for (let i = 0; i < listed.length; i++) first.push(...refresh());
    expect(first).toEqual(listed.map((s) => String(s.supplyID ?? s.preorderID)));
    const sheet = sheetTable(h, 'WB Поставки');
    expect(sheet.rows.length).toBe(h.wb.supplies().reduce((n, s) => n + s.goods.length, 0));
    const warehouse = sheet.header.indexOf('Склад назначения');
    expect(sheet.rows.every((r) => typeof r[warehouse] === 'string' && r[warehouse] !== '')).toBe(true);

    // Then only the open ones are due, each read once in every run of open.length refreshes.
    const later: string[] = [];
    for (let i = 0; i < 3 * open.length; i++) later.push(...refresh());
    expect(h.wb.supplies().filter((s) => s.statusID !== 5).map((s) => String(s.supplyID ?? s.preorderID))).toEqual(open);
    expect(later).toHaveLength(3 * open.length);
    for (let i = 0; i + open.length <= later.length; i++) expect(new Set(later.slice(i, i + open.length))).toEqual(new Set(open));
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
