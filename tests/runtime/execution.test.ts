/** Executions: the 6-minute limit, sleep, auth modes and their permissions, the vm realm. */
import * as vm from 'vm';
import { createRuntime, TIMEOUT_MESSAGE } from './index';

describe('execution time limit', () => {
  it('kills an execution past 6 minutes; every later call throws; run() throws even if the script swallowed it', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    let calls = 0;
    let swallowed = '';
    expect(() =>
      rt.run(() => {
        try {
          for (;;) {
            g.Utilities.sleep(100000);
            calls++;
          }
        } catch (e) {
          swallowed = (e as Error).message;
        }
        expect(() => g.PropertiesService.getDocumentProperties()).toThrow(TIMEOUT_MESSAGE);
        expect(() => g.Logger.log('still here')).toThrow(TIMEOUT_MESSAGE);
        return 'finished';
      }),
    ).toThrow(TIMEOUT_MESSAGE);
    expect(swallowed).toBe('Exceeded maximum execution time');
    expect(calls).toBe(3); // 300 s fine, the 4th sleep ends at 400 s > 360 s
    expect(rt.stats.sleepMs).toBe(400000);
    // a new execution starts fresh; outside run() there is no limit
    expect(rt.run(() => g.Session.getScriptTimeZone())).toBe('Europe/Moscow');
    rt.clock.advance(10 * 3600000);
    expect(g.Session.getScriptTimeZone()).toBe('Europe/Moscow');
  });

  it('counts fetch latency and spreadsheet work against the limit', () => {
    const rt = createRuntime({ fetchLatencyMs: 60000, fetchHandler: () => ({ status: 200, headers: {}, body: 'ok' }) });
    const g = rt.globals as any;
    let done = 0;
    expect(() =>
      rt.run(() => {
        for (;;) {
          g.UrlFetchApp.fetch('https://statistics-api.wildberries.ru/ping');
          done++;
        }
      }),
    ).toThrow(TIMEOUT_MESSAGE);
    expect(done).toBe(6); // the 7th request's response never arrives
    expect(rt.fetchLog.length).toBe(7);
  });

  it('custom functions have 30 seconds', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    expect(() => rt.run(() => g.Utilities.sleep(31000), { authMode: 'CUSTOM_FUNCTION' })).toThrow(TIMEOUT_MESSAGE);
  });

  it('Utilities.sleep accepts at most 5 minutes', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    expect(() => rt.run(() => g.Utilities.sleep(300001))).toThrow('Invalid argument: milliseconds');
    const t = rt.clock.now();
    rt.run(() => g.Utilities.sleep(1500));
    expect(rt.clock.now() - t).toBe(1500);
  });

  it('errors propagate from run()', () => {
    const rt = createRuntime();
    expect(() =>
      rt.run(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
  });
});

describe('auth modes', () => {
  it('CUSTOM_FUNCTION: spreadsheet reads work, writes and UI do not; UrlFetch works; owner user properties', () => {
    const rt = createRuntime({ fetchHandler: () => ({ status: 200, headers: {}, body: '{}' }) });
    const g = rt.globals as any;
    rt.run(() => {
      g.SpreadsheetApp.getActive().getActiveSheet().getRange('A1').setValue(42);
      g.PropertiesService.getUserProperties().setProperty('wb.key', 'owner-secret');
    });
    rt.setUser('editor@example.com');
    rt.run(
      () => {
        const ss = g.SpreadsheetApp.getActive();
        const sheet = ss.getActiveSheet();
        expect(sheet.getRange('A1').getValue()).toBe(42);
        expect(() => sheet.getRange('A1').setValues([[1]])).toThrow('You do not have permission to call setValues');
        expect(() => sheet.getRange('A1').setValue(1)).toThrow('You do not have permission to call setValue');
        expect(() => ss.insertSheet('x')).toThrow('You do not have permission to call insertSheet');
        expect(() => sheet.getRange('A1').setNumberFormat('@')).toThrow('You do not have permission to call setNumberFormat');
        expect(() => ss.addDeveloperMetadata('k')).toThrow('You do not have permission to call addDeveloperMetadata');
        expect(() => ss.toast('hi')).toThrow('You do not have permission to call toast');
        expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
        expect(() => g.ScriptApp.getProjectTriggers()).toThrow('You do not have permission to call ScriptApp.getProjectTriggers');
        expect(g.ScriptApp.AuthMode.CUSTOM_FUNCTION).toBe('CUSTOM_FUNCTION');
        expect(g.UrlFetchApp.fetch('https://statistics-api.wildberries.ru/ping').getResponseCode()).toBe(200);
        const up = g.PropertiesService.getUserProperties();
        expect(up.getProperty('wb.key')).toBe('owner-secret');
        expect(() => up.setProperty('wb.key', 'x')).toThrow('You do not have permission to call setProperty');
        expect(g.Session.getActiveUser().getEmail()).toBe('');
        expect(g.CacheService.getScriptCache().get('x')).toBeNull();
      },
      { authMode: 'CUSTOM_FUNCTION' },
    );
    expect(rt.stats.cellsWritten).toBe(1);
  });

  it('NONE: only menus (and pure services); Properties throws', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(
      () => {
        g.SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi();
        expect(() => g.PropertiesService.getDocumentProperties()).toThrow('You do not have permission to call PropertiesService.getDocumentProperties');
        expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
        expect(() => g.UrlFetchApp.fetch('https://x.ru/')).toThrow(/You do not have permission to call UrlFetchApp.fetch/);
        expect(g.Utilities.base64Encode('a')).toBe('YQ==');
        expect(g.Session.getActiveUserLocale()).toBe('ru');
      },
      { authMode: 'NONE' },
    );
    expect(rt.menus[0].items).toEqual([{ caption: 'Open', functionName: 'showSidebar' }]);
  });

  it('LIMITED (simple triggers): document and properties yes, UrlFetch and installable triggers no', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(
      () => {
        g.PropertiesService.getDocumentProperties().setProperty('a', 'b');
        g.SpreadsheetApp.getActive().getActiveSheet().getRange('A1').setValue('ok');
        expect(() => g.UrlFetchApp.fetch('https://x.ru/')).toThrow(
          'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
        );
        expect(() => g.ScriptApp.newTrigger('tick')).toThrow(/You do not have permission to call ScriptApp.newTrigger/);
      },
      { authMode: 'LIMITED' },
    );
  });

  it('time-driven trigger executions have no UI', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    expect(() => rt.run(() => g.SpreadsheetApp.getUi(), { trigger: true })).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(rt.run(() => g.Session.getActiveUser().getEmail(), { trigger: true, user: 'other@example.com' })).toBe('other@example.com');
  });
});

describe('the script realm', () => {
  it('in a vm context, service errors are the context realm Errors named Exception', () => {
    const rt = createRuntime();
    const context: Record<string, any> = {};
    rt.install(context);
    vm.createContext(context);
    vm.runInContext(
      `function probe() {
         try { SpreadsheetApp.getActive().getActiveSheet().getRange(0, 1); }
         catch (e) { return { isError: e instanceof Error, name: e.name, text: String(e), now: Date.now() === new Date().getTime() }; }
       }`,
      context,
    );
    expect(rt.run(() => context.probe())).toEqual({
      isError: true,
      name: 'Exception',
      text: 'Exception: The starting row of the range is too small.',
      now: true,
    });
  });
});
