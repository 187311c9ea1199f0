/** ScriptApp triggers: builders, limits, add-on rules and when they fire. */
import { BIGQUERY_SCOPE, createRuntime } from './index';

const HOUR = 3600000;

describe('time-driven triggers', () => {
  it('creates, lists and deletes triggers; Trigger objects describe themselves', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      const S = g.ScriptApp;
      const t = S.newTrigger('syncTick').timeBased().everyHours(1).create();
      expect([t.getHandlerFunction(), t.getEventType(), t.getTriggerSource()]).toEqual(['syncTick', S.EventType.CLOCK, S.TriggerSource.CLOCK]);
      const mine = S.getUserTriggers(g.SpreadsheetApp.getActive());
      expect(mine.map((x: any) => x.getUniqueId())).toEqual([t.getUniqueId()]);
      expect(S.getProjectTriggers().length).toBe(1);
    });
    expect(rt.triggers).toEqual([expect.objectContaining({ handlerFunction: 'syncTick', user: 'seller@example.com', type: 'CLOCK', everyHours: 1 })]);
    expect(rt.run(() => g.ScriptApp.getUserTriggers(g.SpreadsheetApp.getActive()), { user: 'b@example.com' })).toEqual([]);
    rt.run(() => g.ScriptApp.getProjectTriggers().forEach((t: any) => g.ScriptApp.deleteTrigger(t)));
    expect(rt.triggers).toEqual([]);
  });

  it('validates schedules', () => {
    const rt = createRuntime({ addonMode: false });
    const g = rt.globals as any;
    rt.run(() => {
      const b = () => g.ScriptApp.newTrigger('f').timeBased();
      expect(() => b().everyMinutes(7)).toThrow(/Invalid argument: minutes/);
      expect(() => b().everyHours(3)).toThrow(/Invalid argument: hours/);
      expect(() => b().atHour(24)).toThrow('Invalid argument: hour');
      expect(() => b().atHour(5).create()).toThrow(/Frequency is required/);
      for (const n of [1, 5, 10, 15, 30]) b().everyMinutes(n);
      for (const n of [1, 2, 4, 6, 8, 12]) b().everyHours(n);
    });
  });

  it('at most 20 triggers per user', () => {
    const rt = createRuntime({ addonMode: false });
    const g = rt.globals as any;
    rt.run(() => {
      for (let i = 0; i < 20; i++) g.ScriptApp.newTrigger('f' + i).timeBased().everyHours(1).create();
      expect(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create()).toThrow(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    });
    rt.run(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create(), { user: 'b@example.com' });
  });

  it('add-on rules: at most hourly, one time-driven trigger per user per document', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(/at most once per hour/);
      g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
      expect(() => g.ScriptApp.newTrigger('g').timeBased().everyDays(1).atHour(5).create()).toThrow(
        'This add-on has created too many time-based triggers in this document for this Google user account.',
      );
    });
    rt.run(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create(), { user: 'b@example.com' });
    expect(rt.triggers.length).toBe(2);
  });

  it('dueTriggers: hourly fires once per hour at a stable minute; daily atHour in the trigger time zone', () => {
    const rt = createRuntime({ addonMode: false });
    const g = rt.globals as any;
    const t0 = rt.clock.now();
    rt.run(() => {
      g.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
      g.ScriptApp.newTrigger('sixHourly').timeBased().everyHours(6).create();
      g.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(5).nearMinute(10).create();
      g.ScriptApp.newTrigger('once').timeBased().after(90 * 60000).create();
    });
    const due = rt.dueTriggers(t0, t0 + 24 * HOUR);
    const by = (name: string) => due.filter((d) => d.trigger.handlerFunction === name).map((d) => d.at);
    const hourly = by('hourly');
    expect(hourly.length).toBe(24);
    expect(hourly.every((at, i) => i === 0 || at - hourly[i - 1] === HOUR)).toBe(true);
    expect(hourly[0] - t0).toBeGreaterThan(0);
    expect(hourly[0] - t0).toBeLessThanOrEqual(HOUR);
    expect(by('sixHourly').length).toBe(4);
    // 05:10 Moscow on 2026-11-28 (created 2026-11-27 10:00 Moscow)
    expect(by('daily')).toEqual([Date.UTC(2026, 10, 28, 2, 10)]);
    expect(by('once')).toEqual([t0 + 90 * 60000]);
    expect(due.map((d) => d.at)).toEqual([...due.map((d) => d.at)].sort((a, b) => a - b));
    // windows are half-open and composable
    const split = [...rt.dueTriggers(t0, t0 + 7 * HOUR), ...rt.dueTriggers(t0 + 7 * HOUR, t0 + 24 * HOUR)];
    expect(split.length).toBe(due.length);
  });

  it('getAuthorizationInfo reports NOT_REQUIRED when every manifest scope is granted, unless the test says otherwise', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    const status = () => rt.run(() => g.ScriptApp.getAuthorizationInfo(g.ScriptApp.AuthMode.FULL).getAuthorizationStatus());
    // granular consent: the BigQuery scope (issue 14) is not granted until the seller is asked for it
    expect(status()).toBe('REQUIRED');
    rt.grantScopes([BIGQUERY_SCOPE]);
    expect(status()).toBe('NOT_REQUIRED');
    rt.setAuthorizationRequired(true);
    expect(status()).toBe(g.ScriptApp.AuthorizationStatus.REQUIRED);
  });
});
