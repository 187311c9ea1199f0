/** Moscow time helpers. WB speaks Moscow wall-clock time (UTC+3, no DST) without a zone. */

// Jest runs tests in a vm context where every global lookup (Math, String, Date...) is
// slow and blocks optimisation: hot code uses these module-level aliases instead.
const { floor } = Math;
const DateCtor = Date;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const MSK_OFFSET_MS = 3 * HOUR;
/** cancelDate of an order that is not cancelled. */
export const ZERO_DATE = '0001-01-01T00:00:00';

/** 'YYYY-MM-DDTHH:mm:ss' in Moscow time, as WB sends date/lastChangeDate/cancelDate. */
export function fmtMsk(ms: number): string {
  return new DateCtor(ms + MSK_OFFSET_MS).toISOString().slice(0, 19);
}

/** 'YYYY-MM-DDTHH:mm:ss+03:00' (the /ping TS field). */
export function fmtMskOffset(ms: number): string {
  return fmtMsk(ms) + '+03:00';
}

/** 'YYYY-MM-DDTHH:mm:ssZ' (the timestamp of WB error bodies). */
export function fmtUtcZ(ms: number): string {
  return new DateCtor(ms).toISOString().slice(0, 19) + 'Z';
}

/** Floors to whole seconds: WB dates carry no fraction. */
export function floorSec(ms: number): number {
  return floor(ms / 1000) * 1000;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const dt = new DateCtor(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, ms);
  return dt.getTime();
}

function daysInMonth(y: number, mo: number): number {
  const dt = new DateCtor(0);
  dt.setUTCFullYear(y, mo, 0); // day 0 of the next month = last day of this one
  return dt.getUTCDate();
}

export interface ParsedDateFrom {
  /** The instant (epoch ms); a missing zone means Moscow time. */
  ms: number;
  /** Epoch ms of 00:00 Moscow time of the calendar day written in the string (flag=1). */
  dayStart: number;
}

const DATE_FROM_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses `dateFrom` as WB documents it: RFC3339, a date alone (`2019-06-20`) or a
 * date-time with seconds or a fraction (`2019-06-20T23:59:59`, `2019-06-20T00:00:00.12345`),
 * with or without a zone; no zone means Moscow time. Anything else is null (-> 400).
 * Fractions beyond milliseconds are truncated. Date-times without seconds are refused:
 * the spec only shows seconds or fractions (UNCONFIRMED whether WB accepts `HH:mm`).
 */
export function parseDateFrom(text: string): ParsedDateFrom | null {
  const m = DATE_FROM_RE.exec(text);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const h = m[4] === undefined ? 0 : +m[4];
  const mi = m[5] === undefined ? 0 : +m[5];
  const s = m[6] === undefined ? 0 : +m[6];
  if (h > 23 || mi > 59 || s > 59) return null;
  const frac = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3);
  let offsetMs = MSK_OFFSET_MS;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') offsetMs = 0;
    else {
      const zh = +zone.slice(1, 3);
      const zm = +zone.slice(4, 6);
      if (zh > 23 || zm > 59) return null;
      offsetMs = (zone[0] === '-' ? -1 : 1) * (zh * HOUR + zm * MINUTE);
    }
  }
  const ms = utc(y, mo, d, h, mi, s, frac) - offsetMs;
  // flag=1: "the time part is ignored": the calendar day as written in the string.
  const dayStart = utc(y, mo, d, 0, 0, 0, 0) - MSK_OFFSET_MS;
  return { ms, dayStart };
}

/** The Moscow calendar day of an instant, as a day number (days since 1970-01-01). */
export function mskDay(ms: number): number {
  return floor((ms + MSK_OFFSET_MS) / DAY);
}

/** Epoch ms of 00:00 Moscow time of a Moscow day number. */
export function mskDayStart(day: number): number {
  return day * DAY - MSK_OFFSET_MS;
}

/** 'YYYY-MM-DD' of a Moscow day number. */
export function fmtDay(day: number): string {
  return new DateCtor(day * DAY).toISOString().slice(0, 10);
}

/** The Monday-based week number of a Moscow day number (day 4 = Monday 1970-01-05 opens week 1). */
export function weekOfDay(day: number): number {
  return floor((day + 3) / 7);
}

/** The Monday (Moscow day number) of a week number. */
export function mondayOfWeek(week: number): number {
  return week * 7 - 3;
}
