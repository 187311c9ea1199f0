/** Java SimpleDateFormat patterns, as Utilities.formatDate uses them (English names). */
import { fixedOffsetOf, isValidTimeZone, tzOffsetMs, wallParts } from './tz';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_NAMES: Record<string, string> = {
  'Europe/Moscow': 'MSK',
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
  GMT: 'GMT',
  'Etc/GMT': 'GMT',
  'Europe/London': '', // GMT/BST, resolved below
};

/** Java falls back to GMT for an unknown time zone id. */
export function resolveJavaTimeZone(tz: string): string {
  if (typeof tz === 'string' && (isValidTimeZone(tz) || fixedOffsetOf(tz) !== undefined)) return tz;
  return 'GMT';
}

const pad = (n: number, w: number) => (n < 0 ? '-' + String(-n).padStart(w, '0') : String(n).padStart(w, '0'));

function offsetText(offMs: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (offMs === 0 && style !== 'Z') return 'Z';
  const sign = offMs < 0 ? '-' : '+';
  const a = Math.abs(offMs) / 60000;
  const h = pad(Math.floor(a / 60), 2);
  const m = pad(a % 60, 2);
  if (style === 'X1') return sign + h;
  if (style === 'X3') return `${sign}${h}:${m}`;
  return sign + h + m;
}

function shortZoneName(tz: string, utcMs: number, offMs: number): string {
  const known = SHORT_NAMES[tz];
  if (known) return known;
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })
      .formatToParts(new Date(utcMs))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part && !/^GMT[+-]/.test(part)) return part;
  } catch {
    /* fixed offsets */
  }
  if (offMs === 0) return 'GMT';
  return 'GMT' + offsetText(offMs, 'X3');
}

function longZoneName(tz: string, utcMs: number): string {
  try {
    return (
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')
        ?.value ?? tz
    );
  } catch {
    return tz;
  }
}

export class PatternError extends Error {}

export function formatJavaDate(utcMs: number, tzIn: string, pattern: string): string {
  const tz = resolveJavaTimeZone(tzIn);
  const off = tzOffsetMs(tz, utcMs);
  const p = wallParts(utcMs + off);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let lit = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          break;
        }
        lit += pattern[j++];
      }
      out += lit;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (j < pattern.length && pattern[j] === ch) j++;
    const n = j - i;
    i = j;
    switch (ch) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
      case 'u':
        if (ch === 'u') {
          out += pad(p.weekday === 0 ? 7 : p.weekday, n);
          break;
        }
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'D': {
        const doy = Math.floor((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
        out += pad(doy, n);
        break;
      }
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        break;
      case 'F':
        out += pad(Math.floor((p.day - 1) / 7) + 1, n);
        break;
      case 'w': {
        // ISO-like week of year (Java's default US rules differ slightly at year edges)
        const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
        const dayNum = (p.weekday + 6) % 7;
        d.setUTCDate(d.getUTCDate() - dayNum + 3);
        const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
        const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
        out += pad(week, n);
        break;
      }
      case 'W':
        out += pad(Math.floor((p.day - 1 + new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay()) / 7) + 1, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.ms, n);
        break;
      case 'z':
        out += n >= 4 ? longZoneName(tz, utcMs) : shortZoneName(tz, utcMs, off);
        break;
      case 'Z':
        out += offsetText(off, 'Z');
        break;
      case 'X':
        if (n > 3) throw new PatternError(`Illegal pattern character 'X'`);
        out += offsetText(off, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
      default:
        throw new PatternError(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}
