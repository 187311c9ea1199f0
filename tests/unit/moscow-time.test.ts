import { formatWall, parseWbMoscow, serialToWallMs, wallMsToSerial, wallDay } from '../../src/wb/moscow-time';

describe('WB Moscow times', () => {
  it('parses zoneless times as Moscow wall clock', () => {
    expect(parseWbMoscow('2026-11-20T09:14:37')).toBe(Date.UTC(2026, 10, 20, 9, 14, 37));
    expect(parseWbMoscow('2026-11-20')).toBe(Date.UTC(2026, 10, 20));
    expect(parseWbMoscow('2026-11-20T09:14:37.123')).toBe(Date.UTC(2026, 10, 20, 9, 14, 37, 123));
  });
  it('converts zoned times to Moscow wall clock', () => {
    expect(parseWbMoscow('2026-11-20T06:14:37Z')).toBe(Date.UTC(2026, 10, 20, 9, 14, 37));
    expect(parseWbMoscow('2026-11-20T10:14:37+04:00')).toBe(Date.UTC(2026, 10, 20, 9, 14, 37));
  });
  it("treats WB's zero date and garbage as no date", () => {
    expect(parseWbMoscow('0001-01-01T00:00:00')).toBeNull();
    expect(parseWbMoscow('')).toBeNull();
    expect(parseWbMoscow(null)).toBeNull();
    expect(parseWbMoscow('20.11.2026')).toBeNull();
  });
  it('maps wall clock to Sheets serials and back', () => {
    const wall = Date.UTC(2026, 10, 20, 12, 0, 0);
    expect(wallMsToSerial(wall)).toBeCloseTo(46346.5, 9);
    expect(serialToWallMs(wallMsToSerial(wall))).toBe(wall);
    expect(formatWall(wall)).toBe('2026-11-20T12:00:00');
    expect(wallDay(Date.UTC(2026, 10, 20, 23, 59, 59))).toBe(wallDay(Date.UTC(2026, 10, 20)));
  });
});
