/** Dates are serials of wall-clock time in the spreadsheet's time zone, as in Sheets. */
import { createRuntime, instantToSerial, serialToInstant } from './index';

const INSTANT = new Date(Date.UTC(2026, 10, 1, 9, 30)); // 12:30 in Moscow, 04:30 in New York

function write(tz: string) {
  const rt = createRuntime({ timeZone: tz });
  const g = rt.globals as any;
  rt.run(() => g.SpreadsheetApp.getActive().getActiveSheet().getRange('A1:B1').setValues([[INSTANT, '2026-11-01 12:30:00']]));
  return { rt, g, sheet: () => g.SpreadsheetApp.getActive().getActiveSheet() };
}

describe('dates under two spreadsheet time zones', () => {
  it('a Date is stored as the serial of its wall clock in the spreadsheet time zone and read back as the same instant', () => {
    for (const tz of ['Europe/Moscow', 'America/New_York']) {
      const { rt, sheet } = write(tz);
      const [a, b] = rt.run(() => sheet().getRange('A1:B1').getValues()[0]);
      expect((a as Date).getTime()).toBe(INSTANT.getTime());
      // typed text is wall-clock time in the spreadsheet zone
      expect((b as Date).getTime()).toBe(tz === 'Europe/Moscow' ? INSTANT.getTime() : Date.UTC(2026, 10, 1, 17, 30));
    }
  });

  it('the displayed wall clock follows the spreadsheet zone', () => {
    const msk = write('Europe/Moscow');
    const ny = write('America/New_York');
    expect(msk.rt.run(() => msk.sheet().getRange('A1').getDisplayValue())).toBe('01.11.2026 12:30:00');
    expect(ny.rt.run(() => ny.sheet().getRange('A1').getDisplayValue())).toBe('01.11.2026 4:30:00');
    expect(msk.rt.run(() => msk.sheet().getRange('A1').getNumberFormat())).toBe('dd.MM.yyyy H:mm:ss');
  });

  it('changing the spreadsheet time zone keeps serials: same wall clock shown, the instants shift', () => {
    const { rt, g, sheet } = write('Europe/Moscow');
    rt.run(() => g.SpreadsheetApp.getActive().setSpreadsheetTimeZone('Asia/Yekaterinburg'));
    const [a] = rt.run(() => sheet().getRange('A1:B1').getValues()[0]);
    expect((a as Date).getTime()).toBe(INSTANT.getTime() - 2 * 3600000);
    expect(rt.run(() => sheet().getRange('A1').getDisplayValue())).toBe('01.11.2026 12:30:00');
    expect(() => rt.run(() => g.SpreadsheetApp.getActive().setSpreadsheetTimeZone('Mars/Olympus'))).toThrow('Invalid argument: Mars/Olympus');
  });

  it('DST: New York wall clock across the November change', () => {
    const { rt, sheet } = write('America/New_York');
    const before = new Date(Date.UTC(2026, 10, 1, 5, 30)); // 01:30 EDT
    const after = new Date(Date.UTC(2026, 10, 1, 7, 30)); // 02:30 EST
    rt.run(() => sheet().getRange('C1:D1').setValues([[before, after]]));
    const v = rt.run(() => sheet().getRange('C1:D1').getValues()[0]) as Date[];
    expect(v.map((d) => d.getTime())).toEqual([before.getTime(), after.getTime()]);
    expect(rt.run(() => sheet().getRange('C1:D1').getDisplayValues()[0])).toEqual(['01.11.2026 1:30:00', '01.11.2026 2:30:00']);
  });

  it('a number cell with a numeric format returns a number; with a date format, a Date', () => {
    const { rt, sheet } = write('Europe/Moscow');
    const v = rt.run(() => {
      sheet().getRange('A1').setNumberFormat('0.00');
      const num = sheet().getRange('A1').getValue();
      sheet().getRange('A1').setNumberFormat('dd.mm.yyyy');
      return [num, sheet().getRange('A1').getValue(), sheet().getRange('A1').getDisplayValue()];
    });
    expect(v[0]).toBeCloseTo(46327.520833, 5);
    expect(v[1]).toBeInstanceOf(Date);
    expect(v[2]).toBe('01.11.2026');
  });

  it('serial helpers', () => {
    expect(instantToSerial(Date.UTC(1899, 11, 30), 'UTC')).toBe(0);
    expect(instantToSerial(Date.UTC(2026, 10, 26, 21), 'Europe/Moscow')).toBe(46353);
    expect(serialToInstant(46353.5, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 27, 9));
  });
});

describe('the virtual Date', () => {
  it('install() puts a Date whose now and no-arg constructor read the virtual clock; uninstall() restores', () => {
    const RealDateCtor = Date;
    const rt = createRuntime({ startTime: Date.UTC(2030, 0, 1) });
    const target: any = {};
    rt.install(target);
    expect(target.Date.now()).toBe(Date.UTC(2030, 0, 1));
    expect(new target.Date().getTime()).toBe(Date.UTC(2030, 0, 1));
    expect(new target.Date(5).getTime()).toBe(5);
    expect(new Date(1) instanceof target.Date).toBe(true);
    expect(new target.Date() instanceof RealDateCtor).toBe(true);
    expect(target.Date.UTC(2020, 0, 1)).toBe(Date.UTC(2020, 0, 1));
    rt.clock.advance(1000);
    expect(target.Date.now()).toBe(Date.UTC(2030, 0, 1) + 1000);
    rt.install(globalThis);
    try {
      expect(Date.now()).toBe(Date.UTC(2030, 0, 1) + 1000);
      expect(typeof (globalThis as any).SpreadsheetApp.getActive).toBe('function');
    } finally {
      rt.uninstall(globalThis);
    }
    expect(Date).toBe(RealDateCtor);
    expect((globalThis as any).SpreadsheetApp).toBeUndefined();
    expect(Math.abs(Date.now() - new RealDateCtor().getTime())).toBeLessThan(1000);
  });
});
