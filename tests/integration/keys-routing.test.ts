/** Several keys per document: checks on save, seller binding, routing, expiry, next refresh. */
import { loadBundle } from '../bundle/harness';
import { connect } from './helpers';

const DAY = 86400000;

describe('saving keys', () => {
  it('checks a key once with /ping on each host it needs, in parallel', () => {
    const h = loadBundle();
    const res = h.run('saveKey', h.wb.makeKey({ categories: [5, 2, 10, 13] }));
    expect(res.ok).toBe(true);
    expect(res.message).toContain('проверен');
    const pings = h.wb.requests.filter((r) => r.path === '/ping').map((r) => r.host).sort();
    expect(pings).toEqual(['finance-api.wildberries.ru', 'seller-analytics-api.wildberries.ru', 'statistics-api.wildberries.ru', 'supplies-api.wildberries.ru']);
    expect(h.wb.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('refuses a key WB itself refuses, saving nothing', () => {
    const h = loadBundle();
    const good = h.wb.makeKey({ categories: [5] });
    const parts = good.split('.');
    const forged = parts[0] + '.' + parts[1] + '.' + parts[2].split('').reverse().join('');
    const res = h.run('saveKey', forged);
    expect(res.ok).toBe(false);
    expect(res.message).toContain('WB не принял ключ');
    expect(h.rt.userProperties()).toEqual({});
  });

  it('refuses a key of another seller: the data of two sellers never mix', () => {
    const h = loadBundle();
    connect(h);
    const other = h.wb.makeKey({ categories: [2], sellerId: '9f0e8d7c-0000-4000-8000-000000000abc' });
    const res = h.run('saveKey', other);
    expect(res.ok).toBe(false);
    expect(res.message).toContain('другому продавцу');
    expect(Object.keys(h.rt.userProperties())).toHaveLength(1);
  });

  it('keeps several keys and removes one by its slot', () => {
    const h = loadBundle();
    connect(h, { categories: [5] });
    const res = h.run('saveKey', h.wb.makeKey({ categories: [2, 13] }));
    expect(res.state.keys).toHaveLength(2);
    expect(h.run('saveKey', h.wb.makeKey({ categories: [2, 13] })).ok).toBe(true);
    const state = h.run('getSidebarState');
    expect(state.keys).toHaveLength(3);
    const after = h.run('removeKey', state.keys[1].slot);
    expect(after.keys.map((k: any) => k.slot)).toEqual([state.keys[0].slot, state.keys[2].slot]);
  });

  it('refuses a key already saved', () => {
    const h = loadBundle();
    const key = connect(h);
    expect(h.run('saveKey', ' ' + key + ' ').message).toContain('уже сохранён');
  });
});

describe('the report x key matrix', () => {
  it('routes each report to a key with its category and says exactly what is missing', () => {
    const h = loadBundle();
    connect(h, { categories: [5] });
    h.run('saveKey', h.wb.makeKey({ categories: [13], type: 'base' }));
    const m = h.run('getSidebarState').matrix;
    const row = (id: string) => m.find((r: any) => r.id === id);
    expect(row('orders').byKey).toEqual([true, false]);
    expect(row('realization').byKey).toEqual([false, true]);
    expect(row('stocks').ok).toBe(false);
    expect(row('stocks').note).toBe('нужна категория «Аналитика»');
    expect(row('supplies').note).toBe('нужна категория «Поставки»');
    expect(row('orders').next).toBe('можно обновить сейчас');
  });

  it('says when each report can next refresh and why (Base key buckets)', () => {
    const h = loadBundle();
    connect(h, { categories: [5], type: 'base' });
    h.call('syncSalesNow');
    const sales = h.run('getSidebarState').matrix.find((r: any) => r.id === 'sales');
    expect(sales.next).toMatch(/не раньше \d\d\.\d\d\.\d{4} \d\d:\d\d МСК \(лимит WB для ключа «Базовый»: 1 запрос в 2 ч\)/);
  });

  it('shows a banner from 14 days before a key expires', () => {
    const h = loadBundle();
    connect(h, { expiresAt: h.rt.clock.now() + 20 * DAY });
    expect(h.run('getSidebarState').banners).toEqual([]);
    h.rt.clock.advance(7 * DAY);
    const banners = h.run('getSidebarState').banners;
    expect(banners).toHaveLength(1);
    expect(banners[0]).toMatch(/истекает через 12 дн\./);
  });
});
