/** Time zones (real IANA rules through Intl) and Sheets date serials. */

const DAY_MS = 86400000;
/** Serial of 1970-01-01 (Sheets epoch is 1899-12-30). */
export const SERIAL_EPOCH_OFFSET = 25569;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const validity = new Map<string, boolean>();

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  let ok = validity.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    validity.set(tz, ok);
  }
  return ok;
}

/** Java-style fixed offsets: GMT+3, GMT+03:00, UTC-5, GMT+0530. Returns offset ms or undefined. */
export function fixedOffsetOf(tz: string): number | undefined {
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(tz.trim());
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 23 || mi > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 3600000 + mi * 60000);
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

function computeOffset(tz: string, utcMs: number): number {
  const fixed = fixedOffsetOf(tz);
  if (fixed !== undefined) return fixed;
  const parts = formatter(tz).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  const era = parts.find((p) => p.type === 'era')?.value;
  if (era && /^B/i.test(era)) year = 1 - year;
  const hour = get('hour') % 24;
  const d = new Date(0);
  d.setUTCFullYear(year, get('month') - 1, get('day'));
  d.setUTCHours(hour, get('minute'), get('second'), 0);
  return d.getTime() - Math.floor(utcMs / 1000) * 1000;
}

/** Offset (wall clock minus UTC) in ms of `tz` at instant `utcMs`. */
export function tzOffsetMs(tz: string, utcMs: number): number {
  const bucket = Math.floor(utcMs / 900000);
  const key = tz + '|' + bucket;
  let off = offsetCache.get(key);
  if (off === undefined) {
    if (offsetCache.size > 200000) offsetCache.clear();
    off = computeOffset(tz, bucket * 900000);
    offsetCache.set(key, off);
  }
  return off;
}

/** Instant whose wall clock in `tz` is `wallMs` (wall clock expressed as if it were UTC). */
export function wallToUtc(tz: string, wallMs: number): number {
  let guess = wallMs - tzOffsetMs(tz, wallMs);
  for (let i = 0; i < 3; i++) {
    const next = wallMs - tzOffsetMs(tz, guess);
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

export function utcToWall(tz: string, utcMs: number): number {
  return utcMs + tzOffsetMs(tz, utcMs);
}

/** Serial (days since 1899-12-30, wall clock in tz) of an instant. */
export function instantToSerial(utcMs: number, tz: string): number {
  return utcToWall(tz, utcMs) / DAY_MS + SERIAL_EPOCH_OFFSET;
}

/** Instant (epoch ms) of a serial read in tz. */
export function serialToInstant(serial: number, tz: string): number {
  return wallToUtc(tz, serialToWallMs(serial));
}

export function serialToWallMs(serial: number): number {
  return Math.round((serial - SERIAL_EPOCH_OFFSET) * DAY_MS);
}

export function wallMsToSerial(wallMs: number): number {
  return wallMs / DAY_MS + SERIAL_EPOCH_OFFSET;
}

/** Components of a wall-clock ms value (UTC fields). */
export function wallParts(wallMs: number) {
  const d = new Date(wallMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(), // 0 = Sunday
  };
}

export { DAY_MS };
