/** The refresh schedule: one trigger per user per document, and a scheduled day in virtual time. */
import { loadBundle, Harness } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const HOUR = 3600000;

function mine(h: Harness, user = 'seller@example.com') {
  return h.rt.triggers.filter((t) => t.user === user && t.handlerFunction === 'scheduledSync');
}

/** Fires every due trigger between now and now + ms as Apps Script would, advancing the clock. */
function liveFor(h: Harness, ms: number): number {
  const from = h.rt.clock.now();
  let fired = 0;
  for (const due of h.rt.dueTriggers(from, from + ms)) {
    h.rt.clock.set(Math.max(due.at, h.rt.clock.now()));
    h.rt.run(() => h.scope[due.trigger.handlerFunction]({ authMode: 'FULL', triggerUid: due.trigger.id }), { authMode: 'FULL', trigger: true, user: due.trigger.user });
    fired++;
  }
  h.rt.clock.set(from + ms);
  return fired;
}

describe('schedule', () => {
  it('keeps exactly one trigger per user per document, hourly at most', () => {
    const h = loadBundle();
    connect(h);
    let state = h.run('saveSchedule', { mode: 'every2' });
    expect(mine(h)).toHaveLength(1);
    expect(mine(h)[0].everyHours).toBe(2);
    expect(state.schedule).toMatchObject({ mode: 'every2', active: true });
    expect(state.schedule.next).toMatch(/^около \d\d\.\d\d\.\d{4} \d\d:\d\d МСК$/);
    state = h.run('saveSchedule', { mode: 'daily', hour: 9 });
    expect(mine(h)).toHaveLength(1);
    expect(mine(h)[0]).toMatchObject({ everyDays: 1, atHour: 9 });
    expect(state.schedule.next).toMatch(/09:00 МСК/);
    state = h.run('saveSchedule', { mode: 'off' });
    expect(mine(h)).toHaveLength(0);
    expect(state.schedule.next).toBe('обновление только вручную');
    // Nonsense from the client falls back to safe values.
    h.run('saveSchedule', { mode: 'every5minutes', hour: 99 });
    expect(mine(h)).toHaveLength(0);
  });

  it('each editor has their own trigger for the document', () => {
    const h = loadBundle();
    connect(h);
    h.run('saveSchedule', { mode: 'every1' });
    h.rt.setUser('partner@example.com');
    h.run('saveSchedule', { mode: 'every4' });
    expect(mine(h)).toHaveLength(1);
    expect(mine(h, 'partner@example.com')).toHaveLength(1);
  });

  it('a scheduled day keeps the sheets current, logs each run, and never meets a 429', () => {
    const h = loadBundle();
    connect(h, { type: 'base', categories: [5, 2, 10, 13] });
    h.run('saveSchedule', { mode: 'every1' });
    const fired = liveFor(h, 24 * HOUR);
    expect(fired).toBeGreaterThanOrEqual(23);
    const last = JSON.parse(h.rt.documentProperties()['wb.lastSync']);
    expect(last.scheduled).toBe(true);
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
    // Every report got its data within the day despite the Base key's buckets.
    for (const name of ['WB Заказы', 'WB Продажи', 'WB Остатки', 'WB Поставки', 'WB Реализация']) expect(sheetTable(h, name).rows.length).toBeGreaterThan(0);
    const salesTruth = h.wb.sales({ withinRetention: true }).length;
    const lastSalesRequest = h.wb.requests.filter((r) => r.path === '/api/v1/supplier/sales').pop()!.at;
    expect(h.rt.clock.now() - lastSalesRequest).toBeLessThanOrEqual(3 * HOUR);
    expect(sheetTable(h, 'WB Продажи').rows.length).toBeLessThanOrEqual(salesTruth + 50);
    const state = h.run('getSidebarState');
    expect(state.lastSync.scheduled).toBe(true);
  });
});

describe('run log', () => {
  it('has one row per report per run with requests, rows and result', () => {
    const h = loadBundle();
    connect(h);
    h.run('syncAllNow');
    h.rt.clock.advance(2 * 60000);
    h.call('syncOrdersNow');
    const t = sheetTable(h, 'WB Журнал');
    expect(t.header).toEqual(['Начало (МСК)', 'Конец (МСК)', 'Отчёт', 'Запуск', 'Запросов к WB', 'Новых строк', 'Обновлено строк', 'Результат', 'Сообщение', 'ID запуска']);
    // Refresh all: one row per report (11), then the orders refresh.
    expect(t.rows).toHaveLength(12);
    const first = t.rows[0];
    expect(first[2]).toBe('WB Заказы');
    expect(first[3]).toBe('вручную');
    expect(first[4]).toBe(1);
    expect(first[5]).toBeGreaterThan(100);
    expect(first[7]).toBe('готово');
    expect(t.rows[2][7]).toBe('пропущено');
    expect(t.rows[2][8]).toContain('Аналитика');
    expect(t.rows[11][2]).toBe('WB Заказы');
    expect(t.rows[11][9]).not.toBe(t.rows[0][9]);
  });
});

describe('progress', () => {
  it('is posted while a refresh runs, shown as toasts, and cleared at the end', () => {
    const h = loadBundle();
    connect(h, { categories: [5, 2] });
    expect(h.run('getProgress')).toBeNull();
    h.run('syncAllNow');
    const toasts = h.rt.toasts.map((t) => t.message);
    expect(toasts).toContain('WB Заказы: загрузка…');
    expect(toasts).toContain('WB Остатки: загрузка…');
    expect(h.run('getProgress')).toBeNull();
  });
});

describe("Google's 90 minutes a day of trigger time", () => {
  it('scheduled runs count their time and stop before the limit; manual refresh still works', () => {
    const h = loadBundle();
    connect(h);
    h.run('saveSchedule', { mode: 'every1' });
    liveFor(h, 3 * HOUR);
    const usage = JSON.parse(h.rt.userProperties()['wb.triggerTime']);
    expect(usage.usedMs).toBeGreaterThan(0);
    // Pretend the schedule has used 80 minutes today (the last 10 are kept in reserve).
    h.rt.run(() => h.scope.PropertiesService.getUserProperties().setProperty('wb.triggerTime', JSON.stringify({ day: usage.day, usedMs: 80 * 60000 })));
    const before = h.wb.requests.length;
    h.rt.run(() => h.scope.scheduledSync({}), { authMode: 'FULL', trigger: true });
    expect(h.wb.requests.length).toBe(before);
    const last = h.run('getSidebarState').lastSync;
    expect(last.message).toContain('90 мин. в сутки');
    h.rt.clock.advance(5 * 60000);
    expect(h.call('syncOrdersNow').ok).toBe(true);
  });
});
