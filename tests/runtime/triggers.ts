/** Installed triggers and when time-driven ones fire on the virtual clock. */
import { DAY_MS, utcToWall, wallToUtc } from './tz';

export type TriggerType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface FakeTrigger {
  id: string;
  handlerFunction: string;
  user: string;
  type: TriggerType;
  /** The document the trigger belongs to (add-on triggers are per document). */
  spreadsheetId?: string;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  weekDay?: string;
  monthDay?: number;
  timeZone?: string;
  /** one-off time (at(), after(), atDate()) */
  at?: number;
  createdAt: number;
}

export interface DueTrigger {
  trigger: FakeTrigger;
  at: number;
}

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Deterministic fraction in [0, 1) from a trigger id (the "randomized" minute Google picks). */
export function jitter(id: string, salt = ''): number {
  let h = 2166136261;
  for (const ch of id + '#' + salt) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h / 4294967296;
}

/** Fire times of one trigger in [fromMs, toMs). */
export function fireTimes(t: FakeTrigger, fromMs: number, toMs: number, scriptTimeZone: string): number[] {
  if (t.type !== 'CLOCK' || toMs <= fromMs) return [];
  const out: number[] = [];
  if (t.at !== undefined) {
    if (t.at >= fromMs && t.at < toMs) out.push(t.at);
    return out;
  }
  const period = t.everyMinutes ? t.everyMinutes * 60000 : t.everyHours ? t.everyHours * 3600000 : 0;
  if (period) {
    const first = t.createdAt + Math.max(1, Math.floor(jitter(t.id) * period));
    const k0 = Math.max(0, Math.ceil((fromMs - first) / period));
    for (let k = k0; ; k++) {
      const at = first + k * period;
      if (at >= toMs) break;
      if (at >= fromMs) out.push(at);
    }
    return out;
  }
  const tz = t.timeZone ?? scriptTimeZone;
  const startDay = Math.floor(utcToWall(tz, t.createdAt) / DAY_MS);
  const fromDay = Math.max(startDay, Math.floor(utcToWall(tz, fromMs) / DAY_MS) - 1);
  const toDay = Math.floor(utcToWall(tz, toMs) / DAY_MS) + 1;
  const hour = t.atHour ?? Math.floor(jitter(t.id, 'h') * 24);
  const minute = t.nearMinute ?? Math.floor(jitter(t.id, 'm') * 60);
  for (let d = fromDay; d <= toDay; d++) {
    const wd = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    if (t.monthDay !== undefined) {
      if (new Date(d * DAY_MS).getUTCDate() !== t.monthDay) continue;
    } else if (t.everyWeeks) {
      const target = t.weekDay ? WEEKDAYS.indexOf(t.weekDay) : ((startDay + 4) % 7 + 7) % 7;
      if (wd !== target) continue;
      if (Math.floor((d - startDay) / 7) % t.everyWeeks !== 0) continue;
    } else if (t.weekDay) {
      if (wd !== WEEKDAYS.indexOf(t.weekDay)) continue;
    } else {
      const n = t.everyDays ?? 1;
      if ((d - startDay) % n !== 0) continue;
    }
    const at = wallToUtc(tz, d * DAY_MS + hour * 3600000 + minute * 60000);
    if (at > t.createdAt && at >= fromMs && at < toMs) out.push(at);
  }
  return out;
}

export function dueTriggers(triggers: FakeTrigger[], fromMs: number, toMs: number, scriptTimeZone: string): DueTrigger[] {
  const out: DueTrigger[] = [];
  for (const t of triggers) for (const at of fireTimes(t, fromMs, toMs, scriptTimeZone)) out.push({ trigger: t, at });
  return out.sort((a, b) => a.at - b.at || (a.trigger.id < b.trigger.id ? -1 : 1));
}

export { WEEKDAYS };
