/**
 * WB speaks Moscow wall-clock time (UTC+3, no DST since 2014) without a zone.
 * Sheets stores dates as serial numbers of a wall-clock time, so a WB time maps to
 * a serial directly and shows the same wall clock whatever the spreadsheet's zone.
 */
export const MOSCOW_OFFSET_MS = 3 * 3600 * 1000;
const DAY_MS = 86400000;
/** Serial of 1970-01-01 in Sheets' epoch (1899-12-30). */
const UNIX_EPOCH_SERIAL = 25569;

const WB_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Wall-clock milliseconds (as if UTC) of a WB date string in Moscow time; null if empty/invalid/zero date. */
export function parseWbMoscow(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = WB_TIME.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900) return null; // WB's "0001-01-01T00:00:00" means "no date"
  const frac = m[7] ? Number(('0.' + m[7]).slice(0, 5)) * 1000 : 0;
  let wall = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0)) + Math.round(frac);
  if (m[8]) {
    // A zoned time: convert the instant to Moscow wall clock.
    const instant = wall - zoneOffsetMs(m[8]);
    wall = instant + MOSCOW_OFFSET_MS;
  }
  return wall;
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60000;
}

export function wallMsToSerial(wallMs: number): number {
  return wallMs / DAY_MS + UNIX_EPOCH_SERIAL;
}

export function serialToWallMs(serial: number): number {
  return Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
}

/** Moscow wall-clock ms of an instant. */
export function instantToMoscowWall(epochMs: number): number {
  return epochMs + MOSCOW_OFFSET_MS;
}

function pad(n: number, width = 2): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

/** Formats wall-clock ms as WB does: "YYYY-MM-DDTHH:mm:ss". */
export function formatWall(wallMs: number): string {
  const d = new Date(wallMs);
  return (
    d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) +
    'T' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds())
  );
}

/** "YYYY-MM-DD" of wall-clock ms. */
export function formatWallDay(wallMs: number): string {
  return formatWall(wallMs).slice(0, 10);
}

/** Day number (days since 1970-01-01) of a wall-clock time: the calendar day a seller sees. */
export function wallDay(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}
