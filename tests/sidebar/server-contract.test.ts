/**
 * Every server function the sidebar calls, through google.script.run's rules (plain
 * data only, both ways), across the states a seller meets: no key, one key, several
 * keys, schedule on and off, a refresh running, a failed refresh; in both languages.
 * A Date or a function anywhere in a result fails the call in a real spreadsheet and
 * leaves the sidebar empty, so each call here must come back whole.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Harness, loadBundle } from '../bundle/harness';
import { ScriptRunError } from '../runtime/script-run';
import type { SidebarServer } from '../../src/ui/contract';

const DAY = 86400000;

/** Each SidebarServer member once: the compiler refuses this object when the contract grows. */
const SIDEBAR_CALLS: Record<keyof SidebarServer, true> = {
  getSidebarState: true,
  saveKey: true,
  removeKey: true,
  saveSettings: true,
  saveSchedule: true,
  syncAllNow: true,
  getProgress: true,
  saveStorage: true,
  checkStorage: true,
};

/** The harness, recording which sidebar calls a scenario made. */
function sidebar(locale: 'ru' | 'en') {
  const h: Harness = loadBundle({ locale });
  const made = new Set<string>();
  const run = (name: keyof SidebarServer, ...args: unknown[]): any => {
    made.add(name);
    return h.run(name, ...args);
  };
  return { h, made, run };
}

/** What the client reads of a state: every part present and every text a string. */
function expectWholeState(s: any, keys: number): void {
  expect(typeof s.labels.keysHeading).toBe('string');
  expect(typeof s.storage.labels.heading).toBe('string');
  expect(Array.isArray(s.storage.locations)).toBe(true);
  for (const k of Object.keys(s.labels)) expect(['string', 'object']).toContain(typeof s.labels[k]);
  expect(s.keys).toHaveLength(keys);
  expect(s.matrix.length).toBeGreaterThan(0);
  for (const r of s.matrix) expect(r.byKey).toHaveLength(keys);
  expect(Array.isArray(s.banners)).toBe(true);
  expect(typeof s.schedule.next).toBe('string');
  expect(s.schedule.next).not.toBe('');
  expect(typeof s.settings.realizationPeriod).toBe('string');
}

describe.each(['ru', 'en'] as const)('sidebar calls in a %s spreadsheet', (locale) => {
  it('no key, one key, several keys, schedule on and off: every call comes back as plain data', () => {
    const { h, made, run } = sidebar(locale);
    // No key yet.
    expectWholeState(run('getSidebarState'), 0);
    expect(run('getProgress')).toBeNull();
    const garbage = run('saveKey', 'not a key');
    expect(garbage.ok).toBe(false);
    expect(garbage.message).not.toBe('');
    const expired = run('saveKey', h.wb.makeKey({ expiresAt: h.rt.clock.now() - 2 * DAY }));
    expect(expired.ok).toBe(false);
    expect(expired.message).toMatch(/\d/);
    expectWholeState(run('removeKey', ''), 0);
    expectWholeState(run('saveSettings', { realizationPeriod: 'weekly' }), 0);
    expect(run('syncAllNow').ok).toBe(false);

    // One key: saved, then a schedule on (its next run is a text formatted on the server).
    const saved = run('saveKey', h.wb.makeKey({ type: 'personal', categories: [5] }));
    expect(saved.ok).toBe(true);
    expectWholeState(saved.state, 1);
    const on = run('saveSchedule', { mode: 'daily', hour: 8 });
    expectWholeState(on, 1);
    expect(on.schedule.active).toBe(true);
    expect(on.schedule.next).toMatch(locale === 'ru' ? /^около \d\d\.\d\d\.\d{4} 08:00 МСК$/ : /^about \d{4}-\d\d-\d\d 08:00 MSK$/);
    expect(run('getSidebarState').schedule.next).toBe(on.schedule.next);
    const synced = run('syncAllNow');
    expect(synced.ok).toBe(true);
    expectWholeState(synced.state, 1);
    expect(synced.state.lastSync.at).toMatch(/\d\d:\d\d/);
    // Right after a refresh WB's limits make the next refresh a formatted time.
    expect(synced.state.matrix.some((r: any) => /\d\d:\d\d/.test(r.next))).toBe(true);

    // Several keys: a Base one expiring soon (banner, messages) and one without Statistics.
    expect(run('saveKey', h.wb.makeKey({ type: 'base', categories: [5, 13], expiresAt: h.rt.clock.now() + 5 * DAY })).ok).toBe(true);
    const third = run('saveKey', h.wb.makeKey({ type: 'personal', categories: [2, 10] }));
    expect(third.ok).toBe(true);
    expectWholeState(third.state, 3);
    expect(third.state.banners).toHaveLength(1);
    expect(third.state.keys.every((k: any) => Array.isArray(k.messages) && Array.isArray(k.reports))).toBe(true);
    expectWholeState(run('saveSettings', { realizationPeriod: 'daily', realizationAllFields: true, retentionDays: 365 }), 3);

    // Storage: a bad project id is refused in words; with the scope granted BigQuery goes on; the check answers in words.
    const bad = run('saveStorage', { mode: 'bigquery', project: 'X', dataset: 'wb', location: 'EU', keepRawInSheets: true });
    expect(bad.ok).toBe(false);
    expect(typeof bad.message).toBe('string');
    expectWholeState(bad.state, 3);
    h.rt.grantScopes(['https://www.googleapis.com/auth/bigquery']);
    h.rt.bigquery.addProject('my-shop-123', { billing: false });
    const stored = run('saveStorage', { mode: 'bigquery', project: 'my-shop-123', dataset: 'wb', location: 'EU', keepRawInSheets: false });
    expect(stored.ok).toBe(true);
    expectWholeState(stored.state, 3);
    expect(stored.state.storage.settings).toEqual({ mode: 'bigquery', project: 'my-shop-123', dataset: 'wb', location: 'EU', keepRawInSheets: false });
    const checked = run('checkStorage', stored.state.storage.settings);
    expect(checked.ok).toBe(true);
    expect(typeof checked.message).toBe('string');

    // Schedule off again.
    const off = run('saveSchedule', { mode: 'off' });
    expectWholeState(off, 3);
    expect(off.schedule.active).toBe(false);
    const removed = run('removeKey', third.state.keys[2].slot);
    expectWholeState(removed, 2);

    // The Base key expires while stored: its messages and the Finance report's note say so.
    h.rt.clock.advance(6 * DAY);
    const expiredState = run('getSidebarState');
    expectWholeState(expiredState, 2);
    expect(expiredState.keys[1].messages.some((m: any) => m.level === 'error' && /\d/.test(m.text))).toBe(true);
    expect(expiredState.matrix.find((r: any) => r.id === 'realization').ok).toBe(false);
    expect(Object.keys(SIDEBAR_CALLS).filter((n) => !made.has(n))).toEqual([]);
  });

  it('while a refresh runs elsewhere, and after a refresh failed', () => {
    const { h, run } = sidebar(locale);
    // WB unreachable while the key is checked: saved, unchecked, and the state still whole.
    h.wb.failNext('*', new Error('Address unavailable: https://statistics-api.wildberries.ru'), 1);
    const unchecked = run('saveKey', h.wb.makeKey({ type: 'personal', categories: [5] }));
    expect(unchecked.ok).toBe(true);
    expect(unchecked.message).toContain(locale === 'ru' ? 'Проверить ключ на сервере WB сейчас не удалось' : 'could not be checked');
    expectWholeState(unchecked.state, 1);
    run('saveSchedule', { mode: 'every1' });
    // Another execution (the schedule) holds the document and posts its progress.
    h.rt.holdLock('document', h.rt.clock.now() + 10 * 60000);
    h.rt.run(() => h.scope.CacheService.getDocumentCache().put('wb.progress', JSON.stringify({ message: 'WB Заказы: загрузка…', at: h.rt.clock.now() }), 600));
    expect(run('getProgress')).toEqual({ message: 'WB Заказы: загрузка…' });
    expectWholeState(run('getSidebarState'), 1);
    const busy = run('syncAllNow');
    expect(busy.busy).toBe(true);
    expect(busy.message).not.toBe('');
    expectWholeState(busy.state, 1);

    // WB refuses the key: the refresh fails and the state says why.
    h.rt.clock.advance(11 * 60000);
    h.wb.failNext('*', { status: 401, headers: {}, body: '{"title":"unauthorized","detail":"token problem; token is malformed"}' }, 20);
    const failed = run('syncAllNow');
    expect(failed.ok).toBe(false);
    expectWholeState(failed.state, 1);
    expect(failed.state.lastSync.ok).toBe(false);
    expect(failed.state.lastSync.message).toContain(locale === 'ru' ? 'WB не принял ключ' : 'WB did not accept the key');
    expectWholeState(run('getSidebarState'), 1);
  });
});

describe('the transport itself', () => {
  it('refuses a Date in an argument before the server runs, and private or unknown functions', () => {
    const { h } = sidebar('ru');
    expect(() => h.run('saveSchedule', { mode: 'daily', hour: new Date(0) })).toThrow(ScriptRunError);
    expect(h.rt.triggers).toHaveLength(0);
    expect(() => h.run('nope')).toThrow(/not a server function/);
  });

  it('the client calls no server function outside SidebarServer', () => {
    const client = fs.readFileSync(path.resolve(__dirname, '../../src/ui/sidebar/client.ts'), 'utf8');
    const called = Array.from(client.matchAll(/\bcall\('(\w+)'/g), (m) => m[1]);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(Object.keys(SIDEBAR_CALLS)).toContain(name);
  });
});
